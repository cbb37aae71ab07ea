"""experiments.sin_lstm (note 002): windows, the note's shapes, learning, the curve image."""
import dataclasses
import glob

from reference.tf1 import tf

import numpy as np
import pytest

from experiments import sin_lstm


def test_generate_data_windows_as_the_note_writes_them():
    x, y = sin_lstm.generate_data(np.arange(25, dtype=np.float64), timesteps=20)
    assert x.shape == (4, 20, 1) and y.shape == (4, 1)  # range(25 - 20 - 1): the last window
    assert x[0, :, 0].tolist() == list(range(20)) and y[:, 0].tolist() == [20, 21, 22, 23]


def test_outputs_and_final_state_shapes_are_the_notes(graph, session):
    config = sin_lstm.CONFIGS["default"]
    model = sin_lstm.build_graph(config)
    assert str(model["outputs"].shape) == "(?, 20, 30)"  # the note's print for lstm_size 30
    session.run(tf.global_variables_initializer())
    outputs, state = session.run([model["outputs"], model["final_state"]],
                                 {model["x"]: np.zeros((64, 20, 1), np.float32)})
    assert outputs.shape == (64, 20, 30)  # [batch_size, timestep_size, lstm_size]
    assert np.array(state).shape == (2, 2, 64, 30)  # the note's "final_state=(2,2,64,20)"


NOTES = dataclasses.replace(sin_lstm.CONFIGS["default"], lstm_size=20)  # the note's lstm_size


def test_the_notes_lstm_size_20_shapes_names_and_variables(graph, session):
    model = sin_lstm.build_graph(NOTES)
    assert (model["x"].name, model["x"].shape.as_list()) == ("input_x:0", [None, 20, 1])
    assert (model["y"].name, model["y"].shape.as_list()) == ("input_y:0", [None, 1])
    assert str(model["outputs"].shape) == "(?, 20, 20)"  # the note's "(?,20,30)" for size 30
    assert model["last_output"].shape.as_list() == [None, 20]  # [batch_size, lstm_size]
    assert {v.op.name: v.shape.as_list() for v in tf.trainable_variables()} == {
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel": [1 + 20, 4 * 20],  # two layers
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias": [80],
        "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel": [20 + 20, 80],  # reads layer 0
        "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias": [80],
        "output/kernel": [20, 1], "output/bias": [1]}  # 64 x 20 -> 64 x 1
    session.run(tf.global_variables_initializer())
    outputs, last, state, predictions = session.run(
        [model["outputs"], model["last_output"], model["final_state"], model["predictions"]],
        {model["x"]: np.zeros((64, 20, 1), np.float32)})  # the note's 64*20*1
    assert outputs.shape == (64, 20, 20)  # the note's "64*20*20"
    assert last.shape == (64, 20) and predictions.shape == (64, 1)
    assert np.array(state).shape == (2, 2, 64, 20)  # the note's "final_state=(2,2,64,20)"
    np.testing.assert_array_equal(last, outputs[:, -1])


def test_x_of_100_steps_unrolls_into_100_cells(graph, session):
    model = sin_lstm.build_graph(dataclasses.replace(NOTES, timesteps=100))  # X [100, 1]
    session.run(tf.global_variables_initializer())
    outputs = session.run(model["outputs"], {model["x"]: np.zeros((1, 100, 1), np.float32)})
    assert outputs.shape == (1, 100, 20)


def test_the_notes_10000_and_1000_samples_give_9979_and_979_windows():
    train_x, train_y, test_x, test_y = sin_lstm.make_data(NOTES)
    assert (train_x.shape, train_y.shape) == ((9979, 20, 1), (9979, 1))  # 10000 - 20 - 1
    assert (test_x.shape, test_y.shape) == ((979, 20, 1), (979, 1))
    # the note's generate_data on its training curve: the same numbers, without the last axes
    x, y = sin_lstm.generate_data_as_written(np.sin(np.linspace(0, 100.2, 10000)))
    assert (x.shape, y.shape) == ((9979, 20), (9979,))
    np.testing.assert_array_equal(x[..., None], train_x)  # test_start = (10000 + 20) * 0.01
    np.testing.assert_array_equal(y[:, None], train_y)


def test_the_notes_2d_windows_cannot_be_fed(graph, session):
    model = sin_lstm.build_graph(NOTES)
    x, y = sin_lstm.generate_data_as_written(np.sin(np.linspace(0, 1, 100)))
    session.run(tf.global_variables_initializer())
    with pytest.raises(ValueError, match=r"^Cannot feed value of shape \(64, 20\) for Tensor "
                                         r"input_x:0, which has shape \(\?, 20, 1\)$"):
        session.run(model["loss"], {model["x"]: x[:64], model["y"]: y[:64, None]})
    with pytest.raises(ValueError, match=r"^Cannot feed value of shape \(64,\) for Tensor "
                                         r"input_y:0, which has shape \(\?, 1\)$"):
        session.run(model["loss"], {model["x"]: x[:64, :, None], model["y"]: y[:64]})


@pytest.mark.slow
def test_learns_the_unseen_part_of_the_curve_and_writes_the_image(tmp_path):
    lines = []
    metrics = sin_lstm.train(sin_lstm.CONFIGS["test"], save_path=str(tmp_path), log=lines.append)
    assert metrics["test_rmse"] <= 0.02  # measured 0.0101
    assert lines[-1].startswith("test RMSE: ") and lines[-1].endswith(" over 979 unseen points")
    tags = {value.tag for path in glob.glob(str(tmp_path / "events.out.tfevents.*"))
            for event in tf.train.summary_iterator(path) for value in event.summary.value}
    assert tags == {"loss", "test_prediction_vs_target/image"}
