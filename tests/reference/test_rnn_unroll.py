"""Unrolling (notes 000, 003): three ways agree exactly, time_major, sequence_length."""
from reference.catalogue import observe


def test_static_dynamic_and_manual_loop_agree_exactly():
    assert observe("unroll_three_ways") == {
        "variables": {"static": ["static/rnn/basic_lstm_cell/kernel",
                                 "static/rnn/basic_lstm_cell/bias"],
                      "dynamic": ["dynamic/rnn/basic_lstm_cell/kernel",
                                  "dynamic/rnn/basic_lstm_cell/bias"],
                      "manual": ["manual/RNN/basic_lstm_cell/kernel",
                                 "manual/RNN/basic_lstm_cell/bias"]},
        "static_equals_dynamic": True, "manual_equals_dynamic": True,
        "outputs_shape": [2, 4, 3], "h_is_last_output": True}


def test_notes_000_transpose_reshape_split_is_unstack():
    assert observe("static_input_list") == {"pieces": 4, "piece_shape": [2, 3],
                                            "equals_unstack": True}


def test_time_major_transposes_inputs_and_outputs_only():
    assert observe("time_major") == {"time_major_shape": [4, 2, 3], "equals_transposed": True,
                                     "same_final_state": True}


def test_sequence_length_zeroes_padding_and_carries_the_state_through():
    assert observe("sequence_length") == {
        "padding_outputs": [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]],
        "final_state_equals_unpadded_run": True,
        "h_equals_output_at_length_minus_1": True, "h_equals_last_output": False}


def test_a_stacked_cell_can_be_unrolled_again_after_dynamic_rnn_in_tf1_mode():
    assert observe("stacked_cell_reused_after_loop") == {
        "static_outputs_in_graph": [True, True, True, True], "variables": 4,
        "same_outputs": True}
