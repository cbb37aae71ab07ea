"""Gradients (note 003 tf.gradients / stop_gradient / 高阶导数; note 000 clip_by_global_norm
and AdamOptimizer)."""
import math

import numpy as np

from tests.reference.versioned import observe

FETCH_NONE = {"raised": {"type": "TypeError", "message":
                         "Argument `fetch` = None has invalid type \"NoneType\". Cannot be None"}}


def test_int32_matmul_has_no_gradient_so_the_notes_right_example_fails_too():
    assert observe("gradients_of_int32_are_none") == {
        "int32": {"wrong_is_none": [True, True], "wrong": FETCH_NONE,
                  "right_is_none": [True], "right": FETCH_NONE,  # notes: [[2, 1]] int32
                  "zero": [[[0, 0]]]},  # the int32 path counts as unconnected
        "float32": {"wrong_is_none": [False, True], "wrong": FETCH_NONE,  # w2: unconnected
                    "right_is_none": [False],
                    "right": [[[2.0, 1.0]]],  # d(w1 @ [[2], [1]]) / dw1 = [[2, 1]]
                    "zero": [[[2.0, 1.0]]]}}


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
    assert observe("higher_order_gradients") == {
        "first_second": [2.0, 2.0],
        "add_first": 2.0, "add_second_is_none": True,  # d(a + a)/da = 2: a constant
        "add_of_square_first_second": [3.0, 2.0]}  # tf.add(a * a, a): 2a + 1, then 2


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



def _first_adam_step(value, grad, lr=0.001, beta2=0.999, epsilon=1e-8):
    """TF1's Adam at t = 1, in float64: m = 0.1 g, v = 0.001 g^2, lr_t = lr * sqrt(0.001) / 0.1,
    so value - lr_t * m / (sqrt(v) + epsilon) = value - lr * g / (|g| + epsilon / sqrt(0.001))."""
    return value - lr * grad / (abs(grad) + epsilon / math.sqrt(1 - beta2))


def test_clipped_gradients_into_adam_step_about_lr():
    got = observe("clipped_adam_step")
    clipped, unclipped = got["clipped"], got["unclipped"]
    norm_13 = [[3 * 5 / 13, 4 * 5 / 13], [12 * 5 / 13]]  # gradients w, b scaled by 5 / 13
    np.testing.assert_allclose(clipped["grads"][0], norm_13[0], rtol=1e-6)  # float32 rounding
    np.testing.assert_allclose(clipped["grads"][1], norm_13[1], rtol=1e-6)
    for run in (clipped, unclipped):  # float32 spacing at 12 is 9.5e-7
        for start, grad, after in zip([3.0, 4.0, 12.0], sum(run["grads"], []),
                                      sum(run["after_step"], [])):
            assert abs(after - _first_adam_step(start, grad)) <= 1e-6
    assert clipped["after_step"] == unclipped["after_step"]  # clipping changes nothing here
    assert clipped["three_steps"]["after"] == unclipped["three_steps"]["after"]
    assert clipped.pop("slots_and_powers") == {
        "beta1_power": 0.809999942779541, "beta2_power": 0.9980010390281677,  # 0.9², 0.999²
        "w/Adam": [0.11538463830947876, 0.15384618937969208],  # (1 - 0.9) * 15/13, 20/13
        "w/Adam_1": [0.0013313437812030315, 0.0023668333888053894],  # (1 - 0.999) * g²
        "b/Adam": [0.46153855323791504], "b/Adam_1": [0.021301500499248505]}
    assert unclipped.pop("slots_and_powers") == {
        "beta1_power": 0.809999942779541, "beta2_power": 0.9980010390281677,
        "w/Adam": [0.30000007152557373, 0.40000009536743164],
        "w/Adam_1": [0.008999884128570557, 0.015999794006347656],
        "b/Adam": [1.200000286102295], "b/Adam_1": [0.1439981460571289]}
    after = [[[2.999000072479248, 3.999000072479248], [11.99899959564209]],  # - 0.001 each
             [[2.998000144958496, 3.998000144958496], [11.99799919128418]],
             [[2.997000217437744, 3.997000217437744], [11.99699878692627]]]
    common = {"update_returns": None, "after_step": after[0],
              "variables": ["w", "b", "beta1_power", "beta2_power", "w/Adam", "w/Adam_1",
                            "b/Adam", "b/Adam_1"],
              "apply_grandient": {"type": "AttributeError", "message":
                                  "'AdamOptimizer' object has no attribute 'apply_grandient'"}}
    loss = [84.5, 84.48100280761719, 84.46199798583984]  # (9 + 16 + 144) / 2, then smaller
    assert clipped == {**common, "grads": [[1.1538461446762085, 1.5384615659713745],
                                           [4.615384578704834]],
                       "three_steps": {"loss": loss, "after": after, "grads": [
                           [[1.1538461446762085, 1.5384615659713745], [4.615384578704834]],
                           [[1.1535911560058594, 1.5382497310638428], [4.615518569946289]],
                           [[1.1533364057540894, 1.5380382537841797], [4.615653038024902]]]}}
    assert unclipped == {**common, "grads": [[3.0, 4.0], [12.0]],
                         "three_steps": {"loss": loss, "after": after,  # gradients: w, b
                                         "grads": [[[3.0, 4.0], [12.0]], *after[:2]]}}
