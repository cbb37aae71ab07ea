"""Note 000's CustomMultiRNNCell trained, against a plain MultiRNNCell of the same layers.

Reproduces: note 000 "## CustomMultiLstmCell" put to work: ``reference/custom_rnn.py`` makes
it a real cell (the layers above the first also receive a gated sum of the layer below's
earlier outputs through a shared ``U``), and this script trains it and a plain
``MultiRNNCell`` of the same ``BasicLSTMCell``s on the same task, same seeds, and reports both.

The task (generated): predict the next value of ``sin(t) + 0.5 sin(2.3 t)`` from the last
``timesteps`` values, with a little Gaussian noise on the inputs; the test part of the curve
comes after the training part.

Run:
    python -m experiments.custom_cell [--save_path=DIR]

Prints both models' test RMSE and their parameter counts (the custom cell adds ``U``).
The custom cell does worse than the plain one (BUILD_NOTES.md has the figures): the history
term is a sum of sigmoids, each in (0, 1), so it grows with every step (up to ``timesteps``)
and pushes the upper layers' inputs into saturation; the note's design has no decay or
normalization.
"""
import dataclasses
import os

from reference.tf1 import tf

import numpy as np

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths
from reference import custom_rnn


@dataclasses.dataclass(frozen=True)
class Config:
    timesteps: int = 20
    num_units: int = 16
    num_layers: int = 3
    batch_size: int = 64
    learning_rate: float = 0.01
    training_steps: int = 800
    noise: float = 0.02
    points: int = 6000
    sample_gap: float = 0.05
    log_every: int = 200


CONFIGS = {"default": Config(), "test": Config(num_units=8, training_steps=300)}


def make_data(config, rng):
    """``(train_x, train_y, test_x, test_y)``: windows of the curve, the last 20% for testing."""
    t = np.arange(config.points) * config.sample_gap
    curve = np.sin(t) + 0.5 * np.sin(2.3 * t)
    noisy = curve + rng.normal(0, config.noise, curve.shape)
    count = config.points - config.timesteps
    x = np.stack([noisy[i:i + config.timesteps] for i in range(count)])[..., None]
    y = curve[config.timesteps:][:, None]
    split = int(count * 0.8)
    return (x[:split].astype(np.float32), y[:split].astype(np.float32),
            x[split:].astype(np.float32), y[split:].astype(np.float32))


def build_graph(config, custom):
    x = tf.placeholder(tf.float32, [None, config.timesteps, 1], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    cells = [tf.nn.rnn_cell.BasicLSTMCell(config.num_units) for _ in range(config.num_layers)]
    cell = custom_rnn.CustomMultiRNNCell(cells) if custom else tf.nn.rnn_cell.MultiRNNCell(cells)
    outputs, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    prediction = tf.layers.dense(outputs[:, -1], 1, name="output")
    loss = tf.losses.mean_squared_error(y, prediction)
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(config.learning_rate).minimize(loss, global_step)
    return {"x": x, "y": y, "prediction": prediction, "loss": loss, "train_op": train_op,
            "global_step": global_step, "summary": tf.summary.scalar("loss", loss),
            "parameters": sum(int(np.prod(v.shape.as_list())) for v in tf.trainable_variables())}


def train_one(config, custom, data, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains one model; returns its ``test_rmse``, ``first_loss``, ``last_loss``,
    ``parameters``."""
    train_x, train_y, test_x, test_y = data
    rng = np.random.default_rng([seed, 1])
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config, custom)

    def step(session, _):
        batch = rng.integers(0, len(train_y), config.batch_size)
        _, loss, summary = session.run([model["train_op"], model["loss"], model["summary"]],
                                       {model["x"]: train_x[batch], model["y"]: train_y[batch]})
        return loss, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        losses = loop.train_steps(run, config.training_steps, step, log, config.log_every)
        predicted = run.session.run(model["prediction"], {model["x"]: test_x})
        return {"test_rmse": float(np.sqrt(np.mean((predicted - test_y) ** 2))),
                "first_loss": losses[0] if losses else None,
                "last_loss": losses[-1] if losses else None, "parameters": model["parameters"]}


def train(config, save_path=None, log=print, seed=0, session_defaults=None):
    """Both cells on the same data; returns ``{"custom": ..., "plain": ...}``."""
    data = make_data(config, np.random.default_rng([seed, 0]))
    results = {}
    for name, custom in (("custom", True), ("plain", False)):
        path = os.path.join(save_path, name) if save_path else None
        results[name] = train_one(config, custom, data, path, log, seed, session_defaults)
        log(f"{name}: test RMSE {results[name]['test_rmse']:.4f} "
            f"({results[name]['parameters']} parameters)")
    return results


def define_flags():
    return common.preset_flags(CONFIGS, "Random seed (weights, noise, batches).")


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    common.check_generated_only("curve")
    config_flag, seed = flag_holders
    train(CONFIGS[config_flag.value], save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
