"""Transforming tensors the TF2 way: the same ops, eagerly; a placeholder's shape as a signature.

Replaces ``reference/transforms.py``. reduce, concat, split, squeeze, embedding_lookup,
expand_dims, slice, gather, stack, pad, shape and reverse_sequence are the same ops in TF2 and
give their values at once. What changed: ``reduce_*`` lost ``reduction_indices`` (``axis``
only), and a ``[None, 1, 3]`` placeholder becomes a ``tf.function`` ``input_signature``, whose
traced graph infers the same static shapes.
"""
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart

T1 = [[1, 2, 3], [4, 5, 6]]
T2 = [[7, 8, 9], [10, 11, 12]]
CUBE = [[[1, 1, 1], [2, 2, 2]], [[3, 3, 3], [4, 4, 4]], [[5, 5, 5], [6, 6, 6]]]


NOTES_SHAPE_LINES = ("x=tf.constant([[1,2,3],[4,5,6]]", "z=np.arange(24).reshape([2,3,4]))")


def _traced_shape_listing():
    """The notes' shape listing traced by a tf.function: [name, static shape, dtype] of each
    tf.shape (eager tensors have no names)."""
    found = []

    @tf.function
    def listing():
        x = tf.constant([[1, 2, 3], [4, 5, 6]])
        found.extend([t.name, t.shape.as_list(), t.dtype.name] for t in map(
            tf.shape, (x, [[1, 2, 3], [4, 5, 6]], np.arange(24).reshape([2, 3, 4]))))
        return 0

    listing.get_concrete_function()
    return found


def _values(ops):
    return {name: op.numpy() for name, op in ops.items()}


@counterpart(["reduce_ops"], "eager tf.reduce_sum / reduce_mean(axis=…); reduction_indices is gone")
def reduce_ops_eager(tf1):
    a, ints = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), tf.constant([[1, 2], [4, 4]])
    ops = {"sum_axis1": tf.reduce_sum(a, 1), "mean_axis0": tf.reduce_mean(a, 0),
           "sum_all": tf.reduce_sum(a), "int_mean_axis0": tf.reduce_mean(ints, 0)}
    return dict(_values(ops), shapes={k: v.shape.as_list() for k, v in ops.items()},
                reduction_indices_keyword=error_of(tf.reduce_sum, a, reduction_indices=1))


@counterpart(["concat_and_split"], "eager tf.concat(values, axis) / tf.split(value, n, axis)")
def concat_and_split_eager(tf1):
    arr2 = np.zeros([2, 3, 4, 5])
    value = tf.zeros([5, 30])
    splits = tf.split(value, 3, axis=1)
    return {"axis0": tf.concat([T1, T2], 0).numpy(), "axis1": tf.concat([T1, T2], 1).numpy(),
            "split0_shape": tf.shape(splits[0]).numpy(),
            "split_static_shapes": [s.shape.as_list() for s in splits],
            "old_concat": error_of(tf.concat, 0, [T1, T2]),
            "old_split": error_of(tf.split, 1, 3, value),
            "old_concat_echo": error_of(tf.concat, 1, [tf.zeros([5, 1]), tf.zeros([5, 4])]),
            "concat_echo_shape": tf.concat([tf.zeros([5, 1]), tf.zeros([5, 4])],
                                           1).shape.as_list(),
            "concat_v2": error_of(lambda: tf.concat_v2),
            "np_concatenate_shapes": [list(np.concatenate(arr2, 0).shape),
                                      list(np.concatenate(arr2, 1).shape)]}


@tf.function(input_signature=[tf.TensorSpec([None, 1, 3], tf.float32)])
def _squeezed_shape(x):
    return tf.shape(tf.squeeze(x))


@counterpart(["squeeze_dims"], "eager tf.squeeze; a tf.function with a [None, 1, 3] "
             "input_signature for the placeholder (get_concrete_function for static shapes)")
def squeeze_dims_eager(tf1):
    arr = tf.zeros([3, 4, 1, 6, 1])  # only shapes are observed: no random values to align
    spec = tf.TensorSpec([None, 1, 3], tf.float32)
    unknown = tf.function(tf.squeeze).get_concrete_function(spec).structured_outputs
    axis1 = tf.function(lambda x: tf.squeeze(x, [1])).get_concrete_function(spec)
    one, two = (_squeezed_shape(np.zeros([n, 1, 3], np.float32)).numpy() for n in (1, 2))
    return {"axes_2_4": tf.squeeze(arr, [2, 4]).shape.as_list(),
            "all": tf.squeeze(arr).shape.as_list(),
            "axes_empty": tf.squeeze(arr, []).shape.as_list(),
            "unknown_static": str(unknown.shape),
            "unknown_axis1_static": axis1.structured_outputs.shape.as_list(),
            "batch_of_one_runtime_shape": one, "batch_of_two_runtime_shape": two}


@counterpart(["embedding_lookup_and_expand_dims"], "eager tf.nn.embedding_lookup (= tf.gather "
             "along 0) and tf.expand_dims")
def embedding_lookup_and_expand_dims_eager(tf1):
    mat = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9]).reshape((3, -1))
    t, t2 = tf.zeros([2]), tf.zeros([2, 3, 5])
    return {"embedding_lookup": tf.nn.embedding_lookup(mat, [[1, 2], [0, 1]]).numpy(),
            "gather": tf.gather(mat, [[1, 2], [0, 1]]).numpy(),
            "expand_t": [tf.expand_dims(t, d).shape.as_list() for d in (0, 1, -1)],
            "expand_t2": [tf.expand_dims(t2, d).shape.as_list() for d in (0, 2, 3)],
            "expanded_dim": error_of(lambda: tf.expanded_dim)}


