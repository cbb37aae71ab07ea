"""The notes' cell calls: a repeated cell, LSTMCell's input_size, the removed names."""
import numpy as np

from reference import rnn_cell_calls
from tests.reference.versioned import observe


def test_a_repeated_cell_gives_every_layer_the_same_two_variables():
    scope = "rnn/multi_rnn_cell/cell_{}/basic_lstm_cell/"
    assert rnn_cell_calls.NUM_LAYERS == 2
    assert observe("shared_cell_in_multi_rnn_cell") == {
        "shared_depth_3": {"state_size": [[3, 3], [3, 3]],  # two layers of state, one cell
                           "variables": {scope.format(0) + "kernel": [6, 12],  # [3 + 3, 4 * 3]
                                         scope.format(0) + "bias": [12]}},
        "shared_depth_5": {"raised": {  # layer 1 ([x = layer 0's h, h] = [2, 3 + 3]) in cell_0
            "type": "ValueError",
            "message": "Dimensions must be equal, but are 6 and 8 for '{{node rnn/while/rnn/"
                       "multi_rnn_cell/cell_0/basic_lstm_cell/MatMul_1}} = MatMul[T=DT_FLOAT, "
                       "grad_a=false, grad_b=false, transpose_a=false, transpose_b=false](rnn/"
                       "while/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/concat_1, rnn/"
                       "multi_rnn_cell/cell_0/basic_lstm_cell/kernel/read)' with input shapes: "
                       "[2,6], [8,12]."}},
        "one_per_layer_depth_5": {"state_size": [[3, 3], [3, 3]],
                                  "variables": {scope.format(0) + "kernel": [8, 12],  # [5 + 3, 12]
                                                scope.format(0) + "bias": [12],
                                                scope.format(1) + "kernel": [6, 12],
                                                scope.format(1) + "bias": [12]}}}


def test_lstm_cell_takes_the_notes_input_size_for_use_peepholes():
    weights = {"rnn/lstm_cell/kernel": [7, 12], "rnn/lstm_cell/bias": [12]}  # [4 + 3, 4 * 3]
    assert observe("lstm_cell_input_size_is_use_peepholes") == {
        "positional_input_size": {**weights, "rnn/lstm_cell/w_f_diag": [3],  # use_peepholes=4
                                  "rnn/lstm_cell/w_i_diag": [3], "rnn/lstm_cell/w_o_diag": [3]},
        "num_units_only": weights,
        "input_size_keyword": {"type": "TypeError",
                               "message": "('Keyword argument not understood:', 'input_size')"}}


def test_the_notes_misspelt_and_removed_rnn_cell_apis():
    module = "module 'tf_keras.api._v1.keras.__internal__.legacy.rnn_cell' has no attribute"
    assert observe("removed_rnn_cell_apis") == {
        "MultiRNNCells": {"type": "AttributeError", "message": f"{module} 'MultiRNNCells'"},
        "_linear": {"type": "AttributeError", "message": f"{module} '_linear'"},
        "rnn_cell_names": ["BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper",
                           "GRUCell", "LSTMCell", "LSTMStateTuple", "MultiRNNCell", "RNNCell",
                           "ResidualWrapper"],
        "notes_basic_lstm_call": {"type": "TypeError",  # the first unknown keyword
                                  "message": "('Keyword argument not understood:', 'input_size')"},
        "state_is_tupe": {"type": "TypeError",
                          "message": "('Keyword argument not understood:', 'state_is_tupe')"},
        "gru_input_size": {"type": "TypeError",
                           "message": "('Keyword argument not understood:', 'input_size')"},
        "corrected_state_sizes": {"basic_lstm": 6, "gru": 3}}  # c and h concatenated: 3 + 3


def _not_understood(keyword):
    return {"type": "TypeError", "message": f"('Keyword argument not understood:', '{keyword}')"}


