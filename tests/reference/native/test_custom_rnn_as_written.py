"""The TF2-native counterparts of reference/custom_rnn_as_written.py against TF1's."""
from tests.reference.native.equivalence import RNN_FORWARD
from tests.reference.native.equivalence import same


def test_tf2_has_no_is_sequence_either_and_stacks_report_the_last_cells_size(native,
                                                                             tf1_as_recorded):
    got, tf1 = native["keras_notes_cell_as_written"], tf1_as_recorded[
        "notes_custom_cell_as_written"]
    assert got == {"tf_nest_is_sequence": False, "tf_nest_is_nested": True, "output_size": 3,
                   "state_is_tuple_argument": False}
    assert tf1["output_size"] == [got["output_size"]] * 2


def test_the_notes_python_history_sees_every_step_only_when_unrolled(native, tf1_as_recorded):
    got, tf1 = native["keras_notes_cell_history"], tf1_as_recorded["notes_custom_cell_mended"]
    same(got, tf1, ["static_outputs"], atol=RNN_FORWARD)  # RNN(unroll=True) is static_rnn
    # unroll: one call per step (TF1 static_rnn: 4); eagerly Keras calls the cell once more
    # at step 0 to learn its output; in a tf.function the loop body is traced once (TF1
    # dynamic_rnn: 1, no step-0 call)
    assert got["history_lengths"] == {"unroll": 4, "eager_loop": 5, "tf_function": 2}
    assert tf1["history_lengths"] == {"static_rnn": 4, "dynamic_rnn": 1}
