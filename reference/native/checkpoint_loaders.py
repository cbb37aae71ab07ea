"""Reading TF1 checkpoints the TF2 way, on the committed fixtures.

Replaces ``reference/checkpoint_loaders.py``. ``tf.train.load_checkpoint`` and
``tf.train.list_variables`` read both kinds of file eagerly, as in graph mode. A
``tf.train.Checkpoint`` restoring a name-based file matches variables by their global names
(so a ``tf.Variable`` named ``dense/kernel`` gets ``dense/kernel``), logs a deprecation warning
saying this is fragile (once per process), and its status's ``assert_consumed`` asserts nothing.
The TF2 way to load a subset under other names is ``assign(reader.get_tensor(key))`` for each
(key, variable) of the map; ``init_from_checkpoint`` called eagerly assigns at once too (its
restore op runs as it is built). Keras 3 refuses to ``load_weights`` anything but a
``.weights.h5`` file; its weights take a TF1 file's tensors by ``assign`` likewise.
"""
import logging
import re

import keras
import tensorflow as tf

from reference.catalogue import fixtures
from reference.catalogue.observed import error_of
from reference.catalogue.observed import outcome
from reference.catalogue.observed import portable
from reference.native.registry import counterpart

ADAM_WEIGHTS = ["dense/kernel", "dense/bias", "global_step"]


@counterpart(["fixture_contents"], "tf.train.load_checkpoint(path) and tf.train.list_variables "
             "eagerly")
def checkpoint_files_read_eagerly(tf1):
    got = {}
    for label, prefix in [("adam", fixtures.ADAM), ("ptb_tf1", fixtures.PTB_TF1),
                          ("ptb_tf2", fixtures.PTB_TF2)]:
        got[label] = fixtures.contents(tf.train.load_checkpoint(str(prefix)))
        got[f"{label}_listed"] = [[n, s] for n, s in tf.train.list_variables(str(prefix))]
    return got


class _Warnings(logging.Handler):
    """Collects the warnings TensorFlow's logger emits, without the ``From <file>:<line>: ``
    of a deprecation (a path and a line number that differ between versions)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines = []

    def emit(self, record):
        self.lines.append(re.sub(r"^From \S+:\d+: ", "", record.getMessage()))


def _restored_by_name(prefix, names):
    """``tf.Variable``s of ``names`` (zeros of the file's shapes and dtypes) restored from
    ``prefix`` by a ``tf.train.Checkpoint``; returns digests, warnings and the status's
    ``assert_consumed()``."""
    reader = tf.train.load_checkpoint(str(prefix))
    shapes, dtypes = reader.get_variable_to_shape_map(), reader.get_variable_to_dtype_map()
    variables = {name: tf.Variable(tf.zeros(shapes[name], dtypes[name]), name=name)
                 for name in names}
    checkpoint = tf.train.Checkpoint(**{f"v{i}": v for i, v in enumerate(variables.values())})
    handler = _Warnings()
    tf.get_logger().addHandler(handler)
    try:
        status = checkpoint.restore(str(prefix))
    finally:
        tf.get_logger().removeHandler(handler)
    return {"values": {name: fixtures.digest(v.numpy()) for name, v in variables.items()},
            "warnings": handler.lines, "status": type(status).__name__,
            "assert_consumed": outcome(lambda: type(status.assert_consumed()).__name__)}


@counterpart(["saver_restores_fixtures"], "tf.train.Checkpoint(...).restore(name-based path): "
             "variables matched by their global names")
def checkpoint_restores_name_based_files(tf1):
    ptb = [name for name in tf1["saver_restores_fixtures"]["ptb_tf1"]]
    return {"adam": _restored_by_name(fixtures.ADAM, ADAM_WEIGHTS),
            "ptb_tf1": _restored_by_name(fixtures.PTB_TF1, ptb)}


@counterpart(["init_from_checkpoint_maps"], "variable.assign(tf.train.load_checkpoint(path)"
             ".get_tensor(key)) for each (key, variable) of the map; init_from_checkpoint "
             "eagerly is an error")
def assign_from_checkpoint_reader(tf1):
    reader = tf.train.load_checkpoint(str(fixtures.PTB_TF1))
    shapes = reader.get_variable_to_shape_map()
    names = list(tf1["init_from_checkpoint_maps"]["ptb_tf1"])
    mapped = {name: tf.Variable(tf.zeros(shapes[name]), name="Pretrained/" + name.split("/", 1)[1])
              for name in names}
    for name, variable in mapped.items():
        variable.assign(reader.get_tensor(name))
    eager = tf.Variable(tf.zeros(shapes["Model/embedding"]), name="embedding")
    tf.compat.v1.train.init_from_checkpoint(str(fixtures.PTB_TF1), {"Model/embedding": eager})
    return {"ptb_tf1": {name: fixtures.digest(v.numpy()) for name, v in mapped.items()},
            "init_from_checkpoint_eagerly": fixtures.digest(eager.numpy())}


@counterpart(["tf_keras_load_weights"], "keras (3) Dense: load_weights refuses a TensorFlow "
             "checkpoint; its kernel and bias take the file's tensors by assign")
def keras3_weights_from_a_tf1_file(tf1):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="dense")])
    refused = error_of(model.load_weights, str(fixtures.ADAM))
    reader = tf.train.load_checkpoint(str(fixtures.ADAM))
    dense = model.get_layer("dense")
    dense.kernel.assign(reader.get_tensor("dense/kernel"))
    dense.bias.assign(reader.get_tensor("dense/bias"))
    return portable({"load_weights": refused,
                     "assigned": [fixtures.digest(w) for w in model.get_weights()]},
                    str(fixtures.CHECKPOINTS))


@counterpart(["adam_checkpoint_rewritten"], "keras.optimizers.Adam(0.1, epsilon=1e-8) on "
             "tf.Variables, two steps of a GradientTape: its variables against the committed "
             "TF1 file")
def keras_adam_two_steps(tf1):
    """TF1's ``AdamOptimizer`` and Keras 3's ``Adam`` compute the same update in float32 in
    another order; after two steps on this problem (an early Adam step divides by a square
    root of a tiny second moment) both are within 2e-6 of float64's weights, not of each
    other's last bits."""
    kernel = tf.Variable(tf.constant([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]), name="dense/kernel")
    bias = tf.Variable(tf.constant([0.0, 0.1]), name="dense/bias")
    optimizer = keras.optimizers.Adam(0.1, epsilon=1e-8)
    inputs = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    targets = tf.constant([[1.0, 0.0], [0.0, 1.0]])
    for _ in range(2):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(inputs, kernel) + bias - targets))
        optimizer.apply_gradients(zip(tape.gradient(loss, [kernel, bias]), [kernel, bias]))
    slots = {v.path: v for v in optimizer.variables}
    mine = {"dense/kernel": kernel, "dense/bias": bias, "global_step": slots["adam/iteration"]}
    for name, label in (("dense/kernel", "dense_kernel_0"), ("dense/bias", "dense_bias_0")):
        mine[f"{name}/Adam"] = slots[f"adam/{label}_momentum"]
        mine[f"{name}/Adam_1"] = slots[f"adam/{label}_velocity"]
    committed = tf.train.load_checkpoint(str(fixtures.ADAM))
    return {"largest_difference": {
        name: float(abs(variable.numpy().astype("float64")
                        - committed.get_tensor(name).astype("float64")).max())
        for name, variable in sorted(mine.items())}}
