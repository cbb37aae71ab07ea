"""RNN cells (notes 000, 003, 004): arithmetic against NumPy, variables, states, options."""
import numpy as np

from reference import rnn_cells
from tests.reference.versioned import observe

SEED_7_FIRST_ROW = [-0.02569448947906494, 0.009924888610839844, -0.39176997542381287]


def _numpy_gradients(numpy_outputs, weights, eps=1e-6):
    """Central differences of ``sum(numpy_outputs(weights))`` in float64, by variable."""
    weights = {k: np.array(v, np.float64) for k, v in weights.items()}
    grads = {}
    for name, value in weights.items():
        grads[name] = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            total = []
            for step in (eps, -eps):
                value[index] += step
                total.append(numpy_outputs(weights).sum())
                value[index] -= step
            grads[name][index] = (total[0] - total[1]) / (2 * eps)
    return grads


def test_every_cell_observes_its_weights_final_state_and_gradients():
    got = observe("cells_match_numpy")
    cases = rnn_cells._numpy_cases(rnn_cells._inputs().astype(np.float64))
    for name, case in got.items():
        weights, state, grads = case["weights"], case["final_state"], case["gradients"]
        rng = np.random.default_rng(3)  # the demo's biases, drawn in variable order
        for key, value in weights.items():
            if "bias" in key:
                assert value == rng.uniform(-0.5, 0.5, np.shape(value)).astype(np.float32).tolist()
            else:  # uniform(-0.8, 0.8, seed=7): every kernel starts with the same numbers
                assert np.abs(value).max() <= 0.8
                assert not key.endswith("/kernel") or value[0][:2] == SEED_7_FIRST_ROW[:2]
        assert list(grads) == list(weights)
        h = state[1] if "lstm" in name else state  # LSTMStateTuple(c, h)
        assert h == [sequence[-1] for sequence in case["outputs"]]  # the last output, exactly
        # float32 gradients of sum(outputs) against float64 central differences of the
        # formula (measured: 2.5e-7)
        for key, value in _numpy_gradients(cases[name][1], weights).items():
            np.testing.assert_allclose(grads[key], value, atol=1e-6, rtol=0, err_msg=key)
    assert got["basic_rnn"]["gradients"]["basic_rnn_cell/bias"] == [
        1.955610990524292, 1.235055923461914, 6.127803802490234]
    assert got["gru"]["gradients"]["gru_cell/candidate/bias"] == [
        2.3705782890319824, 2.0480449199676514, 3.839663505554199]


def test_every_cell_equals_its_numpy_formula_with_the_documented_variables():
    got = observe("cells_match_numpy")
    for case in got.values():
        # float32 kernels against float64 NumPy over three steps
        np.testing.assert_allclose(case.pop("outputs"), case.pop("numpy_outputs"), atol=1e-5,
                                   rtol=0)
        for key in ("weights", "final_state", "gradients"):  # test above
            case.pop(key)
    assert got == {
        "basic_rnn": {"variables": {"basic_rnn_cell/bias": [3], "basic_rnn_cell/kernel": [7, 3]},
                      "outputs_shape": [2, 3, 3]},
        "basic_lstm": {"variables": {"basic_lstm_cell/bias": [12],
                                     "basic_lstm_cell/kernel": [7, 12]},  # [4 + 3, 4 * 3]
                       "outputs_shape": [2, 3, 3]},
        "lstm_peephole_proj_clip": {
            "variables": {"lstm_cell/bias": [12], "lstm_cell/kernel": [6, 12],  # [4 + proj 2, 12]
                          "lstm_cell/projection/kernel": [3, 2], "lstm_cell/w_f_diag": [3],
                          "lstm_cell/w_i_diag": [3], "lstm_cell/w_o_diag": [3]},
            "outputs_shape": [2, 3, 2]},
        "gru": {"variables": {"gru_cell/candidate/bias": [3], "gru_cell/candidate/kernel": [7, 3],
                              "gru_cell/gates/bias": [6], "gru_cell/gates/kernel": [7, 6]},
                "outputs_shape": [2, 3, 3]}}


def test_forget_bias_scales_the_memory_of_a_custom_initial_state():
    got = observe("forget_bias_and_initial_state")
    assert got.pop("notes_import") == {"type": "ModuleNotFoundError",
                                       "message": "No module named 'tensorflow.contrib'"}
    # d(c' + h')/dc = s * (1 + (1 - tanh(c')^2) / 2) with s = sigmoid(forget_bias), c' = s * c;
    # h is multiplied by the zero kernel only: no gradient
    assert {case: got[case].pop("initial_state_gradients") for case in got} == {
        "forget_bias_1.0": {"c": [0.9543906450271606, 0.8017822504043579], "h": [0.0, 0.0]},
        "forget_bias_0.0": {"c": [0.6966119408607483, 0.6049935817718506], "h": [0.0, 0.0]}}
    assert got == {
        "forget_bias_1.0": {"c": [0.7310585975646973, -1.4621171951293945],  # sigmoid(1) * c
                            "h": [0.3118562698364258, -0.4490315318107605]},  # tanh(c) / 2
        "forget_bias_0.0": {"c": [0.5, -1.0], "h": [0.23105856776237488, -0.3807970881462097]}}


def test_lstm_cell_peepholes_projection_and_clip():
    assert observe("lstm_cell_options") == {
        "state_size": [3, 2], "output_size": 2,
        "variables": {"rnn/lstm_cell/kernel": [6, 12], "rnn/lstm_cell/bias": [12],
                      "rnn/lstm_cell/w_f_diag": [3], "rnn/lstm_cell/w_i_diag": [3],
                      "rnn/lstm_cell/w_o_diag": [3], "rnn/lstm_cell/projection/kernel": [3, 2]},
        "max_abs_c": 0.5}


