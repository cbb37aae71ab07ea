"""Training with moving averages of the weights, then evaluating with the averages restored.

Reproduces: note 003 "# ExponentialMovingAverage" ("GradientDescent and Momentum often benefit
from maintaining a moving average of variables during optimization. Using the moving
averages for evaluations often improve results significantly"): ``opt_op =
opt.minimize(loss)``, ``ema = tf.train.ExponentialMovingAverage(decay)``, the averages
maintained after every optimizer step under ``tf.control_dependencies([opt_op])``, and for
evaluation ``saver = tf.train.Saver(ema.variables_to_restore())`` restoring the shadow values
*into the model's own variables* in a fresh evaluation graph.

The note's listing creates ``maintain_averages_op = ema.apply(...)`` before the
``control_dependencies`` block and only groups it inside, which leaves the averages free to
read the weights before the step (``python -m reference ema_official_usage_race`` counts it);
here ``ema.apply`` is created inside the block, so every update sees the new weights. With
``num_updates=global_step`` the decay starts low, as TensorFlow's models do.

The task (generated): noisy linear regression (``y = x . w* + b* + N(0, 1)``, 20 features)
trained by plain SGD on batches of 4 at a high rate, so the raw weights jitter around the
optimum; the held-out mse against the noise-free targets is printed for the raw weights and
for the restored averages.

Run:
    python -m experiments.ema_training [--save_path=DIR]
"""
import dataclasses
import os
import tempfile

from reference.tf1 import tf

import numpy as np

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths


@dataclasses.dataclass(frozen=True)
class Config:
    features: int = 20
    train_points: int = 5000
    test_points: int = 2000
    noise: float = 1.0
    batch_size: int = 4
    learning_rate: float = 0.05
    decay: float = 0.99
    steps: int = 3000
    log_every: int = 1000


CONFIGS = {"default": Config(), "test": Config(steps=1500)}


def make_data(config, rng):
    """``(train_x, train_y, test_x, clean_test_y)``."""
    w, b = rng.normal(0, 1, (config.features, 1)), rng.normal()
    train_x = rng.normal(0, 1, (config.train_points, config.features))
    test_x = rng.normal(0, 1, (config.test_points, config.features))
    train_y = train_x @ w + b + rng.normal(0, config.noise, (config.train_points, 1))
    return tuple(a.astype(np.float32) for a in (train_x, train_y, test_x, test_x @ w + b))


def build_model(config):
    x = tf.placeholder(tf.float32, [None, config.features], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    w = tf.Variable(tf.zeros([config.features, 1]), name="w")
    b = tf.Variable(0.0, name="b")
    mse = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
    return {"x": x, "y": y, "w": w, "b": b, "mse": mse}


def build_training(config):
    model = build_model(config)
    global_step = tf.train.get_or_create_global_step()
    opt_op = tf.train.GradientDescentOptimizer(config.learning_rate).minimize(
        model["mse"], global_step)
    ema = tf.train.ExponentialMovingAverage(config.decay, num_updates=global_step)
    with tf.control_dependencies([opt_op]):
        training_op = tf.group(ema.apply([model["w"], model["b"]]))
    model.update(global_step=global_step, training_op=training_op, ema=ema,
                 summary=tf.summary.scalar("mse", model["mse"]))
    return model


def evaluate_averages(config, checkpoint, test_x, test_y):
    """Held-out mse with the shadow values restored into a fresh graph's ``w`` and ``b``."""
    with tf.Graph().as_default():
        model = build_model(config)
        ema = tf.train.ExponentialMovingAverage(config.decay)
        saver = tf.train.Saver(ema.variables_to_restore())
        with tf.Session() as session:
            saver.restore(session, checkpoint)
            return float(session.run(model["mse"], {model["x"]: test_x, model["y"]: test_y}))


def train(config, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains; returns the held-out mse of the raw weights and of their moving averages."""
    train_x, train_y, test_x, test_y = make_data(config, np.random.default_rng(seed))
    rng = np.random.default_rng([seed, 1])
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_training(config)

    def step(session, _):
        batch = rng.integers(0, len(train_y), config.batch_size)
        _, loss, summary = session.run(
            [model["training_op"], model["mse"], model["summary"]],
            {model["x"]: train_x[batch], model["y"]: train_y[batch]})
        return loss, summary

    with tempfile.TemporaryDirectory() as scratch:
        directory = save_path or scratch
        with loop.session(graph, model["global_step"], directory, log, session_defaults) as run:
            loop.train_steps(run, config.steps, step, log, config.log_every)
            raw = float(run.session.run(model["mse"], {model["x"]: test_x, model["y"]: test_y}))
            checkpoint = run.save() or tf.train.latest_checkpoint(directory)
        averaged = evaluate_averages(config, checkpoint, test_x, test_y)
    log(f"held-out mse: raw weights {raw:.5f}, moving averages {averaged:.5f} "
        f"(restored from {os.path.basename(checkpoint)})")
    return {"raw_mse": raw, "ema_mse": averaged}


def define_flags():
    return common.preset_flags(CONFIGS, "Random seed (data, batches).")


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    common.check_generated_only("regression data")
    config_flag, seed = flag_holders
    train(CONFIGS[config_flag.value], paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
