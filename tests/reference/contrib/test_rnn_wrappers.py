"""The re-created tf.contrib.rnn wrappers under static_rnn: one set of variables, named."""
from reference.tf1 import tf

from reference.contrib import rnn_wrappers


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
