"""Note 000's CustomMultiRNNCell as a real cell: variables, state, and its history term."""
import pytest

from reference import custom_rnn
from reference.catalogue import observe
from reference.tf1 import tf


def test_custom_cell_variables_state_and_history():
    scope = "rnn/custom_multi_rnn_cell"
    assert observe("custom_multi_rnn_cell") == {
        "variables": {f"{scope}/U": [3, 3],
                      f"{scope}/cell_0/basic_lstm_cell/kernel": [6, 12],
                      f"{scope}/cell_0/basic_lstm_cell/bias": [12],
                      f"{scope}/cell_1/basic_lstm_cell/kernel": [6, 12],
                      f"{scope}/cell_1/basic_lstm_cell/bias": [12]},
        "state_size": [[[3, 3], [3, 3]], [3]],
        "static_equals_dynamic": True, "first_step_equals_plain_stack": True,
        "later_steps_differ": True, "history_sum_matches": True}


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
