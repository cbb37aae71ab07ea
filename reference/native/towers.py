"""In-graph towers the TF2 way: ``tf.distribute.MirroredStrategy`` over two logical CPUs.

Replaces ``reference/towers.py``. One model, its variables mirrored on every replica;
``strategy.run`` runs the step on each replica's half of the batch, the loss is scaled by the
global batch (``tf.nn.compute_average_loss``), and the Keras optimizer sums the replicas'
gradients (an all-reduce) before one update: the note's ``average_gradients`` and
``apply_gradients``. The logical CPUs must be configured before the runtime starts
(``tf.config.set_logical_device_configuration`` raises after that), so ``python -m
reference.native``, which runs every family in one process, trains the strategy in a fresh
child process, and shows in its own the error and the same average taken by hand (two
half-batch ``GradientTape``s under the default ``tf.distribute.get_strategy()``). No direct
counterpart: the collections ``loss``/``predict``/``merge_summary``/``train_model``; the
step function returns what it computed (``strategy.run`` gives it per replica).
"""
import json
import os
import pathlib
import subprocess
import sys

import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.catalogue.observed import plain
from reference.native.registry import counterpart

DATA = np.arange(24, dtype=np.float32).reshape(8, 3) / 10
TARGET = DATA.sum(1, keepdims=True)
W = [[0.5], [-1.0], [2.0]]
STEPS, RATE = 3, 0.1
ROOT = pathlib.Path(__file__).resolve().parents[2]


def _half(i):
    return DATA[4 * i:4 * i + 4], TARGET[4 * i:4 * i + 4]


def _loss(w, x, y):
    return tf.reduce_mean(tf.square(tf.matmul(x, w) - y))


def mirrored_training():
    """Two logical CPUs, a MirroredStrategy and three steps: run in a process of its own."""
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    with strategy.scope():
        w = keras.Variable(np.float32(W), name="w")
        optimizer = keras.optimizers.SGD(RATE)
    halves = strategy.experimental_distribute_values_from_function(  # replica i: rows 4i..
        lambda context: _half(context.replica_id_in_sync_group))

    def replica_step(half):
        x, y = half
        with tf.GradientTape() as tape:
            per_example = tf.square(tf.matmul(x, w) - y)[:, 0]
            loss = tf.nn.compute_average_loss(per_example, global_batch_size=len(DATA))
        gradient = tape.gradient(loss, w)
        optimizer.apply_gradients([(gradient, w)])  # all-reduced (summed) across replicas
        return gradient, loss

    @tf.function
    def train_step():
        return strategy.run(replica_step, args=(halves,))

    got = {"replica_devices": strategy.extended.worker_devices,
           "variable_type": type(w.value).__name__, "weights_after_steps": []}
    for step in range(STEPS):
        gradients, losses = train_step()
        if step == 0:
            got["replica_gradients"], got["replica_losses"] = (
                [t.numpy() for t in strategy.experimental_local_results(per_replica)]
                for per_replica in (gradients, losses))
        got["weights_after_steps"].append(w.numpy())
    return plain(got)


def _in_a_child():
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    code = ("import json; from reference.native import towers; "
            "print(json.dumps(towers.mirrored_training()))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, timeout=120,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@counterpart(["towers_average_gradients"], "tf.distribute.MirroredStrategy over two logical "
             "CPUs (tf.config.set_logical_device_configuration), strategy.run, "
             "tf.nn.compute_average_loss, keras.optimizers.SGD; two half-batch GradientTapes")
def mirrored_strategy(tf1):
    tf.constant(0.0)  # the runtime has started (as it has after the other families)
    cpu = tf.config.list_physical_devices("CPU")[0]
    configure = error_of(tf.config.set_logical_device_configuration, cpu,
                         [tf.config.LogicalDeviceConfiguration()] * 2)
    w, optimizer = tf.Variable(W, name="w"), keras.optimizers.SGD(RATE)
    with tf.GradientTape() as tape:
        full = _loss(w, DATA, TARGET)
    full_batch_gradient = tape.gradient(full, w)
    got = {"configure_after_start": configure, "full_batch_gradient": full_batch_gradient.numpy(),
           "default_strategy": [type(tf.distribute.get_strategy()).__name__,
                                tf.distribute.get_strategy().num_replicas_in_sync],
           "weights_after_steps": []}
    for step in range(STEPS):
        towers = []
        for i in range(2):
            with tf.GradientTape() as tape:
                loss = _loss(w, *_half(i))
            towers.append(tape.gradient(loss, w))
        before = w.numpy()
        optimizer.apply_gradients([(tf.reduce_mean(tf.stack(towers), 0), w)])
        if step == 0:
            got.update(tower_gradients=[t.numpy() for t in towers], step=before - w.numpy())
        got["weights_after_steps"].append(w.numpy())
    return dict(got, mirrored=_in_a_child())


@counterpart(["average_gradients_listings"], "eager tf.reduce_mean(tf.stack(per_var), 0) under "
             "tf.device('cpu:0'); zip(function, ...) into a Keras optimizer is the same TypeError")
def average_gradients_eager(tf1):
    grads = [[[1.0, 2.0], 3.0], [[3.0, 6.0], 5.0]]  # two towers, two variables
    with tf.device("cpu:0"):
        means = [tf.reduce_mean(tf.stack(per_var), 0) for per_var in zip(*grads)]
    variables = [tf.Variable([0.0, 0.0]), tf.Variable(0.0)]
    return {"means": [m.numpy() for m in means], "devices": sorted({m.device for m in means}),
            "zip_the_function": error_of(lambda: keras.optimizers.SGD(0.1).apply_gradients(
                zip(average_gradients_eager, variables)))}
