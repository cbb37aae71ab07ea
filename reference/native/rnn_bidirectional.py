"""Bidirectional RNNs the TF2 way: ``keras.layers.Bidirectional``, stacked by calling layers.

Replaces ``reference/rnn_bidirectional.py``. ``bidirectional_dynamic_rnn(cell_fw, cell_bw, x,
sequence_length)`` is ``keras.layers.Bidirectional(RNN(cell_fw), backward_layer=RNN(cell_bw,
go_backwards=True))`` called with ``mask=tf.sequence_mask(lengths)``: the backward layer reads
the steps last to first (the masked padding first, which leaves its state at zero), and its
outputs are flipped back, which is the notes' ``reverse_sequence`` recipe (still there as
``tf.reverse_sequence``). ``merge_mode="concat"`` (the default) is ``tf.concat(outputs, 2)``;
``merge_mode=None`` returns the two directions. The re-created contrib
``stack_bidirectional_dynamic_rnn`` is one ``Bidirectional`` layer called on another's output.
``Bidirectional`` re-creates the forward layer it is given from that layer's config (new
weights; it keeps the backward layer given): the TF1 weights go in after it is built.
"""
import inspect

import keras
import numpy as np
import tensorflow as tf

from reference.native import lstm_weights
from reference.native.registry import counterpart

LENGTHS = [4, 2]


def _inputs():
    return np.cos(np.arange(2 * 4 * 3, dtype=np.float32)).reshape(2, 4, 3)


def _rnn(cell, **kwargs):
    return keras.layers.RNN(cell, return_sequences=True, zero_output_for_mask=True, **kwargs)


def _bidirectional(kind, tf1_weights, input_shape, merge_mode="concat", units=3, **kwargs):
    """A built ``Bidirectional`` layer whose cells hold ``tf1_weights`` (``{"fw": [...], "bw":
    [...]}``). The weights go in after the build: the layer re-creates its forward layer from
    that layer's config (fresh weights), and uses the backward layer given."""
    layer = keras.layers.Bidirectional(
        _rnn(lstm_weights.CELLS[kind](units), **kwargs), merge_mode=merge_mode,
        backward_layer=_rnn(lstm_weights.CELLS[kind](units), go_backwards=True, **kwargs))
    layer.build(input_shape)
    for direction, rnn in (("fw", layer.forward_layer), ("bw", layer.backward_layer)):
        lstm_weights.load(rnn.cell, kind, tf1_weights[direction])
    return layer


@counterpart(["bidirectional_semantics"], "keras.layers.Bidirectional(RNN(LSTMCell), "
             "backward_layer=RNN(..., go_backwards=True))(x, mask=tf.sequence_mask(lengths)); "
             "tf.reverse_sequence; tf.GradientTape")
def keras_bidirectional(tf1):
    weights, x = tf1["bidirectional_semantics"]["weights"], tf.constant(_inputs())
    names = {d: [f"bidirectional_rnn/{d}/lstm_cell/{part}" for part in ("kernel", "bias")]
             for d in ("fw", "bw")}
    values = {d: [np.float32(weights[n]) for n in names[d]] for d in names}
    mask = tf.sequence_mask(LENGTHS, 4)
    layer = _bidirectional("lstm", values, x.shape, return_state=True, merge_mode=None)
    cells = [layer.forward_layer.cell, layer.backward_layer.cell]
    with tf.GradientTape() as tape:
        fw, bw, h_fw, _, h_bw, _ = layer(x, mask=mask)
        concat = tf.concat([fw, bw], 2)  # the notes' tf.concat(outputs, 2)
        loss = tf.reduce_sum(concat)
    grads = tape.gradient(loss, [cell.trainable_weights for cell in cells])
    gradients = {name: g for d, cell_grads in zip(names, grads)
                 for name, g in zip(names[d], lstm_weights.to_tf1("lstm", cell_grads))}
    reversed_x = tf.reverse_sequence(x, LENGTHS, seq_axis=1, batch_axis=0)
    by_hand = tf.reverse_sequence(_rnn(cells[1])(reversed_x, mask=mask), LENGTHS,
                                  seq_axis=1, batch_axis=0)
    merged = _bidirectional("lstm", values, x.shape)(x, mask=mask)  # merge_mode="concat"
    return {"shapes": [fw.shape.as_list(), bw.shape.as_list(), concat.shape.as_list()],
            "output_fw": fw.numpy(), "output_bw": bw.numpy(),
            "reversed_dynamic_rnn": by_hand.numpy(), "state_fw_h": h_fw.numpy(),
            "state_bw_h": h_bw.numpy(), "gradients": gradients,
            "concat_merge_equals_tf_concat": bool(tf.reduce_all(merged == concat))}


