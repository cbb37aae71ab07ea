"""Creating tensors (note 001 §1.1-1.17, note 000): exact values, dtypes and errors."""
from reference.catalogue import observe


def test_creation_ops_give_the_notes_values():
    got = observe("creation_ops")
    assert got.pop("dtypes") == {
        "ones": "int32", "zeros": "int32", "ones_like": "int32", "zeros_like": "int32",
        "fill": "int32", "constant_list": "int32", "constant_scalar_shape": "float32",
        "linspace": "float32", "range_3_18_3": "int32", "range_5": "int32"}
    assert got == {
        "ones": [[1, 1, 1], [1, 1, 1]], "zeros": [[0, 0, 0], [0, 0, 0]],
        "ones_like": [[1, 1, 1], [1, 1, 1]], "zeros_like": [[0, 0, 0], [0, 0, 0]],
        "fill": [[9, 9, 9], [9, 9, 9]], "constant_list": [1, 2, 3, 4, 5, 6, 7],
        "constant_scalar_shape": [[-1.0, -1.0, -1.0], [-1.0, -1.0, -1.0]],
        "linspace": [10.0, 11.0, 12.0],  # (12 - 10) / (3 - 1) = 1 apart, both ends included
        "range_3_18_3": [3, 6, 9, 12, 15], "range_5": [0, 1, 2, 3, 4],
        "type_keyword": {"type": "TypeError", "message": "Got an unexpected keyword argument 'type'"}}


def test_graph_seed_fixes_every_random_op():
    assert observe("random_ops_with_seeds") == {
        "normal": [0.30520468950271606, 0.5671377778053284, 0.4185227155685425],
        "same_in_a_new_graph": True, "truncated_within_2_stddev": True,
        "uniform_within": True,
        "shuffled": [[3, 4], [2, 3], [1, 2]],  # rows moved, each row intact
        "shuffled_rows_sorted": [[1, 2], [2, 3], [3, 4]]}


def test_variable_from_numpy_placeholder_multiply_and_matmul():
    assert observe("variables_feeds_and_matmul") == {
        "w": [[1, 1, 1], [1, -8, 1], [1, 1, 1]], "w_dtype": "int64",
        "zeros": [[0.0] * 3] * 3, "mul": 6, "mul_dtype": "int16",
        "product": [[60.0] * 3] * 3,  # each entry sums 3 products 5 * 4
        "initialize_all_variables_op": "NoOp"}


def test_argmax_axis_and_the_old_dimension_keyword():
    assert observe("argmax_axis_and_dimension") == {
        "axis0_shape": [4], "dimension1_shape": [3], "dtype": "int64", "matches_numpy": True}


def test_moments_and_batched_matmul_replace_batch_mul():
    assert observe("moments_and_batch_matmul") == {
        "mean": [2.0, 4.0], "variance": [1.0, 4.0],  # columns [1, 3] and [2, 6]
        "batched_shape": [128, 50, 50],
        "batch_mul": {"type": "AttributeError",
                      "message": "module 'tensorflow.compat.v1' has no attribute 'batch_mul'"}}


def test_dropout_zeroes_or_scales_by_one_over_keep_prob():
    assert observe("dropout_scales_what_it_keeps") == {
        "train_values": [0.0, 2.0], "kept_fraction_within_0.4_0.6": True,
        "evaluate_values": [1.0], "rate_values": [0.0, 2.0]}


def test_layer_normalization_by_hand_is_the_keras_layer():
    assert observe("layer_normalization") == {
        "mean": [3.0, 2.0], "variance": [3.5, 4.0],  # (4 + 1 + 0 + 9) / 4, (4 + 4 + 4 + 4) / 4
        "normalized": [[-1.068892002105713, -0.5344460010528564, 0.0, 1.6033380031585693],
                       [-0.999875009059906, -0.999875009059906, 0.999875009059906,
                        0.999875009059906]],  # 2 / sqrt(4 + 0.001)
        "keras_layer_agrees": True,
        "contrib": {"type": "AttributeError",
                    "message": "module 'tensorflow.compat.v1' has no attribute 'contrib'"}}
