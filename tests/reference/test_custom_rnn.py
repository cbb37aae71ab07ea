"""Note 000's CustomMultiRNNCell as a real cell: variables, state, and its history term."""
from reference.tf1 import tf

import numpy as np
import pytest

from reference import custom_rnn
from tests.reference.versioned import observe


def test_custom_cell_observes_its_weights_and_gradients():
    scope = "rnn/custom_multi_rnn_cell"
    got = observe("custom_multi_rnn_cell")
    weights, grads = got["weights"], got["gradients"]
    assert list(weights) == list(grads) == list(got["variables"])
    rng = np.random.default_rng(6)  # load_uniform_weights(session, seed=6): variable order
    assert weights == {name: rng.uniform(-0.8, 0.8, np.shape(value)).astype(np.float32).tolist()
                       for name, value in weights.items()}
    assert {k: list(np.shape(g)) for k, g in grads.items()} == got["variables"]
    assert grads[f"{scope}/U"] == [
        [-0.04728816822171211, -0.021954523399472237, -0.0056954543106257915],
        [-0.06317410618066788, -0.029868286103010178, -0.006229020655155182],
        [-0.09076546877622604, -0.03781331703066826, -0.01321137510240078]]


def test_custom_cell_variables_state_and_history():
    scope = "rnn/custom_multi_rnn_cell"
    got = observe("custom_multi_rnn_cell")
    got.pop("weights"), got.pop("gradients")  # test above
    dynamic, plain = np.array(got.pop("dynamic_outputs")), np.array(got.pop("plain_stack_outputs"))
    assert dynamic.shape == plain.shape == (2, 4, 3)
    np.testing.assert_allclose(got.pop("static_outputs"), dynamic, atol=1e-6, rtol=0)
    # step 0: no history yet, so the plain stack; later the history term moves every output
    np.testing.assert_allclose(dynamic[:, 0], plain[:, 0], atol=1e-6, rtol=0)
    assert np.abs(dynamic[:, 1:] - plain[:, 1:]).min() > 1e-3
    # float32 sums of four sigmoids against NumPy's on the same layer-0 outputs
    np.testing.assert_allclose(got.pop("history_sum"), got.pop("history_sum_by_numpy"),
                               atol=1e-5, rtol=0)
    # layer 1 on h0(t) + sum over t' < t of sigmoid(h0(t') @ U), unrolled in float64 NumPy
    np.testing.assert_allclose(dynamic, got.pop("outputs_by_numpy"), atol=1e-5, rtol=0)
    assert got == {
        "variables": {f"{scope}/U": [3, 3],
                      f"{scope}/cell_0/basic_lstm_cell/kernel": [6, 12],
                      f"{scope}/cell_0/basic_lstm_cell/bias": [12],
                      f"{scope}/cell_1/basic_lstm_cell/kernel": [6, 12],
                      f"{scope}/cell_1/basic_lstm_cell/bias": [12]},
        "state_size": [[[3, 3], [3, 3]], [3]]}


def test_layers_must_share_one_size(graph):
    with pytest.raises(ValueError, match=r"all layers need the same output size \(U is shared\), "
                                         r"got \[2, 3\]"):
        custom_rnn.CustomMultiRNNCell([tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(3)])
    with pytest.raises(ValueError, match="Must specify at least one cell"):
        custom_rnn.CustomMultiRNNCell([])


def test_zero_state_has_empty_history(graph, session):
    cell = custom_rnn.CustomMultiRNNCell([tf.nn.rnn_cell.GRUCell(2) for _ in range(3)])
    states, sums = session.run(cell.zero_state(4, tf.float32))
    assert [s.shape for s in states] == [(4, 2)] * 3
    assert [s.tolist() for s in sums] == [[[0.0, 0.0]] * 4] * 2
