"""Bidirectional RNNs (notes 000, 003): the reverse-run-reverse recipe, and the stack."""
from reference.tf1 import tf

import numpy as np
import pytest

from reference import rnn_bidirectional
from tests.reference.versioned import observe


def test_bidirectional_dynamic_rnn_is_the_notes_recipe():
    got = observe("bidirectional_semantics")
    fw, bw = np.array(got.pop("output_fw")), np.array(got.pop("output_bw"))
    np.testing.assert_array_equal(bw, got.pop("reversed_dynamic_rnn"))  # the same ops: exact
    assert fw[1, 2:].tolist() == bw[1, 2:].tolist() == [[0.0] * 3] * 2  # past length 2
    assert fw[0].all() and bw[0].all() and fw[1, :2].all() and bw[1, :2].all()  # no 0 within
    np.testing.assert_array_equal(got.pop("state_bw_h"), bw[:, 0])
    np.testing.assert_array_equal(got.pop("state_fw_h"), fw[[0, 1], [3, 1]])  # lengths 4, 2
    assert got == {
        "shapes": [[2, 4, 3], [2, 4, 3], [2, 4, 6]],
        "variables": ["bidirectional_rnn/fw/lstm_cell/kernel",
                      "bidirectional_rnn/fw/lstm_cell/bias",
                      "bidirectional_rnn/bw/lstm_cell/kernel",
                      "bidirectional_rnn/bw/lstm_cell/bias"]}


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
