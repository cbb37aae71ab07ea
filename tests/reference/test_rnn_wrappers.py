"""The re-created contrib wrappers (note 003): sizes, variables, and what they compute."""

import numpy as np

from tests.reference.versioned import observe


def test_projection_wrappers_and_num_proj():
    wrapper = "out/rnn/output_projection_wrapper"
    got = observe("projection_wrappers")
    projection = got["output_projection"]
    # cell_output @ kernel + bias, in float32 by NumPy
    np.testing.assert_allclose(projection.pop("outputs"), projection.pop("dense_of_cell_output"),
                               atol=1e-6, rtol=0)
    assert got == {
        "output_projection": {
            "output_size": 5, "state_size": 3,
            "variables": {f"{wrapper}/basic_rnn_cell/kernel": [5, 3],
                          f"{wrapper}/basic_rnn_cell/bias": [3],
                          f"{wrapper}/output_projection/kernel": [3, 5],
                          f"{wrapper}/output_projection/bias": [5]}},
        "input_projection": {
            "output_size": 3,
            "variables": {"rnn/input_projection_wrapper/input_projection/kernel": [2, 4],
                          "rnn/input_projection_wrapper/input_projection/bias": [4],
                          "rnn/input_projection_wrapper/gru_cell/gates/kernel": [7, 6],
                          "rnn/input_projection_wrapper/gru_cell/gates/bias": [6],
                          "rnn/input_projection_wrapper/gru_cell/candidate/kernel": [7, 3],
                          "rnn/input_projection_wrapper/gru_cell/candidate/bias": [3]}},
        "lstm_num_proj_state_size": [3, 5]}


def test_embedding_wrapper_looks_up_then_runs_the_cell():
    got = observe("embedding_wrapper")
    # float32 kernels against float64 NumPy (rnn_math.basic_lstm_step) over three steps
    np.testing.assert_allclose(got.pop("outputs"), got.pop("cell_on_rows"), atol=1e-5, rtol=0)
    assert got == {
        "variables": {"rnn/embedding_wrapper/embedding": [10, 3],
                      "rnn/embedding_wrapper/basic_lstm_cell/kernel": [7, 16],
                      "rnn/embedding_wrapper/basic_lstm_cell/bias": [16]},
        "embedding_device": "/device:CPU:0"}
