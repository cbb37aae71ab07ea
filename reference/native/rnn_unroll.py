"""Unrolling the TF2 way: ``keras.layers.RNN`` (a loop, or ``unroll=True``), or a Python loop.

Replaces ``reference/rnn_unroll.py``. ``dynamic_rnn`` is ``keras.layers.RNN(cell)``,
``static_rnn`` over a list ``keras.layers.RNN(cell, unroll=True)`` over the tensor, and the
notes' manual loop calls one cell object once per step: the object holds the variables, so
there is no ``reuse_variables()`` (no direct counterpart: nothing to reuse). Keras 3's ``RNN``
has no ``time_major`` (transpose in and out) and no ``sequence_length``: its counterpart is a
``mask`` (``tf.sequence_mask(lengths)``, or ``keras.layers.Masking`` on zero-padded inputs),
with ``zero_output_for_mask=True`` for TF1's zero outputs past a length (by default Keras
repeats the last output there). A cell run by a loop can be unrolled again afterwards: eager
code has no loop body graph to strand the outputs in. A ``StackedRNNCells`` layer's outputs are
its top cell's, as a ``MultiRNNCell``'s. The state carried between chunks is
``initial_state=[h, c]`` (Keras orders an LSTM's state h, c) or a ``stateful=True`` layer, which
keeps it itself until ``reset_states()``. ``keras.layers.Dense`` acts on the last axis of a 3-D
tensor, so the notes' '2_2D'/'2_3D' reshapes around ``in_hidden`` are not needed; a 2-D input
is rejected by ``keras.layers.LSTM`` (its input spec wants ndim 3) but fails inside the call of
``keras.layers.RNN``. TF2's ``tf.nn`` has none of ``rnn``, ``dynamic_run``, ``static_rnn``,
``dynamic_rnn``: ``keras.layers.RNN(cell, unroll=True)`` replaces ``static_rnn``.
"""
import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native import lstm_weights
from reference.native.registry import counterpart

BATCH, TIME, DEPTH, UNITS = 2, 4, 3, 3
TIME_STEPS, BATCH_SIZE, INPUT_SIZE, CELL_SIZE = 20, 50, 1, 10  # note 003 LSTM_RNN案例（三）
ROW = 0  # as reference/rnn_unroll.py: the sequence whose values are returned
STACKED = "rnn/multi_rnn_cell/cell_{}/basic_lstm_cell/{}"  # a TF1 MultiRNNCell's layer weights


def _inputs():
    return np.sin(np.arange(BATCH * TIME * DEPTH, dtype=np.float32)).reshape(BATCH, TIME, DEPTH)


def _get_batch(start):
    """The notes' ``get_batch()`` at ``BATCH_START=start``, as reference/rnn_unroll.py (float32)."""
    xs = np.arange(start, start + TIME_STEPS * BATCH_SIZE).reshape(
        (BATCH_SIZE, TIME_STEPS)) / (10 * np.pi)
    return np.float32(np.sin(xs)[:, :, np.newaxis]), xs


def _cell(weights, name="basic_lstm_cell", units=UNITS):
    """A Keras LSTMCell holding a TF1 BasicLSTMCell's ``{"kernel", "bias"}``."""
    return lstm_weights.cell("lstm", units, [np.float32(weights["kernel"]),
                                             np.float32(weights["bias"])], name=name)


def _stacked(weights):
    """``StackedRNNCells`` of two LSTMCells holding a TF1 two-layer MultiRNNCell's weights."""
    return keras.layers.StackedRNNCells(
        [_cell({part: weights[STACKED.format(i, part)] for part in ("kernel", "bias")},
               name=f"cell_{i}") for i in range(2)], name="stacked")


def _c_h(h, c, rows=slice(None)):
    return {"c": c[rows].numpy(), "h": h[rows].numpy()}


def _manual(cell, x):
    """The notes' loop: one cell object called once per time step."""
    state, outputs = cell.get_initial_state(batch_size=BATCH), []
    for time_step in range(TIME):
        output, state = cell(x[:, time_step, :], state)
        outputs.append(output)
    return tf.stack(outputs, 1), state


def _layer(cell, x, **kwargs):
    outputs, h, c = keras.layers.RNN(cell, return_sequences=True, return_state=True,
                                     **kwargs)(x)
    return outputs, [h, c]


@counterpart(["unroll_three_ways"], "keras.layers.RNN(LSTMCell) (a tf.while_loop), "
             "RNN(..., unroll=True), a Python loop over one cell; tf.GradientTape")
