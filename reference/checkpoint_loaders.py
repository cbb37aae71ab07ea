"""Checkpoints written elsewhere, read back through every loader a TF1 user tries.

Reproduces: note 003 "如何使用tensorflow内置的参数导出和导入方法" (``saver.restore`` into a graph
built again), "如何restore变量的子集" (a subset: ``init_from_checkpoint``'s assignment map is
the other way, under other names) and "Saver" (``{key: variable}`` decides what is read), on
three committed checkpoints (``reference/catalogue/checkpoints/``): a name-based Saver V2 file
of a dense layer trained two Adam steps, ``experiments.ptb``'s test config and
``experiments.ptb_tf2``'s (object-based). Each is summed up by ``fixtures.digest``.
"""
import os
import re
import tempfile

from reference.tf1 import tf

import numpy as np

from reference.catalogue import fixtures
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import outcome
from reference.catalogue.registry import portable

KERNEL = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]
BIAS = [0.0, 0.1]
INPUTS = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
TARGETS = [[1.0, 0.0], [0.0, 1.0]]
PTB_TF1 = ["Model/embedding", "Model/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/kernel",
           "Model/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/bias", "Model/softmax_w",
           "Model/softmax_b"]


def _adam_graph():
    """``dense/kernel``, ``dense/bias`` (constants), a squared loss and an Adam step (learning
    rate 0.1) counting ``global_step``; returns the train op."""
    kernel = tf.get_variable("dense/kernel", initializer=tf.constant(KERNEL))
    bias = tf.get_variable("dense/bias", initializer=tf.constant(BIAS))
    loss = tf.reduce_mean(tf.square(tf.matmul(tf.constant(INPUTS), kernel) + bias - TARGETS))
    return tf.train.AdamOptimizer(0.1).minimize(
        loss, global_step=tf.train.get_or_create_global_step())


def write_adam_checkpoint(directory):
    """Trains ``_adam_graph`` two steps and saves ``directory/model.ckpt-2`` (no meta graph,
    relative paths in ``checkpoint``): how ``checkpoints/adam_saver`` was written."""
    with fresh_session() as session:
        train = _adam_graph()
        session.run(tf.global_variables_initializer())
        session.run(train)
        session.run(train)
        saver = tf.train.Saver(save_relative_paths=True)
        return saver.save(session, os.path.join(directory, "model.ckpt"),
                          global_step=tf.train.get_global_step(), write_meta_graph=False)


@demo('003 "Saver" and print_tensors_in_checkpoint_file: what a checkpoint file holds',
      ["tf.train.load_checkpoint reads every tensor of a name-based and an object-based file",
       "a Saver V2 file of an Adam step holds the slots Adam and Adam_1 of each variable, "
       "beta1_power, beta2_power and global_step",
       "experiments.ptb's and experiments.ptb_tf2's files hold the same weights under other "
       "names (and the object graph)",
       "tf.train.list_variables gives the same names, sorted, with shapes"])
def fixture_contents():
    got = {}
    for label, prefix in [("adam", fixtures.ADAM), ("ptb_tf1", fixtures.PTB_TF1),
                          ("ptb_tf2", fixtures.PTB_TF2)]:
        got[label] = fixtures.contents(tf.train.load_checkpoint(str(prefix)))
        got[f"{label}_listed"] = [[name, shape] for name, shape in
                                  tf.train.list_variables(str(prefix))]
    return got


def _ptb_variables(scope):
    """Variables of ``experiments.ptb``'s names and the fixture's shapes under ``scope/``."""
    reader = tf.train.load_checkpoint(str(fixtures.PTB_TF1))
    shapes = reader.get_variable_to_shape_map()
    return {name: tf.get_variable(f"{scope}/{name.split('/', 1)[1]}", shapes[name],
                                  initializer=tf.zeros_initializer())
            for name in PTB_TF1}


@demo('003 "如何使用tensorflow内置的参数导出和导入方法": saver.restore into the graph built again',
      ["the Adam graph built again restores every variable and slot from the name-based file",
       "experiments.ptb's variables restore from its file",
       "the same variables refuse experiments.ptb_tf2's object-based file: NotFoundError",
       "the restored values are the file's (load_checkpoint's digests)"])
