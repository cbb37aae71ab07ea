"""Bidirectional RNNs (notes 000, 003): the reverse-run-reverse recipe, and the stack."""
from reference.tf1 import tf

import numpy as np
import pytest

from reference import rnn_bidirectional
from tests.reference.versioned import observe


def test_bidirectional_observes_its_weights_and_gradients():
    got = observe("bidirectional_semantics")
    weights, grads = got["weights"], got["gradients"]
    assert list(weights) == list(grads) == got["variables"]
    rng = np.random.default_rng(4)  # load_uniform_weights(session, seed=4): variable order
    assert weights == {name: rng.uniform(-0.8, 0.8, np.shape(value)).astype(np.float32).tolist()
                       for name, value in weights.items()}
    assert {k: np.shape(g) for k, g in grads.items()} == {
        k: np.shape(w) for k, w in weights.items()}
    assert grads["bidirectional_rnn/bw/lstm_cell/bias"][:4] == [
        0.15045170485973358, 0.2790905833244324, 0.21478275954723358, 2.467456579208374]


def test_bidirectional_dynamic_rnn_is_the_notes_recipe():
    got = observe("bidirectional_semantics")
    got.pop("weights"), got.pop("gradients")  # test above
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
    got = observe("stacked_bidirectional")
    outputs, weights = np.array(got.pop("outputs")), got.pop("weights")
    assert outputs.shape == (2, 4, 6) and outputs[1, 2:].tolist() == [[0.0] * 6] * 2
    assert outputs[0].all() and outputs[1, :2].all()  # within the lengths 4 and 2
    rng = np.random.default_rng(5)  # load_uniform_weights(session, seed=5): variable order
    assert weights == {name: rng.uniform(-0.8, 0.8, np.shape(value)).astype(np.float32).tolist()
                       for name, value in weights.items()}
    assert {name: np.shape(value) for name, value in weights.items()
            if name.endswith("gates/kernel")} == {k: tuple(v) for k, v in got["kernels"].items()}
    assert len(weights) == 16  # 2 layers x 2 directions x (gates, candidate) x (kernel, bias)
    assert got == {
        "outputs_shape": [2, 4, 6], "states": [2, 2],
        "kernels": {prefix.format(0, "fw"): [6, 6], prefix.format(0, "bw"): [6, 6],
                    prefix.format(1, "fw"): [9, 6], prefix.format(1, "bw"): [9, 6]}}


def test_stack_needs_matching_cell_lists(graph):
    with pytest.raises(ValueError, match="need as many forward as backward cells, at least one; "
                                         "got 2 and 1"):
        rnn_bidirectional.stack_bidirectional_dynamic_rnn(
            [tf.nn.rnn_cell.GRUCell(2)] * 2, [tf.nn.rnn_cell.GRUCell(2)], tf.zeros([1, 2, 2]),
            dtype=tf.float32)


def _check_uniform_weights(weights, seed):
    rng = np.random.default_rng(seed)  # load_uniform_weights(session, seed): variable order
    assert weights == {name: rng.uniform(-0.8, 0.8, np.shape(value)).astype(np.float32).tolist()
                       for name, value in weights.items()}


def test_notes_000_inputs_signature_full_lengths_and_time_major():
    got = observe("bidirectional_notes_000_inputs")
    _check_uniform_weights(got.pop("weights"), 8)
    outputs = got.pop("outputs")
    assert np.shape(outputs) == (2, 2, 4, 3)  # (fw, bw) x [batch, n_step, units]
    assert got.pop("full_length_outputs") == outputs  # np.ones(batch) * n_step: no change
    np.testing.assert_array_equal(np.transpose(got.pop("time_major_outputs"), (0, 2, 1, 3)),
                                  outputs)  # [n_step, batch, units], the same numbers
    assert got == {
        # the list of 4 [batch, n_input] = [2, 3] tensors is a nest of 4 inputs: each is
        # transposed to time-major on its own ([2, 3] -> (3, 2)), and rank 2 is refused
        "list_input": {"type": "ValueError", "message": "Shape (3, 2) must have rank at least 3"},
        "dytype": {"type": "TypeError", "message": "Got an unexpected keyword argument 'dytype'"},
        # dynamic_rnn's tf.while_loop, once per direction (TF2 behaviour: a StatelessWhile op)
        "while_loops": {"bidirectional_rnn/fw/fw/while/LoopCond": "LoopCond",
                        "bidirectional_rnn/bw/bw/while/LoopCond": "LoopCond"},
        "signature": "(cell_fw, cell_bw, inputs, sequence_length=None, initial_state_fw=None, "
                     "initial_state_bw=None, dtype=None, parallel_iterations=None, "
                     "swap_memory=False, time_major=False, scope=None)"}


def test_notes_003_recipe_lstm_cell_10_positional_call_and_plain_reverse():
    got = observe("bidirectional_notes_003_recipe")
    _check_uniform_weights(got.pop("weights"), 9)
    outputs = got.pop("outputs")
    assert got.pop("dtype_call_outputs") == outputs  # zero initial states == dtype=tf.float32
    unmasked_bw = got.pop("unmasked_output_bw")
    assert got.pop("reversed_dynamic_rnn") == unmasked_bw  # _reverse = tf.reverse(axis=[1])
    assert np.abs(np.subtract(unmasked_bw, outputs[1]))[1].max() > 0.1  # measured 0.451: length 2
    assert got == {
        "contrib_import": {"type": "ModuleNotFoundError",
                           "message": "No module named 'tensorflow.contrib'"},
        "zero_state_without_dtype": {
            "type": "TypeError",
            "message": "RNNCell.zero_state() missing 1 required positional argument: 'dtype'"},
        "initial_state_shapes": [[2, 10], [2, 10]],  # LSTMStateTuple(c, h)
        "out_shape": [2, 4, 20],  # tf.concat(outputs, 2): 10 + 10
        "state_h_shapes": [[2, 10], [2, 10]]}
