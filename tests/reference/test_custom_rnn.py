"""Note 000's CustomMultiRNNCell as a real cell: variables, state, and its history term."""
from reference.tf1 import tf

import numpy as np
import pytest

from reference import custom_rnn
from tests.reference.versioned import observe


def test_custom_cell_variables_state_and_history():
    scope = "rnn/custom_multi_rnn_cell"
    got = observe("custom_multi_rnn_cell")
    dynamic, plain = np.array(got.pop("dynamic_outputs")), np.array(got.pop("plain_stack_outputs"))
    assert dynamic.shape == plain.shape == (2, 4, 3)
    np.testing.assert_allclose(got.pop("static_outputs"), dynamic, atol=1e-6, rtol=0)
    # step 0: no history yet, so the plain stack; later the history term moves every output
    np.testing.assert_allclose(dynamic[:, 0], plain[:, 0], atol=1e-6, rtol=0)
    assert np.abs(dynamic[:, 1:] - plain[:, 1:]).min() > 1e-3
    # float32 sums of four sigmoids against NumPy's on the same layer-0 outputs
    np.testing.assert_allclose(got.pop("history_sum"), got.pop("history_sum_by_numpy"),
                               atol=1e-5, rtol=0)
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
