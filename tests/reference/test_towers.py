"""Towers (note 003 multi-GPU): averaged gradients, the note's collections, CPU devices."""
import numpy as np

from tests.reference.versioned import observe


def test_two_towers_average_to_the_full_batch_gradient():
    got = observe("towers_average_gradients")
    # w moves by the rate 0.1 times the single-device gradient on all 8 rows (float32 rounding)
    np.testing.assert_allclose(got["step"], 0.1 * np.array(got["full_batch_gradient"]),
                               atol=1e-6, rtol=0)
    assert got == {
        "variables": ["model/w"],
        "collections": {"train_model": ["dict", "dict"],
                        "loss": ["model/tower_0/loss:0", "model/tower_1/loss:0"],
                        "predict": ["model/tower_0/predict:0", "model/tower_1/predict:0"],
                        "merge_summary": ["model/tower_0/Merge/MergeSummary:0",
                                          "model/tower_1/Merge/MergeSummary:0"]},
        "tower_devices": ["/device:CPU:0", "/device:CPU:1"],
        "step": [[-0.4724999666213989], [-0.5040000677108765], [-0.5355000495910645]],
        "full_batch_gradient": [[-4.725000381469727], [-5.0400004386901855],
                                [-5.3550004959106445]]}
