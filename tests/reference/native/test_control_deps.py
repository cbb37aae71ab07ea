"""The TF2-native counterparts of reference/control_deps.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same

EMA = [[0.20000004768371582], [0.4800001084804535], [0.832000195980072]]  # 2, 3, 4 averaged


def test_a_read_written_after_the_step_is_the_updated_weight(native, tf1_as_recorded):
    got, tf1 = native["read_after_update"], tf1_as_recorded["identity_after_update"]
    assert same(got, tf1, ["updated"]) == {"updated": 0.0}
    assert got["updated"] == [0.5, 0.25, 0.125]  # w - 0.25 * 2w
    # the order written: a read before the update gives the old weight, after it the new
    assert got["read_before_and_after"] == [[1.0, 0.5], [0.5, 0.25], [0.25, 0.125]]
    assert got["minize"] == {"type": "AttributeError",
                             "message": "'SGD' object has no attribute 'minize'"}
    # the base class still cannot be built bare; Keras's needs only a learning rate
    assert got["optimizer_base"] == {"type": "TypeError", "message": "BaseOptimizer.__init__() "
                                     "missing 1 required positional argument: 'learning_rate'"}
    assert tf1["optimizer_base"]["type"] == "TypeError"


def test_the_average_read_after_apply_moves_without_the_identity_fix(native, tf1_as_recorded):
    got, tf1 = native["ema_read_in_order"], tf1_as_recorded[
        "dependency_on_existing_tensor_is_ignored"]
    assert tf1["broken"] == [[0.0], [0.0], [0.0]]  # TF1: the dependency was ignored
    assert tf1["fixed"] == EMA
    # exact: the same float32 ops, shadow -= (shadow - value) * (1 - 0.9), in the same order;
    # in TF2 all three forms (no identity, identity, no control_dependencies) are TF1's fix
    forms = ["broken", "fixed", "in_order"]
    assert same(got, dict.fromkeys(forms, tf1["fixed"]), forms) == dict.fromkeys(forms, 0.0)
    assert got["average"] == {"is_variable": True, "name": "update/ExponentialMovingAverage:0"}
    assert got["apply_to_a_tensor"] == {
        "type": "TypeError", "message": "tf.train.ExponentialMovingAverage does not support "
                                        "non-Variable tensors when eager execution is enabled."}


def test_the_update_in_a_function_runs_before_the_read_on_every_call(native, tf1_as_recorded):
    got, tf1 = native["update_runs_before_the_read"], tf1_as_recorded[
        "variable_inside_dependencies_drops_them"]
    assert same(got, tf1, ["w1_reads"]) == {"w1_reads": 0.0}
    assert (tf1["w_after_reading_w1"], tf1["w_after_running_identity"]) == (1.0, 2.0)
    assert got["w_after_reading_w1"] == 4.0  # 1 + three updates: the dependency is never lost
    assert got["w_after_running_identity"] == 5.0  # and one more with the identity
    # the notes' program: TF1 never ran ema_op ([0.0, 2.0], w stays 1); in order, every step
    # updates and averages: 0.1 * 2, 0.9 * 0.2 + 0.1 * 3, ... as TF1's identity fix
    assert tf1["notes_program"] == {"printed": [[0.0, 2.0]] * 3, "w": 1.0}
    assert got["notes_program"] == {"printed": [[e, 2.0] for [e] in EMA], "w": 4.0}
