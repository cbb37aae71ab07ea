"""Predicting sin(t) from its last 20 samples with a two-layer LSTM: note 002's sin program.

Reproduces: note 002 "sin代码里的运行流程" and "对数据格式的解析": ``sample_gap=0.01``,
``timesteps=20``, ``generate_data`` (windows of 20 samples, the 21st as the target),
training data from ``np.sin(np.linspace(0, test_start, training_examples))`` and test data
from the part after it; ``MultiRNNCell([BasicLSTMCell(lstm_size) for _ in
range(lstm_layers)])``, ``dynamic_rnn``, ``outputs[:, -1, :]`` through a dense layer to one
value, mean squared error. The note builds ``DropoutWrapper(lstm, output_keep_prob=keep_prob)``
but stacks the plain cells; here every layer is wrapped and ``--keep_prob`` (default 1.0)
sets it (dropout raises the test RMSE here; BUILD_NOTES.md has the figures). The note's
optimizer is in a picture; the program it follows (the ``book`` config) uses Adagrad at 0.1
for 10,000 steps; the default is Adam at 0.005 for 1,500. Shapes as the note states them:
inputs ``[batch, 20, 1]``, outputs ``[batch, 20, lstm_size]``, final state ``(2 layers,
(c, h), batch, lstm_size)``.

Run:
    python -m experiments.sin_lstm [--save_path=DIR]

Prints the test RMSE on the unseen later part of the curve; with ``--save_path`` it writes
checkpoints and summaries, among them an image of prediction (red) against target (green).
No data flag: the curve is the data.
"""
import dataclasses

from reference.tf1 import tf

import numpy as np
from absl import app
from absl import flags

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths
from experiments.shared import plots


@dataclasses.dataclass(frozen=True)
class Config:
    """The note's names."""
    training_examples: int = 10000
    testing_examples: int = 1000
    sample_gap: float = 0.01
    timesteps: int = 20
    lstm_size: int = 30
    lstm_layers: int = 2
    batch_size: int = 64
    keep_prob: float = 1.0
    optimizer: str = "adam"
    learning_rate: float = 0.005
    training_steps: int = 1500
    log_every: int = 500

    def __post_init__(self):
        if not 0.0 < self.keep_prob <= 1.0:
            raise ValueError(f"keep_prob must be in (0, 1], got {self.keep_prob!r}")


OPTIMIZERS = {"adagrad": tf.train.AdagradOptimizer, "adam": tf.train.AdamOptimizer}
CONFIGS = {
    "default": Config(),
    "book": Config(optimizer="adagrad", learning_rate=0.1, training_steps=10000),
    "test": Config(lstm_size=16, learning_rate=0.01, training_steps=800, log_every=400),
}


def generate_data(seq, timesteps):
    """The note's windows: ``x[i] = seq[i:i + timesteps]``, ``y[i] = seq[i + timesteps]``."""
    x = np.stack([seq[i:i + timesteps] for i in range(len(seq) - timesteps - 1)])
    y = seq[timesteps:len(seq) - 1]
    return x[..., None].astype(np.float32), y[:, None].astype(np.float32)


def generate_data_as_written(seq, timesteps=20):
    """The note's ``generate_data`` as written (``timesteps``, a global there, is an argument):
    ``x`` comes out ``[n, timesteps]`` and ``y`` ``[n]``, which ``input_x`` ``[None, timesteps,
    1]`` and ``input_y`` ``[None, 1]`` refuse; ``generate_data`` adds the axes."""
    x = []
    y = []
    for i in range(len(seq) - timesteps - 1):
        x.append(seq[i:i + timesteps])
        y.append(seq[i + timesteps])
    return np.array(x, dtype=np.float32), np.array(y, dtype=np.float32)


def make_data(config):
    """``(train_x, train_y, test_x, test_y)``: the curve up to ``test_start``, then the next
    part."""
    test_start = (config.training_examples + config.timesteps) * config.sample_gap
    test_end = test_start + (config.testing_examples + config.timesteps) * config.sample_gap
    train = generate_data(np.sin(np.linspace(0, test_start, config.training_examples)),
                          config.timesteps)
    test = generate_data(np.sin(np.linspace(test_start, test_end, config.testing_examples)),
                         config.timesteps)
    return (*train, *test)


def build_graph(config):
    x = tf.placeholder(tf.float32, [None, config.timesteps, 1], name="input_x")
    y = tf.placeholder(tf.float32, [None, 1], name="input_y")
    keep_prob = tf.placeholder_with_default(1.0, [], name="keep_prob")
    cell = tf.nn.rnn_cell.MultiRNNCell([
        tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(config.lstm_size),
                                      output_keep_prob=keep_prob)
        for _ in range(config.lstm_layers)])
    outputs, final_state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    last_output = outputs[:, -1, :]
    predictions = tf.layers.dense(last_output, 1, name="output")
    loss = tf.losses.mean_squared_error(labels=y, predictions=predictions)
    global_step = tf.train.get_or_create_global_step()
    train_op = OPTIMIZERS[config.optimizer](config.learning_rate).minimize(loss, global_step)
    image, image_summary = plots.image_summary("test_prediction_vs_target")
    return {"x": x, "y": y, "keep_prob": keep_prob, "outputs": outputs,
            "final_state": final_state, "last_output": last_output,
            "predictions": predictions, "loss": loss,
            "train_op": train_op, "global_step": global_step,
            "summary": tf.summary.scalar("loss", loss), "image": image,
            "image_summary": image_summary}


def train(config, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains on the generated curve; returns ``test_rmse``, ``losses``, ``global_step``."""
    train_x, train_y, test_x, test_y = make_data(config)
    rng = np.random.default_rng(seed)
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config)

    def step(session, _):
        batch = rng.integers(0, len(train_y), config.batch_size)
        _, loss, summary = session.run(
            [model["train_op"], model["loss"], model["summary"]],
            {model["x"]: train_x[batch], model["y"]: train_y[batch],
             model["keep_prob"]: config.keep_prob})
        return loss, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        losses = loop.train_steps(run, config.training_steps, step, log, config.log_every)
        predicted = run.session.run(model["predictions"], {model["x"]: test_x})
        rmse = float(np.sqrt(np.mean((predicted - test_y) ** 2)))
        log(f"test RMSE: {rmse:.5f} over {len(test_y)} unseen points")
        if run.writer:
            run.writer.add_summary(run.session.run(model["image_summary"], {
                model["image"]: plots.curves_png(
                    [test_y, predicted], ["sin", "prediction"])}), config.training_steps)
        return {"test_rmse": rmse, "losses": losses,
                "global_step": int(run.session.run(model["global_step"]))}


def define_flags():
    config, seed = common.preset_flags(CONFIGS, "Random seed (weights, dropout, batch order).")
    steps = flags.DEFINE_integer("training_steps", None, "Override the number of training "
                                 "steps.", lower_bound=1)
    keep_prob = flags.DEFINE_float("keep_prob", None, "Dropout keep probability of every "
                                   "layer's output while training (default: the config's, 1.0).",
                                   lower_bound=0.0, upper_bound=1.0)
    return config, seed, steps, keep_prob


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    common.check_generated_only("curve")
    config_flag, seed, steps, keep_prob = flag_holders
    config = CONFIGS[config_flag.value]
    if steps.value:
        config = dataclasses.replace(config, training_steps=steps.value)
    if keep_prob.value is not None:
        try:
            config = dataclasses.replace(config, keep_prob=keep_prob.value)
        except ValueError as err:
            raise app.UsageError(f"--keep_prob: {err}") from None
    train(config, save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
