"""Unrolling (notes 000, 003): three ways agree exactly, time_major, sequence_length."""
import numpy as np

from tests.reference.versioned import observe


def test_static_dynamic_and_manual_loop_agree_exactly():
    got = observe("unroll_three_ways")
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
    batch_major = np.array(got.pop("batch_major_outputs"))
    np.testing.assert_allclose(got.pop("time_major_outputs"), batch_major.transpose(1, 0, 2),
                               atol=1e-6, rtol=0)
    np.testing.assert_allclose(got.pop("time_major_final_h"), got.pop("batch_major_final_h"),
                               atol=1e-6, rtol=0)
    assert got == {"time_major_shape": [4, 2, 3]}


def test_sequence_length_zeroes_padding_and_carries_the_state_through():
    got = observe("sequence_length")
    final, alone = got.pop("final_state"), got.pop("unpadded_run_final_state")
    np.testing.assert_allclose(final["c"], alone["c"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(final["h"], alone["h"], atol=1e-6, rtol=0)
    outputs = got.pop("outputs_within_length")
    assert final["h"] == outputs[-1]  # the output at length - 1 = 1, exactly
    assert got == {"padding_outputs": [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}
    assert final["h"] != got["padding_outputs"][-1]  # not the last output


def test_a_stacked_cell_can_be_unrolled_again_after_dynamic_rnn_in_tf1_mode():
    got = observe("stacked_cell_reused_after_loop")
    np.testing.assert_allclose(got.pop("static_outputs"), got.pop("dynamic_outputs"), atol=1e-6,
                               rtol=0)
    assert got == {"static_outputs_in_graph": [True, True, True, True], "variables": 4}