def keras_rnn_three_ways(tf1):
    x = tf.constant(_inputs())
    ways = {"static": lambda cell: _layer(cell, x, unroll=True),
            "dynamic": lambda cell: _layer(cell, x), "manual": lambda cell: _manual(cell, x)}
    got = {"outputs": {}, "final_states": {}, "gradients": {}, "keras_variables": {}}
    for name, unroll in ways.items():
        cell = _cell(tf1["unroll_three_ways"]["weights"][name])
        with tf.GradientTape() as tape:
            outputs, (h, c) = unroll(cell)
            loss = tf.reduce_sum(outputs)
        kernel, bias = lstm_weights.to_tf1("lstm", tape.gradient(loss, cell.trainable_weights))
        got["outputs"][name] = outputs.numpy()
        got["final_states"][name] = {"c": c.numpy(), "h": h.numpy()}
        got["gradients"][name] = {"kernel": kernel, "bias": bias}
        got["keras_variables"][name] = [w.path for w in cell.weights]  # one set, every step
    return dict(got, outputs_shape=got["outputs"]["dynamic"].shape)


@counterpart(["static_input_list"], "eager tf.unstack(x, axis=1); tf.split(value, n, axis=0)")
def unstack_and_split(tf1):
    x = tf.constant(_inputs())
    pieces = tf.split(tf.reshape(tf.transpose(x, [1, 0, 2]), [-1, DEPTH]), TIME, axis=0)
    return {"pieces": len(pieces), "piece_shape": pieces[0].shape.as_list(),
            "split_pieces": [p.numpy() for p in pieces],
            "unstacked": [t.numpy() for t in tf.unstack(x, axis=1)]}


@counterpart(["time_major"], "tf.transpose into and out of keras.layers.RNN, which has no "
             "time_major")
def transpose_for_time_major(tf1):
    x = tf.constant(_inputs())
    cell = _cell(tf1["time_major"]["weights"])
    batch_major, (h_b, _) = _layer(cell, x)
    time_major_x = tf.transpose(x, [1, 0, 2])  # what a time_major=True caller holds
    time_first, (h_t, _) = _layer(cell, tf.transpose(time_major_x, [1, 0, 2]))
    time_first = tf.transpose(time_first, [1, 0, 2])
    return {"time_major_shape": time_first.shape.as_list(),
            "batch_major_outputs": batch_major.numpy(), "time_major_outputs": time_first.numpy(),
            "batch_major_final_h": h_b.numpy(), "time_major_final_h": h_t.numpy(),
            "time_major_argument": error_of(keras.layers.RNN, cell, time_major=True)}


@counterpart(["sequence_length"], "keras.layers.RNN(..., zero_output_for_mask=True)(x, mask="
             "tf.sequence_mask(lengths)); keras.layers.Masking; tf.GradientTape")
def mask_for_sequence_length(tf1):
    x, lengths = tf.constant(_inputs()), [TIME, 2]
    mask = tf.sequence_mask(lengths, TIME)
    cell = _cell(tf1["sequence_length"]["weights"])
    zeroing = keras.layers.RNN(cell, return_sequences=True, return_state=True,
                               zero_output_for_mask=True)
    with tf.GradientTape() as tape:
        outputs, h, c = zeroing(x, mask=mask)
        loss = tf.reduce_sum(outputs)
    kernel, bias = lstm_weights.to_tf1("lstm", tape.gradient(loss, cell.trainable_weights))
    repeating = keras.layers.RNN(cell, return_sequences=True)(x, mask=mask)
    padded = x * tf.cast(mask, tf.float32)[:, :, None]  # zeros past each length
    masked = keras.layers.Masking(0.0)(padded)
    _, masking_h, masking_c = keras.layers.RNN(cell, return_state=True)(masked)
    alone = _layer(cell, x[1:, :2])[1]
    return {"outputs_within_length": outputs[1, :2].numpy(),
            "padding_outputs": outputs[1, 2:].numpy(),
            "final_state": {"c": c[1].numpy(), "h": h[1].numpy()},
            "unpadded_run_final_state": {"c": alone[1][0].numpy(), "h": alone[0][0].numpy()},
            "gradients": {"kernel": kernel, "bias": bias},
            "padding_outputs_by_default": repeating[1, 2:].numpy(),
            "masking_layer_final_state": {"c": masking_c[1].numpy(), "h": masking_h[1].numpy()}}


@counterpart(["stacked_cell_reused_after_loop"], "one keras.layers.StackedRNNCells run by "
             "keras.layers.RNN, then by RNN(..., unroll=True)")
def stacked_cells_unrolled_twice(tf1):
    stacked = _stacked(tf1["stacked_cell_reused_after_loop"]["weights"])
    x = tf.constant(_inputs())
    dynamic = keras.layers.RNN(stacked, return_sequences=True)(x)
    static = keras.layers.RNN(stacked, return_sequences=True, unroll=True)(x)
    return {"dynamic_outputs": dynamic.numpy(), "static_outputs": static.numpy(),
            "keras_variables": len(stacked.weights)}


