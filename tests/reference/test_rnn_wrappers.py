"""The re-created contrib wrappers (note 003): sizes, variables, and what they compute."""
from reference import rnn_wrappers
from reference.catalogue import observe
from reference.tf1 import tf


def test_projection_wrappers_and_num_proj():
    wrapper = "out/rnn/output_projection_wrapper"
    assert observe("projection_wrappers") == {
        "output_projection": {
            "output_size": 5, "state_size": 3,
            "variables": {f"{wrapper}/basic_rnn_cell/kernel": [5, 3],
                          f"{wrapper}/basic_rnn_cell/bias": [3],
                          f"{wrapper}/output_projection/kernel": [3, 5],
                          f"{wrapper}/output_projection/bias": [5]},
            "equals_dense_of_cell_output": True},
        "input_projection": {
            "output_size": 3,
            "variables": {"rnn/input_projection_wrapper/input_projection/kernel": [2, 4],
                          "rnn/input_projection_wrapper/input_projection/bias": [4],
                          "rnn/input_projection_wrapper/gru_cell/gates/kernel": [7, 6],
                          "rnn/input_projection_wrapper/gru_cell/gates/bias": [6],
                          "rnn/input_projection_wrapper/gru_cell/candidate/kernel": [7, 3],
                          "rnn/input_projection_wrapper/gru_cell/candidate/bias": [3]}},
        "lstm_num_proj_state_size": [3, 5]}


def test_embedding_wrapper_looks_up_then_runs_the_cell():
    assert observe("embedding_wrapper") == {
        "variables": {"rnn/embedding_wrapper/embedding": [10, 3],
                      "rnn/embedding_wrapper/basic_lstm_cell/kernel": [7, 16],
                      "rnn/embedding_wrapper/basic_lstm_cell/bias": [16]},
        "embedding_device": "/device:CPU:0", "equals_cell_on_rows": True}


def test_wrappers_unroll_statically_sharing_one_set_of_variables(graph):
    cell = rnn_wrappers.OutputProjectionWrapper(
        rnn_wrappers.EmbeddingWrapper(tf.nn.rnn_cell.GRUCell(4), 7, 3), 2)
    steps = [tf.constant([[i], [6 - i]]) for i in range(4)]
    outputs, state = tf.nn.static_rnn(cell, steps, dtype=tf.float32)
    assert [o.shape.as_list() for o in outputs] == [[2, 2]] * 4
    assert state.shape.as_list() == [2, 4]
    assert sorted(v.op.name for v in tf.global_variables()) == [
        "rnn/output_projection_wrapper/embedding_wrapper/embedding",
        "rnn/output_projection_wrapper/embedding_wrapper/gru_cell/candidate/bias",
        "rnn/output_projection_wrapper/embedding_wrapper/gru_cell/candidate/kernel",
        "rnn/output_projection_wrapper/embedding_wrapper/gru_cell/gates/bias",
        "rnn/output_projection_wrapper/embedding_wrapper/gru_cell/gates/kernel",
        "rnn/output_projection_wrapper/output_projection/bias",
        "rnn/output_projection_wrapper/output_projection/kernel"]
