"""The re-created contrib wrappers (note 003): sizes, variables, and what they compute."""

import numpy as np

from tests.reference.versioned import observe


def _drawn(weights, seed, scale=0.8):
    """``load_uniform_weights``'s draws for variables of ``weights``' names, shapes and order."""
    rng = np.random.default_rng(seed)
    return {name: rng.uniform(-scale, scale, np.shape(value)).astype(np.float32).tolist()
            for name, value in weights.items()}


def test_projection_wrapper_observes_its_weights_and_gradients():
    wrapper = "out/rnn/output_projection_wrapper"
    projection = observe("projection_wrappers")["output_projection"]
    weights, grads = projection["weights"], projection["gradients"]
    assert list(weights) == list(grads) == [
        f"{wrapper}/output_projection/kernel", f"{wrapper}/output_projection/bias",
        f"{wrapper}/basic_rnn_cell/kernel", f"{wrapper}/basic_rnn_cell/bias"]
    assert weights == _drawn(weights, seed=1)
    # each of the 2 x 3 outputs adds the bias once: d sum(outputs) / d bias = 6, exactly
    assert grads[f"{wrapper}/output_projection/bias"] == [6.0] * 5
    assert grads[f"{wrapper}/basic_rnn_cell/bias"] == [2.131462812423706, -1.529489278793335,
                                                       1.7033970355987549]
    assert {k: np.shape(g) for k, g in grads.items()} == {
        k: np.shape(w) for k, w in weights.items()}


def test_projection_wrappers_and_num_proj():
    wrapper = "out/rnn/output_projection_wrapper"
    got = observe("projection_wrappers")
    projection = got["output_projection"]
    projection.pop("weights"), projection.pop("gradients")  # test above
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
        "lstm_num_proj_state_size": [3, 5],
        "removed": {name: {"type": "AttributeError", "message": (
            "module 'tf_keras.api._v1.keras.__internal__.legacy.rnn_cell' has no attribute "
            f"'{name}'")} for name in ("OutputProjectionWrapper", "InputProjectionWrapper",
                                      "EmbeddingWrapper")}}


def test_embedding_wrapper_observes_its_weights_and_gradients():
    got = observe("embedding_wrapper")
    weights, grads = got["weights"], got["gradients"]
    assert weights == _drawn(weights, seed=2)
    assert list(grads) == list(weights) == ["rnn/embedding_wrapper/embedding",
                                            "rnn/embedding_wrapper/basic_lstm_cell/kernel",
                                            "rnn/embedding_wrapper/basic_lstm_cell/bias"]
    table = np.array(grads["rnn/embedding_wrapper/embedding"])
    assert table[[3, 5, 6, 7, 8]].tolist() == [[0.0] * 3] * 5  # ids never looked up
    assert np.abs(table[[0, 1, 2, 4, 9]]).min() > 0.05  # the ids 1 4 4 / 0 9 2
    assert table[0].tolist() == [0.2581019997596741, 0.5324074625968933, -0.2941872179508209]


def test_embedding_wrapper_looks_up_then_runs_the_cell():
    got = observe("embedding_wrapper")
    got.pop("weights"), got.pop("gradients")  # test above
    # float32 kernels against float64 NumPy (rnn_math.basic_lstm_step) over three steps
    np.testing.assert_allclose(got.pop("outputs"), got.pop("cell_on_rows"), atol=1e-5, rtol=0)
    assert got == {
        "variables": {"rnn/embedding_wrapper/embedding": [10, 3],
                      "rnn/embedding_wrapper/basic_lstm_cell/kernel": [7, 16],
                      "rnn/embedding_wrapper/basic_lstm_cell/bias": [16]},
        "embedding_device": "/device:CPU:0"}


def test_dropout_wrapper_seed_is_eighth_and_input_keep_prob_drops_inputs():
    got = observe("dropout_wrapper_input_keep_prob")
    outputs = got.pop("outputs")  # the identity cell: each output is its dropped input
    # 1 / 0.5 or 0; one step at a time (parallel_iterations=1), else the steps' masks come
    # in a racy order
    assert outputs == [[[0.0, 2.0], [0.0, 2.0], [0.0, 0.0]],
                       [[0.0, 2.0], [2.0, 0.0], [2.0, 0.0]]]
    assert len({str(step) for row in outputs for step in row}) > 1  # a mask per step
    assert got == {
        "signature": "(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, "
                     "state_keep_prob=1.0, variational_recurrent=False, input_size=None, "
                     "dtype=None, seed=None, dropout_state_filter_visitor=None, **kwargs)",
        "notes_positional_seed": {"type": "ValueError", "message": (
            "Parameter state_keep_prob must be between 0 and 1. Received 5")},
        "variables": {"rnn/basic_rnn_cell/kernel": [4, 2], "rnn/basic_rnn_cell/bias": [2]}}
