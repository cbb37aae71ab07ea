"""experiments.sin_cos (note 003 LSTM_RNN case 3): batches continue, cost falls, state helps."""
from reference.tf1 import tf

import numpy as np
import pytest

from experiments import sin_cos


def test_each_batch_row_continues_the_same_row_of_the_batch_before():
    batches = sin_cos.Batches(sin_cos.Config(time_steps=3, batch_size=2))
    _, _, first = batches.next()
    seq, res, second = batches.next()
    assert np.round(first * 10 * np.pi).tolist() == [[0, 1, 2], [3, 4, 5]]
    assert np.round(second * 10 * np.pi).tolist() == [[3, 4, 5], [6, 7, 8]]
    np.testing.assert_array_equal(seq[..., 0], np.sin(second))
    np.testing.assert_array_equal(res[..., 0], np.cos(second))
    assert batches.start == 6


def test_the_notes_get_batch_sizes_and_first_values():
    # note 003 get_batch with TIME_STEPS=20, BATCH_SIZE=50, BATCH_START=0
    batches = sin_cos.Batches(sin_cos.Config())
    seq, res, xs = batches.next()
    assert (seq.shape, res.shape, xs.shape) == ((50, 20, 1), (50, 20, 1), (50, 20))
    assert xs[0, 0] == 0.0
    assert abs(xs[0, 1] - 0.0318310) <= 1e-7  # 1 / (10 pi)
    assert abs(xs[1, 0] - 0.6366198) <= 1e-7  # row 1 starts at 20: 20 / (10 pi)
    assert batches.start == 20  # BATCH_START += TIME_STEPS


def test_the_placeholders_are_named_in_the_inputs_scope(graph):
    model = sin_cos.build_graph(sin_cos.Config())
    assert (model["xs"].name, model["ys"].name) == ("inputs/xs:0", "inputs/ys:0")
    assert tf.placeholder(tf.float32, name="xs").name == "xs:0"  # no clash outside the scope
    with pytest.raises(NameError, match="name 'xs' is not defined"):  # the notes' name=xs
        eval("tf.placeholder(tf.float32, [None, 20, 1], name=xs)", {"tf": tf})


def test_constant_initializer_0_1_takes_1_as_the_dtype(session):
    # the notes' _bias_variable: tf.constant_initializer(0, 1); 1 is DT_FLOAT, 3 DT_INT32
    assert tf.constant_initializer(0, 1).dtype == tf.float32
    assert tf.constant_initializer(0, 3).dtype == tf.int32
    sin_cos.build_graph(sin_cos.Config())
    session.run(tf.global_variables_initializer())
    biases = {v.op.name: v for v in tf.trainable_variables() if "biases" in v.op.name}
    assert {name: v.dtype.base_dtype for name, v in biases.items()} == {
        "in_hidden/biases": tf.float32, "out_hidden/biases": tf.float32}
    assert {name: v.tolist() for name, v in session.run(biases).items()} == {
        "in_hidden/biases": [0.0] * 10, "out_hidden/biases": [0.0]}


def test_graph_scopes_and_variables_are_the_notes(graph):
    sin_cos.build_graph(sin_cos.Config())
    assert {v.op.name: v.shape.as_list() for v in tf.trainable_variables()} == {
        "in_hidden/weights": [1, 10], "in_hidden/biases": [10],
        "LSTM_cell/rnn/basic_lstm_cell/kernel": [20, 40],
        "LSTM_cell/rnn/basic_lstm_cell/bias": [40],
        "out_hidden/weights": [10, 1], "out_hidden/biases": [1]}


@pytest.mark.slow
def test_cost_falls_tenfold_and_the_fed_state_beats_a_zero_state():
    results = sin_cos.train(sin_cos.CONFIGS["test"], log=lambda line: None)
    costs = results["costs"]
    assert len(costs) == 200
    assert np.mean(costs[:20]) > 10 * np.mean(costs[-20:])  # measured 7.38 -> 0.029 (250x)
    # measured 0.0086 fed vs 8.53 from zero states: a row's start needs the phase
    assert results["eval_cost_state_fed"] * 10 < results["eval_cost_zero_state"]
