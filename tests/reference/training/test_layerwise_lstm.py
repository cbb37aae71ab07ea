"""Layer-by-layer LSTMs: MultiRNNCell's variables, outputs and gradients, one recurrent matmul."""
from reference.tf1 import tf

import numpy as np
import pytest

from reference.training import batched_gradients
from reference.training import layerwise_lstm

TIME, BATCH, DEPTH, UNITS, LAYERS = 4, 3, 2, 5, 2


def _inputs():
    rng = np.random.default_rng(0)
    return tf.constant(rng.standard_normal((TIME, BATCH, DEPTH)), tf.float32)


def _zero_states():
    return tuple(layerwise_lstm.LSTMStateTuple(tf.zeros([BATCH, UNITS]), tf.zeros([BATCH, UNITS]))
                 for _ in range(LAYERS))


def _cost(outputs):
    return tf.reduce_sum(tf.square(outputs - 0.3))


def test_the_cells_variables_outputs_and_gradients_of_multi_rnn_cell(graph):
    inputs = _inputs()
    with tf.variable_scope("RNN", initializer=tf.random_uniform_initializer(-0.5, 0.5, seed=1)):
        outputs, finals = layerwise_lstm.multi_lstm(inputs, _zero_states(), UNITS,
                                                    forget_bias=0.5)
    variables = tf.trainable_variables()
    assert {v.op.name: v.shape.as_list() for v in variables} == {
        "RNN/multi_rnn_cell/cell_0/basic_lstm_cell/kernel": [DEPTH + UNITS, 4 * UNITS],
        "RNN/multi_rnn_cell/cell_0/basic_lstm_cell/bias": [4 * UNITS],
        "RNN/multi_rnn_cell/cell_1/basic_lstm_cell/kernel": [2 * UNITS, 4 * UNITS],
        "RNN/multi_rnn_cell/cell_1/basic_lstm_cell/bias": [4 * UNITS]}
    grads = batched_gradients.gradients(_cost(outputs), variables)
    # each kernel: its input rows' gradient (one use) beside one matmul over the steps for
    # its hidden rows, concatenated as the split's gradient is
    for kernel_grad in grads[0::2]:
        assert kernel_grad.op.type == "ConcatV2"
        hidden = kernel_grad.op.inputs[1].op
        assert hidden.type == "MatMul" and hidden.get_attr("transpose_a")
        assert hidden.inputs[0].shape.as_list() == [TIME * BATCH, UNITS]
    with tf.variable_scope("RNN", reuse=True):  # the notes' cells on the same variables
        cell = tf.nn.rnn_cell.MultiRNNCell(
            [tf.nn.rnn_cell.BasicLSTMCell(UNITS, forget_bias=0.5) for _ in range(LAYERS)])
        state, cell_outputs = cell.zero_state(BATCH, tf.float32), []
        for step, step_input in enumerate(tf.unstack(inputs)):
            if step:
                tf.get_variable_scope().reuse_variables()
            output, state = cell(step_input, state)
            cell_outputs.append(output)
    cell_grads = tf.gradients(_cost(tf.stack(cell_outputs)), variables)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        ours, theirs = session.run([(outputs, finals, grads),
                                    (tf.stack(cell_outputs), state, cell_grads)])
    for a, b in zip(tf.nest.flatten(ours), tf.nest.flatten(theirs)):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)  # summed in another order
    assert np.abs(ours[2][0]).max() > 0.1  # a real gradient, not zeros


def test_an_unknown_shape_is_a_build_time_error(graph):
    inputs = tf.placeholder(tf.float32, [None, BATCH, DEPTH], name="inputs")
    with pytest.raises(ValueError, match=r"^inputs:0: expected rank 3 \[time, batch, depth\] "
                                         r"with a static shape, got \[None, 3, 2\]$"):
        layerwise_lstm.lstm_layer(inputs, _zero_states()[0], UNITS)
