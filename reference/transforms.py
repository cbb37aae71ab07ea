"""Transforming tensors: reduce, concat, split, squeeze, expand_dims, slice, gather, stack, pad.

Reproduces: note 003, the tensor-transform sections ("reduce_……（a, axis）系列", "concat",
"squeeze", "split", "embedding", "expand_dims", "tf.slice()", "tf.stack()", "tf.gather()",
the pad example, "tf.shape(a)和a.get_shape()比较") and note 000 "获取维度" / "压缩数据".
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session

T1 = [[1, 2, 3], [4, 5, 6]]
T2 = [[7, 8, 9], [10, 11, 12]]
CUBE = [[[1, 1, 1], [2, 2, 2]], [[3, 3, 3], [4, 4, 4]], [[5, 5, 5], [6, 6, 6]]]
# the notes' shape listing's lines 4 and 6 as printed (003 "tf.shape(a)和a.get_shape()比较")
NOTES_SHAPE_LINES = ("x=tf.constant([[1,2,3],[4,5,6]]", "z=np.arange(24).reshape([2,3,4]))")


def _notes_shape_listing():
    """The notes' listing (lines 4-12, parentheses balanced) in a fresh graph: each tf.shape
    tensor's [name, static shape, dtype]."""
    with tf.Graph().as_default():
        x = tf.constant([[1, 2, 3], [4, 5, 6]])
        y = [[1, 2, 3], [4, 5, 6]]
        z = np.arange(24).reshape([2, 3, 4])
        return [[t.name, t.shape.as_list(), t.dtype.name] for t in map(tf.shape, (x, y, z))]


@demo('003 "reduce_……（a, axis）系列"',
      ["reduce_sum(a, 1) sums each row", "reduce_mean(a, 0) averages each column",
       "the result is 1-D (the reduced axis is dropped)", "without axis the whole tensor reduces",
       "the old reduction_indices keyword still works"])
def reduce_ops():
    with fresh_session() as session:
        a = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        ops = {"sum_axis1": tf.reduce_sum(a, 1), "mean_axis0": tf.reduce_mean(a, 0),
               "sum_all": tf.reduce_sum(a),
               "sum_reduction_indices": tf.reduce_sum(a, reduction_indices=1),
               "int_mean_axis0": tf.reduce_mean(tf.constant([[1, 2], [4, 4]]), 0)}
        got = session.run(ops)
    got["shapes"] = {k: v.shape.as_list() for k, v in ops.items()}
    return got


@demo('003 "tf.concat()" / "tf.split"',
      ["concat along 0 stacks rows: [[1,2,3],[4,5,6],[7,8,9],[10,11,12]]",
       "concat along 1 joins rows: [[1,2,3,7,8,9],[4,5,6,10,11,12]]",
       "np.concatenate of a [2,3,4,5] array along 0 / 1 gives (6,4,5) / (3,8,5)",
       "split of [5, 30] into 3 along dimension 1 gives three [5, 10]",
       "the notes' pre-1.0 argument orders concat(0, [t1, t2]) and split(1, 3, value) fail now",
       "the echo RNN's concat(1, [current_input [5, 1], current_state [5, 4]]) fails too; "
       "concat([...], 1) is [5, 5]",
       "tf.concat_v2 (PTB and multi-GPU sections) is gone: tf.concat"])
def concat_and_split():
    arr2 = np.zeros([2, 3, 4, 5])
    with fresh_session() as session:
        value = tf.zeros([5, 30])
        split0, split1, split2 = tf.split(value, 3, axis=1)
        got = session.run({"axis0": tf.concat([T1, T2], 0), "axis1": tf.concat([T1, T2], 1),
                           "split0_shape": tf.shape(split0)})
        got["split_static_shapes"] = [s.shape.as_list() for s in (split0, split1, split2)]
        got["old_concat"] = error_of(tf.concat, 0, [T1, T2])
        got["old_split"] = error_of(tf.split, 1, 3, value)
        current_input, current_state = tf.zeros([5, 1]), tf.zeros([5, 4])
        got["old_concat_echo"] = error_of(tf.concat, 1, [current_input, current_state])
        got["concat_echo_shape"] = tf.concat([current_input, current_state], 1).shape.as_list()
        got["concat_v2"] = error_of(lambda: tf.concat_v2)
    got["np_concatenate_shapes"] = [list(np.concatenate(arr2, 0).shape),
                                    list(np.concatenate(arr2, 1).shape)]
    return got


