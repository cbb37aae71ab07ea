"""ConfigProto (note 003): placement log, soft placement, GPU options."""
import numpy as np

from tests.reference.versioned import observe


def test_placement_log_and_soft_placement():
    got = observe("device_placement")
    hard = got.pop("hard")
    assert hard["type"] == "InvalidArgumentError"
    assert hard["message"].startswith(  # the GPU index is one past this machine's count
        "Cannot assign a device for operation c: {{node c}} was explicitly assigned to "
        "/device:GPU:")
    assert got == {"value": 3.0, "log": ["a: (Const)", "b/y: (Const)", "b: (AddV2)"],
                   "log_names_devices": True, "soft": 3.0,
                   "soft_placed_on_existing_device": True}


def test_gpu_options_are_proto_fields():
    assert observe("gpu_options") == {
        "allow_growth": True, "fraction": 0.7,
        "text": ["gpu_options {\n  allow_growth: true\n}",
                 "gpu_options {\n  per_process_gpu_memory_fraction: 0.7\n}"],
        "results": [2.0, 2.0]}


def test_optimizer_slots_and_updates_follow_the_variable_not_the_device_scope():
    w_after = float(np.float32(3.0) - np.float32(0.1) * np.float32(6.0))  # ApplyMomentum, float32
    assert w_after == 2.4000000953674316
    assert observe("optimizer_slots_follow_the_variable") == {
        "constructor_ops": 0,  # MomentumOptimizer(0.1, 0.9) itself builds nothing
        "devices": {"w": "/device:CPU:0", "slot": ["w/Momentum", "/device:CPU:0"],
                    "updates": [["ApplyMomentum", "/device:CPU:0"]],  # all under /cpu:1
                    "gradient": "/device:CPU:1"},  # only the gradients follow the scope
        "first_gradient": 6.0,  # d(w * w)/dw at w = 3
        "after_one_step": {"w": w_after, "slot": 6.0}}  # accumulator 0.9 * 0 + 6
