"""The contrib cell wrappers of note 003 at work: input/output projection, embedding.

Reproduces: note 003 "rnn_cell.OutputProjectionWrapper()", "rnn_cell.InputProjectionWrapper()",
"rnn_cell.EmbeddingWrapper()", on the re-created classes of ``reference/contrib/rnn_wrappers.py``
(TF 2.21 has none of them). The note's remark that ``LSTMCell(num_proj=...)`` makes
``OutputProjectionWrapper`` unnecessary is only half true: ``num_proj`` projects ``h`` *inside*
the recurrence (the projected ``h`` is fed back), the wrapper projects the output only (the state
keeps ``num_units``); ``projection_wrappers`` shows the two state sizes.
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue import rnn_math
from reference.catalogue.registry import demo
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import load_uniform_weights
from reference.contrib import rnn_wrappers


def _variables():
    return {v.op.name: v.shape.as_list() for v in tf.global_variables()}


def _weights_and(gradients, session):
    """``{"weights": {name: value}, "gradients": {name: gradient}}`` of the global variables."""
    variables = tf.global_variables()
    return {"weights": {v.op.name: value for v, value in zip(variables, session.run(variables))},
            "gradients": {v.op.name: g for v, g in zip(variables, gradients)}}


@demo('003 "rnn_cell.OutputProjectionWrapper()", "InputProjectionWrapper()"; "num_proj: '
      '用了这个就不需要下面那个类了"',
      ["OutputProjectionWrapper(cell, 5): output size 5, state still the cell's (3)",
       "its output is cell_output @ kernel + bias (checked in NumPy)",
       "InputProjectionWrapper(cell, num_proj=4): the cell sees 4 features (its kernel is "
       "[4 + 3, ...])",
       "LSTMCell(num_proj=5) is not the same thing: its state's h has 5 units, fed back"])
def projection_wrappers():
    got = {}
    with fresh_session() as session:
        inputs = tf.constant(np.linspace(-1, 1, 2 * 3 * 2, dtype=np.float32).reshape(2, 3, 2))
        cell = rnn_wrappers.OutputProjectionWrapper(tf.nn.rnn_cell.BasicRNNCell(3), 5)
        with tf.variable_scope("out"):
            projected, _ = tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
        with tf.variable_scope("out", reuse=True):  # the wrapped cell alone, same weights
            plain, _ = tf.nn.dynamic_rnn(cell._cell, inputs, dtype=tf.float32)
        grads = tf.gradients(tf.reduce_sum(projected), tf.global_variables())
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=1)
        kernel, bias = session.run(tf.global_variables("out/rnn/output_projection_wrapper/"
                                                       "output_projection"))
        outputs, cell_outputs, got_grads = session.run([projected, plain, grads])
        got["output_projection"] = {
            "output_size": cell.output_size, "state_size": cell.state_size,
            "variables": _variables(),
            "outputs": outputs, "dense_of_cell_output": cell_outputs @ kernel + bias,
            **_weights_and(got_grads, session)}  # for the TF2 counterparts
    with fresh_session():
        cell = rnn_wrappers.InputProjectionWrapper(tf.nn.rnn_cell.GRUCell(3), num_proj=4)
        tf.nn.dynamic_rnn(cell, tf.zeros([2, 3, 2]), dtype=tf.float32)
        got["input_projection"] = {"output_size": cell.output_size, "variables": _variables()}
    with fresh_session():
        cell = tf.nn.rnn_cell.LSTMCell(3, num_proj=5)
        got["lstm_num_proj_state_size"] = list(cell.state_size)
    return got


@demo('003 "rnn_cell.EmbeddingWrapper()" (encoder_cell = EmbeddingWrapper(cell, '
      'embedding_classes=..., embedding_size=...))',
      ["integer inputs [batch, time, 1] are looked up in 'embedding' [classes, size]",
       "the result equals running the plain cell on the looked-up rows",
       "the embedding lives on the CPU, as the contrib wrapper placed it"])
def embedding_wrapper():
    ids = np.array([[[1], [4], [4]], [[0], [9], [2]]], np.int32)
    with fresh_session() as session:
        cell = tf.nn.rnn_cell.BasicLSTMCell(4)
        wrapped = rnn_wrappers.EmbeddingWrapper(cell, embedding_classes=10, embedding_size=3)
        outputs, _ = tf.nn.dynamic_rnn(wrapped, tf.constant(ids), dtype=tf.float32)
        grads = [tf.convert_to_tensor(g)  # the embedding's IndexedSlices made dense
                 for g in tf.gradients(tf.reduce_sum(outputs), tf.global_variables())]
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=2)
        embedding = tf.global_variables("rnn/embedding_wrapper/embedding")[0]
        kernel, bias = tf.global_variables("rnn/embedding_wrapper/basic_lstm_cell")
        table, k, b, got_outputs, got_grads = session.run(
            [embedding, kernel, bias, outputs, grads])
        zeros = np.zeros((2, 4))
        expected = np.stack([state[1] for state in rnn_math.unroll(
            lambda x, c, h: rnn_math.basic_lstm_step(x, c, h, k, b),
            table[ids[:, :, 0]], (zeros, zeros))], 1)
        return {"variables": _variables(), "embedding_device": embedding.device,
                "outputs": got_outputs, "cell_on_rows": expected,
                **_weights_and(got_grads, session)}  # for the TF2 counterparts
