"""Unrolling (notes 000, 001, 003): three ways agree exactly, time_major, sequence_length; a
stack's outputs are its top layer's; the state fed on between chunks; rank-3 inputs; the
removed rnn functions."""
import numpy as np

from tests.reference.versioned import observe

SEED_11_FIRST_ROW = [-0.41044914722442627, -0.11034393310546875, 0.004713654518127441]
ZERO_BIAS = [0.0] * 12  # BasicLSTMCell's bias starts at zero whatever the initializer


def _check_weights(weights, shape=(6, 12)):
    """The one BasicLSTMCell's weights from uniform(-0.5, 0.5, seed=11)."""
    assert np.shape(weights["kernel"]) == shape and weights["bias"] == [0.0] * shape[1]
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


def test_a_stacks_outputs_are_its_top_layers_h_not_the_bottoms():
    got = observe("stacked_outputs_are_the_top_layer")
    rng = np.random.default_rng(7)  # registry.load_uniform_weights(session, seed=7)
    layer = "rnn/multi_rnn_cell/cell_{}/basic_lstm_cell/{}"
    assert got.pop("weights") == {
        layer.format(i, part): rng.uniform(-0.8, 0.8, shape).astype(np.float32).tolist()
        for i in range(2) for part, shape in [("kernel", [6, 12]), ("bias", [12])]}
    outputs, (bottom, top) = np.array(got["outputs"]), got["final_states"]
    assert outputs.shape == (2, 4, 3) and np.shape(bottom["c"]) == np.shape(top["h"]) == (2, 3)
    # the output is the top layer's h: bit for bit (tolerance 0)
    np.testing.assert_allclose(outputs[:, -1], top["h"], atol=0, rtol=0)
    # the bottom layer's final h is another matrix: 0.41 apart at the largest
    difference = np.abs(outputs[:, -1] - np.array(bottom["h"])).max()
    assert abs(difference - 0.4123121201992035) <= 1e-7
    assert top["h"] == [[-0.3173305094242096, -0.2842056155204773, 0.36298346519470215],
                        [-0.3264193534851074, -0.2671668529510498, 0.3535839915275574]]
    assert bottom["h"] == [[-0.08284101635217667, 0.04298941791057587, 0.2741791307926178],
                           [-0.1233585998415947, 0.1451452672481537, 0.20614571869373322]]


def test_notes_003_sin_cos_state_fed_on_equals_one_long_run():
    got = observe("state_fed_between_chunks")
    _check_weights(got.pop("weights"), shape=(11, 40))  # [1 input + 10 units, 4 * 10]
    batch_1, batch_2 = got.pop("first_and_last_x_times_10pi")
    assert batch_1 == [[20 * r, 20 * r + 19] for r in range(50)]
    assert batch_2 == [[20 * r + 20, 20 * r + 39] for r in range(50)]  # row r goes on
    assert got.pop("outputs_shapes") == [[50, 20, 10], [50, 40, 10]]
    outputs, finals = got.pop("second_chunk_outputs"), got.pop("final_states")
    assert got == {}
    # fed the first chunk's final state, the second chunk is the 40-step run's steps 20..39,
    # and ends in its final state: bit for bit (tolerance 0, the same kernels on the same values)
    np.testing.assert_allclose(outputs["state_fed"], outputs["one_run"], atol=0, rtol=0)
    for part in ("c", "h"):
        np.testing.assert_allclose(finals["state_fed"][part], finals["one_run"][part], atol=0,
                                   rtol=0)
    assert outputs["one_run"][0][:3] == [-0.04216976463794708, -0.2594984769821167,
                                         0.2003728151321411]
    assert finals["one_run"]["h"][:3] == [-0.01936418190598488, -0.36422470211982727,
                                          0.29786980152130127]
    # from the zero state instead: 0.243 off at the first step, still 0.0137 at the last
    by_step = np.abs(np.array(outputs["zero_state"]) - outputs["one_run"]).max(axis=1)
    assert abs(by_step[0] - 0.24327934) <= 1e-7 and abs(by_step[-1] - 0.01369852) <= 1e-7
    assert list(by_step) == sorted(by_step, reverse=True)  # fading, step by step
    for part, largest in [("c", 0.03724515438079834), ("h", 0.0136985182762146)]:
        gap = np.abs(np.array(finals["zero_state"][part]) - finals["one_run"][part]).max()
        assert abs(gap - largest) <= 1e-7


def test_dynamic_rnn_of_a_2d_input_must_have_rank_at_least_3():
    assert observe("dynamic_rnn_needs_rank_3") == {
        "l_in_y_shape": [None, 10],
        "batch_major": {"type": "ValueError",
                        "message": "Shape (10, ?) must have rank at least 3"},
        "time_major": {"type": "ValueError", "message": "Shape (?, 10) must have rank at least 3"},
        "variables_after_errors": ["in_hidden/weights", "in_hidden/biases"],
        "outputs_shape": [50, 20, 10], "final_h_shape": [50, 10],
        "variables": ["in_hidden/weights", "in_hidden/biases",
                      "LSTM_cell/rnn/basic_lstm_cell/kernel", "LSTM_cell/rnn/basic_lstm_cell/bias"]}


def test_dynamic_run_rnn_rnn_and_tf_nn_rnn_are_gone_static_rnn_replaces_them():
    got = observe("removed_rnn_functions")
    _check_weights(got.pop("weights"))
    outputs, final = got.pop("outputs"), got.pop("final_state")
    assert np.shape(outputs) == (4, 2, 3)  # the notes' "T*batch_size*output_size", a list
    assert final["h"] == outputs[-1] and np.shape(final["c"]) == (2, 3)
    assert outputs[-1] == [[0.03962546959519386, -0.10305853188037872, -0.12648507952690125],
                           [0.018953340128064156, -0.04908083751797676, -0.09904281795024872]]
    assert got == {
        "dynamic_run": {"type": "AttributeError", "message": (
            "module 'tensorflow._api.v2.compat.v1.nn' has no attribute 'dynamic_run'")},
        "tf_nn_rnn": {"type": "AttributeError",
                      "message": "module 'tensorflow._api.v2.compat.v1.nn' has no attribute 'rnn'"},
        "rnn_module": "tensorflow.python.ops.rnn",
        "rnn_rnn": {"type": "AttributeError",
                    "message": "module 'tensorflow.python.ops.rnn' has no attribute 'rnn'"},
        "static_rnn_is_tf_nn_static_rnn": True, "dynamic_rnn_is_tf_nn_dynamic_rnn": True,
        "static_rnn_signature": ("(cell, inputs, initial_state=None, dtype=None, "
                                 "sequence_length=None, scope=None)")}
