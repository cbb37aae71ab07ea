"""Creating tensors (note 001 §1.1-1.17, note 000): exact values, dtypes and errors."""
import numpy as np

from tests.reference.versioned import observe


def _unexpected(keyword):
    return {"type": "TypeError", "message": f"Got an unexpected keyword argument '{keyword}'"}


def test_creation_ops_give_the_notes_values():
    got = observe("creation_ops")
    assert got.pop("dtypes") == {
        "ones": "int32", "zeros": "int32", "ones_default": "float32", "zeros_default": "float32",
        "ones_like": "int32", "zeros_like": "int32",
        "fill": "int32", "constant_list": "int32", "constant_scalar_shape": "float32",
        "linspace": "float32", "linspace_ints": "float64",  # not only float32/float64 inputs
        "range_3_18_3": "int32", "range_floats": "float32",  # not only int32
        "range_5": "int32"}
    assert got == {
        "ones": [[1, 1, 1], [1, 1, 1]], "zeros": [[0, 0, 0], [0, 0, 0]],
        "ones_default": [[1.0] * 3] * 2, "zeros_default": [[0.0] * 3] * 2,
        "ones_like": [[1, 1, 1], [1, 1, 1]], "zeros_like": [[0, 0, 0], [0, 0, 0]],
        "fill": [[9, 9, 9], [9, 9, 9]], "constant_list": [1, 2, 3, 4, 5, 6, 7],
        "constant_scalar_shape": [[-1.0, -1.0, -1.0], [-1.0, -1.0, -1.0]],
        "linspace": [10.0, 11.0, 12.0],  # (12 - 10) / (3 - 1) = 1 apart, both ends included
        "linspace_ints": [10.0, 11.0, 12.0],
        "range_3_18_3": [3, 6, 9, 12, 15], "range_floats": [3.0, 6.0, 9.0, 12.0, 15.0],
        "range_5": [0, 1, 2, 3, 4],
        "type_keyword": _unexpected("type"), "zeros_type_keyword": _unexpected("type"),
        "like_dype_keyword": [_unexpected("dype"), _unexpected("dype")],  # the keyword is dtype
        "constant_names": ["Const", "Const_1"]}  # name='Const' by default, made unique


def test_random_normal_defaults_are_standard_normal_and_an_op_seed_repeats():
    got = observe("random_normal_defaults_and_op_seed")
    mean, std = got.pop("weights_in_mean"), got.pop("weights_in_std")
    assert abs(mean - 0.0) <= 0.05 and abs(std - 1.0) <= 0.05  # 3584 draws of N(0, 1)
    assert (mean, std) == (0.0039016210939735174, 1.0036580562591553)
    draw = [-0.8113182187080383, 1.4845987558364868, 0.06532937288284302]
    assert got == {"defaults": draw, "explicit": draw,  # mean=0.0, stddev=1.0 are the defaults
                   "new_graph": draw,  # seed=1 without a graph seed: the same in a new graph
                   "weights_in_shape": [28, 128], "weights_in_dtype": "float32"}


def test_div_still_exists_and_floors_integers():
    assert observe("div_is_python2_division") == {
        "cost": 0.20000000298023224,  # (1 + 2 + 3 + 4) / 50 in float32
        "cost_name": "average_cost:0", "floats": 2.5, "ints": 3, "negative_ints": -4,
        "divide": 3.5}


def test_graph_seed_fixes_every_random_op():
    got = observe("random_ops_with_seeds")
    new_graph = got.pop("new_graph")
    assert new_graph == {k: got[k] for k in ("normal", "truncated", "uniform", "shuffled")}
    truncated, uniform = got.pop("truncated"), got.pop("uniform")
    assert len(truncated) == len(uniform) == 100
    assert max(map(abs, truncated)) <= 2 * 0.1  # within 2 stddev of the mean 0
    assert -1 <= min(uniform) and max(uniform) < 1  # [minval, maxval)
    assert [max(map(abs, truncated)), min(uniform), max(uniform)] == [
        0.19449205696582794, -0.9767227172851562, 0.9803693294525146]
    assert got == {
        "normal": [0.30520468950271606, 0.5671377778053284, 0.4185227155685425],
        "shuffled": [[3, 4], [2, 3], [1, 2]],  # rows moved, each row intact
        "shuffled_rows_sorted": [[1, 2], [2, 3], [3, 4]]}


