"""ConfigProto (note 003): placement log, soft placement, GPU options."""
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
