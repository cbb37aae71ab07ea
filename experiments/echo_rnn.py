"""The echo task: a hand-built tanh RNN outputs its input bit delayed by 3 steps.

Reproduces: note 003 "RNN案例（二）" (Erik Hallström's tutorial): ``generateData`` draws
``total_series_length`` random bits ``x``, ``y = np.roll(x, echo_step)`` with the first
``echo_step`` set to 0, both reshaped to ``batch_size`` rows; the graph unrolls
``truncated_backprop_length`` steps by hand (``next_state = tanh(concat([input, state]) @ W
+ b)``, ``W = np.random.rand(state_size + 1, state_size)``), a softmax layer ``W2, b2`` on
every state, the mean cross entropy, Adagrad at 0.3; the state is a placeholder
(``init_state``), fed with the previous batch's final state so it carries across batches and
only the gradient is truncated, and reset to zeros for each new series (epoch).

Run:
    python -m experiments.echo_rnn [--save_path=DIR]

Prints the accuracy on a fresh series after training; with ``--save_path`` it also writes
checkpoints and summaries, among them an image of one row's input (blue), echo target (green)
and prediction (red). Accuracy leaves out the first ``echo_step`` bits of each row: they echo
the end of the previous row, which this row's state never saw.

Errata against the notes, on TF 2.21: ``tf.concat(1, [current_input, current_state])`` takes
the values first now; the positional ``sparse_softmax_cross_entropy_with_logits(logits,
labels)`` raises (keywords only); ``tf.initialize_all_variables`` is
``tf.global_variables_initializer``; and the notes' listing fetches ``current_state`` (the
last Python name bound in the loop) -- it is the final state, as meant.
"""
import dataclasses

from reference.tf1 import tf

import numpy as np
from absl import flags

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths
from experiments.shared import plots


@dataclasses.dataclass(frozen=True)
class Config:
    """The notes' names."""
    num_epochs: int = 5
    total_series_length: int = 50000
    truncated_backprop_length: int = 15
    state_size: int = 4
    num_classes: int = 2
    echo_step: int = 3
    batch_size: int = 5
    learning_rate: float = 0.3
    log_every: int = 500

    @property
    def num_batches(self):
        return self.total_series_length // self.batch_size // self.truncated_backprop_length


TEST_SERIES = 10 ** 6  # the evaluation series' stream; training epochs use 0, 1, 2, ...
CONFIGS = {"default": Config(), "test": Config(num_epochs=3)}


def generate_data(config, rng):
    """The notes' ``generateData``: ``(x, y)`` int arrays ``[batch_size, length / batch_size]``."""
    x = rng.choice(2, config.total_series_length, p=[0.5, 0.5])
    y = np.roll(x, config.echo_step)
    y[0:config.echo_step] = 0
    return x.reshape((config.batch_size, -1)), y.reshape((config.batch_size, -1))


def build_graph(config, seed=0):
    """The notes' graph; ``W`` and ``W2`` start from ``np.random.rand`` as there (seeded)."""
    rng = np.random.default_rng(seed)
    size, steps = config.state_size, config.truncated_backprop_length
    batch_x = tf.placeholder(tf.float32, [config.batch_size, steps], name="batchX")
    batch_y = tf.placeholder(tf.int32, [config.batch_size, steps], name="batchY")
    init_state = tf.placeholder(tf.float32, [config.batch_size, size], name="init_state")
    w = tf.Variable(rng.random((size + 1, size)), dtype=tf.float32, name="W")
    b = tf.Variable(np.zeros((1, size)), dtype=tf.float32, name="b")
    w2 = tf.Variable(rng.random((size, config.num_classes)), dtype=tf.float32, name="W2")
    b2 = tf.Variable(np.zeros((1, config.num_classes)), dtype=tf.float32, name="b2")
    current_state = init_state
    states_series = []
    for current_input in tf.unstack(batch_x, axis=1):
        concatenated = tf.concat([tf.reshape(current_input, [config.batch_size, 1]),
                                  current_state], 1)
        current_state = tf.tanh(tf.matmul(concatenated, w) + b)
        states_series.append(current_state)
    logits = tf.stack([tf.matmul(state, w2) + b2 for state in states_series], 1)
    total_loss = tf.reduce_mean(
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=batch_y, logits=logits))
    global_step = tf.train.get_or_create_global_step()
    train_step = tf.train.AdagradOptimizer(config.learning_rate).minimize(total_loss, global_step)
    image, image_summary = plots.image_summary("echo_input_target_prediction")
    return {"batchX": batch_x, "batchY": batch_y, "init_state": init_state,
            "final_state": current_state, "predictions": tf.argmax(logits, 2),
            "total_loss": total_loss, "train_step": train_step, "global_step": global_step,
            "summary": tf.summary.scalar("total_loss", total_loss), "image": image,
            "image_summary": image_summary}