def saver_restores_fixtures():
    got = {}
    with fresh_session() as session:
        _adam_graph()
        saver = tf.train.Saver()
        saver.restore(session, str(fixtures.ADAM))
        got["adam"] = {v.op.name: fixtures.digest(session.run(v))
                       for v in sorted(tf.global_variables(), key=lambda v: v.op.name)}
    with fresh_session() as session:
        variables = _ptb_variables("Model")
        tf.train.Saver(variables).restore(session, str(fixtures.PTB_TF1))
        got["ptb_tf1"] = {name: fixtures.digest(session.run(v)) for name, v in variables.items()}
        got["ptb_tf2"] = error_of(tf.train.Saver(variables).restore, session,
                                  str(fixtures.PTB_TF2))
    return got


@demo('003 "如何restore变量的子集,然后使用初始化op初始化其他变量": init_from_checkpoint',
      ["init_from_checkpoint({'Model/': 'Pretrained/'}) sets the initializers of the variables "
       "under Pretrained/ to the file's values; variables outside the map keep their own",
       "a key of an object-based file (with /.ATTRIBUTES/VARIABLE_VALUE) maps onto a variable "
       "of another name",
       "a key the file lacks is a ValueError naming it"])
def init_from_checkpoint_maps():
    got = {}
    with fresh_session() as session:
        variables = _ptb_variables("Pretrained")
        own = tf.get_variable("own", initializer=tf.constant([7.0]))
        tf.train.init_from_checkpoint(str(fixtures.PTB_TF1), {"Model/": "Pretrained/"})
        session.run(tf.global_variables_initializer())
        got["ptb_tf1"] = {name: fixtures.digest(session.run(v)) for name, v in variables.items()}
        got["own"] = session.run(own).tolist()
    with fresh_session() as session:
        embedding = tf.get_variable("embedding", [2000, 2], initializer=tf.zeros_initializer())
        key = "model/embedding/_embeddings" + fixtures.TF2_SUFFIX
        tf.train.init_from_checkpoint(str(fixtures.PTB_TF2), {key: embedding})
        session.run(tf.global_variables_initializer())
        got["ptb_tf2_embedding"] = fixtures.digest(session.run(embedding))
    with fresh_session():
        tf.get_variable("w", [1])
        got["missing_key"] = error_of(tf.train.init_from_checkpoint, str(fixtures.PTB_TF1),
                                      {"Model/nothing": "w"})
    return portable(got, str(fixtures.CHECKPOINTS))


def _dense_loads(prefix):
    """A tf_keras ``Dense(2)`` on 3 inputs, named ``dense``, after ``load_weights(prefix)``:
    its weights' digests. An assertion listing unmatched objects (in a set's order) is
    ``{"raised": {"type", "message"}, "unmatched": sorted names}``, the list cut from the
    message."""
    with fresh_session() as session:
        model = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,), name="dense")])
        try:
            model.load_weights(str(prefix))
        except AssertionError as err:
            message, _, listed = str(err).partition(": [")
            return {"raised": {"type": "AssertionError", "message": message},
                    "unmatched": sorted(re.findall(r"<tf.Variable '([^']+)'", listed))}
        return [fixtures.digest(w) for w in session.run(model.weights)]


@demo('003 "Saver": a tf_keras model (tf.keras here) reading a checkpoint by load_weights',
      ["in graph mode, load_weights of a name-based file is a NotImplementedError (no "
       "streaming restore from name-based checkpoints when graph building)",
       "load_weights of experiments.ptb_tf2's object-based file into a Dense matches nothing: "
       "an AssertionError listing dense/bias and dense/kernel"])
def tf_keras_load_weights():
    return {"adam": outcome(_dense_loads, fixtures.ADAM),
            "ptb_tf2": outcome(_dense_loads, fixtures.PTB_TF2)}


@demo('003 "Saver": the committed Adam file written again by this TensorFlow',
      ["two Adam steps written today hold the committed file's names",
       "and its values, to the largest difference observed"])
def adam_checkpoint_rewritten():
    with tempfile.TemporaryDirectory() as directory:
        written = tf.train.load_checkpoint(write_adam_checkpoint(directory))
        committed = tf.train.load_checkpoint(str(fixtures.ADAM))
        names = sorted(committed.get_variable_to_shape_map())
        return {"names": sorted(written.get_variable_to_shape_map()),
                "largest_difference": {
                    name: float(np.max(np.abs(np.float64(written.get_tensor(name))
                                              - np.float64(committed.get_tensor(name)))))
                    for name in names}}
