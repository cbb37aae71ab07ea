"""Note 000's own ``CustomMultiRNNCell`` the TF2 way: its Python history in a Keras cell.

Replaces ``reference/custom_rnn_as_written.py``. TF2's ``tf.nest`` has no ``is_sequence``
either (``is_nested``); ``NotesCustomMultiRNNCell`` keeps the notes' arithmetic and its list of
past outputs: in TF2 too it sees every step only when the loop is unrolled in Python.
"""
import inspect

import keras
import numpy as np
import tensorflow as tf

from reference.native import lstm_weights
from reference.native.custom_rnn import example_inputs
from reference.native.registry import counterpart


class NotesCustomMultiRNNCell(keras.layers.Layer):
    """Note 000's own class as a Keras cell, its arithmetic kept: every call appends the layers'
    outputs to ``self.hs`` (a Python list); once ``hs`` is non-empty, layer ``i > 0`` reads
    ``h_{i-1} + sum over hs of sigmoid(us[i-1] @ U)`` on layer 0's state. States ``[h_0, c_0,
    h_1, c_1, ...]``."""

    def __init__(self, cells, **kwargs):
        super().__init__(**kwargs)
        self.cells, self.units, self.hs = cells, cells[0].units, []
        self.state_size, self.output_size = [self.units] * (2 * len(cells)), self.units

    def build(self, input_shape):
        self.u = self.add_weight(shape=[self.units, self.units], name="U")

    def call(self, inputs, states):
        output, h, new_states = inputs, [], []
        for i, cell in enumerate(self.cells):
            state = states[0:2] if self.hs else states[2 * i:2 * i + 2]
            if i > 0 and self.hs:
                output = h[-1] + tf.add_n([tf.sigmoid(us[i - 1] @ self.u) for us in self.hs])
            output, new_state = cell(output, state)
            new_states += new_state
            h.append(output)
        self.hs.append(h)
        return output, new_states


@counterpart(["notes_custom_cell_as_written"], "tf.nest.is_nested (tf.nest has no is_sequence "
             "either); keras.layers.StackedRNNCells (output_size the last cell's; no "
             "state_is_tuple flag)")
def keras_notes_cell_as_written(tf1):
    del tf1  # nothing drawn at random
    gru = keras.layers.GRUCell
    return {"tf_nest_is_sequence": hasattr(tf.nest, "is_sequence"),
            "tf_nest_is_nested": tf.nest.is_nested((3, 3)),
            "output_size": keras.layers.StackedRNNCells([gru(2), gru(3)]).output_size,
            "state_is_tuple_argument": "state_is_tuple" in inspect.signature(
                keras.layers.StackedRNNCells).parameters}


@counterpart(["notes_custom_cell_mended"], "a keras.layers.Layer cell keeping the notes' "
             "Python history, in keras.layers.RNN(unroll=True), eagerly and in a tf.function")
def keras_notes_cell_history(tf1):
    weights = {k: np.float32(v) for k, v in tf1["notes_custom_cell_mended"]["weights"].items()}
    scope, x = "rnn/CustomMultiRNNCell", tf.constant(example_inputs())

    def notes_cell():
        cells = [lstm_weights.cell("lstm", 3, [weights[f"{scope}/Cell{i}/basic_lstm_cell/{p}"]
                                               for p in ("kernel", "bias")]) for i in range(2)]
        cell = NotesCustomMultiRNNCell(cells)
        cell.build(x.shape)
        cell.u.assign(weights[f"{scope}/U"])
        return cell

    unrolled, looped, traced = notes_cell(), notes_cell(), notes_cell()
    static = keras.layers.RNN(unrolled, return_sequences=True, unroll=True)(x)
    keras.layers.RNN(looped, return_sequences=True)(x)
    tf.function(keras.layers.RNN(traced, return_sequences=True))(x)
    return {"static_outputs": static.numpy(),
            "history_lengths": {"unroll": len(unrolled.hs), "eager_loop": len(looped.hs),
                                "tf_function": len(traced.hs)}}
