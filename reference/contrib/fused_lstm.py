"""Fused LSTM layers on ``tf.raw_ops.BlockLSTM``: the successor of contrib's block cells.

Replaces ``tf.contrib.rnn.LSTMBlockCell`` / ``LSTMBlockFusedCell`` (the tutorial's
``--rnn_mode=block``), removed with contrib. ``BlockLSTM`` runs a whole sequence in
one kernel and has a registered gradient in TF 2.21 (``LSTMBlockCell``, the
one-step op, has none, so it cannot be trained through).

The variables are the ones ``BasicLSTMCell`` in a ``MultiRNNCell`` creates
(``multi_rnn_cell/cell_<i>/basic_lstm_cell/{kernel,bias}``, kernel
``[input + units, 4 * units]`` over ``[x, h]``, gates in the order i, j, f, o,
zero-initialized bias), so a checkpoint moves between ``basic`` and ``block``
modes unchanged and both give the same loss for the same weights.

Reproduces: note 003 "PTBModel" (stacked LSTM with ``forget_bias=0.0`` and
``DropoutWrapper(output_keep_prob)`` on each layer) with a fused kernel.
"""
from reference.tf1 import tf

LSTMStateTuple = tf.nn.rnn_cell.LSTMStateTuple


def block_lstm(inputs, initial_state, num_units, forget_bias=1.0):
    """One fused LSTM layer over a time-major sequence.

    Args:
      inputs: float tensor ``[time, batch, depth]`` with a static ``depth``.
      initial_state: ``LSTMStateTuple(c, h)``, each ``[batch, num_units]``.
      num_units: int, the layer's width.
      forget_bias: float added to the forget gate's pre-activation.

    Returns:
      ``(outputs, final_state)``: ``[time, batch, num_units]`` and an ``LSTMStateTuple``.

    Raises:
      ValueError: ``inputs`` is not rank 3 or its depth is unknown.
    """
    if inputs.shape.ndims != 3 or inputs.shape.as_list()[-1] is None:
        raise ValueError(f"{inputs.name}: expected rank 3 [time, batch, depth] with a known "
                         f"depth, got {inputs.shape.as_list()}")
    dtype = inputs.dtype
    depth = inputs.shape.as_list()[-1]
    kernel = tf.get_variable("kernel", [depth + num_units, 4 * num_units], dtype)
    bias = tf.get_variable("bias", [4 * num_units], dtype, initializer=tf.zeros_initializer())
    no_peephole = tf.zeros([num_units], dtype)
    out = tf.raw_ops.BlockLSTM(
        seq_len_max=tf.cast(tf.shape(inputs)[0], tf.int64), x=inputs,
        cs_prev=initial_state.c, h_prev=initial_state.h, w=kernel,
        wci=no_peephole, wcf=no_peephole, wco=no_peephole, b=bias,
        forget_bias=forget_bias, cell_clip=-1.0, use_peephole=False)
    return out.h, LSTMStateTuple(out.cs[-1], out.h[-1])


def multi_block_lstm(inputs, initial_states, num_units, forget_bias=1.0, keep_prob=1.0,
                     layer=block_lstm):
    """Stacked fused LSTM layers, named and behaving like ``MultiRNNCell`` of ``BasicLSTMCell``s.

    Args:
      inputs: float tensor ``[time, batch, depth]``.
      initial_states: one ``LSTMStateTuple`` per layer.
      num_units: int, width of every layer.
      forget_bias: float, as for ``BasicLSTMCell``.
      keep_prob: dropout keep probability on each layer's output (as
        ``DropoutWrapper(output_keep_prob=keep_prob)`` around each cell); 1 = none.
      layer: ``(inputs, state, num_units, forget_bias) -> (outputs, final_state)``, one
        layer (``block_lstm``, or ``layerwise_lstm.lstm_layer``).

    Returns:
      ``(outputs, final_states)``: the top layer's ``[time, batch, num_units]`` and
      a tuple of ``LSTMStateTuple``, one per layer.
    """
    final_states = []
    with tf.variable_scope("multi_rnn_cell"):
        for index, state in enumerate(initial_states):
            with tf.variable_scope(f"cell_{index}"), tf.variable_scope("basic_lstm_cell"):
                inputs, final = layer(inputs, state, num_units, forget_bias)
            if keep_prob < 1.0:
                inputs = tf.nn.dropout(inputs, rate=1.0 - keep_prob)
            final_states.append(final)
    return inputs, tuple(final_states)
