"""The TF2-native counterparts of reference/rnn_cell_calls.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_a_cell_repeated_in_stacked_rnn_cells_is_shared_too(native, tf1_as_recorded):
    got, tf1 = native["keras_stacked_shared_cell"], tf1_as_recorded["shared_cell_in_multi_rnn_cell"]
    for case in ("shared_depth_3", "one_per_layer_depth_5"):
        assert same(got[case], tf1[case], ["state_size"]) == {"state_size": 0}
    layer = "rnn/multi_rnn_cell/cell_{}/"
    assert got["shared_depth_3"]["variables"] == {  # TF1's kernel [6, 12], cut in two
        layer.format(0) + "kernel": [3, 12], layer.format(0) + "recurrent_kernel": [3, 12],
        layer.format(0) + "bias": [12]}
    assert got["one_per_layer_depth_5"]["variables"] == {
        f"{layer.format(i)}{name}": shape for i, depth in enumerate((5, 3))
        for name, shape in (("kernel", [depth, 12]), ("recurrent_kernel", [3, 12]),
                            ("bias", [12]))}
    # TF1 fails building the graph (ValueError); Keras when the layer runs, eagerly: layer 1's
    # input [2, 3] against the kernel built for depth 5
    assert tf1["shared_depth_5"]["raised"]["type"] == "ValueError"
    assert got["shared_depth_5"] == {
        "raised": {"type": "InvalidArgumentError",
                   "message": "Exception encountered when calling LSTMCell.call()."},
        "cause": ["Matrix size-incompatible: In[0]: [2,3], In[1]: [5,12]"]}


def test_keras_lstm_cell_has_no_input_size_and_no_peepholes(native, tf1_as_recorded):
    got = native["keras_lstm_cell_signature"]
    tf1 = tf1_as_recorded["lstm_cell_input_size_is_use_peepholes"]
    assert got["positional_input_size"] == {  # the second parameter is activation: loud now
        "type": "ValueError", "message": "Could not interpret activation function identifier: 4"}
    assert got["input_size_keyword"] == {
        "type": "ValueError",
        "message": "Unrecognized keyword arguments passed to LSTMCell: {'input_size': 4}"}
    assert got["num_units_only"] == {"rnn/lstm_cell/kernel": [4, 12],
                                     "rnn/lstm_cell/recurrent_kernel": [3, 12],
                                     "rnn/lstm_cell/bias": [12]}
    assert tf1["num_units_only"]["rnn/lstm_cell/kernel"] == [4 + 3, 12]


def test_keras_cells_reject_the_notes_keywords_with_a_value_error(native, tf1_as_recorded):
    got, tf1 = native["keras_cell_keywords"], tf1_as_recorded["removed_rnn_cell_apis"]
    assert tf1["state_is_tupe"]["type"] == tf1["gru_input_size"]["type"] == "TypeError"
    assert got == {
        "rnn_cell_under_keras_3": {"type": "AttributeError",
                                   "message": "`BasicLSTMCell` is not available with Keras 3."},
        "keras_cells": ["GRUCell", "LSTMCell", "SimpleRNNCell", "StackedRNNCells"],
        "state_is_tupe": {"type": "ValueError", "message": (
            "Unrecognized keyword arguments passed to LSTMCell: {'state_is_tupe': False}")},
        "gru_input_size": {"type": "ValueError", "message": (
            "Unrecognized keyword arguments passed to GRUCell: {'input_size': None}")},
        "corrected_state_sizes": {"lstm": [3, 3], "gru": 3}}  # [h, c]; TF1's flat 6 is concat
    assert tf1["corrected_state_sizes"] == {"basic_lstm": 6, "gru": 3}


def _unrecognized(cell, **kwargs):
    return {"type": "ValueError",
            "message": f"Unrecognized keyword arguments passed to {cell}: {kwargs}"}


def test_keras_cells_take_none_of_the_notes_extra_arguments(native, tf1_as_recorded):
    got = native["keras_cell_signatures"]
    tf1 = tf1_as_recorded["basic_lstm_and_gru_signatures"]
    assert got["lstm_defaults"] == {"unit_forget_bias": True, "activation": "tanh",
                                    "state_size": [10, 10], "output_size": 10}
    assert tf1["basic_lstm_defaults"]["forget_bias"] == 1.0  # Keras: 1.0 stored in the bias
    assert got["signatures"]["LSTMCell"].startswith(
        "(self, units, activation='tanh', recurrent_activation='sigmoid', use_bias=True, ")
    assert got["positional_forget_bias"] == {  # LSTMCell(10, 1.0, None): 1.0 is activation
        "type": "ValueError", "message": "Could not interpret activation function identifier: 1.0"}
    assert got["rejected"] == {key: _unrecognized("LSTMCell", **{key: value}) for key, value in (
        ("input_size", None), ("cell_clip", 1.0), ("num_proj", 2), ("use_peepholes", True),
        ("proj_clip", 0.1), ("num_unit_shards", 1))}
    assert got["gru_notes_call"] == _unrecognized("GRUCell", input_size=None)
    # the second positional is activation in both; None is tanh in TF1, linear in Keras
    assert tf1["gru_input_size_second"]["None"] == "tanh"
    message = "Could not interpret activation function identifier: 4"
    assert tf1["gru_input_size_second"]["4"] == {"type": "TypeError", "message": message}
    assert got["gru_activation_second"] == {"None": "linear",
                                            "4": {"type": "ValueError", "message": message}}
    assert got["corrected_gru_state_size"] == tf1["corrected_gru_state_size"] == 10


def test_the_custom_peephole_cell_computes_tf1s_peepholes(native, tf1_as_recorded):
    got, tf1 = native["custom_peephole_step"], tf1_as_recorded["peephole_connections"]
    assert same(got, tf1, ["new_c", "new_h"]) == {"new_c": 0.0, "new_h": 0.0}
    assert got["keras_lstm_peepholes"] == _unrecognized("LSTMCell", use_peepholes=True)
