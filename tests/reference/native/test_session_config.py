"""The TF2-native counterparts of reference/session_config.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_soft_placement_is_a_switch_and_the_rest_is_set_at_start_up(native, tf1_as_recorded):
    got, tf1 = native["tf_config_placement"], tf1_as_recorded["device_placement"]
    keys = ["value", "soft", "soft_placed_on_existing_device"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["soft_by_default"] is True  # TF1 sessions needed allow_soft_placement=True
    assert got["hard"]["type"] == tf1["hard"]["type"] == "InvalidArgumentError"
    assert got["hard"]["message"].startswith(  # the GPU index is one past this machine's count
        "Could not satisfy device specification '/job:localhost/replica:0/task:0/device:GPU:")
    assert "enable_soft_placement=0" in got["hard"]["message"]
    # set once the runtime is up, placement logging is accepted and logs nothing
    assert got["log_after_start_up"] == []
    assert got["threads_after_start_up"] == {
        "type": "RuntimeError", "message": "Inter op parallelism cannot be modified after "
                                           "initialization."}
    at_start = got["at_start_up"]  # a fresh process that sets them before its first op
    assert set(tf1["log"]) < set(at_start["log"])  # the function adds Identity and _Retval
    assert at_start["log"] == ["Identity: (Identity)", "a: (Const)", "b/y: (Const)",
                               "b: (AddV2)", "identity_RetVal: (_Retval)"]
    assert at_start["log_names_devices"] is tf1["log_names_devices"] is True
    assert {k: at_start[k] for k in ("value", "inter_op_threads", "logical_devices")} == {
        "value": 3.0, "inter_op_threads": 2, "logical_devices": ["/device:CPU:0",
                                                                 "/device:CPU:1"]}


def test_gpu_memory_options_become_device_settings_fixed_at_start_up(native, tf1_as_recorded):
    got, tf1 = native["tf_config_memory"], tf1_as_recorded["gpu_options"]
    assert same(got, tf1, ["results"]) == {"results": 0.0}
    assert tf1["fraction"] == 0.7 and got["memory_limit_mb"] == 700  # a cap in MB, not a share
    assert got["memory_growth_on_cpu"] == {
        "type": "ValueError", "message": "Cannot set memory growth on non-GPU and non-Pluggable "
                                         "devices"}
    assert got["memory_limit_on_cpu"] == {
        "type": "ValueError",
        "message": "Setting memory limit on CPU virtual devices is currently not supported"}
    assert got["logical_devices_after_start_up"] == {
        "type": "RuntimeError", "message": "Virtual devices cannot be modified after being "
                                           "initialized"}


def test_a_keras_optimizer_also_puts_its_slot_on_the_variables_device(native, tf1_as_recorded):
    got = native["keras_slots_follow_the_variable"]
    tf1 = tf1_as_recorded["optimizer_slots_follow_the_variable"]
    assert same(got, tf1, ["first_gradient"]) == {"first_gradient": 0.0}
    assert {k: got["devices"][k] for k in ("w", "gradient")} == {
        k: tf1["devices"][k] for k in ("w", "gradient")}  # CPU:0 and the scope's CPU:1
    assert got["devices"]["slot"] == ["sgd/w_0_momentum", "/device:CPU:0"]  # w's device
    assert tf1["devices"]["slot"] == ["w/Momentum", "/device:CPU:0"]
    assert got["after_one_step"]["w"] == tf1["after_one_step"]["w"] == 2.4000000953674316
    # Keras keeps the velocity -0.1 * 6 (w += m), TF1 the accumulated gradient 6 (w -= 0.1 * a)
    assert abs(got["after_one_step"]["slot"] - -0.6) <= 1e-7
    assert tf1["after_one_step"]["slot"] == 6.0
