"""The TF2-native counterparts of reference/rnn_wrappers.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import RNN_FORWARD
from tests.reference.native.equivalence import RNN_GRADIENTS
from tests.reference.native.equivalence import same

# the tolerances: equivalence.RNN_FORWARD and RNN_GRADIENTS (Keras's split kernels)


def test_a_dense_layer_after_the_rnn_is_the_output_projection(native, tf1_as_recorded):
    got = native["dense_around_the_rnn"]
    tf1 = tf1_as_recorded["projection_wrappers"]
    projection = got["output_projection"]
    assert same(projection, tf1["output_projection"], ["output_size", "state_size"]) == {
        "output_size": 0, "state_size": 0}
    same(projection, tf1["output_projection"], ["outputs", "dense_of_cell_output"],
         atol=RNN_FORWARD)
    same(projection, tf1["output_projection"], ["gradients"], atol=RNN_GRADIENTS)
    assert projection["keras_variables"] == {
        "basic_rnn_cell/kernel": [2, 3], "basic_rnn_cell/recurrent_kernel": [3, 3],
        "basic_rnn_cell/bias": [3], "output_projection/kernel": [3, 5],
        "output_projection/bias": [5]}
    assert same(got["input_projection"], tf1["input_projection"], ["output_size"]) == {
        "output_size": 0}
    assert got["input_projection"]["keras_variables"] == {  # the GRU sees 4 features
        "input_projection/kernel": [2, 4], "input_projection/bias": [4],
        "gru/gru_cell/kernel": [4, 9], "gru/gru_cell/recurrent_kernel": [3, 9],
        "gru/gru_cell/bias": [9]}
    assert tf1["lstm_num_proj_state_size"] == [3, 5]
    assert got["lstm_num_proj"] == {
        "type": "ValueError",
        "message": "Unrecognized keyword arguments passed to LSTMCell: {'num_proj': 5}"}


def test_an_embedding_layer_before_the_rnn_is_the_embedding_wrapper(native, tf1_as_recorded):
    got, tf1 = native["embedding_layer_then_rnn"], tf1_as_recorded["embedding_wrapper"]
    same(got, tf1, ["outputs"], atol=RNN_FORWARD)
    same(got, tf1, ["cell_on_rows"], atol=RNN_FORWARD)  # against float64 NumPy: 4.15e-8
    same(got, tf1, ["gradients"], atol=RNN_GRADIENTS)
    assert got["embedding_gradient_type"] == "IndexedSlices"  # as TF1's: rows looked up only
    assert tf1["embedding_device"] == "/device:CPU:0"
    assert got["embedding_device"].endswith("/device:CPU:0")  # no GPU here: placed by default
    assert got["keras_variables"] == {"embedding/embeddings": [10, 3],
                                      "lstm_cell/kernel": [3, 16],
                                      "lstm_cell/recurrent_kernel": [4, 16],
                                      "lstm_cell/bias": [16]}


def test_a_keras_cells_dropout_drops_its_inputs_with_one_mask_per_sequence(native,
                                                                         tf1_as_recorded):
    got = native["cell_input_dropout"]
    tf1 = tf1_as_recorded["dropout_wrapper_input_keep_prob"]
    values = {v for run in (got, tf1) for row in run["outputs"] for step in row for v in step}
    assert values == {0.0, 2.0}  # inverted dropout of the inputs, as input_keep_prob=0.5
    # Keras draws one mask per call and uses it at every step; TF1 a new one per step
    assert got["outputs"] == [[[0.0, 2.0]] * 3, [[2.0, 0.0]] * 3]
    assert any(len({str(step) for step in row}) > 1 for row in tf1["outputs"])
    assert got["wrapper_under_keras_3"] == {
        "type": "AttributeError", "message": "`DropoutWrapper` is not available with Keras 3."}
    assert got["keras_variables"] == {"simple_rnn_cell/kernel": [2, 2],
                                      "simple_rnn_cell/recurrent_kernel": [2, 2],
                                      "simple_rnn_cell/bias": [2]}
