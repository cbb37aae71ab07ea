"""Transforming tensors (note 003's tensor-transform sections, note 000 "获取维度")."""
import numpy as np

from tests.reference.versioned import observe


def test_reduce_along_an_axis_drops_it():
    assert observe("reduce_ops") == {
        "sum_axis1": [6.0, 15.0], "mean_axis0": [2.5, 3.5, 4.5], "sum_all": 21.0,
        "sum_reduction_indices": [6.0, 15.0],
        "int_mean_axis0": [2, 3],  # integer mean truncates: (1 + 4) // 2, (2 + 4) // 2
        "shapes": {"sum_axis1": [2], "mean_axis0": [3], "sum_all": [],
                   "sum_reduction_indices": [2], "int_mean_axis0": [2]}}


def test_concat_split_and_the_old_argument_orders():
    assert observe("concat_and_split") == {
        "axis0": [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]],
        "axis1": [[1, 2, 3, 7, 8, 9], [4, 5, 6, 10, 11, 12]],
        "split0_shape": [5, 10], "split_static_shapes": [[5, 10], [5, 10], [5, 10]],
        "old_concat": {"type": "ValueError", "message": "Shape (2, 2, 3) must have rank 0"},
        "old_split": {"type": "TypeError", "message": "Input 'split_dim' of 'Split' Op has type "
                      "float32 that does not match expected type of int32."},
        # the echo RNN's concat(1, [[5, 1], [5, 4]]): the two tensors are packed as the axis
        "old_concat_echo": {"type": "ValueError", "message": "Dimension 1 in both shapes must be "
                            "equal, but are 1 and 4. Shapes are [5,1] and [5,4]."},
        "concat_echo_shape": [5, 5],  # 1 input column + 4 state columns
        "concat_v2": {"type": "AttributeError",
                      "message": "module 'tensorflow.compat.v1' has no attribute 'concat_v2'"},
        "np_concatenate_shapes": [[6, 4, 5], [3, 8, 5]]}


def test_squeeze_with_and_without_axes():
    assert observe("squeeze_dims") == {
        "axes_2_4": [3, 4, 6], "all": [3, 4, 6], "axes_empty": [3, 4, 6],  # [] means all
        "unknown_static": "<unknown>",
        "unknown_axis1_static": [None, 3],
        "batch_of_one_runtime_shape": [3],  # the batch dimension is squeezed away too
        "batch_of_two_runtime_shape": [2, 3]}


def test_embedding_lookup_and_expand_dims():
    assert observe("embedding_lookup_and_expand_dims") == {
        "embedding_lookup": [[[4, 5, 6], [7, 8, 9]], [[1, 2, 3], [4, 5, 6]]],
        "expand_t": [[1, 2], [2, 1], [2, 1]],
        "expand_t2": [[1, 2, 3, 5], [2, 3, 1, 5], [2, 3, 5, 1]],
        "expanded_dim": {"type": "AttributeError",
                         "message": "module 'tensorflow.compat.v1' has no attribute "
                                    "'expanded_dim'"}}


def test_slice_and_gather():
    assert observe("slice_and_gather") == {
        "slice_113": [[[3, 3, 3]]], "slice_123": [[[3, 3, 3], [4, 4, 4]]],
        "slice_213": [[[3, 3, 3]], [[5, 5, 5]]],
        "gather_0_2": [[[1, 1, 1], [2, 2, 2]], [[5, 5, 5], [6, 6, 6]]],
        "gather_validate_indices": [[[1, 1, 1], [2, 2, 2]], [[5, 5, 5], [6, 6, 6]]],
        "gather_float_indices": {"type": "TypeError", "message": "Value passed to parameter "
                                 "'indices' has DataType float32 not in list of allowed values: "
                                 "int16, int32, int64"},
        # indices.shape + params.shape[1:], params [3, 2, 3]
        "gather_shapes": {"scalar": [2, 3], "vector": [2, 2, 3], "matrix": [2, 2, 2, 3]}}


