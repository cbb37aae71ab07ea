"""Gradients (note 003 tf.gradients / stop_gradient / 高阶导数; note 000 clip_by_global_norm)."""
import numpy as np

from tests.reference.versioned import observe


def test_gradients_weighted_by_grad_ys():
    assert observe("gradients_with_grad_ys") == {
        # w3 feeds both z1 and z2: [2,2,3] + [3,2,4]
        "grads": [[2.0, 2.0, 3.0], [2.0, 2.0, 3.0], [5.0, 4.0, 7.0], [3.0, 2.0, 4.0]],
        "unconnected": [True, False], "zero": [[0.0, 0.0, 0.0]]}


def test_stop_gradient_cuts_one_path_and_training_still_runs():
    got = observe("stop_gradient_blocks_one_path")
    assert got.pop("all_stopped") == {"type": "ValueError", "message":
        "No gradients provided for any variable, check your graph for ops that do not support "
        "gradients, between variables [\"<tf.Variable 'w1:0' shape=() dtype=float32_ref>\", "
        "\"<tf.Variable 'w2:0' shape=() dtype=float32_ref>\"] and loss "
        "Tensor(\"StopGradient_1:0\", shape=(), dtype=float32, device=/device:CPU:0)."}
    assert got == {"grad_is_none": [True, False], "grad_w2": [6.0], "train_op_returns": None,
                   "after_step": [2.0, 1.399999976158142],  # 2 - 0.1 * 6 in float32
                   "e_grads": [1.0, 1.0],
                   "three_steps": {  # from w1 = w2 = 2 again: b = 6 * w2, w2 -= 0.1 * 6
                       "b": [12.0, 8.399999618530273, 4.799999713897705],
                       "grad_w2": [6.0, 6.0, 6.0],
                       "after": [[2.0, 1.399999976158142], [2.0, 0.7999999523162842],
                                 [2.0, 0.19999992847442627]]}}


def test_second_derivatives():
    assert observe("higher_order_gradients") == {"first_second": [2.0, 2.0],
                                                 "add_second_is_none": True}


def test_compute_process_apply():
    assert observe("compute_clip_apply") == {
        "pairs": [[True, "w"], [False, "unused"]], "raw_gradient": 6.0,
        "w_after": 2.5,  # 3 - 0.5 * clip(6, -1, 1)
        "trainable": ["w", "unused"],
        "apply_grandient": {"type": "AttributeError", "message":
                            "'GradientDescentOptimizer' object has no attribute 'apply_grandient'"},
        "three_steps": {"loss": [9.0, 6.25, 4.0], "raw_gradient": [6.0, 5.0, 4.0],  # 2 * w
                        "clipped": [1.0, 1.0, 1.0], "after": [2.5, 2.0, 1.5]}}


def test_clip_by_global_norm_scales_by_clip_over_norm():
    got = observe("clip_by_global_norm_formula")
    formula = [[15 / 13, 20 / 13], [60 / 13]]  # t * 5 / max(13, 5), in float64
    assert got.pop("by_formula") == formula
    for clipped, expected in zip(got["clipped"], formula):
        np.testing.assert_allclose(clipped, expected, rtol=1e-6)  # float32 rounding
    assert got == {
        "clipped": [[1.1538461446762085, 1.5384615659713745], [4.615384578704834]],  # * 5 / 13
        "norm": 13.0, "unclipped": [[3.0, 4.0], [12.0]]}
