"""The contrib cell wrappers of note 003 at work: input/output projection, embedding.

Reproduces: note 003 "rnn_cell.OutputProjectionWrapper()", "rnn_cell.InputProjectionWrapper()",
"rnn_cell.EmbeddingWrapper()", on the re-created classes of ``reference/contrib/rnn_wrappers.py``
(TF 2.21 has none of them). The note's remark that ``LSTMCell(num_proj=...)`` makes
``OutputProjectionWrapper`` unnecessary is only half true: ``num_proj`` projects ``h`` *inside*
the recurrence (the projected ``h`` is fed back), the wrapper projects the output only (the state
keeps ``num_units``); ``projection_wrappers`` shows the two state sizes. And note 003
"rnn_cell.DropoutWrapper()" (``input_keep_prob``; ``seed`` third in the notes' signature), on
``tf.nn.rnn_cell.DropoutWrapper``, which TF 2.21 still has.
"""
import inspect

from reference.tf1 import tf

import numpy as np

from reference.catalogue import rnn_math
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import load_uniform_weights
from reference.catalogue.registry import missing
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
       "LSTMCell(num_proj=5) is not the same thing: its state's h has 5 units, fed back",
       "the three wrappers are gone from tf.nn.rnn_cell (AttributeError), as tf.contrib.rnn "
       "is: reference.contrib.rnn_wrappers re-creates them"])
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
    got["removed"] = missing(tf.nn.rnn_cell, "OutputProjectionWrapper", "InputProjectionWrapper",
                             "EmbeddingWrapper")
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


@demo('003 "rnn_cell.DropoutWrapper()" (def __init__(self,cell, input_keep_prob=1.0,'
      'output_keep_prob=1.0, seed=None))',
      ["the signature now has state_keep_prob, variational_recurrent, input_size and dtype "
       "between output_keep_prob and seed: seed is the 8th parameter",
       "so the notes' positional seed, DropoutWrapper(cell, 1.0, 1.0, 5), lands in "
       "state_keep_prob: ValueError",
       "input_keep_prob=0.5 drops the cell's inputs (inverted): an identity cell on inputs of 1 "
       "outputs only 0.0 and 2.0",
       "a new mask at every step: the steps' 0/2 patterns are not all the same (drawn in step "
       "order with parallel_iterations=1; by default the loop's steps draw in a racy order)"])
def dropout_wrapper_input_keep_prob():
    wrapper = tf.nn.rnn_cell.DropoutWrapper
    got = {"signature": str(inspect.signature(wrapper.__init__)),
           "notes_positional_seed": error_of(wrapper, tf.nn.rnn_cell.BasicRNNCell(2), 1.0, 1.0,
                                             5)}
    with fresh_session(seed=1) as session:
        cell = tf.nn.rnn_cell.BasicRNNCell(2, activation=tf.identity)  # output = x @ [I; 0]
        outputs, _ = tf.nn.dynamic_rnn(  # one step at a time: the steps draw in order
            wrapper(cell, input_keep_prob=0.5, seed=2), tf.ones([2, 3, 2]), dtype=tf.float32,
            parallel_iterations=1)
        session.run(tf.global_variables_initializer())
        kernel, _ = tf.global_variables()
        kernel.load(np.float32([[1, 0], [0, 1], [0, 0], [0, 0]]), session)  # rows x, then h
        return dict(got, outputs=session.run(outputs), variables=_variables())
