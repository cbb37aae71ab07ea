"""Towers (note 003 multi-GPU): averaged gradients, the note's collections, CPU devices."""
import numpy as np

from tests.reference.versioned import observe


def test_each_towers_gradient_and_three_steps():
    got = observe("towers_average_gradients")
    assert got["tower_gradients"] == [  # of each half's mean loss
        [[-0.9449999332427979], [-1.0799999237060547], [-1.2149999141693115]],
        [[-8.505000114440918], [-9.000000953674316], [-9.495000839233398]]]
    # their mean is the full-batch gradient (equal halves), within 1 ulp of values in [4, 8)
    np.testing.assert_allclose(np.float32(got["tower_gradients"]).mean(0),
                               got["full_batch_gradient"], atol=4.8e-7, rtol=0)
    assert got["weights_after_steps"] == [
        [[0.9724999666213989], [-0.49599993228912354], [2.5355000495910645]],  # w + 0.1 * 4.725..
        [[0.9356449842453003], [-0.5362569093704224], [2.4918410778045654]],
        [[0.9395118951797485], [-0.533000648021698], [2.4944865703582764]]]
    assert (np.float32([[0.5], [-1.0], [2.0]]) - np.float32(got["step"])).tolist() == (
        got["weights_after_steps"][0])


def test_two_towers_average_to_the_full_batch_gradient():
    got = observe("towers_average_gradients")
    got.pop("tower_gradients"), got.pop("weights_after_steps")  # test above
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


def test_the_notes_two_average_gradients_agree_and_the_zip_takes_the_function():
    assert observe("average_gradients_listings") == {
        "first": [[2.0, 4.0], 4.0], "second": [[2.0, 4.0], 4.0],  # [1, 2] and [3, 6]; 3 and 5
        "devices": ["/device:CPU:0"],
        "zip_the_function": {"type": "TypeError", "message": "'function' object is not iterable"},
        "removed": {name: {"type": "AttributeError", "message":
                           f"module 'tensorflow.compat.v1' has no attribute '{name}'"}
                    for name in ("expanded_dim", "concat_v2")}}
