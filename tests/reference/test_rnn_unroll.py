"""Unrolling (notes 000, 003): three ways agree exactly, time_major, sequence_length."""
import numpy as np

from tests.reference.versioned import observe

SEED_11_FIRST_ROW = [-0.41044914722442627, -0.11034393310546875, 0.004713654518127441]
ZERO_BIAS = [0.0] * 12  # BasicLSTMCell's bias starts at zero whatever the initializer


def _check_weights(weights):
    """The one BasicLSTMCell's weights from uniform(-0.5, 0.5, seed=11)."""
    assert np.shape(weights["kernel"]) == (6, 12) and weights["bias"] == ZERO_BIAS
    assert np.abs(weights["kernel"]).max() <= 0.5
    assert weights["kernel"][0][:3] == SEED_11_FIRST_ROW


def test_the_three_ways_observe_their_weights_and_gradients():
    got = observe("unroll_three_ways")
    weights, grads = got["weights"], got["gradients"]
    _check_weights(weights["static"])
    assert weights["static"] == weights["dynamic"] == weights["manual"]  # op seed 11, each
    assert grads["static"] == grads["manual"]  # the same unrolled ops: bit for bit
    # dynamic_rnn's loop sums the steps' gradients in another order: within 1 ulp (3e-8)
    for key in ("kernel", "bias"):
        np.testing.assert_allclose(grads["dynamic"][key], grads["static"][key], atol=3e-8,
                                   rtol=0)
    assert grads["dynamic"]["bias"][3:6] == [3.4815502166748047, 2.544374465942383,
                                             2.1551108360290527]  # j: the candidate's


def test_static_dynamic_and_manual_loop_agree_exactly():
    got = observe("unroll_three_ways")
    got.pop("weights"), got.pop("gradients")  # test above
    outputs, states = got.pop("outputs"), got.pop("final_states")
    for name in ("static", "manual"):  # the same weights, the same kernels: bit for bit
        assert outputs[name] == outputs["dynamic"]
        assert states[name] == states["dynamic"]
    assert states["dynamic"]["h"] == [sequence[-1] for sequence in outputs["dynamic"]]  # last
    assert got == {
        "variables": {"static": ["static/rnn/basic_lstm_cell/kernel",
                                 "static/rnn/basic_lstm_cell/bias"],
                      "dynamic": ["dynamic/rnn/basic_lstm_cell/kernel",
                                  "dynamic/rnn/basic_lstm_cell/bias"],
                      "manual": ["manual/RNN/basic_lstm_cell/kernel",
                                 "manual/RNN/basic_lstm_cell/bias"]},
        "outputs_shape": [2, 4, 3]}


def test_notes_000_transpose_reshape_split_is_unstack():
    got = observe("static_input_list")
    inputs = np.sin(np.arange(2 * 4 * 3, dtype=np.float32)).reshape(2, 4, 3)
    assert got.pop("split_pieces") == got.pop("unstacked") == [inputs[:, t].tolist()
                                                               for t in range(4)]
    assert got == {"pieces": 4, "piece_shape": [2, 3]}


def test_time_major_transposes_inputs_and_outputs_only():
    got = observe("time_major")
    _check_weights(got.pop("weights"))
    batch_major = np.array(got.pop("batch_major_outputs"))
    np.testing.assert_allclose(got.pop("time_major_outputs"), batch_major.transpose(1, 0, 2),
                               atol=1e-6, rtol=0)
    np.testing.assert_allclose(got.pop("time_major_final_h"), got.pop("batch_major_final_h"),
                               atol=1e-6, rtol=0)
    assert got == {"time_major_shape": [4, 2, 3]}


def test_sequence_length_zeroes_padding_and_carries_the_state_through():
    got = observe("sequence_length")
    _check_weights(got.pop("weights"))
    grads = got.pop("gradients")
    assert np.shape(grads["kernel"]) == (6, 12)
    assert grads["bias"][3:6] == [2.508516788482666, 1.7891273498535156, 1.4498906135559082]
    final, alone = got.pop("final_state"), got.pop("unpadded_run_final_state")
    np.testing.assert_allclose(final["c"], alone["c"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(final["h"], alone["h"], atol=1e-6, rtol=0)
    outputs = got.pop("outputs_within_length")
    assert final["h"] == outputs[-1]  # the output at length - 1 = 1, exactly
    assert got == {"padding_outputs": [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}
    assert final["h"] != got["padding_outputs"][-1]  # not the last output


def test_a_stacked_cell_can_be_unrolled_again_after_dynamic_rnn_in_tf1_mode():
    got = observe("stacked_cell_reused_after_loop")
    weights = got.pop("weights")  # glorot_uniform under graph seed 2
    layer = "rnn/multi_rnn_cell/cell_{}/basic_lstm_cell/{}"
    assert {k: np.shape(v) for k, v in weights.items()} == {
        layer.format(i, part): shape for i in range(2)
        for part, shape in [("kernel", (6, 12)), ("bias", (12,))]}
    assert weights[layer.format(0, "bias")] == weights[layer.format(1, "bias")] == ZERO_BIAS
    assert weights[layer.format(0, "kernel")][0][:3] == [0.37997037172317505,
                                                         0.12403994798660278,
                                                         -0.39407768845558167]
    np.testing.assert_allclose(got.pop("static_outputs"), got.pop("dynamic_outputs"), atol=1e-6,
                               rtol=0)
    assert got == {"static_outputs_in_graph": [True, True, True, True], "variables": 4}
