"""BlockLSTM layers in place of contrib's block cells: BasicLSTMCell's names and numbers."""
from reference.tf1 import tf

import numpy as np
import pytest

from reference.contrib import fused_lstm

BATCH, TIME, DEPTH, UNITS = 3, 4, 5, 2


def _inputs():
    return tf.constant(np.linspace(-1.0, 1.0, TIME * BATCH * DEPTH, dtype=np.float32).reshape(
        TIME, BATCH, DEPTH))


def _zero_states(layers):
    zeros = tf.zeros([BATCH, UNITS])
    return tuple(fused_lstm.LSTMStateTuple(zeros, zeros) for _ in range(layers))


def test_two_layers_match_a_multi_rnn_cell_of_basic_lstm_cells_with_the_same_weights(session):
    init = tf.random_uniform_initializer(-0.5, 0.5, seed=3)
    with tf.variable_scope("block", initializer=init):
        block_out, block_state = fused_lstm.multi_block_lstm(_inputs(), _zero_states(2), UNITS,
                                                             forget_bias=0.0)
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(UNITS, forget_bias=0.0)
                                        for _ in range(2)])
    with tf.variable_scope("basic"):
        basic_out, basic_state = tf.nn.dynamic_rnn(cell, _inputs(), initial_state=_zero_states(2),
                                                   time_major=True)
    names = sorted(v.op.name for v in tf.global_variables())
    assert names == sorted(f"{side}/{'rnn/' if side == 'basic' else ''}multi_rnn_cell/cell_{i}/"
                           f"basic_lstm_cell/{w}" for side in ("basic", "block")
                           for i in range(2) for w in ("bias", "kernel"))
    session.run(tf.global_variables_initializer())
    block_vars = [v for v in tf.global_variables() if v.op.name.startswith("block/")]
    basic_vars = [v for v in tf.global_variables() if v.op.name.startswith("basic/")]
    session.run([b.assign(a) for a, b in zip(block_vars, basic_vars)])
    got = session.run({"block": (block_out, block_state), "basic": (basic_out, basic_state)})
    assert got["block"][0].shape == (TIME, BATCH, UNITS)
    np.testing.assert_allclose(got["block"][0], got["basic"][0], atol=1e-6)
    np.testing.assert_allclose(np.array(got["block"][1]), np.array(got["basic"][1]), atol=1e-6)


def test_inputs_of_unknown_depth_are_a_build_time_error(graph):
    inputs = tf.placeholder(tf.float32, [TIME, BATCH, None], name="ragged")
    with pytest.raises(ValueError, match=r"ragged:0: expected rank 3 \[time, batch, depth\] "
                                         r"with a known depth, got \[4, 3, None\]"):
        fused_lstm.block_lstm(inputs, _zero_states(1)[0], UNITS)