def test_stack_and_unstack():
    assert observe("stack_and_unstack") == {
        "c": [[3, 2, 4, 5, 6], [1, 6, 7, 8, 0]], "d": [[3, 1], [2, 6], [4, 7], [5, 8], [6, 0]],
        "e": [[3, 2, 4, 5, 6], [1, 6, 7, 8, 0]], "f": [[3, 1], [2, 6], [4, 7], [5, 8], [6, 0]],
        "xyz": [[1, 4], [2, 5], [3, 6]], "xyz_axis1": [[1, 2, 3], [4, 5, 6]],
        "stack_abc_shapes": [[2, 3, 4, 5], [3, 2, 4, 5]],  # N = 2 of (A, B, C) = (3, 4, 5)
        "unstack_columns": [15, [5]]}  # num_steps 15 inputs of batch_size 5


def test_pad_modes():
    assert observe("pad_modes") == {
        "notes_constant": [[0, 0, 0, 0], [0, 1, 2, 0], [0, 1, 2, 0], [0, 0, 0, 0]],
        "top_and_right": [[0, 0, 0, 0], [1, 2, 0, 0], [1, 2, 0, 0]],  # [[top 1, bottom 0],
        #                                                               [left 0, right 2]]
        "constant": [[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]],
        "reflect": [[4, 3, 4, 3], [2, 1, 2, 1], [4, 3, 4, 3], [2, 1, 2, 1]],
        "symmetric": [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]],
        "unknown_mode": {"type": "ValueError", "message": "Value of argument `mode` expected to "
                         "be one of \"CONSTANT\", \"REFLECT\", or \"SYMMETRIC\". "
                         "Received `mode` = EDGE"}}


def test_tf_shape_is_a_tensor_get_shape_is_static():
    assert observe("shape_vs_get_shape") == {
        "x": [2, 3], "y": [2, 3], "z": [2, 3, 4], "z_2": 4, "shape_is_tensor": True,
        "get_shape_type": "TensorShape", "get_shape_as_list": [2, 3],
        "get_shape_repr": "TensorShape([Dimension(2), Dimension(3)])",
        "get_shape_0_repr": "Dimension(2)",
        "run_get_shape": {"type": "TypeError", "message": (
            'Argument `fetch` = (2, 3) has invalid type "TensorShape" must be a string or '
            "Tensor. (Can not convert a TensorShape into a Tensor or Operation.)")},
        "list_get_shape": {"type": "AttributeError",
                           "message": "'list' object has no attribute 'get_shape'"},
        "numpy_get_shape": {"type": "AttributeError",
                            "message": "'numpy.ndarray' object has no attribute 'get_shape'"},
        "with_rank_at_least_2": [2, 3],
        "with_rank_at_least_3": {"type": "ValueError",
                                 "message": "Shape (2, 3) must have rank at least 3"},
        "notes_listing": [["Shape:0", [2], "int32"], ["Shape_1:0", [2], "int32"],
                          ["Shape_2:0", [3], "int32"]],
        "notes_listing_syntax": [
            {"type": "SyntaxError", "message": "'(' was never closed (<notes>, line 1)"},
            {"type": "SyntaxError", "message": "unmatched ')' (<notes>, line 1)"}]}


def test_notes_000_split_as_written_gives_pieces_of_one_by_batch_times_n_input():
    got = observe("lstm_input_split_as_written")
    inputs = np.sin(np.arange(2 * 4 * 3, dtype=np.float32)).reshape(2, 4, 3)
    assert got.pop("pieces") == [[inputs[:, t].ravel().tolist()] for t in range(4)]
    assert got == {
        "flat_shape": [4, 6], "piece_shapes": [[1, 6]] * 4,  # [1, batch*n_input], not [2, 3]
        "notes_split": {"type": "TypeError", "message": "Input 'split_dim' of 'Split' Op has "
                        "type float32 that does not match expected type of int32."}}


def test_reverse_sequence_reverses_each_row_up_to_its_length():
    rows = [[6, 5, 4, 3, 2, 1, 0, 7], [9, 8, 10, 11, 12, 13, 14, 15],
            [18, 17, 16, 19, 20, 21, 22, 23], [28, 27, 26, 25, 24, 29, 30, 31]]
    assert observe("reverse_sequence_up_to_lengths") == {
        "batch_major": rows, "time_major": rows, "reverse": [[7, 6, 5, 4, 3, 2, 1, 0]]}
