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


def test_notes_004_hand_computed_lstm():
    got = observe("hand_computed_lstm")
    assert got["gates_x10"] == {"c": [3.0, 7.0, 7.0, 7.0, 0.0], "s": [0.0, 0.0, 0.0, 7.0, 0.0]}
    assert got["gates_x1"] == {  # the notes' weights: sigmoid(-10) = 4.54e-5 leaks a little
        "c": [3.0, 7.000136375427246, 6.9999098777771, 6.999637603759766, 6.287449802764377e-36],
        "s": [0.0001361936010653153, 0.00031783460872247815, 0.00031788190244697034,
              6.999637603759766, 6.287449802764377e-36]}
