"""Unrolling the TF2 way: ``keras.layers.RNN`` (a loop, or ``unroll=True``), or a Python loop.

Replaces ``reference/rnn_unroll.py``. ``dynamic_rnn`` is ``keras.layers.RNN(cell)``,
``static_rnn`` over a list ``keras.layers.RNN(cell, unroll=True)`` over the tensor, and the
notes' manual loop calls one cell object once per step: the object holds the variables, so
there is no ``reuse_variables()`` (no direct counterpart: nothing to reuse). Keras 3's ``RNN``
has no ``time_major`` (transpose in and out) and no ``sequence_length``: its counterpart is a
``mask`` (``tf.sequence_mask(lengths)``, or ``keras.layers.Masking`` on zero-padded inputs),
with ``zero_output_for_mask=True`` for TF1's zero outputs past a length (by default Keras
repeats the last output there). A cell run by a loop can be unrolled again afterwards: eager
code has no loop body graph to strand the outputs in.
"""
import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native import lstm_weights
from reference.native.registry import counterpart

BATCH, TIME, DEPTH, UNITS = 2, 4, 3, 3


def _inputs():
    return np.sin(np.arange(BATCH * TIME * DEPTH, dtype=np.float32)).reshape(BATCH, TIME, DEPTH)


def _cell(weights, name="basic_lstm_cell"):
    """A Keras LSTMCell holding a TF1 BasicLSTMCell's ``{"kernel", "bias"}``."""
    return lstm_weights.cell("lstm", UNITS, [np.float32(weights["kernel"]),
                                             np.float32(weights["bias"])], name=name)


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
    weights = tf1["stacked_cell_reused_after_loop"]["weights"]
    prefix = "rnn/multi_rnn_cell/cell_{}/basic_lstm_cell/{}"
    cells = [_cell({part: weights[prefix.format(i, part)] for part in ("kernel", "bias")},
                   name=f"cell_{i}") for i in range(2)]
    stacked, x = keras.layers.StackedRNNCells(cells, name="stacked"), tf.constant(_inputs())
    dynamic = keras.layers.RNN(stacked, return_sequences=True)(x)
    static = keras.layers.RNN(stacked, return_sequences=True, unroll=True)(x)
    return {"dynamic_outputs": dynamic.numpy(), "static_outputs": static.numpy(),
            "keras_variables": len(stacked.weights)}
