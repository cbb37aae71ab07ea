"""experiments.echo_rnn (note 003 RNN case 2): the data, the hand-built graph, learning."""
import glob

from reference.tf1 import tf

import numpy as np
import pytest

from experiments import echo_rnn
from reference.catalogue.observed import error_of


def test_generate_data_echoes_three_steps_late_in_five_rows():
    config = echo_rnn.Config(total_series_length=30, batch_size=2)
    x, y = echo_rnn.generate_data(config, np.random.default_rng(0))
    assert x.shape == y.shape == (2, 15)
    flat_x, flat_y = x.ravel(), y.ravel()
    assert flat_y[:3].tolist() == [0, 0, 0] and flat_y[3:].tolist() == flat_x[:-3].tolist()
    assert echo_rnn.Config().num_batches == 666  # 50000 // 5 // 15


def test_generate_data_with_the_notes_config_gives_five_rows_of_10000():
    x, y = echo_rnn.generate_data(echo_rnn.Config(), np.random.default_rng(0))
    assert x.shape == y.shape == (5, 10000)  # 50000 bits, batch_size 5
    flat_x, flat_y = x.ravel(), y.ravel()
    assert flat_y[:3].tolist() == [0, 0, 0]
    np.testing.assert_array_equal(flat_y[3:], flat_x[:-3])  # np.roll(x, echo_step)


def test_unstack_along_axis_1_gives_one_input_per_time_step(graph):
    echo_rnn.build_graph(echo_rnn.Config())
    inputs_series = graph.get_operation_by_name("unstack").outputs  # tf.unstack(batchX, axis=1)
    assert [t.shape.as_list() for t in inputs_series] == [[5]] * 15


def test_the_notes_concat_and_sparse_softmax_calls_fail_and_the_keyword_forms_work(graph):
    current_input, current_state = tf.zeros([5, 1]), tf.zeros([5, 4])
    assert error_of(lambda: tf.concat(1, [current_input, current_state])) == {
        "type": "ValueError", "message": "Dimension 1 in both shapes must be equal, but are 1 "
                                         "and 4. Shapes are [5,1] and [5,4]."}
    assert tf.concat([current_input, current_state], 1).shape.as_list() == [5, 5]
    logits, labels = tf.zeros([5, 2]), tf.zeros([5], tf.int32)
    assert error_of(lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(logits, labels)) == {
        "type": "ValueError", "message": "`labels.shape.rank` must equal `logits.shape.rank - 1`."
        " Received: labels.shape=(5, 2) of rank 2 and logits.shape=(5,) of rank 1"}
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    assert loss.shape.as_list() == [5]


def test_graph_has_the_notes_variables_initialized_from_rand(graph, session):
    echo_rnn.build_graph(echo_rnn.Config())
    session.run(tf.global_variables_initializer())
    variables = {v.op.name: v for v in tf.trainable_variables()}
    assert {k: v.shape.as_list() for k, v in variables.items()} == {
        "W": [5, 4], "b": [1, 4], "W2": [4, 2], "b2": [1, 2]}
    w = session.run(variables["W"])
    assert 0.0 <= w.min() and w.max() < 1.0  # np.random.rand


@pytest.mark.slow
def test_learns_to_echo_and_writes_the_image(tmp_path):
    lines = []
    metrics = echo_rnn.train(echo_rnn.CONFIGS["test"], save_path=str(tmp_path), log=lines.append)
    assert metrics["accuracy"] >= 0.99  # measured 0.9999 (seeds 0-4: 0.9969 to 1.0)
    assert metrics["global_step"] == 3 * 666
    assert [line for line in lines if line.startswith("New data")] == [
        "New data, epoch 0", "New data, epoch 1", "New data, epoch 2"]
    tags = {value.tag for path in glob.glob(str(tmp_path / "events.out.tfevents.*"))
            for event in tf.train.summary_iterator(path) for value in event.summary.value}
    assert tags == {"total_loss", "echo_input_target_prediction/image"}
