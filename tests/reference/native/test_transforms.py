"""The TF2-native counterparts of reference/transforms.py against the TF1 demonstrations."""
import numpy as np

from tests.reference.native.equivalence import same


def test_eager_reductions_give_the_tf1_values_and_reduction_indices_is_gone(native,
                                                                           tf1_as_recorded):
    got, tf1 = native["reduce_ops_eager"], tf1_as_recorded["reduce_ops"]
    assert got.pop("reduction_indices_keyword") == {
        "type": "TypeError", "message": "Got an unexpected keyword argument 'reduction_indices'"}
    assert tf1["sum_reduction_indices"] == tf1["sum_axis1"] == [6.0, 15.0]  # TF1 only
    tf1 = dict(tf1, shapes={k: v for k, v in tf1["shapes"].items()
                            if k != "sum_reduction_indices"})
    keys = ["sum_axis1", "mean_axis0", "sum_all", "int_mean_axis0", "shapes"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert sorted(got) == sorted(keys)


def test_concat_and_split_and_what_the_old_argument_orders_raise_now(native, tf1_as_recorded):
    got, tf1 = native["concat_and_split_eager"], tf1_as_recorded["concat_and_split"]
    keys = ["axis0", "axis1", "split0_shape", "split_static_shapes", "np_concatenate_shapes",
            "old_concat", "concat_echo_shape"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["old_concat"] == {"type": "ValueError",
                                 "message": "Shape (2, 2, 3) must have rank 0"}
    # split(1, 3, value): the float value lands in `axis`; eagerly the kernel rejects it
    assert got["old_split"] == {
        "type": "InvalidArgumentError",
        "message": "cannot compute Split as input #0(zero-based) was expected to be a int32 "
                   "tensor but is a float tensor [Op:Split] name: split"}
    assert tf1["old_split"]["type"] == "TypeError"  # TF1 fails earlier, building the op
    # concat(1, [[5, 1], [5, 4]]): eagerly the Pack of the "axis" fails in its kernel
    assert got["old_concat_echo"] == {
        "type": "InvalidArgumentError",
        "message": "{{function_node __wrapped__Pack_N_2_device_/job:localhost/replica:0/task:0/"
                   "device:CPU:0}} Shapes of all inputs must match: values[0].shape = [5,1] != "
                   "values[1].shape = [5,4] [Op:Pack] name: concat_dim"}
    assert tf1["old_concat_echo"]["type"] == "ValueError"
    assert got["concat_v2"] == {
        "type": "AttributeError", "message": "module 'tensorflow' has no attribute 'concat_v2'"}


def test_a_squeezed_signature_loses_its_static_shape_as_the_placeholder_did(native,
                                                                            tf1_as_recorded):
    tf1 = tf1_as_recorded["squeeze_dims"]
    assert same(native["squeeze_dims_eager"], tf1, tf1) == dict.fromkeys(tf1, 0.0)
    assert native["squeeze_dims_eager"]["unknown_static"] == "<unknown>"


def test_embedding_lookup_is_a_gather_and_expand_dims_keeps_its_shapes(native, tf1_as_recorded):
    got, tf1 = native["embedding_lookup_and_expand_dims_eager"], tf1_as_recorded[
        "embedding_lookup_and_expand_dims"]
    assert same(got, tf1, ["embedding_lookup", "expand_t", "expand_t2"]) == {
        "embedding_lookup": 0.0, "expand_t": 0.0, "expand_t2": 0.0}
    assert got["gather"] == got["embedding_lookup"] == [[[4, 5, 6], [7, 8, 9]],
                                                         [[1, 2, 3], [4, 5, 6]]]
    assert got["expanded_dim"] == {
        "type": "AttributeError", "message": "module 'tensorflow' has no attribute 'expanded_dim'"}


def test_slice_gather_stack_pad_and_reverse_sequence_are_the_same_ops(native, tf1_as_recorded):
    gather, tf1_gather = native["slice_and_gather_eager"], tf1_as_recorded["slice_and_gather"]
    assert gather["gather_float_indices"] == {  # eagerly the kernel's attr check words it
        "type": "InvalidArgumentError", "message": "Value for attr 'Tindices' of float is not "
        "in the list of allowed values: int16, int32, int64"}
    assert tf1_gather["gather_float_indices"]["type"] == "TypeError"
    keys = set(tf1_gather) - {"gather_float_indices"}
    assert sorted(gather) == sorted(tf1_gather)
    assert same(gather, tf1_gather, keys) == dict.fromkeys(keys, 0.0)
    for name, idiom in [("stack_and_unstack_eager", "stack_and_unstack"),
                        ("pad_modes_eager", "pad_modes"),
                        ("reverse_sequence_eager", "reverse_sequence_up_to_lengths")]:
        tf1 = tf1_as_recorded[idiom]
        assert sorted(native[name]) == sorted(tf1), name
        assert same(native[name], tf1, tf1) == dict.fromkeys(tf1, 0.0), name
    assert native["pad_modes_eager"]["reflect"][1] == [2, 1, 2, 1]


def test_tf_shape_is_an_eager_tensor_and_get_shape_the_static_shape(native, tf1_as_recorded):
    got, tf1 = native["shape_vs_static_shape_eager"], tf1_as_recorded["shape_vs_get_shape"]
    keys = set(tf1) - {"get_shape_repr", "get_shape_0_repr", "run_get_shape"}
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert (got["get_shape_repr"], got["get_shape_0_repr"]) == ("TensorShape([2, 3])", "2")
    assert got["static_shape_as_tensor"] == [2, 3]  # a full TensorShape converts to a tensor
    assert (got["shape_type"], got["shape_is_get_shape"]) == ("EagerTensor", True)


def test_the_literal_split_gives_the_same_one_row_pieces_eagerly(native, tf1_as_recorded):
    got, tf1 = native["lstm_input_split_eager"], tf1_as_recorded["lstm_input_split_as_written"]
    keys = ["flat_shape", "piece_shapes", "pieces"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    inputs = np.sin(np.arange(2 * 4 * 3, dtype=np.float32)).reshape(2, 4, 3)
    assert got["pieces"][1] == [inputs[:, 1].ravel().tolist()]
    assert got["unstacked_shapes"] == [[2, 3]] * 4  # what static_rnn takes: [batch, n_input]
    assert got["notes_split"] == {
        "type": "InvalidArgumentError",
        "message": "cannot compute Split as input #0(zero-based) was expected to be a int32 "
                   "tensor but is a float tensor [Op:Split] name: split"}
    assert tf1["notes_split"]["type"] == "TypeError"
