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