def test_multi_rnn_cell_tuple_and_flat_states():
    layers = ["rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel",
              "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias",
              "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel",
              "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias"]
    assert observe("multi_rnn_cell_state_layouts") == {
        "state_is_tuple_True": {"state_size": [[3, 3], [3, 3]],
                                "zero_state_shapes": [[[4, 3], [4, 3]], [[4, 3], [4, 3]]],
                                "variables": layers},
        "state_is_tuple_False": {"state_size": 12, "zero_state_shapes": [4, 12],
                                 "variables": layers},
        "tuple_cells_flat_state": {
            "type": "ValueError",
            "message": "Some cells return tuples of states, but the flag state_is_tuple is not "
                       "set. State sizes are: [LSTMStateTuple(c=3, h=3)]"}}


def test_dropout_wrapper_is_inverted_dropout_on_the_cells_own_variables():
    assert observe("dropout_wrapper") == {
        "keep_0.5_ratios": [0.0, 2.0], "keep_1.0_ratios": [1.0],
        "variables": ["plain/rnn/basic_rnn_cell/kernel", "plain/rnn/basic_rnn_cell/bias"]}


# note 004 "LSTM计算示例", t1..t5: (Z_i, Z, Z_f, Z_o) as it computes them, in the cell's i, j, f, o
NOTES_004_Z_I_J_F_O = [[90, 3, 110, -10], [90, 4, 110, -10], [-10, 2, 10, -10], [-10, 1, 10, 90],
                       [-103, 10, -83, 97]]


def test_notes_004_pre_activations_step_by_step():
    got = observe("hand_computed_lstm")
    # gates x10: s is exactly 0, 0, 0, 7, so each Z is the notes' (the gates' scaled by 10)
    assert (np.array(got["gates_x10"].pop("z_i_j_f_o")) / [10, 1, 10, 10]).tolist() == (
        NOTES_004_Z_I_J_F_O)
    # the notes' weights: s_{t-1} leaks up to 3.2e-4 into every Z (W = 1), so 4e-4
    z = got["gates_x1"].pop("z_i_j_f_o")
    np.testing.assert_allclose(z, NOTES_004_Z_I_J_F_O, atol=4e-4, rtol=0)
    assert z[0] == [90.0, 3.0, 110.0, -10.0]  # t1 from s_0 = 0: exact
    assert z[4] == [-103.0003662109375, 9.999637603759766, -83.0003662109375, 96.9996337890625]


def test_notes_004_hand_computed_lstm():
    got = observe("hand_computed_lstm")
    for case in got.values():
        case.pop("z_i_j_f_o")  # test above
    assert got["gates_x10"] == {"c": [3.0, 7.0, 7.0, 7.0, 0.0], "s": [0.0, 0.0, 0.0, 7.0, 0.0]}
    assert got["gates_x1"] == {  # the notes' weights: sigmoid(-10) = 4.54e-5 leaks a little
        "c": [3.0, 7.000136375427246, 6.9999098777771, 6.999637603759766, 6.287449802764377e-36],
        "s": [0.0001361936010653153, 0.00031783460872247815, 0.00031788190244697034,
              6.999637603759766, 6.287449802764377e-36]}


# note 004 "LSTM计算示例", t1..t5 from the states NOTES_004_STATES: Z, Z_i, Z_f as it writes them
NOTES_004_Z = [3.0, 4.0, 2.0, 1.0, 10.0]
NOTES_004_Z_I = [90.0, 90.0, -10.0, -10.0, -103.0]
NOTES_004_Z_F = [110.0, 110.0, 10.0, 10.0, -83.0]


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.float64(z)))


def test_the_memory_gradient_is_the_forget_gate():
    got = observe("memory_gradient_is_the_forget_gate")
    c_prev = np.float64([c for c, _ in rnn_cells.NOTES_004_STATES])
    for forget_bias in (0.0, 1.0):
        case = got[f"forget_bias_{forget_bias}"]
        assert case["z_f"] == NOTES_004_Z_F  # the cell's f: the bias does not hold forget_bias
        gate = _sigmoid(np.add(NOTES_004_Z_F, forget_bias))
        # float32 gradients against float64 sigmoid: one float32 ulp, 2**-23 (measured 2.6e-8)
        np.testing.assert_allclose(case["d_new_c_d_c_prev"], gate, rtol=2**-23, atol=0)
        # the 000 formula on the written-out _linear is the cell's own arithmetic, bit for bit
        assert case["new_c"] == case["new_c_by_source"]
        # and the notes' c' = g(Z) f(Z_i) + c f(Z_f) with g(x) = x: a few float32 roundings,
        # 2**-22 relative (measured 6.6e-8)
        np.testing.assert_allclose(case["new_c"], NOTES_004_Z * _sigmoid(NOTES_004_Z_I)
                                   + c_prev * gate, rtol=2**-22, atol=0)
    assert got["forget_bias_0.0"]["d_new_c_d_c_prev"] == [  # open, open, .., closed at t5
        1.0, 1.0, 0.9999545812606812, 0.9999545812606812, 8.985826178275135e-37]
    assert got["forget_bias_1.0"]["d_new_c_d_c_prev"] == [
        1.0, 1.0, 0.9999833106994629, 0.9999833106994629, 2.442600707513088e-36]