@counterpart(["slice_and_gather"], "eager tf.slice / tf.gather")
def slice_and_gather_eager(tf1):
    cube = tf.constant(CUBE)
    got = _values({"slice_113": tf.slice(cube, [1, 0, 0], [1, 1, 3]),
                   "slice_123": tf.slice(cube, [1, 0, 0], [1, 2, 3]),
                   "slice_213": tf.slice(cube, [1, 0, 0], [2, 1, 3]),
                   "gather_0_2": tf.gather(cube, [0, 2]),
                   "gather_validate_indices": tf.gather(cube, [0, 2], validate_indices=True)})
    got["gather_float_indices"] = error_of(tf.gather, cube, [0.0, 2.0])
    got["gather_shapes"] = {name: tf.gather(cube, idx).shape.as_list() for name, idx in
                            [("scalar", 1), ("vector", [0, 2]), ("matrix", [[0, 1], [2, 0]])]}
    return got


@counterpart(["stack_and_unstack"], "eager tf.stack / tf.unstack")
def stack_and_unstack_eager(tf1):
    a, b = tf.constant([3, 2, 4, 5, 6]), tf.constant([1, 6, 7, 8, 0])
    x, y, z = tf.constant([1, 4]), tf.constant([2, 5]), tf.constant([3, 6])
    got = _values({"c": tf.stack([a, b], axis=0), "d": tf.stack([a, b], axis=1),
                   "xyz": tf.stack([x, y, z]), "xyz_axis1": tf.stack([x, y, z], axis=1)})
    got.update(e=[t.numpy() for t in tf.unstack([a, b], axis=0)],
               f=[t.numpy() for t in tf.unstack([a, b], axis=1)])
    abc = [tf.zeros([3, 4, 5]), tf.ones([3, 4, 5])]
    inputs_series = tf.unstack(tf.zeros([5, 15]), axis=1)
    got.update(stack_abc_shapes=[tf.stack(abc, axis=d).shape.as_list() for d in (0, 1)],
               unstack_columns=[len(inputs_series), inputs_series[0].shape.as_list()])
    return got


@counterpart(["pad_modes"], "eager tf.pad(tensor, paddings, mode)")
def pad_modes_eager(tf1):
    tensor, paddings = [[1, 2], [3, 4]], [[1, 1], [1, 1]]
    got = _values({"notes_constant": tf.pad([[1, 2], [1, 2]], paddings),
                   "top_and_right": tf.pad([[1, 2], [1, 2]], [[1, 0], [0, 2]]),
                   "constant": tf.pad(tensor, paddings, "CONSTANT"),
                   "reflect": tf.pad(tensor, paddings, "REFLECT"),
                   "symmetric": tf.pad(tensor, paddings, "symmetric")})
    got["unknown_mode"] = error_of(tf.pad, tensor, paddings, "EDGE")
    return got


@counterpart(["shape_vs_get_shape"], "eager tf.shape (an EagerTensor) and Tensor.shape / "
             "get_shape() (a TensorShape)")
def shape_vs_static_shape_eager(tf1):
    z = np.arange(24).reshape([2, 3, 4])
    xs = tf.constant([[1, 2, 3], [4, 5, 6]])
    static = xs.get_shape()
    got = _values({"x": tf.shape(xs), "y": tf.shape([[1, 2, 3], [4, 5, 6]]), "z": tf.shape(z),
                   "z_2": tf.shape(z)[2]})
    got.update(shape_is_tensor=isinstance(tf.shape(xs), tf.Tensor),
               shape_type=type(tf.shape(xs)).__name__, get_shape_type=type(static).__name__,
               get_shape_as_list=static.as_list(), shape_is_get_shape=xs.shape == static,
               get_shape_repr=repr(static), get_shape_0_repr=repr(static[0]),
               static_shape_as_tensor=tf.convert_to_tensor(static).numpy().tolist(),
               list_get_shape=error_of(lambda: [[1, 2, 3]].get_shape()),
               numpy_get_shape=error_of(lambda: np.arange(3).get_shape()),
               with_rank_at_least_2=static.with_rank_at_least(2).as_list(),
               with_rank_at_least_3=error_of(static.with_rank_at_least, 3),
               notes_listing=_traced_shape_listing(),
               notes_listing_syntax=[error_of(compile, line, "<notes>", "exec")
                                     for line in NOTES_SHAPE_LINES])
    return got


@counterpart(["lstm_input_split_as_written"], "eager tf.transpose / tf.reshape / "
             "tf.split(value, num, axis); tf.unstack(x, axis=1) for the [batch, n_input] list")
def lstm_input_split_eager(tf1):
    x = np.sin(np.arange(2 * 4 * 3, dtype=np.float32)).reshape(2, 4, 3)
    flat = tf.reshape(tf.transpose(x, [1, 0, 2]), [4, 2 * 3])
    pieces = tf.split(flat, 4, axis=0)
    return {"flat_shape": flat.shape.as_list(), "piece_shapes": [p.shape.as_list() for p in pieces],
            "pieces": [p.numpy() for p in pieces], "notes_split": error_of(tf.split, 0, 4, flat),
            "unstacked_shapes": [t.shape.as_list() for t in tf.unstack(x, axis=1)]}


@counterpart(["reverse_sequence_up_to_lengths"], "eager tf.reverse_sequence(seq_axis=…, "
             "batch_axis=…) and tf.reverse")
def reverse_sequence_eager(tf1):
    rows = np.arange(32).reshape(4, 8)
    return _values({
        "batch_major": tf.reverse_sequence(rows, [7, 2, 3, 5], seq_axis=1, batch_axis=0),
        "time_major": tf.transpose(tf.reverse_sequence(rows.T, [7, 2, 3, 5], seq_axis=0,
                                                       batch_axis=1)),
        "reverse": tf.reverse(rows[:1], axis=[1])})
