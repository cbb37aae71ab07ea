"""The TF2-native counterparts of reference/rnn_unroll_calls.py against TF1's."""
from tests.reference.native.equivalence import RNN_FORWARD
from tests.reference.native.equivalence import same


def test_stacked_cells_initial_state_is_a_nest_of_zeros(native, tf1_as_recorded):
    got, tf1 = native["stacked_initial_state"], tf1_as_recorded["zero_state_layouts"]
    flat, nested = tf1["state_is_tuple_False"], tf1["state_is_tuple_True"]
    assert same(got, nested, ["state_size", "shapes", "values"]) == {
        "state_size": 0, "shapes": 0, "values": 0}  # [h, c] per layer: the same sizes
    assert got["flat_shape"] == flat["shapes"] == [3, 80]
    assert got["without_batch_size"] == {"type": "ValueError", "message": (
        "Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a "
        "Tensor.")}


def test_a_mask_of_the_notes_lengths_is_their_sequence_length(native, tf1_as_recorded):
    got, tf1 = native["masked_rnn_of_three_sentences"], tf1_as_recorded["notes_dynamic_rnn_call"]
    for notes in ("003", "001"):
        assert same(got[notes], tf1[notes], ["outputs_shape"]) == {"outputs_shape": 0}
        same(got[notes], tf1[notes], ["largest_output_per_step", "final_h",
                                      "output_at_length_minus_1"], atol=RNN_FORWARD)
    # a tf.function of the layer: one functional While op, not TF1's Enter/Exit/... frames
    assert got["loop_op_types"] == ["While"]
    assert "LoopCond" in tf1["loop_op_types"]
    assert got["rnn_signature"] == (
        "(self, cell, return_sequences=False, return_state=False, go_backwards=False, "
        "stateful=False, unroll=False, zero_output_for_mask=False, **kwargs)")


def test_the_notes_loop_in_tf2_a_python_loop_over_a_keras_cell(native, tf1_as_recorded):
    got, tf1 = native["python_loop_over_a_keras_cell"], tf1_as_recorded["notes_loop_listing"]
    assert got["as_written"] == tf1["as_written"]  # Python's TabError, either way
    assert got["reindented"] == {  # TF2 fails one line earlier than TF1's NameError
        "type": "AttributeError",
        "message": "module 'tensorflow' has no attribute 'variable_scope'"}
    assert got["outputs"] == tf1["outputs"]
    same({"state": got["loop_final_state"]}, {"state": tf1["loop_final_state"]}, ["state"],
         atol=RNN_FORWARD)
    assert got["loop_final_state"] == got["keras_rnn_final_state"]  # the same cell, same steps
