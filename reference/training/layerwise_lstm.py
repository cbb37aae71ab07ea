"""Stacked LSTM layers run layer by layer: each layer's input projection as one matmul.

Serves: note 003 "PTBModel" (``MultiRNNCell`` of ``BasicLSTMCell``s unrolled by hand), as the
PTB model's ``fused`` rnn_mode.

``BasicLSTMCell`` multiplies ``[x_t, h_{t-1}]`` by its kernel at every step: a ``batch``-row
matmul, too small to run fast, and the loop interleaves the layers. Here each layer runs over
all its time steps before the next: the kernel is split by rows into ``W_x`` (the input's) and
``W_h`` (the hidden state's), the input's share of every step is one ``[time * batch, depth]``
by ``W_x`` matmul with the bias, and the recurrence multiplies only ``h_{t-1}`` by ``W_h``. The
gate arithmetic is the cell's, in its order (``i, j, f, o``). The variables are the ones
``BasicLSTMCell`` in a ``MultiRNNCell`` creates (``multi_rnn_cell/cell_<i>/basic_lstm_cell/
{kernel,bias}``), so checkpoints move between the modes unchanged; the products are the same,
summed in another order (equal to float rounding).

Trained with ``batched_gradients`` (``W_h``'s gradient one matmul over the steps: it handles a
kernel split by rows) and ``transposed_weights`` (the per-step input gradients on ``W_h``'s
transpose).
"""
from reference.tf1 import tf

from reference.contrib import fused_lstm

LSTMStateTuple = fused_lstm.LSTMStateTuple


def lstm_layer(inputs, initial_state, num_units, forget_bias=1.0):
    """One LSTM layer over a time-major sequence, the input projection hoisted: the arguments
    and result of ``fused_lstm.block_lstm``; ValueError unless ``inputs`` is rank 3 with a
    static shape."""
    if inputs.shape.ndims != 3 or not inputs.shape.is_fully_defined():
        raise ValueError(f"{inputs.name}: expected rank 3 [time, batch, depth] with a static "
                         f"shape, got {inputs.shape.as_list()}")
    time, batch, depth = inputs.shape.as_list()
    dtype = inputs.dtype
    kernel = tf.get_variable("kernel", [depth + num_units, 4 * num_units], dtype)
    bias = tf.get_variable("bias", [4 * num_units], dtype, initializer=tf.zeros_initializer())
    w_input, w_hidden = tf.split(kernel, [depth, num_units], axis=0)
    projected = tf.nn.bias_add(tf.matmul(tf.reshape(inputs, [time * batch, depth]), w_input),
                               bias)
    c, h = initial_state
    outputs = []
    for step_input in tf.split(projected, time, axis=0):
        i, j, f, o = tf.split(step_input + tf.matmul(h, w_hidden), 4, axis=1)
        if forget_bias:
            f += forget_bias
        c = c * tf.sigmoid(f) + tf.sigmoid(i) * tf.tanh(j)
        h = tf.tanh(c) * tf.sigmoid(o)
        outputs.append(h)
    return tf.stack(outputs), LSTMStateTuple(c, h)


def multi_lstm(inputs, initial_states, num_units, forget_bias=1.0, keep_prob=1.0):
    """Stacked ``lstm_layer``s, named and behaving like ``MultiRNNCell`` of ``BasicLSTMCell``s
    (``fused_lstm.multi_block_lstm``'s arguments and result)."""
    return fused_lstm.multi_block_lstm(inputs, initial_states, num_units, forget_bias,
                                       keep_prob, layer=lstm_layer)