def test_basic_lstm_and_gru_defaults_and_the_notes_input_size():
    assert observe("basic_lstm_and_gru_signatures") == {
        "signatures": {
            "BasicLSTMCell": "(self, num_units, forget_bias=1.0, state_is_tuple=True, "
                             "activation=None, reuse=None, name=None, dtype=None, **kwargs)",
            "GRUCell": "(self, num_units, activation=None, reuse=None, kernel_initializer=None, "
                       "bias_initializer=None, name=None, dtype=None, **kwargs)"},
        # num_units=10: h_t (the output) is 10-dimensional, the state (c, h) too
        "basic_lstm_defaults": {"forget_bias": 1.0, "state_is_tuple": True,
                                "activation": "tanh", "state_size": [10, 10], "output_size": 10},
        "input_size_keyword": _not_understood("input_size"),
        # BasicLSTMCell(10, 1.0, None): None is state_is_tuple now, a flat state of 10 + 10
        "input_size_third": {"state_is_tuple": None, "state_size": 20},
        "basic_lstm_has_no": {key: _not_understood(key)
                              for key in ("cell_clip", "num_proj", "use_peepholes")},
        "corrected_basic_lstm_state_size": [10, 10],
        "gru_notes_call": _not_understood("input_size"),
        "gru_input_size_second": {"None": "tanh", "4": {  # GRUCell(10, 4): 4 is activation
            "type": "TypeError",
            "message": "Could not interpret activation function identifier: 4"}},
        "corrected_gru_state_size": 10}


def test_lstm_cell_signature_shards_and_proj_clip():
    got = observe("lstm_cell_signature")
    clipped, unclipped = got.pop("proj_clip_0.1_outputs"), got.pop("proj_clip_None_outputs")
    assert clipped == [0.10000000149011612] * 8  # float32(0.1): every output at the clip
    assert unclipped == [1.1423912048339844, 1.1423912048339844, 1.4460413455963135,
                         1.4460413455963135, 1.492582082748413, 1.492582082748413,
                         1.4989938735961914, 1.4989938735961914]
    assert got == {
        "signature": "(self, num_units, use_peepholes=False, cell_clip=None, initializer=None, "
                     "num_proj=None, proj_clip=None, num_unit_shards=None, num_proj_shards=None, "
                     "forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None, "
                     "name=None, dtype=None, **kwargs)",
        "defaults": {"forget_bias": 1.0, "state_is_tuple": True, "activation": "tanh",
                     "state_size": [10, 10], "output_size": 10},
        # num_unit_shards=1: a partitioned kernel of one part, [4 + 3, 4 * 3]
        "shards_1_variables": {"rnn/lstm_cell/kernel/part_0": [7, 12], "rnn/lstm_cell/bias": [12]}}


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_peepholes_feed_the_old_memory_to_i_and_f_the_new_one_to_o():
    got = observe("peephole_connections")
    assert got["variables"] == {"lstm_cell/kernel": [2, 4], "lstm_cell/bias": [4],
                                "lstm_cell/w_f_diag": [1], "lstm_cell/w_i_diag": [1],
                                "lstm_cell/w_o_diag": [1]}  # no peephole into j
    c_prev = np.float64(got["c_prev"]).ravel()
    # forget_bias 1.0 and tanh (the defaults); j = tanh(1) ignores c
    new_c = _sigmoid(1.0 + c_prev) * c_prev + _sigmoid(c_prev) * np.tanh(1.0)
    # float32 against float64: a few roundings (measured 3e-8)
    np.testing.assert_allclose(got["new_c"], new_c, atol=1e-6, rtol=0)
    np.testing.assert_allclose(got["new_h"], _sigmoid(new_c) * np.tanh(new_c), atol=1e-6, rtol=0)
    # the notes' reading, the previous c into every gate, gives another h: 0.069, 0.113 off
    notes_h = _sigmoid(c_prev) * np.tanh(new_c)
    np.testing.assert_allclose(np.abs(got["new_h"] - notes_h), [0.06879392, 0.11362372],
                               atol=1e-6, rtol=0)
    assert got["new_h"] == [0.7217804789543152, -0.1636306792497635]
