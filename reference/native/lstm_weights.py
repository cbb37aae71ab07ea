"""TF1 RNN cell weights as Keras 3 cells hold them, and Keras gradients back in TF1's layout.

Not a family: the conversions the RNN families' counterparts share. TF1's ``BasicRNNCell``,
``BasicLSTMCell``/``LSTMCell`` and ``GRUCell`` keep one kernel ``[input + units, ...]`` that
multiplies ``concat([x, h])``; Keras keeps ``kernel [input, ...]`` and ``recurrent_kernel
[units, ...]``. LSTM gates: TF1 orders them i, j (the candidate), f, o and adds
``forget_bias`` to f at run time, without storing it; Keras orders them i, f, c (= j), o and
stores the forget part in its bias (``unit_forget_bias`` puts 1.0 there at initialization).
GRU: TF1's ``gates`` kernel holds r then u, its ``candidate`` kernel the candidate; Keras's
``GRUCell(reset_after=False)`` holds z (= u), r, h (the candidate) in one kernel, and computes
what ``GRUCell`` does: ``h = z * h_prev + (1 - z) * tanh(x W_h + (r * h_prev) U_h + b_h)``.
Keras 3 has no cell for ``LSTMCell(use_peepholes=True, num_proj, cell_clip)``:
``PeepholeLSTMCell`` is one for ``keras.layers.RNN``, keeping TF1's layout.
"""
import functools

import keras
import numpy as np
import tensorflow as tf

LSTM_GATES = [0, 2, 1, 3]  # TF1 i, j, f, o <-> Keras i, f, c, o: a swap, its own inverse
GRU_GATES = [1, 0]  # TF1 r, u <-> Keras z (= u), r
CELLS = {"rnn": keras.layers.SimpleRNNCell, "lstm": keras.layers.LSTMCell,
         "gru": functools.partial(keras.layers.GRUCell, reset_after=False)}


def _blocks(value, order):
    """``value``'s last axis cut into ``len(order)`` equal blocks, put in ``order``."""
    parts = np.split(np.asarray(value, np.float32), len(order), axis=-1)
    return np.concatenate([parts[i] for i in order], axis=-1)


def to_keras(kind, tf1_weights, units, forget_bias=1.0):
    """``[kernel, recurrent_kernel, bias]`` of a Keras cell (``kind``: ``"rnn"``, ``"lstm"``,
    ``"gru"``) from a TF1 cell's weights in its variable order (``[kernel, bias]``, or GRU's
    ``[gates/kernel, gates/bias, candidate/kernel, candidate/bias]``)."""
    if kind == "gru":
        gates_kernel, gates_bias, candidate_kernel, candidate_bias = tf1_weights
        kernel = np.concatenate([_blocks(gates_kernel, GRU_GATES), candidate_kernel], 1)
        bias = np.concatenate([_blocks(gates_bias, GRU_GATES), candidate_bias])
    else:
        kernel, bias = (np.asarray(w, np.float32) for w in tf1_weights)
        if kind == "lstm":
            kernel, bias = _blocks(kernel, LSTM_GATES), _blocks(bias, LSTM_GATES)
            bias = bias + np.repeat(np.float32([0, forget_bias, 0, 0]), units)
    depth = kernel.shape[0] - units
    return [kernel[:depth], kernel[depth:], bias.astype(np.float32)]


def to_tf1(kind, keras_values, forget_bias=0.0):
    """The inverse of ``to_keras``: a TF1 cell's weights (or, with ``forget_bias=0``, their
    gradients: the conversion only moves numbers, and the fold is a constant shift)."""
    kernel, recurrent, bias = (np.asarray(v, np.float32) for v in keras_values)
    full = np.concatenate([kernel, recurrent], 0)
    if kind == "gru":
        units = recurrent.shape[0]
        return [_blocks(full[:, :2 * units], GRU_GATES), _blocks(bias[:2 * units], GRU_GATES),
                full[:, 2 * units:], bias[2 * units:]]
    if kind == "lstm":
        units = recurrent.shape[0]
        bias = bias - np.repeat(np.float32([0, forget_bias, 0, 0]), units)
        return [_blocks(full, LSTM_GATES), _blocks(bias, LSTM_GATES)]
    return [full, bias]


def load(built, kind, tf1_weights, forget_bias=1.0):
    """Gives the built Keras cell ``built`` the TF1 cell's weights."""
    built.set_weights(to_keras(kind, tf1_weights, built.units, forget_bias))
    return built


def cell(kind, units, tf1_weights, forget_bias=1.0, **kwargs):
    """A built Keras cell of ``kind`` holding the TF1 cell's weights."""
    made = CELLS[kind](units, **kwargs)
    made.build((None, np.shape(tf1_weights[0])[0] - units))
    return load(made, kind, tf1_weights, forget_bias)


class PeepholeLSTMCell(keras.layers.Layer):
    """TF1's ``LSTMCell(units, use_peepholes=True, num_proj, cell_clip)`` as a Keras cell, in
    TF1's layout (one kernel over ``[x, h]``, gates i, j, f, o; ``forget_bias`` 1.0 added at
    run time; weights kernel, bias, w_f_diag, w_i_diag, w_o_diag, projection); state ``[c,
    h]``, output the projected ``h``."""

    def __init__(self, units, num_proj, cell_clip, initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.units, self.num_proj, self.cell_clip = units, num_proj, cell_clip
        self.initializer = initializer
        self.state_size, self.output_size = [units, num_proj], num_proj

    def build(self, input_shape):
        def add(name, shape, initializer=self.initializer):
            return self.add_weight(shape=shape, initializer=initializer, name=name)
        self.kernel = add("kernel", [input_shape[-1] + self.num_proj, 4 * self.units])
        self.bias = add("bias", [4 * self.units], "zeros")
        self.w_f, self.w_i, self.w_o = (add(f"w_{g}_diag", [self.units]) for g in "fio")
        self.projection = add("projection", [self.units, self.num_proj])

    def call(self, inputs, states):
        c, h = states
        i, j, f, o = tf.split(tf.matmul(tf.concat([inputs, h], 1), self.kernel) + self.bias, 4, 1)
        c = tf.sigmoid(f + 1.0 + self.w_f * c) * c + tf.sigmoid(i + self.w_i * c) * tf.tanh(j)
        c = tf.clip_by_value(c, -self.cell_clip, self.cell_clip)
        h = tf.matmul(tf.sigmoid(o + self.w_o * c) * tf.tanh(c), self.projection)
        return h, [c, h]