@counterpart(["stacked_outputs_are_the_top_layer"], "keras.layers.RNN(keras.layers."
             "StackedRNNCells([LSTMCell, LSTMCell]), return_sequences=True, return_state=True)")
def stacked_cells_output_the_top_layer(tf1):
    layer = keras.layers.RNN(_stacked(tf1["stacked_outputs_are_the_top_layer"]["weights"]),
                             return_sequences=True, return_state=True)
    outputs, *states = layer(tf.constant(_inputs()))  # one [h, c] per cell, bottom first
    return {"outputs": outputs.numpy(), "final_states": [_c_h(h, c) for h, c in states]}


@counterpart(["state_fed_between_chunks"], "keras.layers.RNN(cell, return_state=True)(chunk, "
             "initial_state=[h, c]); RNN(..., stateful=True) and reset_states()")
def keras_state_carried_between_chunks(tf1):
    (seq1, xs1), (seq2, xs2) = _get_batch(0), _get_batch(TIME_STEPS)
    cell = _cell(tf1["state_fed_between_chunks"]["weights"], units=CELL_SIZE)
    layer = keras.layers.RNN(cell, return_sequences=True, return_state=True)
    first, h, c = layer(seq1)
    runs = {"state_fed": layer(seq2, initial_state=[h, c]), "zero_state": layer(seq2),
            "one_run": layer(np.concatenate([seq1, seq2], 1))}
    stateful = keras.layers.RNN(cell, return_sequences=True, stateful=True)
    stateful(seq1)
    carried = stateful(seq2)  # the state kept from the call before
    stateful.reset_states()
    restarted = stateful(seq2)
    return {"first_and_last_x_times_10pi": [np.rint(x[:, [0, -1]] * 10 * np.pi).astype(int)
                                            for x in (xs1, xs2)],
            "outputs_shapes": [first.shape.as_list(), runs["one_run"][0].shape.as_list()],
            "second_chunk_outputs": {name: out[ROW, -TIME_STEPS:].numpy()
                                     for name, (out, _, _) in runs.items()},
            "final_states": {name: _c_h(h, c, ROW) for name, (_, h, c) in runs.items()},
            "stateful_second_chunk_outputs": {"carried": carried[ROW].numpy(),
                                              "after_reset_states": restarted[ROW].numpy()}}


@counterpart(["dynamic_rnn_needs_rank_3"], "keras.layers.Dense on the 3-D input (no reshapes), "
             "keras.layers.LSTM; a 2-D input: LSTM's input spec, RNN(cell)'s call")
def lstm_layer_needs_rank_3(tf1):
    xs = tf.constant(_get_batch(0)[0])
    in_hidden = keras.layers.Dense(CELL_SIZE, name="in_hidden")
    l_in_y = in_hidden(tf.reshape(xs, [-1, INPUT_SIZE]))  # the notes' '2_2D' reshape
    lstm = keras.layers.LSTM(CELL_SIZE, return_sequences=True, return_state=True, name="lstm")
    rnn = keras.layers.RNN(keras.layers.LSTMCell(CELL_SIZE), name="rnn")
    outputs, h, _ = lstm(in_hidden(xs))  # Dense keeps [batch, n_steps, cell_size]
    return {"l_in_y_shape": l_in_y.shape.as_list(),
            "lstm_layer": error_of(keras.layers.LSTM(CELL_SIZE, name="lstm_2d"), l_in_y),
            "rnn_layer": error_of(rnn, l_in_y),
            "dense_on_3d_shape": in_hidden(xs).shape.as_list(),
            "outputs_shape": outputs.shape.as_list(), "final_h_shape": h.shape.as_list()}


@counterpart(["removed_rnn_functions"], "keras.layers.RNN(cell, unroll=True) over tf.stack(list, "
             "1); TF2's tf.nn has no rnn, dynamic_run, static_rnn, dynamic_rnn")
def tf2_nn_has_no_rnn_functions(tf1):
    cell = _cell(tf1["removed_rnn_functions"]["weights"])
    encoder_inputs = tf.unstack(tf.constant(_inputs()), axis=1)  # the notes' length T list
    outputs, (h, c) = _layer(cell, tf.stack(encoder_inputs, 1), unroll=True)
    return {name: error_of(lambda name=name: getattr(tf.nn, name))
            for name in ("rnn", "dynamic_run", "static_rnn", "dynamic_rnn")} | {
        "outputs": [o.numpy() for o in tf.unstack(outputs, axis=1)], "final_state": _c_h(h, c)}