@demo('003 "squeeze" / 000 "压缩数据"',
      ["squeeze(arr, [2, 4]) of [3, 4, 1, 6, 1] gives [3, 4, 6]",
       "squeeze(arr, []) (an empty axis list) drops every size-1 dimension too: [3, 4, 6]",
       "squeeze(arr) drops every size-1 dimension",
       "squeezing a [None, 1, 3] placeholder without axes loses its static shape, and a batch "
       "of one is squeezed away too"])
def squeeze_dims():
    with fresh_session() as session:
        arr = tf.Variable(tf.truncated_normal([3, 4, 1, 6, 1], stddev=0.1))
        unknown = tf.placeholder(tf.float32, [None, 1, 3])
        squeezed = tf.squeeze(unknown)
        return {"axes_2_4": tf.squeeze(arr, [2, 4]).shape.as_list(),
                "all": tf.squeeze(arr).shape.as_list(),
                "axes_empty": tf.squeeze(arr, []).shape.as_list(),
                "unknown_static": str(squeezed.shape),
                "unknown_axis1_static": tf.squeeze(unknown, [1]).shape.as_list(),
                "batch_of_one_runtime_shape": session.run(
                    tf.shape(squeezed), {unknown: np.zeros([1, 1, 3])}),
                "batch_of_two_runtime_shape": session.run(
                    tf.shape(squeezed), {unknown: np.zeros([2, 1, 3])})}


@demo('003 "embedding" / "expand_dims"',
      ["embedding_lookup(mat, [[1,2],[0,1]]) picks rows: [[[4,5,6],[7,8,9]],[[1,2,3],[4,5,6]]]",
       "expand_dims of shape [2] at 0 / 1 / -1 gives [1, 2] / [2, 1] / [2, 1]",
       "expand_dims of shape [2, 3, 5] at 0 / 2 / 3 gives [1,2,3,5] / [2,3,1,5] / [2,3,5,1]",
       "the multi-GPU section's tf.expanded_dim is a typo for tf.expand_dims"])
def embedding_lookup_and_expand_dims():
    mat = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9]).reshape((3, -1))
    with fresh_session() as session:
        looked_up = session.run(tf.nn.embedding_lookup(mat, [[1, 2], [0, 1]]))
        t, t2 = tf.zeros([2]), tf.zeros([2, 3, 5])
        return {"embedding_lookup": looked_up,
                "expand_t": [tf.expand_dims(t, d).shape.as_list() for d in (0, 1, -1)],
                "expand_t2": [tf.expand_dims(t2, d).shape.as_list() for d in (0, 2, 3)],
                "expanded_dim": error_of(lambda: tf.expanded_dim)}


@demo('003 "tf.slice()" / "tf.gather()"',
      ["slice(input, [1,0,0], [1,1,3]) is [[[3,3,3]]]",
       "slice(input, [1,0,0], [1,2,3]) is [[[3,3,3],[4,4,4]]]",
       "slice(input, [1,0,0], [2,1,3]) is [[[3,3,3]],[[5,5,5]]]",
       "gather(input, [0, 2]) picks the first and third blocks",
       "gather's shape is indices.shape + params.shape[1:]: a scalar index drops a dimension, "
       "a matrix of indices adds one",
       "validate_indices is still accepted (deprecated, no effect): the same two blocks",
       "indices must be integers: float indices [0.0, 2.0] are a TypeError"])
