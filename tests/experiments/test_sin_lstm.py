"""experiments.sin_lstm (note 002): windows, the note's shapes, learning, the curve image."""
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
    session.run(tf.global_variables_initializer())
    outputs, state = session.run([model["outputs"], model["final_state"]],
                                 {model["x"]: np.zeros((64, 20, 1), np.float32)})
    assert outputs.shape == (64, 20, 30)  # [batch_size, timestep_size, lstm_size]
    assert np.array(state).shape == (2, 2, 64, 30)  # the note's "final_state=(2,2,64,20)"


@pytest.mark.slow
def test_learns_the_unseen_part_of_the_curve_and_writes_the_image(tmp_path):
    lines = []
    metrics = sin_lstm.train(sin_lstm.CONFIGS["test"], save_path=str(tmp_path), log=lines.append)
    assert metrics["test_rmse"] <= 0.02  # measured 0.0101
    assert lines[-1].startswith("test RMSE: ") and lines[-1].endswith(" over 979 unseen points")
    tags = {value.tag for path in glob.glob(str(tmp_path / "events.out.tfevents.*"))
            for event in tf.train.summary_iterator(path) for value in event.summary.value}
    assert tags == {"loss", "test_prediction_vs_target/image"}