@counterpart(["stacked_bidirectional"], "two keras.layers.Bidirectional(RNN(GRUCell("
             "reset_after=False))) layers, the second called on the first's output")
def stacked_keras_bidirectional(tf1):
    weights = tf1["stacked_bidirectional"]["weights"]
    name = "stack_bidirectional_rnn/cell_{}/bidirectional_rnn/{}/gru_cell/{}"
    parts = ("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias")
    outputs, mask, kernels = tf.constant(_inputs()), tf.sequence_mask(LENGTHS, 4), {}
    states_fw, states_bw = [], []  # one final state per layer and direction
    for i in range(2):
        layer = _bidirectional("gru", {d: [np.float32(weights[name.format(i, d, p)])
                                           for p in parts] for d in ("fw", "bw")},
                               outputs.shape, return_state=True)
        outputs, state_fw, state_bw = layer(outputs, mask=mask)
        states_fw.append(state_fw)
        states_bw.append(state_bw)
        kernels.update({f"layer_{i}/{d}": list(rnn.cell.kernel.shape) for d, rnn in
                        (("fw", layer.forward_layer), ("bw", layer.backward_layer))})
    return {"outputs_shape": outputs.shape.as_list(), "outputs": outputs.numpy(),
            "states": [len(states_fw), len(states_bw)], "kernels": kernels}


def _directions(weights, cell_name):
    return {d: [np.float32(weights[f"bidirectional_rnn/{d}/{cell_name}/{part}"])
                for part in ("kernel", "bias")] for d in ("fw", "bw")}


@counterpart(["bidirectional_notes_000_inputs"], "keras.layers.Bidirectional(RNN(LSTMCell)) on "
             "[batch, time, features] (no dtype, no sequence_length: a mask; no time_major: "
             "tf.transpose)")
def keras_bidirectional_inputs(tf1):
    values = _directions(tf1["bidirectional_notes_000_inputs"]["weights"], "basic_lstm_cell")
    x = tf.constant(_inputs())
    layer = _bidirectional("lstm", values, x.shape, merge_mode=None)
    outputs = layer(x)
    full = layer(x, mask=tf.sequence_mask(np.ones(2) * 4, 4))
    major = layer(tf.transpose(tf.transpose(x, [1, 0, 2]), [1, 0, 2]))  # time-major, back
    return {"outputs": [o.numpy() for o in outputs],
            "full_length_outputs": [o.numpy() for o in full],
            "time_major_outputs": [tf.transpose(o, [1, 0, 2]).numpy() for o in major],
            "call_arguments": list(inspect.signature(layer.call).parameters)}


@counterpart(["bidirectional_notes_003_recipe"], "keras.layers.Bidirectional(RNN(LSTMCell(10))) "
             "with initial_state= and a mask; cell.get_initial_state(batch_size); tf.reverse")
def keras_bidirectional_recipe(tf1):
    values = _directions(tf1["bidirectional_notes_003_recipe"]["weights"], "lstm_cell")
    x, mask = tf.constant(_inputs()), tf.sequence_mask(LENGTHS, 4)
    layer = _bidirectional("lstm", values, x.shape, merge_mode=None, units=10)
    cell_fw, cell_bw = layer.forward_layer.cell, layer.backward_layer.cell
    initial = [*cell_fw.get_initial_state(2), *cell_bw.get_initial_state(2)]  # no dtype
    outputs = layer(x, initial_state=initial, mask=mask)
    by_dtype = layer(x, mask=mask)
    by_hand = tf.reverse(_rnn(cell_bw)(tf.reverse(x, axis=[1])), axis=[1])
    return {"outputs": [o.numpy() for o in outputs],
            "dtype_call_outputs": [o.numpy() for o in by_dtype],
            "initial_state_shapes": [s.shape.as_list() for s in initial],
            "out_shape": tf.concat(outputs, 2).shape.as_list(),
            "unmasked_output_bw": layer(x)[1].numpy(), "reversed_dynamic_rnn": by_hand.numpy()}
