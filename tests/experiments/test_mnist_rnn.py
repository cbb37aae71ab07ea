"""experiments.mnist_rnn: the notes' row-by-row LSTM; it learns generated and real digits."""
from reference.tf1 import tf

import numpy as np
import pytest

from experiments import mnist_rnn
from pipelines import mnist_input_data
from tests import conftest


def test_the_notes_graph_runs_128_images_as_28_steps_of_128_units(session):
    model = mnist_rnn.build_notes_graph(mnist_rnn.CONFIGS["default"])
    assert (model["x"].shape.as_list(), model["y"].shape.as_list()) == ([None, 28, 28],
                                                                       [None, 10])  # one-hot
    assert model["x_in"].shape.as_list() == [None, 28, 128]
    # zero_state(batch_size) fixes the batch: the outputs' static shape is 128 wide
    assert model["outputs"].shape.as_list() == [128, 28, 128]
    assert [t.shape.as_list() for t in model["steps"]] == [[128, 128]] * 28  # unstack over time
    session.run(tf.global_variables_initializer())
    images, labels = mnist_input_data.load_arrays(None, 128, 1)[:2]
    batch_xs = images.reshape([128, 28, 28]).astype(np.float32) / 255  # the notes' reshape
    names = ["rows", "hidden_rows", "x_in", "outputs", "final_state", "steps", "pred",
             "init_state", "cost"]
    got = session.run({**{k: model[k] for k in names}, "w_in": model["weights"]["in"],
                       "biases": model["biases"]},
                      {model["x"]: batch_xs, model["y"]: np.eye(10, dtype=np.float32)[labels]})
    assert {k: list(np.shape(got[k])) for k in names[:4] + ["pred"]} == {
        "rows": [128 * 28, 28], "hidden_rows": [128 * 28, 128], "x_in": [128, 28, 128],
        "outputs": [128, 28, 128], "pred": [128, 10]}
    # biases tf.constant(0.1, shape=[128, ]) and [10, ]; the initial state all zeros
    assert got["biases"]["in"].tolist() == [0.10000000149011612] * 128
    assert got["biases"]["out"].tolist() == [0.10000000149011612] * 10
    assert [s.tolist() for s in got["init_state"]] == [[[0.0] * 128] * 128] * 2  # c, h
    # X_in is each row times w_in plus b_in (float32 matmuls of 28 terms, |x_in| < 20)
    np.testing.assert_allclose(got["x_in"], batch_xs @ got["w_in"] + got["biases"]["in"],
                               atol=1e-5)
    # unstack(transpose(outputs))[-1] is outputs[:, -1] and the final h, bit for bit
    np.testing.assert_array_equal(got["steps"][-1], got["outputs"][:, -1])
    np.testing.assert_array_equal(got["steps"][-1], got["final_state"].h)
    assert np.isfinite(got["cost"])
    # the same state cannot take 64 images: the LSTM's concat of x and h fails
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"ConcatOp : Dimension 0 in both shapes must be equal: "
                             r"shape\[0\] = \[64,128\] vs\. shape\[1\] = \[128,128\]"):
        session.run(model["pred"], {model["x"]: batch_xs[:64]})


def test_the_experiments_state_takes_any_batch(session):
    model = mnist_rnn.build_graph(mnist_rnn.CONFIGS["default"])
    session.run(tf.global_variables_initializer())
    images, labels = mnist_input_data.load_arrays(None, 64, 1)[:2]
    rows = images.reshape([64, 28, 28]).astype(np.float32) / 255
    accuracy = session.run(model["accuracy"], {model["x"]: rows, model["y"]: labels})
    assert (accuracy * 64).is_integer()  # dtype= instead of zero_state(128): 64 images scored


def test_the_notes_loop_trains_782_steps_and_prints_40_times():
    steps, printed = mnist_rnn.notes_loop()  # training_iters 100000, batch_size 128, % 20
    assert steps == 782 == -(-100000 // 128)  # 781 * 128 = 99968 < 100000 runs a 782nd
    assert printed == list(range(0, 781, 20)) and len(printed) == 40  # the notes' log: to 420


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
