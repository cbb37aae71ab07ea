"""The arithmetic of TF1's RNN cells, step by step in NumPy: what the cells are checked against.

Reproduces: note 000 "##lstm" (BasicLSTMCell's ``__call__``: ``concat = _linear([inputs, h],
4 * num_units, True)``; ``i, j, f, o = split(concat)``; ``new_c = c * sigmoid(f + forget_bias)
+ sigmoid(i) * activation(j)``; ``new_h = activation(new_c) * sigmoid(o)``), note 004 "LSTM结构"
(the same with g and h as the two activations) and "LSTM tensorflow实现" (``LSTMCell`` with
peepholes). The formulas follow ``tf.compat.v1.nn.rnn_cell`` in TF 2.21:

* kernels multiply ``concat([inputs, state_h], 1)``, inputs first;
* LSTM gate blocks are laid out i, j, f, o (input gate, candidate, forget gate, output gate);
* ``LSTMCell`` adds peepholes ``w_i_diag * c_prev``, ``w_f_diag * c_prev`` (to i and f) and
  ``w_o_diag * new_c`` (to o), clips ``new_c`` to ``[-cell_clip, cell_clip]`` before the
  output, and projects ``h`` with ``projection/kernel`` (no bias);
* GRU: ``r, u = sigmoid([x, h] @ gates_kernel + gates_bias)`` split in that order, candidate
  ``tanh([x, r * h] @ candidate_kernel + candidate_bias)``, ``new_h = u * h + (1 - u) * c``.

All functions take float arrays ``[batch, ...]`` and return float64 results.
"""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def basic_rnn_step(x, h, kernel, bias, activation=np.tanh):
    """``BasicRNNCell``: ``new_h = activation([x, h] @ kernel + bias)``; output is ``new_h``."""
    return activation(np.concatenate([x, h], 1) @ kernel + bias)


def basic_lstm_step(x, c, h, kernel, bias, forget_bias=1.0, activation=np.tanh):
    """``BasicLSTMCell``; returns ``(new_c, new_h)`` (the output is ``new_h``)."""
    i, j, f, o = np.split(np.concatenate([x, h], 1) @ kernel + bias, 4, axis=1)
    new_c = c * sigmoid(f + forget_bias) + sigmoid(i) * activation(j)
    return new_c, activation(new_c) * sigmoid(o)


def lstm_step(x, c, h, kernel, bias, forget_bias=1.0, peepholes=None, cell_clip=None,
              projection=None, activation=np.tanh):
    """``LSTMCell``; ``peepholes`` is ``(w_f_diag, w_i_diag, w_o_diag)`` or None; returns
    ``(new_c, new_h)`` where ``new_h`` is projected when ``projection`` is given."""
    i, j, f, o = np.split(np.concatenate([x, h], 1) @ kernel + bias, 4, axis=1)
    w_f, w_i, w_o = peepholes if peepholes is not None else (0.0, 0.0, 0.0)
    new_c = (sigmoid(f + forget_bias + w_f * c) * c + sigmoid(i + w_i * c) * activation(j))
    if cell_clip is not None:
        new_c = np.clip(new_c, -cell_clip, cell_clip)
    new_h = sigmoid(o + w_o * new_c) * activation(new_c)
    if projection is not None:
        new_h = new_h @ projection
    return new_c, new_h


def gru_step(x, h, gates_kernel, gates_bias, candidate_kernel, candidate_bias,
             activation=np.tanh):
    """``GRUCell``: reset gate r and update gate u, then the candidate; returns ``new_h``."""
    r, u = np.split(sigmoid(np.concatenate([x, h], 1) @ gates_kernel + gates_bias), 2, axis=1)
    candidate = activation(np.concatenate([x, r * h], 1) @ candidate_kernel + candidate_bias)
    return u * h + (1 - u) * candidate


def unroll(step, inputs, state):
    """Runs ``step(x_t, *state) -> state`` over ``inputs [batch, time, depth]``; returns the
    list of states after each step (a state is a tuple; its last element is the output)."""
    states = []
    for t in range(inputs.shape[1]):
        state = step(inputs[:, t], *state)
        state = state if isinstance(state, tuple) else (state,)
        states.append(state)
    return states