def slice_and_gather():
    with fresh_session() as session:
        cube = tf.constant(CUBE)
        got = session.run({"slice_113": tf.slice(cube, [1, 0, 0], [1, 1, 3]),
                           "slice_123": tf.slice(cube, [1, 0, 0], [1, 2, 3]),
                           "slice_213": tf.slice(cube, [1, 0, 0], [2, 1, 3]),
                           "gather_0_2": tf.gather(cube, [0, 2]),
                           "gather_validate_indices": tf.gather(cube, [0, 2],
                                                                validate_indices=True)})
        got["gather_float_indices"] = error_of(tf.gather, cube, [0.0, 2.0])
        got["gather_shapes"] = {name: tf.gather(cube, idx).shape.as_list() for name, idx in
                                [("scalar", 1), ("vector", [0, 2]), ("matrix", [[0, 1], [2, 0]])]}
    return got


@demo('003 "tf.stack()" / "tf.unstack()" DEMO',
      ["stack([a, b], axis=0) is [[3,2,4,5,6],[1,6,7,8,0]]",
       "stack([a, b], axis=1) pairs the elements", "unstack along 0 / 1 returns a list",
       "stack([x, y, z]) / stack(..., axis=1) of [1,4] [2,5] [3,6]",
       "N tensors of shape (A, B, C): axis 0 gives (N, A, B, C), axis 1 (A, N, B, C)",
       "the echo RNN's unstack(batchX_placeholder [5, 15], axis=1) gives 15 inputs of [5]"])
def stack_and_unstack():
    with fresh_session() as session:
        a, b = tf.constant([3, 2, 4, 5, 6]), tf.constant([1, 6, 7, 8, 0])
        x, y, z = tf.constant([1, 4]), tf.constant([2, 5]), tf.constant([3, 6])
        got = session.run({"c": tf.stack([a, b], axis=0), "d": tf.stack([a, b], axis=1),
                           "e": tf.unstack([a, b], axis=0), "f": tf.unstack([a, b], axis=1),
                           "xyz": tf.stack([x, y, z]), "xyz_axis1": tf.stack([x, y, z], axis=1)})
        abc = [tf.zeros([3, 4, 5]), tf.ones([3, 4, 5])]
        got["stack_abc_shapes"] = [tf.stack(abc, axis=d).shape.as_list() for d in (0, 1)]
        inputs_series = tf.unstack(tf.placeholder(tf.float32, [5, 15]), axis=1)
        got["unstack_columns"] = [len(inputs_series), inputs_series[0].shape.as_list()]
    return got


@demo('003 pad example ("mode：CONSTANT表示填0，REFLECT表示反射填充，SYMMETRIC表示对称填充")',
      ["CONSTANT pads [[1,2],[1,2]] by [[1,1],[1,1]] with zeros",
       "paddings are [[top, bottom], [left, right]]: [[1, 0], [0, 2]] adds one row above and "
       "two columns on the right",
       "REFLECT mirrors without the edge, SYMMETRIC mirrors with it",
       "mode names are case-insensitive; an unknown mode is a ValueError"])
def pad_modes():
    tensor, paddings = [[1, 2], [3, 4]], [[1, 1], [1, 1]]
    with fresh_session() as session:
        got = session.run({"notes_constant": tf.pad([[1, 2], [1, 2]], paddings),
                           "top_and_right": tf.pad([[1, 2], [1, 2]], [[1, 0], [0, 2]]),
                           "constant": tf.pad(tensor, paddings, "CONSTANT"),
                           "reflect": tf.pad(tensor, paddings, "REFLECT"),
                           "symmetric": tf.pad(tensor, paddings, "symmetric")})
        got["unknown_mode"] = error_of(tf.pad, tensor, paddings, "EDGE")
    return got


