"""Towers (note 003 multi-GPU): averaged gradients, the note's collections, CPU devices."""
from reference.catalogue import observe


def test_two_towers_average_to_the_full_batch_gradient():
    assert observe("towers_average_gradients") == {
        "variables": ["model/w"],
        "collections": {"train_model": ["dict", "dict"],
                        "loss": ["model/tower_0/loss:0", "model/tower_1/loss:0"],
                        "predict": ["model/tower_0/predict:0", "model/tower_1/predict:0"],
                        "merge_summary": ["model/tower_0/Merge/MergeSummary:0",
                                          "model/tower_1/Merge/MergeSummary:0"]},
        "tower_devices": ["/device:CPU:0", "/device:CPU:1"],
        "step_equals_full_batch_gradient": True}
