"""The TF2-native counterpart of reference/custom_rnn.py against the TF1 demonstration."""
from tests.reference.native.equivalence import RNN_FORWARD
from tests.reference.native.equivalence import RNN_GRADIENTS
from tests.reference.native.equivalence import same


def test_a_keras_cell_with_the_history_in_its_state_is_the_tf1_cell(native, tf1_as_recorded):
    got, tf1 = native["keras_custom_cell"], tf1_as_recorded["custom_multi_rnn_cell"]
    same(got, tf1, ["dynamic_outputs", "static_outputs", "plain_stack_outputs"], atol=RNN_FORWARD)
    assert same(got, tf1, ["history_sum"]) == {"history_sum": 0.0}
    same(got, tf1, ["gradients"], atol=RNN_GRADIENTS)
    # tf.sigmoid against TF1's NumPy on the same layer-0 outputs: 1.19e-7, 1 ulp of sums in [1, 2)
    same({"history_sum_by_numpy": got["history_sum_of_layer_0"]}, tf1, ["history_sum_by_numpy"],
         atol=RNN_FORWARD)
    assert got["state_size"] == [3, 3, 3, 3, 3]  # h_0, c_0, h_1, c_1, one history sum
    assert tf1["state_size"] == [[[3, 3], [3, 3]], [3]]
