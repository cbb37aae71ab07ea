"""The TF2-native counterparts of reference/rnn_unroll.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import RNN_FORWARD
from tests.reference.native.equivalence import RNN_GRADIENTS
from tests.reference.native.equivalence import same

# the tolerances: equivalence.RNN_FORWARD and RNN_GRADIENTS (Keras's split kernels)
KERAS_LSTM = ["basic_lstm_cell/kernel", "basic_lstm_cell/recurrent_kernel",
              "basic_lstm_cell/bias"]


def test_a_loop_an_unrolled_layer_and_a_python_loop_compute_the_tf1_three_ways(
        native, tf1_as_recorded):
    got, tf1 = native["keras_rnn_three_ways"], tf1_as_recorded["unroll_three_ways"]
    assert same(got, tf1, ["outputs_shape"]) == {"outputs_shape": 0}
    same(got, tf1, ["outputs", "final_states"], atol=RNN_FORWARD)
    same(got, tf1, ["gradients"], atol=RNN_GRADIENTS)
    # every way: one cell object, one set of weights for every step (no reuse_variables)
    assert got["keras_variables"] == dict.fromkeys(["static", "dynamic", "manual"], KERAS_LSTM)


def test_unstack_and_split_are_eager_and_unchanged(native, tf1_as_recorded):
    keys = ["pieces", "piece_shape", "split_pieces", "unstacked"]
    assert same(native["unstack_and_split"], tf1_as_recorded["static_input_list"], keys) == (
        dict.fromkeys(keys, 0.0))


def test_time_major_is_a_transpose_around_a_keras_rnn(native, tf1_as_recorded):
    got, tf1 = native["transpose_for_time_major"], tf1_as_recorded["time_major"]
    assert same(got, tf1, ["time_major_shape"]) == {"time_major_shape": 0}
    same(got, tf1, ["batch_major_outputs", "time_major_outputs", "batch_major_final_h",
                    "time_major_final_h"], atol=RNN_FORWARD)
    assert got["time_major_argument"] == {
        "type": "ValueError",
        "message": "Unrecognized keyword arguments passed to RNN: {'time_major': True}"}


def test_a_mask_replaces_sequence_length(native, tf1_as_recorded):
    got, tf1 = native["mask_for_sequence_length"], tf1_as_recorded["sequence_length"]
    keys = ["outputs_within_length", "padding_outputs", "final_state", "unpadded_run_final_state"]
    # bit for bit here (the other counterparts of this module differ by 1.49e-8)
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["padding_outputs"] == [[0.0] * 3] * 2  # zero_output_for_mask=True
    same(got, tf1, ["gradients"], atol=RNN_GRADIENTS)  # the padding adds nothing
    # without zero_output_for_mask, Keras repeats the last output within the length
    assert got["padding_outputs_by_default"] == [got["outputs_within_length"][-1]] * 2
    # keras.layers.Masking on zero-padded inputs: the same final state
    assert same({"final_state": got["masking_layer_final_state"]}, tf1, ["final_state"]) == {
        "final_state": 0.0}


def test_one_stacked_cell_runs_in_a_loop_and_then_unrolled(native, tf1_as_recorded):
    got, tf1 = native["stacked_cells_unrolled_twice"], tf1_as_recorded[
        "stacked_cell_reused_after_loop"]
    same(got, tf1, ["dynamic_outputs", "static_outputs"], atol=RNN_FORWARD)
    assert got["keras_variables"] == 6  # kernel, recurrent_kernel, bias per layer
    assert tf1["variables"] == 4


def test_a_stacked_layers_outputs_are_its_top_cells_h(native, tf1_as_recorded):
    got = native["stacked_cells_output_the_top_layer"]
    same(got, tf1_as_recorded["stacked_outputs_are_the_top_layer"], ["outputs", "final_states"],
         atol=RNN_FORWARD)
    (bottom, top), last = got["final_states"], [step[-1] for step in got["outputs"]]
    assert last == top["h"] and last != bottom["h"]  # Keras: the top cell's h, bit for bit


def test_initial_state_and_stateful_carry_the_state_as_the_notes_feed(native, tf1_as_recorded):
    got, tf1 = native["keras_state_carried_between_chunks"], tf1_as_recorded[
        "state_fed_between_chunks"]
    keys = ["first_and_last_x_times_10pi", "outputs_shapes"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0)
    same(got, tf1, ["second_chunk_outputs", "final_states"], atol=RNN_FORWARD)
    outputs, stateful = got["second_chunk_outputs"], got["stateful_second_chunk_outputs"]
    # in Keras too: the chunks fed on are the long run, bit for bit (tolerance 0)
    assert same({"x": outputs["state_fed"]}, {"x": outputs["one_run"]}, ["x"]) == {"x": 0}
    assert got["final_states"]["state_fed"] == got["final_states"]["one_run"]
    # a stateful layer keeps the state itself; reset_states() is the notes' zero state
    assert stateful == {"carried": outputs["state_fed"],
                        "after_reset_states": outputs["zero_state"]}


def test_keras_lstm_rejects_a_2d_input_and_dense_needs_no_reshape(native, tf1_as_recorded):
    got, tf1 = native["lstm_layer_needs_rank_3"], tf1_as_recorded["dynamic_rnn_needs_rank_3"]
    keys = ["outputs_shape", "final_h_shape"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0)
    assert tf1["l_in_y_shape"] == [None, 10] and got["l_in_y_shape"] == [1000, 10]  # eager
    assert got["dense_on_3d_shape"] == [50, 20, 10]
    assert got["lstm_layer"] == {"type": "ValueError", "message": (
        "Input 0 with name 'None' of layer 'lstm_2d' is incompatible with the layer: expected "
        "ndim=3, found ndim=2. Full shape received: (1000, 10)")}
    # keras.layers.RNN(cell) has no input spec: the 2-D input fails inside its call
    assert got["rnn_layer"] == {"type": "InvalidArgumentError",
                                "message": "Exception encountered when calling RNN.call()."}


def test_tf2_nn_has_no_rnn_functions_an_unrolled_layer_replaces_static_rnn(native,
                                                                        tf1_as_recorded):
    got = native["tf2_nn_has_no_rnn_functions"]
    same(got, tf1_as_recorded["removed_rnn_functions"], ["outputs", "final_state"],
         atol=RNN_FORWARD)
    assert {k: v for k, v in got.items() if k not in ("outputs", "final_state")} == {
        name: {"type": "AttributeError",
               "message": f"module 'tensorflow._api.v2.nn' has no attribute '{name}'"}
        for name in ("rnn", "dynamic_run", "static_rnn", "dynamic_rnn")}
