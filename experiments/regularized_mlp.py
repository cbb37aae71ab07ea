"""L2 regularization against overfitting: the note's 5-layer network with a 'losses' collection.

Reproduces: note 003 "tensorflow Regularizers" -- ``layer_dimension = [2, 10, 10, 10, 1]``,
``get_weight(shape, lambda)`` adding ``l2_regularizer(lambda)(var)`` to the ``'losses'``
collection, the mse added last and ``loss = tf.add_n(tf.get_collection('losses'))`` -- and the
scope-level form (``variable_scope(..., regularizer=...)``, summed from
``tf.GraphKeys.REGULARIZATION_LOSSES``), selectable with ``--style``; both give the same
total. ``l2_regularizer`` is ``reference/contrib/regularizers.py``'s (contrib is gone).

The task (generated, as the program the note follows): 2-D points in [-1, 1]^2 labelled 0
inside the unit circle and 1 outside, the training points jittered by N(0, 0.1) so their
labels are noisy near the circle; 100 to train, 2,000 clean ones held out. The same network
is trained with ``lambda_`` and with 0, full batch, Adam; the held-out mse of both is printed.

Run:
    python -m experiments.regularized_mlp [--style=collection|scope] [--save_path=DIR]

Errata against the note, on TF 2.21: ``def get_weight(shape, lambda)`` is a SyntaxError
(``lambda`` is a keyword); ``tf.matmul(x, weight)`` multiplies the input in every layer
instead of ``cur_layer``; ``tf.constant(0.1, shape(out_dimension))`` and ``shape=(none, 1)``
are typos; the relu on the last layer would clip a regression output at 0 (the output layer
here is linear).
"""
import dataclasses
import os

from reference.tf1 import tf

import numpy as np
from absl import flags

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths
from reference.contrib import regularizers

STYLES = ("collection", "scope")


@dataclasses.dataclass(frozen=True)
class Config:
    layer_dimension: tuple = (2, 10, 10, 10, 1)
    lambda_: float = 0.003
    learning_rate: float = 0.003
    steps: int = 8000
    train_points: int = 100
    test_points: int = 2000
    jitter: float = 0.1
    log_every: int = 1000


CONFIGS = {"default": Config(), "test": Config(steps=4000)}


def make_data(config, rng):
    """``(train_x, train_y, test_x, test_y)``: 0 inside the unit circle, 1 outside."""
    def points(count, jitter):
        xy = rng.uniform(-1, 1, (count, 2))
        labels = (xy ** 2).sum(1, keepdims=True) > 1
        return (xy + rng.normal(0, jitter, xy.shape)).astype(np.float32), labels.astype(np.float32)
    return (*points(config.train_points, config.jitter), *points(config.test_points, 0.0))


def build_graph(config, lambda_, style):
    """The network; returns its tensors, ``mse`` and the regularized ``loss``."""
    x = tf.placeholder(tf.float32, shape=(None, 2), name="x")
    y_ = tf.placeholder(tf.float32, shape=(None, 1), name="y_")
    regularizer = regularizers.l2_regularizer(lambda_)

    def get_weight(shape):
        if style == "scope":
            return tf.get_variable("weight", shape, initializer=tf.random_normal_initializer())
        var = tf.Variable(tf.random_normal(shape), dtype=tf.float32, name="weight")
        tf.add_to_collection("losses", regularizer(var))
        return var

    cur_layer = x
    dims = config.layer_dimension
    for i, (in_dimension, out_dimension) in enumerate(zip(dims, dims[1:])):
        scope_regularizer = regularizer if style == "scope" else None
        with tf.variable_scope(f"layer{i + 1}", regularizer=scope_regularizer):
            weight = get_weight([in_dimension, out_dimension])
            bias = tf.Variable(tf.constant(0.1, shape=[out_dimension]), name="bias")
            cur_layer = tf.matmul(cur_layer, weight) + bias
            if i < len(dims) - 2:
                cur_layer = tf.nn.relu(cur_layer)
    mse = tf.reduce_mean(tf.square(y_ - cur_layer))
    if style == "scope":
        penalty = tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
    else:
        penalty = tf.add_n(tf.get_collection("losses"))
    loss = mse + penalty
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(config.learning_rate).minimize(loss, global_step)
    return {"x": x, "y_": y_, "mse": mse, "loss": loss, "train_op": train_op,
            "global_step": global_step, "summary": tf.summary.merge(
                [tf.summary.scalar("mse", mse), tf.summary.scalar("loss", loss)])}


def train_one(config, data, lambda_, style, save_path=None, log=print, seed=0,
              session_defaults=None):
    """Trains one network; returns its train and held-out mse."""
    train_x, train_y, test_x, test_y = data
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config, lambda_, style)
    feed = {model["x"]: train_x, model["y_"]: train_y}

    def step(session, _):
        _, loss, summary = session.run([model["train_op"], model["loss"], model["summary"]], feed)
        return loss, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        loop.train_steps(run, config.steps, step, log, config.log_every)
        train_mse = run.session.run(model["mse"], feed)
        test_mse = run.session.run(model["mse"], {model["x"]: test_x, model["y_"]: test_y})
    return {"train_mse": float(train_mse), "held_out_mse": float(test_mse)}


def train(config, style="collection", save_path=None, log=print, seed=0, session_defaults=None):
    """The regularized and the plain network on the same data; returns both results."""
    data = make_data(config, np.random.default_rng(seed))
    results = {}
    for name, lambda_ in (("regularized", config.lambda_), ("unregularized", 0.0)):
        path = os.path.join(save_path, name) if save_path else None
        results[name] = train_one(config, data, lambda_, style, path, log, seed,
                                  session_defaults)
        log(f"{name} (lambda {lambda_}): train mse {results[name]['train_mse']:.4f}, "
            f"held-out mse {results[name]['held_out_mse']:.4f}")
    return results


def define_flags():
    config, seed = common.preset_flags(CONFIGS, "Random seed (data, weights).")
    style = flags.DEFINE_enum("style", "collection", list(STYLES), "How the l2 terms are "
                              "collected: the note's 'losses' collection or scope regularizers.")
    return config, seed, style


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    common.check_generated_only("points")
    config_flag, seed, style = flag_holders
    train(CONFIGS[config_flag.value], style.value, paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