def test_variable_from_numpy_placeholder_multiply_and_matmul():
    assert observe("variables_feeds_and_matmul") == {
        "w": [[1, 1, 1], [1, -8, 1], [1, 1, 1]], "w_dtype": "int64",
        "zeros": [[0.0] * 3] * 3, "mul": 6, "mul_dtype": "int16",
        "product": [[60.0] * 3] * 3,  # each entry sums 3 products 5 * 4
        "initialize_all_variables_op": "NoOp"}


def test_argmax_axis_and_the_old_dimension_keyword():
    got = observe("argmax_axis_and_dimension")
    a = np.array(got.pop("a"))
    assert got.pop("argmax_axis0") == a.argmax(0).tolist() == [0, 2, 0, 1]
    assert got.pop("argmax_dimension1") == a.argmax(1).tolist() == [2, 3, 1]
    assert got == {"axis0_shape": [4], "dimension1_shape": [3], "dtype": "int64"}


def test_moments_and_batched_matmul_replace_batch_mul():
    assert observe("moments_and_batch_matmul") == {
        "mean": [2.0, 4.0], "variance": [1.0, 4.0],  # columns [1, 3] and [2, 6]
        "batched_shape": [128, 50, 50],
        "batch_mul": {"type": "AttributeError",
                      "message": "module 'tensorflow.compat.v1' has no attribute 'batch_mul'"}}


def test_dropout_zeroes_or_scales_by_one_over_keep_prob():
    got = observe("dropout_scales_what_it_keeps")
    assert 0.4 < got["kept_fraction"] < 0.6  # about keep_prob 0.5 of the 1000
    assert got == {
        "train_values": [0.0, 2.0], "kept_fraction": 0.48,  # 480 kept with the graph seed
        "evaluate_values": [1.0], "rate_values": [0.0, 2.0]}


def test_layer_normalization_by_hand_is_the_keras_layer():
    got = observe("layer_normalization")
    np.testing.assert_allclose(got.pop("keras_layer"), got["normalized"], atol=1e-6, rtol=0)
    keras_scaled, notes = np.array(got.pop("keras_scaled")), np.array(got.pop("notes_formula"))
    np.testing.assert_allclose(keras_scaled, 2 * np.array(got["normalized"]) + 0.5, atol=1e-6,
                               rtol=0)  # gamma 2, beta 0.5 are the notes' W and b
    assert notes.tolist() == [  # 2 * (A - mu) / sigma + 0.5, sigma = sqrt(3.5) and 2
        [-1.638089895248413, -0.5690449476242065, 0.5, 3.70713472366333], [-1.5, -1.5, 2.5, 2.5]]
    assert np.abs(notes - keras_scaled).max() <= 5e-4  # only the layer's epsilon 1e-3 differs
    assert got == {
        "mean": [3.0, 2.0], "variance": [3.5, 4.0],  # (4 + 1 + 0 + 9) / 4, (4 + 4 + 4 + 4) / 4
        "normalized": [[-1.0688923597335815, -0.5344461798667908, 0.0, 1.6033384799957275],
                       [-0.9998750686645508, -0.9998750686645508, 0.9998750686645508,
                        0.9998750686645508]],  # 2 / sqrt(4 + 0.001)
        "contrib": {"type": "AttributeError",
                    "message": "module 'tensorflow.compat.v1' has no attribute 'contrib'"}}


def test_random_normal_with_a_number_as_the_shape_fails_at_graph_build():
    assert observe("random_normal_number_as_shape") == {
        "notes": {"type": "ValueError",
                  "message": "Shape must be rank 1 but is rank 0 for '{{node random_normal/"
                             "RandomStandardNormal}} = RandomStandardNormal[T=DT_INT32, "
                             "dtype=DT_FLOAT, seed=0, seed2=0](random_normal/shape)' with input "
                             "shapes: []."},
        "list": [128, 10]}
