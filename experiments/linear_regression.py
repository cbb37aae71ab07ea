"""Fitting a plane with gradient descent: note 003 "三、线性网络模型", TensorFlow's first program.

Reproduces: 100 random points ``x_data = np.float32(np.random.rand(2, 100))``,
``y_data = np.dot([0.100, 0.200], x_data) + 0.300``; ``b = tf.Variable(tf.zeros([1]))``,
``W = tf.Variable(tf.random_uniform([1, 2], -1.0, 1.0))``, ``y = tf.matmul(W, x_data) + b``, the
mean squared error minimized by gradient descent, 201 steps, ``print(step, sess.run(W),
sess.run(b))`` every 20 steps. The note drops the optimizer's line; it is TensorFlow's
getting-started ``tf.train.GradientDescentOptimizer(0.5)``.

With ``--decay`` the rate follows note 003's ``exponential_decay``: ``tf.train.exponential_
decay(0.5, global_step, 100, 0.96, staircase=True)``, multiplied by 0.96 every 100 steps, and
the progress lines also print it.

Run:
    python -m experiments.linear_regression [--decay] [--save_path=DIR]

Errata against the note, on TF 2.21: ``tf.initialize_all_variables`` is
``tf.global_variables_initializer``; the optimizer line is missing.
"""
import dataclasses

from reference.tf1 import tf

import numpy as np
from absl import flags

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths


@dataclasses.dataclass(frozen=True)
class Config:
    points: int = 100
    learning_rate: float = 0.5
    steps: int = 201
    print_every: int = 20
    decay: bool = False
    decay_steps: int = 100
    decay_rate: float = 0.96
    checkpoint_every: int = 10


CONFIGS = {"default": Config(), "test": Config()}


def make_data(config, seed):
    rng = np.random.default_rng(seed)
    x_data = np.float32(rng.random((2, config.points)))
    return x_data, np.dot([0.100, 0.200], x_data) + 0.300


def build_graph(config, x_data, y_data):
    b = tf.Variable(tf.zeros([1]), name="b")
    w = tf.Variable(tf.random_uniform([1, 2], -1.0, 1.0), name="W")
    y = tf.matmul(w, x_data) + b
    loss = tf.reduce_mean(tf.square(y - y_data))
    global_step = tf.train.get_or_create_global_step()
    learning_rate = config.learning_rate
    if config.decay:
        learning_rate = tf.train.exponential_decay(config.learning_rate, global_step,
                                                   config.decay_steps, config.decay_rate,
                                                   staircase=True)
    train = tf.train.GradientDescentOptimizer(learning_rate).minimize(loss, global_step)
    return {"W": w, "b": b, "loss": loss, "train": train, "global_step": global_step,
            "learning_rate": tf.convert_to_tensor(learning_rate),
            "summary": tf.summary.scalar("loss", loss)}


def train(config, save_path=None, log=print, seed=0, session_defaults=None):
    """Runs the note's loop; returns the final ``W``, ``b`` and the printed rows."""
    x_data, y_data = make_data(config, seed)
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config, x_data, y_data)
    rows = []

    def step(session, i):
        _, loss, summary = session.run([model["train"], model["loss"], model["summary"]])
        if i % config.print_every == 0:  # the note prints after the step's update
            w, b, rate = session.run([model["W"], model["b"], model["learning_rate"]])
            rows.append((i, w, b, rate))
            log(f"{i} {w} {b}" + (f" lr {rate:.4f}" if config.decay else ""))
        return loss, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        loop.train_steps(run, config.steps, step, log=lambda line: None,
                         checkpoint_every=config.checkpoint_every)
        w, b = run.session.run([model["W"], model["b"]])
    return {"W": w.ravel().tolist(), "b": b.tolist(), "rows": rows}


def define_flags():
    config, seed = common.preset_flags(CONFIGS, "Random seed (data and initial W).")
    decay = flags.DEFINE_bool("decay", False, "Decay the rate with exponential_decay(0.5, "
                              "global_step, 100, 0.96, staircase=True).")
    rate = flags.DEFINE_float("learning_rate", None, "Override the rate (above about 2.5 the "
                              "fit diverges and the run stops at the first NaN).", lower_bound=0.0)
    return config, seed, decay, rate


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    common.check_generated_only("points")
    config_flag, seed, decay, rate = flag_holders
    config = dataclasses.replace(CONFIGS[config_flag.value], decay=decay.value)
    if rate.value is not None:
        config = dataclasses.replace(config, learning_rate=rate.value)
    train(config, save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
