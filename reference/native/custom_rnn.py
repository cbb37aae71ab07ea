"""Note 000's ``CustomMultiRNNCell`` the TF2 way: a Keras 3 cell for ``keras.layers.RNN``.

Replaces ``reference/custom_rnn.py``. A Keras cell is a ``keras.layers.Layer`` with
``state_size`` and ``call(inputs, states) -> (output, new_states)``; ``keras.layers.RNN`` runs
it in a loop or, with ``unroll=True``, statically (``dynamic_rnn`` and ``static_rnn``). As in
the TF1 cell, the history sums are part of the state, here flat: ``[h_0, c_0, h_1, c_1, ...,
sum_1, ...]`` (Keras LSTM states are ``[h, c]``); the shared ``U`` is the cell's own weight,
the layers are Keras ``LSTMCell``s holding the TF1 run's weights.
"""

import keras
import numpy as np
import tensorflow as tf

from reference.native import lstm_weights
from reference.native.registry import counterpart

SCOPE = "rnn/custom_multi_rnn_cell"


def example_inputs():
    return np.tanh(np.arange(2 * 4 * 3, dtype=np.float32).reshape(2, 4, 3) / 7)


class CustomMultiRNNCell(keras.layers.Layer):
    """Stacks ``cells`` (Keras LSTMCells of one size); layer ``i > 0`` reads layer ``i - 1``'s
    output plus the running sum of ``sigmoid(h_{i-1} @ U)`` over the earlier steps."""

    def __init__(self, cells, **kwargs):
        super().__init__(**kwargs)
        self.cells, self.units = cells, cells[0].units
        self.state_size = [self.units] * (3 * len(cells) - 1)
        self.output_size = self.units

    def build(self, input_shape):
        self.u = self.add_weight(shape=[self.units, self.units], name="U")

    def call(self, inputs, states):
        layers = len(self.cells)
        sums, new_states, new_sums = states[2 * layers:], [], []
        output = inputs
        for i, cell in enumerate(self.cells):
            if i > 0:
                new_sums.append(sums[i - 1] + tf.sigmoid(tf.matmul(output, self.u)))
                output = output + sums[i - 1]
            output, state = cell(output, states[2 * i:2 * i + 2])
            new_states += state
        return output, new_states + new_sums


@counterpart(["custom_multi_rnn_cell"], "a keras.layers.Layer cell (state_size, call) in "
             "keras.layers.RNN and RNN(..., unroll=True); StackedRNNCells; tf.GradientTape")
def keras_custom_cell(tf1):
    weights = tf1["custom_multi_rnn_cell"]["weights"]
    x = tf.constant(example_inputs())
    names = [f"{SCOPE}/cell_{i}/basic_lstm_cell/{part}" for i in range(2)
             for part in ("kernel", "bias")]
    cells = [lstm_weights.cell("lstm", 3, [np.float32(weights[n]) for n in names[2 * i:2 * i + 2]],
                               name=f"cell_{i}") for i in range(2)]
    custom = CustomMultiRNNCell(cells, name="custom_multi_rnn_cell")
    custom.build(x.shape)
    custom.u.assign(np.float32(weights[f"{SCOPE}/U"]))
    with tf.GradientTape() as tape:
        dynamic, *state = keras.layers.RNN(custom, return_sequences=True, return_state=True)(x)
        loss = tf.reduce_sum(dynamic)
    grads = tape.gradient(loss, [custom.u, *cells[0].trainable_weights,
                                 *cells[1].trainable_weights])
    gradients = dict(zip([f"{SCOPE}/U"] + names, [grads[0].numpy()] + lstm_weights.to_tf1(
        "lstm", grads[1:4]) + lstm_weights.to_tf1("lstm", grads[4:])))
    static = keras.layers.RNN(custom, return_sequences=True, unroll=True)(x)
    plain = keras.layers.RNN(keras.layers.StackedRNNCells(cells), return_sequences=True)(x)
    layer0 = keras.layers.RNN(cells[0], return_sequences=True)(x)
    return {"dynamic_outputs": dynamic.numpy(), "static_outputs": static.numpy(),
            "plain_stack_outputs": plain.numpy(), "history_sum": state[-1].numpy(),
            "history_sum_of_layer_0": tf.reduce_sum(tf.sigmoid(layer0 @ custom.u), 1).numpy(),
            "gradients": gradients, "state_size": custom.state_size}
