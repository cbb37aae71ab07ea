"""The TF2-native counterparts of reference/rnn_cells.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import RNN_FORWARD
from tests.reference.native.equivalence import RNN_GRADIENTS
from tests.reference.native.equivalence import same

# the tolerances: equivalence.RNN_FORWARD and RNN_GRADIENTS (Keras's split kernels)
LSTM_BIAS_FORGET_1 = [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]  # Keras gates i, f, c, o of 2


def test_keras_cells_holding_tf1_weights_compute_the_tf1_outputs_and_gradients(
        native, tf1_as_recorded):
    got, tf1 = native["keras_cells_on_tf1_weights"], tf1_as_recorded["cells_match_numpy"]
    for case in ("basic_rnn", "basic_lstm", "gru"):
        assert same(got[case], tf1[case], ["outputs_shape"]) == {"outputs_shape": 0}
        same(got[case], tf1[case], ["outputs", "final_state"], atol=RNN_FORWARD)
        same(got[case], tf1[case], ["gradients"], atol=RNN_GRADIENTS)
    # the custom peephole cell keeps TF1's layout and order of ops: bit for bit
    keys = ["outputs_shape", "outputs", "final_state", "gradients"]
    assert same(got["lstm_peephole_proj_clip"], tf1["lstm_peephole_proj_clip"], keys) == (
        dict.fromkeys(keys, 0.0))
    assert {case: got[case]["keras_variables"] for case in ("basic_rnn", "basic_lstm", "gru")} == {
        "basic_rnn": {"basic_rnn_cell/kernel": [4, 3], "basic_rnn_cell/recurrent_kernel": [3, 3],
                      "basic_rnn_cell/bias": [3]},  # TF1's kernel [4 + 3, 3], cut in two
        "basic_lstm": {"basic_lstm_cell/kernel": [4, 12],
                       "basic_lstm_cell/recurrent_kernel": [3, 12], "basic_lstm_cell/bias": [12]},
        "gru": {"gru_cell/kernel": [4, 9], "gru_cell/recurrent_kernel": [3, 9],  # z, r, h
                "gru_cell/bias": [9]}}


def test_a_keras_lstm_state_is_h_then_c_and_its_bias_stores_the_forget_bias(native,
                                                                           tf1_as_recorded):
    got, tf1 = native["keras_lstm_initial_state"], tf1_as_recorded["forget_bias_and_initial_state"]
    for forget_bias in ("1.0", "0.0"):
        keys = ["c", "h", "initial_state_gradients"]
        case = f"forget_bias_{forget_bias}"
        assert same(got[case], tf1[case], keys) == dict.fromkeys(keys, 0.0)  # sigmoid(f) exact
    assert got["forget_bias_1.0"]["stored_bias"] == LSTM_BIAS_FORGET_1
    assert got["forget_bias_0.0"]["stored_bias"] == [0.0] * 8
    assert got["fresh_cell_bias"] == LSTM_BIAS_FORGET_1  # unit_forget_bias=True by default


def test_peepholes_projection_and_clip_need_a_custom_keras_cell(native, tf1_as_recorded):
    got, tf1 = native["peephole_cell_options"], tf1_as_recorded["lstm_cell_options"]
    keys = ["state_size", "output_size", "max_abs_c"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["max_abs_c"] == 0.5
    assert got["variables"] == {**{k: v for k, v in tf1["variables"].items()
                                   if k != "rnn/lstm_cell/projection/kernel"},
                                "rnn/lstm_cell/projection": [3, 2]}  # no "/" in Keras names
    assert got["keras_num_proj"] == {
        "type": "ValueError",
        "message": "Unrecognized keyword arguments passed to LSTMCell: {'num_proj': 2}"}


def test_stacked_rnn_cells_hold_a_nest_of_states(native, tf1_as_recorded):
    got, tf1 = native["stacked_rnn_cells"], tf1_as_recorded["multi_rnn_cell_state_layouts"]
    keys = ["state_size", "zero_state_shapes"]
    assert same(got["state_is_tuple_True"], tf1["state_is_tuple_True"], keys) == (
        dict.fromkeys(keys, 0.0))
    assert got["state_is_tuple_True"]["variables"] == [
        f"rnn/stacked/cell_{i}/{w}" for i in range(2) for w in ("kernel", "recurrent_kernel",
                                                                "bias")]
    assert got["flat_state_shape"] == tf1["state_is_tuple_False"]["zero_state_shapes"] == [4, 12]


def test_output_dropout_is_a_dropout_layer_after_the_rnn(native, tf1_as_recorded):
    got, tf1 = native["output_dropout_layer"], tf1_as_recorded["dropout_wrapper"]
    keys = ["keep_0.5_ratios", "keep_1.0_ratios"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["keep_0.5_ratios"] == [0.0, 2.0]  # inverted dropout, as TF1's
    assert got["dropout_weights"] == []  # like the wrapper, it adds no variables
    assert got["variables"] == ["plain/cell/kernel", "plain/cell/recurrent_kernel",
                                "plain/cell/bias"]


def test_the_notes_hand_computed_lstm_on_a_keras_cell(native, tf1_as_recorded):
    got, tf1 = native["keras_lstm_hand_computed"], tf1_as_recorded["hand_computed_lstm"]
    # one input of 3 against a state of 1: the split matmuls round as the joint one did
    assert same(got, tf1, ["gates_x1", "gates_x10"]) == {"gates_x1": 0.0, "gates_x10": 0.0}
    # each step's x @ kernel + h @ recurrent_kernel + bias is TF1's [x, h] @ kernel + bias
    # (z_i_j_f_o among them): bit for bit
    gates_x10 = dict(got["gates_x10"])  # a copy: the fixture is the session's
    assert gates_x10.pop("z_i_j_f_o")[4] == [-1030.0, 10.0, -830.0, 970.0]  # t5, x10
    assert gates_x10 == {"c": [3.0, 7.0, 7.0, 7.0, 0.0], "s": [0.0, 0.0, 0.0, 7.0, 0.0]}


def test_a_tape_sees_the_same_memory_gradient(native, tf1_as_recorded):
    got = native["tape_memory_gradient"]
    tf1 = tf1_as_recorded["memory_gradient_is_the_forget_gate"]
    for forget_bias in (0.0, 1.0):
        case = f"forget_bias_{forget_bias}"
        keys = ["d_new_c_d_c_prev", "new_c"]  # integer inputs and weights: the sums are exact
        assert same(got[case], tf1[case], keys) == dict.fromkeys(keys, 0.0)
        # Keras stores the forget bias in its bias: its f is TF1's f + forget_bias
        assert got[case]["z_f_plus_forget_bias"] == [z + forget_bias for z in tf1[case]["z_f"]]