def run_series(session, model, config, x, y, train_op=None):
    """Feeds one series batch after batch, carrying the state; returns (losses, predictions
    [batch_size, num_batches * truncated_backprop_length])."""
    state = np.zeros((config.batch_size, config.state_size), np.float32)
    losses, predictions = [], []
    fetches = [model["total_loss"], model["final_state"], model["predictions"]]
    for batch_idx in range(config.num_batches):
        window = slice(batch_idx * config.truncated_backprop_length,
                       (batch_idx + 1) * config.truncated_backprop_length)
        feed = {model["batchX"]: x[:, window], model["batchY"]: y[:, window],
                model["init_state"]: state}
        loss, state, predicted = session.run(fetches + ([train_op] if train_op else []),
                                             feed)[:3]
        losses.append(loss)
        predictions.append(predicted)
    return losses, np.concatenate(predictions, 1)


def accuracy(config, y, predictions):
    """Share of echoed bits predicted right, leaving out each row's first ``echo_step``."""
    columns = predictions.shape[1]
    return float((predictions == y[:, :columns])[:, config.echo_step:].mean())


def train(config, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains ``num_epochs`` fresh series; returns ``accuracy`` on a new one, ``losses``,
    ``global_step``."""
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config, seed)
    total_steps = config.num_epochs * config.num_batches
    series = {}

    def step(session, i):
        epoch, batch_idx = divmod(i, config.num_batches)
        if batch_idx == 0 or "x" not in series:
            series.update(zip("xy", generate_data(config, np.random.default_rng([seed, epoch]))))
            series["state"] = np.zeros((config.batch_size, config.state_size), np.float32)
            log(f"New data, epoch {epoch}")
        window = slice(batch_idx * config.truncated_backprop_length,
                       (batch_idx + 1) * config.truncated_backprop_length)
        loss, series["state"], _, summary = session.run(
            [model["total_loss"], model["final_state"], model["train_step"], model["summary"]],
            {model["batchX"]: series["x"][:, window], model["batchY"]: series["y"][:, window],
             model["init_state"]: series["state"]})
        return loss, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        losses = loop.train_steps(run, total_steps, step, log, config.log_every)
        x, y = generate_data(config, np.random.default_rng([seed, TEST_SERIES]))
        _, predictions = run_series(run.session, model, config, x, y)
        result = accuracy(config, y, predictions)
        log(f"accuracy on a new series: {result:.4f}")
        if run.writer:
            shown = slice(0, 60)
            run.writer.add_summary(run.session.run(model["image_summary"], {
                model["image"]: plots.curves_png(
                    [y[0, shown], predictions[0, shown] + 0.02, x[0, shown] - 0.02],
                    ["echo target", "prediction", "input"])}), total_steps)
        return {"accuracy": result, "losses": losses,
                "global_step": int(run.session.run(model["global_step"]))}


def define_flags():
    config, seed = common.preset_flags(CONFIGS, "Random seed (weights, data).")
    epochs = flags.DEFINE_integer("num_epochs", None, "Override the number of series (epochs).",
                                  lower_bound=1)
    return config, seed, epochs


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    common.check_generated_only("bits")
    config_flag, seed, epochs = flag_holders
    config = CONFIGS[config_flag.value]
    if epochs.value:
        config = dataclasses.replace(config, num_epochs=epochs.value)
    train(config, save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
