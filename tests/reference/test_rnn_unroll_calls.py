"""The notes' unrolling calls: zero_state's layouts, dynamic_rnn as called, the loop."""
import numpy as np

from reference import rnn_unroll_calls
from tests.reference.versioned import observe


def test_zero_state_of_four_layers_of_ten_is_zeros_of_2_num_units_len_cells():
    got = observe("zero_state_layouts")
    layers = 4  # the notes' cells=[cell]*4, num_units=10, a batch of three sentences
    assert got["state_is_tuple_False"]["shapes"] == [3, 2 * rnn_unroll_calls.NUM_UNITS * layers]
    assert got["state_is_tuple_False"]["shapes"][1] != 2 * layers  # the notes' [batch, 2*len]
    assert got == {
        "notes_call": {"type": "SyntaxError", "message": "invalid syntax (<note 001>, line 1)"},
        "state_is_tuple_False": {"state_size": 80, "shapes": [3, 80], "values": [0.0]},
        "state_is_tuple_True": {"state_size": [[10, 10]] * 4,
                                "shapes": [[[3, 10], [3, 10]]] * 4, "values": [0.0]},
        "without_dtype": {"type": "TypeError", "message": (
            "MultiRNNCell.zero_state() missing 1 required positional argument: 'dtype'")}}


def test_the_notes_dynamic_rnn_call_sequence_lengths_and_while_loop():
    got = observe("notes_dynamic_rnn_call")
    weights = got.pop("weights")
    assert np.shape(weights["kernel"]) == (14, 40) and np.shape(weights["bias"]) == (40,)
    runs = {notes: got.pop(notes) for notes in ("003", "001")}
    for notes, lengths in rnn_unroll_calls.NOTES_LENGTHS.items():
        run = runs[notes]
        assert run["outputs_shape"] == [3, 25, 10]
        for row, length in enumerate(lengths):
            largest = run["largest_output_per_step"][row]
            assert min(largest[:length]) > 0.0 and largest[length:] == [0.0] * (25 - length)
        # the final state is the state at length - 1: its h is that output, bit for bit
        assert run["final_h"] == run["output_at_length_minus_1"]
    assert runs["001"]["final_h"][:2] == runs["003"]["final_h"][:2]
    # 15 steps are not 25: 001's third sentence ends elsewhere (0.39 apart at the most)
    gap = np.abs(np.subtract(runs["001"]["final_h"][2], runs["003"]["final_h"][2])).max()
    assert abs(gap - 0.3856596127152443) <= 1e-7
    assert got == {
        "signature": "(cell, inputs, sequence_length=None, initial_state=None, dtype=None, "
                     "parallel_iterations=None, swap_memory=False, time_major=False, scope=None)",
        "notes_call": {"type": "ValueError", "message": (
            "If no initial_state is provided, argument `dtype` must be specified")},
        "loop_op_types": ["Enter", "Exit", "LoopCond", "Merge", "NextIteration", "Switch"],
        "loop_conditions": ["rnn_1/rnn/while/LoopCond", "rnn_2/rnn/while/LoopCond"]}


def test_the_notes_loop_listing_fails_twice_then_is_dynamic_rnn():
    got = observe("notes_loop_listing")
    # the corrected loop ends in dynamic_rnn's final state: the same kernels, bit for bit
    assert got.pop("loop_final_state") == got.pop("dynamic_rnn_final_state")
    assert got == {
        "as_written": {"type": "TabError", "message": (
            "inconsistent use of tabs and spaces in indentation (<note 001>, line 5)")},
        "reindented": {"type": "NameError", "message": "name 'state' is not defined"},
        "outputs": [[3, 10]] * 25,
        "variables": {"RNN/basic_lstm_cell/kernel": [14, 40], "RNN/basic_lstm_cell/bias": [40]}}
