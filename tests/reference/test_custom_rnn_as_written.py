"""Note 000's own CustomMultiRNNCell class, as written and with is_sequence mended."""
import numpy as np

from tests.reference.versioned import observe

IS_SEQUENCE_GONE = {"type": "AttributeError",
                    "message": "module 'tensorflow._api.v2.compat.v1.nest' has no attribute "
                               "'is_sequence'"}


def test_the_notes_class_as_written_fails_on_nest_is_sequence():
    assert observe("notes_custom_cell_as_written") == {
        "as_written": {"dynamic_rnn": IS_SEQUENCE_GONE, "static_rnn": IS_SEQUENCE_GONE,
                       "state_is_tuple_false": IS_SEQUENCE_GONE},
        "no_cells": [{"type": "ValueError",
                      "message": "Must specify at least one cell for MultiRNNCell."}] * 2,
        "output_size": [3, 3],  # the last cell's, GRUCell(3), in the notes' class and TF's
        "mended_state_is_tuple_false": {
            "type": "ValueError",
            "message": "Some cells return tuples of states, but the flag state_is_tuple is not "
                       "set.  State sizes are: [LSTMStateTuple(c=3, h=3), "
                       "LSTMStateTuple(c=3, h=3)]"},
        # array_ops.concat(1, new_states): values=1, axis=[two [2, 3] states]
        "mended_flat_gru": {"type": "ValueError", "message": "Shape (2, 2, 3) must have rank 0"},
        "multi_rnn_cell_flat_state": [2, 6]}  # the corrected flat layout: tf.concat(states, 1)


def test_the_notes_class_keeps_history_in_python_and_runs_upper_layers_on_layer_0s_state():
    scope = "rnn/CustomMultiRNNCell"
    got = observe("notes_custom_cell_mended")
    weights = got.pop("weights")
    rng = np.random.default_rng(7)  # load_uniform_weights(session, seed=7): variable order
    assert weights == {name: rng.uniform(-0.8, 0.8, np.shape(value)).astype(np.float32).tolist()
                       for name, value in weights.items()}
    static = np.array(got.pop("static_outputs"))
    dynamic, plain = got.pop("dynamic_outputs"), got.pop("plain_stack_outputs")
    assert dynamic == plain  # dynamic_rnn: the hs branch is never built, the same ops
    # static_rnn: h0(t) + history into layer 1, on layer 0's state from step 1 (float64 NumPy)
    np.testing.assert_allclose(static, got.pop("by_numpy_on_layer_0_state"), atol=1e-5, rtol=0)
    own = np.array(got.pop("by_numpy_on_own_state"))
    np.testing.assert_allclose(static[:, 0], own[:, 0], atol=1e-5, rtol=0)  # both zero states
    assert np.abs(static[:, 1:] - own[:, 1:]).min() > 1e-2  # measured 0.0161
    assert np.abs(static[:, 1:] - np.array(plain)[:, 1:]).min() > 1e-2  # measured 0.0509
    assert got == {
        "variables": {f"{scope}/U": [3, 3],
                      f"{scope}/Cell0/basic_lstm_cell/kernel": [6, 12],
                      f"{scope}/Cell0/basic_lstm_cell/bias": [12],
                      f"{scope}/Cell1/basic_lstm_cell/kernel": [6, 12],
                      f"{scope}/Cell1/basic_lstm_cell/bias": [12],
                      "dynamic/CustomMultiRNNCell/U": [3, 3]},  # the cells keep their weights
        "history_lengths": {"static_rnn": 4, "dynamic_rnn": 1}}
