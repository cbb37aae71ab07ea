"""The TF2-native counterparts of reference/rnn_bidirectional.py against the TF1
demonstrations."""
from tests.reference.native.equivalence import RNN_FORWARD
from tests.reference.native.equivalence import RNN_GRADIENTS
from tests.reference.native.equivalence import same

# the tolerances: equivalence.RNN_FORWARD and RNN_GRADIENTS (Keras's split kernels)


def test_keras_bidirectional_with_a_mask_is_bidirectional_dynamic_rnn(native, tf1_as_recorded):
    got, tf1 = native["keras_bidirectional"], tf1_as_recorded["bidirectional_semantics"]
    assert same(got, tf1, ["shapes"]) == {"shapes": 0}
    assert tf1["shapes"] == [[2, 4, 3], [2, 4, 3], [2, 4, 6]]
    same(got, tf1, ["output_fw", "output_bw", "reversed_dynamic_rnn", "state_fw_h",
                    "state_bw_h"], atol=RNN_FORWARD)
    same(got, tf1, ["gradients"], atol=RNN_GRADIENTS)
    assert got["output_fw"][1][2:] == got["output_bw"][1][2:] == [[0.0] * 3] * 2  # length 2
    assert got["concat_merge_equals_tf_concat"] is True


def test_stacked_bidirectional_layers_read_the_concatenated_outputs_below(native,
                                                                          tf1_as_recorded):
    got, tf1 = native["stacked_keras_bidirectional"], tf1_as_recorded["stacked_bidirectional"]
    assert same(got, tf1, ["outputs_shape", "states"]) == {"outputs_shape": 0, "states": 0}
    # two layers on larger weights (uniform(-0.8, 0.8), outputs up to 0.79)
    same(got, tf1, ["outputs"], atol=RNN_FORWARD)
    # Keras GRU kernels: [input, 3 * units] (z, r, h); layer 1 reads 2 * 3 features
    assert got["kernels"] == {"layer_0/fw": [3, 9], "layer_0/bw": [3, 9], "layer_1/fw": [6, 9],
                              "layer_1/bw": [6, 9]}


def test_keras_bidirectional_takes_a_3d_tensor_a_mask_for_lengths_and_no_time_major(
        native, tf1_as_recorded):
    got, tf1 = native["keras_bidirectional_inputs"], tf1_as_recorded[
        "bidirectional_notes_000_inputs"]
    same(got, tf1, ["outputs", "full_length_outputs", "time_major_outputs"], atol=RNN_FORWARD)
    assert got["full_length_outputs"] == got["outputs"]  # an all-true mask changes nothing
    # the call has no dtype (dytype), sequence_length or time_major
    assert got["call_arguments"] == ["sequences", "initial_state", "mask", "training"]


def test_keras_bidirectional_with_zero_initial_states_is_the_notes_recipe(native,
                                                                          tf1_as_recorded):
    got, tf1 = native["keras_bidirectional_recipe"], tf1_as_recorded[
        "bidirectional_notes_003_recipe"]
    same(got, tf1, ["outputs", "dtype_call_outputs", "unmasked_output_bw",
                    "reversed_dynamic_rnn"], atol=RNN_FORWARD)
    assert got["dtype_call_outputs"] == got["outputs"]
    assert got["reversed_dynamic_rnn"] == got["unmasked_output_bw"]  # go_backwards = tf.reverse
    # Keras cells need no dtype: get_initial_state(2) is [h, c] per direction
    assert got["initial_state_shapes"] == [[2, 10]] * 4
    assert same(got, tf1, ["out_shape"]) == {"out_shape": 0}
    assert tf1["zero_state_without_dtype"]["type"] == "TypeError"
