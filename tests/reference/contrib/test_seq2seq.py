"""The attention decoder cell and greedy decoding that replace contrib's seq2seq libraries."""
from reference.tf1 import tf

import numpy as np

from reference.contrib import seq2seq

# Row 0: four equal memory vectors; row 1: two equal ones, then two huge ones past its length.
MEMORY = np.array([[[1.0, 2.0, 3.0]] * 4,
                   [[-1.0, 0.5, 2.0]] * 2 + [[1000.0, 1000.0, 1000.0]] * 2], np.float32)
LENGTHS = [4, 2]


def _cell():
    return seq2seq.AttentionCell(tf.nn.rnn_cell.GRUCell(5), tf.constant(MEMORY), LENGTHS)


def test_attention_is_a_convex_mix_of_the_valid_memory_only(session):
    cell = _cell()
    inputs = tf.constant(np.linspace(-1, 1, 2 * 6, dtype=np.float32).reshape(2, 6))
    output, state = cell(inputs, cell.zero_state(2, tf.float32))
    session.run(tf.global_variables_initializer())
    output, attention = session.run([output, state.attention])
    # weights that sum to 1 over equal vectors give the vector; masked positions weigh 0
    np.testing.assert_allclose(attention, MEMORY[:, 0], rtol=1e-6)
    assert output.shape == (2, 5)
    assert sorted(v.op.name.split("/", 1)[1] for v in tf.global_variables()) == [
        "AttnV_0", "AttnW_0", "gru_cell/candidate/bias", "gru_cell/candidate/kernel",
        "gru_cell/gates/bias", "gru_cell/gates/kernel", "input_projection/kernel",
        "output_projection/kernel", "query/kernel"]


def test_greedy_decode_is_time_major_and_reuses_the_training_variables(session):
    cell, embedding = _cell(), tf.get_variable("embedding", [7, 4])
    output_layer = tf.layers.Dense(7, name="logits")
    steps = [tf.nn.embedding_lookup(embedding, [1, 2])] * 3
    tf.nn.static_rnn(cell, steps, initial_state=cell.zero_state(2, tf.float32))
    trained = {v.op.name for v in tf.global_variables()}
    ids = seq2seq.greedy_decode(cell, cell.zero_state(2, tf.float32), embedding, output_layer,
                                start_tokens=[0, 0], max_steps=4)
    output_layer(tf.zeros([1, 5]))  # the output layer's weights, made once
    session.run(tf.global_variables_initializer())
    got = session.run(ids)
    assert (got.shape, got.dtype) == ((4, 2), np.int64)
    assert set(got.ravel()) <= set(range(7))
    assert {v.op.name for v in tf.global_variables()} == trained | {"logits/kernel",
                                                                    "logits/bias"}
