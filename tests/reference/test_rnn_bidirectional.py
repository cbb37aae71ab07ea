"""Bidirectional RNNs (notes 000, 003): the reverse-run-reverse recipe, and the stack."""
import pytest

from reference import rnn_bidirectional
from reference.catalogue import observe
from reference.tf1 import tf


def test_bidirectional_dynamic_rnn_is_the_notes_recipe():
    assert observe("bidirectional_semantics") == {
        "shapes": [[2, 4, 3], [2, 4, 3], [2, 4, 6]],
        "bw_equals_reversed_dynamic_rnn": True, "padding_is_zero": True,
        "bw_state_h_is_output_at_0": True, "fw_state_h_is_output_at_length_minus_1": True,
        "variables": ["bidirectional_rnn/fw/lstm_cell/kernel", "bidirectional_rnn/fw/lstm_cell/bias",
                      "bidirectional_rnn/bw/lstm_cell/kernel", "bidirectional_rnn/bw/lstm_cell/bias"]}


def test_stacked_layers_read_the_concatenated_outputs_below():
    prefix = "stack_bidirectional_rnn/cell_{}/bidirectional_rnn/{}/gru_cell/gates/kernel"
    assert observe("stacked_bidirectional") == {
        "outputs_shape": [2, 4, 6], "states": [2, 2],
        "kernels": {prefix.format(0, "fw"): [6, 6], prefix.format(0, "bw"): [6, 6],
                    prefix.format(1, "fw"): [9, 6], prefix.format(1, "bw"): [9, 6]}}


def test_stack_needs_matching_cell_lists(graph):
    with pytest.raises(ValueError, match="need as many forward as backward cells, at least one; "
                                         "got 2 and 1"):
        rnn_bidirectional.stack_bidirectional_dynamic_rnn(
            [tf.nn.rnn_cell.GRUCell(2)] * 2, [tf.nn.rnn_cell.GRUCell(2)], tf.zeros([1, 2, 2]),
            dtype=tf.float32)
