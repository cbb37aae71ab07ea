"""experiments.mnist_rnn: the notes' row-by-row LSTM; it learns generated and real digits."""
from reference.tf1 import tf

import pytest

from experiments import mnist_rnn
from tests import conftest


def test_graph_has_the_notes_variables(graph):
    mnist_rnn.build_graph(mnist_rnn.CONFIGS["default"])
    assert {v.op.name: v.shape.as_list() for v in tf.trainable_variables()} == {
        "w_in": [28, 128], "w_out": [128, 10], "b_in": [128], "b_out": [10],
        "rnn/basic_lstm_cell/kernel": [256, 512], "rnn/basic_lstm_cell/bias": [512]}


@pytest.mark.slow
def test_learns_generated_digits_and_resumes_from_its_checkpoint(tmp_path):
    data = mnist_rnn.load_data(None, generated_train=3000, generated_test=500)
    lines = []
    metrics = mnist_rnn.train(mnist_rnn.CONFIGS["test"], data, save_path=str(tmp_path),
                              log=lines.append)
    assert metrics["test_accuracy"] > 0.85  # measured 0.934 (seed 0)
    assert metrics["global_step"] == 300 and len(metrics["losses"]) == 300
    assert lines[0].startswith("step 100/300: loss ")
    again = mnist_rnn.train(mnist_rnn.CONFIGS["test"], data, save_path=str(tmp_path),
                            log=lines.append)
    assert again["losses"] == [] and again["global_step"] == 300
    assert again["test_accuracy"] == metrics["test_accuracy"]  # the restored weights
    assert lines[-2] == f"Restored model.ckpt-300 from {tmp_path}."


@pytest.mark.slow
def test_real_mnist_test_set_8000_train_2000_held_out_reaches_95_percent():
    data = mnist_rnn.load_data(str(conftest.shared_data_dir("mnist")))
    metrics = mnist_rnn.train(mnist_rnn.CONFIGS["small"], data, log=lambda line: None)
    assert metrics["test_accuracy"] >= 0.95  # measured 0.9585 in 12.5 s