@demo('003 "tf.shape(a)和a.get_shape()比较" / 000 "获取维度"',
      ["tf.shape works on tensors, lists and numpy arrays and gives a tensor",
       "get_shape() gives a TensorShape; as_list() gives [2, 3]",
       "the notes' repr TensorShape([Dimension(2), Dimension(3)]) is TF1 mode's; under TF2 "
       "behaviour (v2 TensorShape) it is TensorShape([2, 3]) and x.get_shape()[0] is 2, not "
       "Dimension(2)",
       "sess.run(x.get_shape()) fails: a TensorShape is not a fetch (TypeError)",
       "lists and numpy arrays have no get_shape (AttributeError)",
       "tf.shape(x)[2] indexes the dynamic shape",
       "with_rank_at_least(3) raises for a rank-2 shape",
       "the notes' listing in a fresh graph: x_shape, y_shape, z_shape are int32 tensors "
       "Shape:0, Shape_1:0, Shape_2:0 of shapes (2,), (2,), (3,) (the notes' Shape_2, Shape_5 "
       "come from a graph that already held shape ops)",
       "the listing's lines 4 and 6 as printed are SyntaxErrors (an unclosed '(' and an "
       "unmatched ')')"])
def shape_vs_get_shape():
    with fresh_session() as session:
        z = np.arange(24).reshape([2, 3, 4])
        xs = tf.constant([[1, 2, 3], [4, 5, 6]])
        got = session.run({"x": tf.shape(xs), "y": tf.shape([[1, 2, 3], [4, 5, 6]]),
                           "z": tf.shape(z), "z_2": tf.shape(z)[2]})
        got["shape_is_tensor"] = isinstance(tf.shape(xs), tf.Tensor)
        static = xs.get_shape()
        got["run_get_shape"] = error_of(session.run, static)
    got["get_shape_type"] = type(static).__name__
    got["get_shape_repr"], got["get_shape_0_repr"] = repr(static), repr(static[0])
    got["get_shape_as_list"] = static.as_list()
    got["list_get_shape"] = error_of(lambda: [[1, 2, 3]].get_shape())
    got["numpy_get_shape"] = error_of(lambda: np.arange(3).get_shape())
    got["with_rank_at_least_2"] = static.with_rank_at_least(2).as_list()
    got["with_rank_at_least_3"] = error_of(static.with_rank_at_least, 3)
    got["notes_listing"] = _notes_shape_listing()
    got["notes_listing_syntax"] = [error_of(compile, line, "<notes>", "exec")
                                   for line in NOTES_SHAPE_LINES]
    return got


@demo('000 "##lstm" "先把输入x transpose成 [n_step,batch*n_input] 然后再split(0,n_step)… 每个元素的'
      '维度是[batch*n_input]"',
      ["read literally (x [batch 2, n_step 4, n_input 3] transposed and reshaped to "
       "[n_step, batch*n_input] = [4, 6], then split into n_step along 0) each piece is "
       "[1, batch*n_input] = [1, 6], not the [batch, n_input] static_rnn takes",
       "piece t holds x[:, t], batch row after batch row",
       "the notes' split(0, n_step, value) fails: the value goes first now"])
def lstm_input_split_as_written():
    x = np.sin(np.arange(2 * 4 * 3, dtype=np.float32)).reshape(2, 4, 3)
    with fresh_session() as session:
        flat = tf.reshape(tf.transpose(x, [1, 0, 2]), [4, 2 * 3])
        pieces = tf.split(flat, 4, axis=0)
        return {"flat_shape": flat.shape.as_list(),
                "piece_shapes": [p.shape.as_list() for p in pieces],
                "pieces": session.run(pieces),
                "notes_split": error_of(tf.split, 0, 4, flat)}


@demo('003 "tf.reverse_sequence" (bidirectional_dynamic_rnn 源码一探)',
      ["reverse_sequence reverses each row only up to its length: seq_lengths [7, 2, 3, 5] over "
       "[4, 8] reverses the first 7, 2, 3, 5 entries and copies the rest",
       "with seq_axis 0 and batch_axis 1 it works on time-major input the same way",
       "without lengths, tf.reverse flips the whole axis"])
def reverse_sequence_up_to_lengths():
    rows = np.arange(32).reshape(4, 8)
    with fresh_session() as session:
        got = session.run({
            "batch_major": tf.reverse_sequence(rows, [7, 2, 3, 5], seq_axis=1, batch_axis=0),
            "time_major": tf.transpose(tf.reverse_sequence(rows.T, [7, 2, 3, 5], seq_axis=0,
                                                           batch_axis=1)),
            "reverse": tf.reverse(rows[:1], axis=[1])})
    return got
