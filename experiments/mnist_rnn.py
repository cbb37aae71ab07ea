"""MNIST read row by row by an LSTM: the notes' "RNN案例（一）" on ``tf.compat.v1``.

Reproduces: note 003 "RNN案例（一）" and note 004 "LSTM tensorflow 示例：手写数字识别": each 28x28
image is a sequence of 28 rows of 28 pixels; a dense layer maps each row to 128 units, a
``BasicLSTMCell(128, forget_bias=1.0)`` runs over the rows with ``dynamic_rnn``, and the last
output goes through a dense layer to 10 logits; Adam at 0.001, batches of 128, weights drawn
from ``tf.random_normal`` (stddev 1) and biases 0.1, as in the notes. ``build_notes_graph``
builds note 004's ``RNN()`` as written (one-hot ``y``, ``init_state = cell.zero_state(
batch_size)``, ``tf.unstack(tf.transpose(outputs, [1, 0, 2]))[-1]``) for the tests, and
``notes_loop`` counts its ``while step * batch_size < training_iters`` loop (782 steps, 40
prints).

Run:
    python -m experiments.mnist_rnn                    # generated digits (no download)
    python -m experiments.mnist_rnn --data_path=DIR    # real MNIST idx files in DIR

With ``--data_path`` it trains on ``train-*`` and tests on ``t10k-*``; when DIR holds only the
test set (as ``../shared/data/mnist`` does) it trains on its first 8,000 images and tests on
the last 2,000 (the harder ones, as MNIST orders them). Without it: 20,000 generated digits
to train on and 2,000 to test (``pipelines/synthetic_digits.py``).

Errata against the notes, on TF 2.21: ``tf.random_normal(n_hidden_units, n_classes)`` takes
128 as the shape and 10 as the mean, and fails when the graph is built ("ValueError: Shape must
be rank 1 but is rank 0", pinned by ``tensors.random_normal_number_as_shape``): the shape is
the list ``[n_hidden_units, n_classes]``; the
positional ``softmax_cross_entropy_with_logits(pred, y)`` passes the labels as logits (see
``python -m reference --errata``); ``zero_state(batch_size)`` as the initial state fixes the
batch size, so the notes can only evaluate batches of 128 -- here the state starts from zeros
of whatever batch comes.
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
from pipelines import mnist_idx
from pipelines import mnist_input_data


@dataclasses.dataclass(frozen=True)
class Config:
    """Hyperparameters (the notes' names)."""
    lr: float = 0.001
    batch_size: int = 128
    n_inputs: int = 28
    n_steps: int = 28
    n_hidden_units: int = 128
    training_steps: int = 1500
    log_every: int = 100

    def __post_init__(self):
        if self.n_inputs * self.n_steps != 784:
            raise ValueError(f"n_inputs * n_steps must be 784 (28x28 images), got "
                             f"{self.n_inputs} * {self.n_steps}")


CONFIGS = {
    "default": Config(),  # the notes' hyperparameters
    "small": Config(n_hidden_units=64, lr=0.003, training_steps=800),
    "test": Config(n_hidden_units=32, lr=0.003, batch_size=64, training_steps=300),
}


def _notes_input_layer(config, y):
    """The notes' placeholders x and ``y`` ((dtype, shape)), weights, biases and input layer:
    x [None, 28, 28] -> rows (batch * 28, 28) -> rows @ w_in + b_in (batch * 28, 128) -> x_in
    (batch, 28, 128); and the cell."""
    x = tf.placeholder(tf.float32, [None, config.n_steps, config.n_inputs], name="x")
    y = tf.placeholder(*y, name="y")
    weights = {"in": tf.Variable(tf.random_normal([config.n_inputs, config.n_hidden_units]),
                                 name="w_in"),
               "out": tf.Variable(tf.random_normal([config.n_hidden_units, 10]), name="w_out")}
    biases = {"in": tf.Variable(tf.constant(0.1, shape=[config.n_hidden_units]), name="b_in"),
              "out": tf.Variable(tf.constant(0.1, shape=[10]), name="b_out")}
    rows = tf.reshape(x, [-1, config.n_inputs])
    hidden_rows = tf.matmul(rows, weights["in"]) + biases["in"]
    x_in = tf.reshape(hidden_rows, [-1, config.n_steps, config.n_hidden_units])
    cell = tf.nn.rnn_cell.BasicLSTMCell(config.n_hidden_units, forget_bias=1.0)
    return {"x": x, "y": y, "weights": weights, "biases": biases, "rows": rows,
            "hidden_rows": hidden_rows, "x_in": x_in, "cell": cell}


def build_notes_graph(config):
    """Note 004's RNN() as written (tf.contrib.rnn.BasicLSTMCell is tf.nn.rnn_cell's now):
    a one-hot y [None, 10], init_state = cell.zero_state(batch_size) -- which fixes the batch
    at ``config.batch_size`` --, the outputs unstacked over time and the last one projected,
    softmax_cross_entropy_with_logits(logits=pred, labels=y). Not trained here; returns its
    tensors for the tests."""
    model = _notes_input_layer(config, (tf.float32, [None, 10]))
    y = model["y"]
    init_state = model["cell"].zero_state(config.batch_size, dtype=tf.float32)
    outputs, final_state = tf.nn.dynamic_rnn(model["cell"], model["x_in"],
                                             initial_state=init_state)
    steps = tf.unstack(tf.transpose(outputs, [1, 0, 2]))
    pred = tf.matmul(steps[-1], model["weights"]["out"]) + model["biases"]["out"]
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=pred, labels=y))
    return {**model, "init_state": init_state, "outputs": outputs,
            "final_state": final_state, "steps": steps, "pred": pred, "cost": cost}


def notes_loop(training_iters=100000, batch_size=128, print_every=20):
    """The notes' ``while step * batch_size < training_iters`` loop, printing when ``step %
    print_every == 0``: ``(steps run, [steps printed])``."""
    step, printed = 0, []
    while step * batch_size < training_iters:
        if step % print_every == 0:
            printed.append(step)
        step += 1
    return step, printed


def build_graph(config):
    """The notes' model. Returns a dict of the tensors and ops the loop runs."""
    model = _notes_input_layer(config, (tf.int64, [None]))
    x, y, weights, biases = model["x"], model["y"], model["weights"], model["biases"]
    outputs, _ = tf.nn.dynamic_rnn(model["cell"], model["x_in"], dtype=tf.float32)
    logits = tf.matmul(outputs[:, -1], weights["out"]) + biases["out"]
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(config.lr).minimize(loss, global_step=global_step)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
    summary = tf.summary.merge([tf.summary.scalar("loss", loss),
                                tf.summary.scalar("batch_accuracy", accuracy)])
    return {"x": x, "y": y, "loss": loss, "train_op": train_op, "accuracy": accuracy,
            "summary": summary, "global_step": global_step}


def evaluate(session, model, images, labels, config):
    """Accuracy over all of ``images`` (uint8 [n, 28, 28]), in batches."""
    return loop.mean_over_batches(session, model["accuracy"], {
        model["x"]: _rows(images, config), model["y"]: labels})


def _rows(images, config):
    return images.reshape(-1, config.n_steps, config.n_inputs).astype(np.float32) / 255


def train(config, data, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains on ``data = (train_images, train_labels, test_images, test_labels)``.

    Returns:
      dict: ``test_accuracy``, ``losses`` (per step run here), ``global_step``.
    """
    train_x, train_y, test_x, test_y = data
    rng = np.random.default_rng(seed)
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config)

    def step(session, i):
        batch = rng.integers(0, len(train_y), config.batch_size)
        fetches = [model["train_op"], model["loss"]]
        if i % config.log_every == 0:
            fetches.append(model["summary"])
        _, loss, *summary = session.run(
            fetches, {model["x"]: _rows(train_x[batch], config), model["y"]: train_y[batch]})
        return loss, (summary or [None])[0]

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        losses = loop.train_steps(run, config.training_steps, step, log, config.log_every)
        accuracy = evaluate(run.session, model, test_x, test_y, config)
        log(f"test accuracy: {accuracy:.4f} on {len(test_y)} images")
        return {"test_accuracy": accuracy, "losses": losses,
                "global_step": int(run.session.run(model["global_step"]))}


def load_data(data_path, generated_train=20000, generated_test=2000):
    """``(train_x, train_y, test_x, test_y)``: ``mnist_input_data.load_arrays``."""
    return mnist_input_data.load_arrays(data_path, generated_train, generated_test)


def define_flags():
    config, seed = common.preset_flags(CONFIGS, "Random seed (weights and batch order).")
    steps = flags.DEFINE_integer("training_steps", None, "Override the number of training "
                                 "steps.", lower_bound=1)
    return config, seed, steps


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    config_flag, seed, steps = flag_holders
    config = CONFIGS[config_flag.value]
    if steps.value:
        config = dataclasses.replace(config, training_steps=steps.value)
    with paths.data_path_errors(FileNotFoundError, mnist_idx.IdxFormatError):
        data = load_data(paths.DATA_PATH.value)
    source = paths.DATA_PATH.value or "generated digits"
    print(f"Training on {len(data[1])} images of {source}, testing on {len(data[3])}.")
    if paths.SAVE_PATH.value:
        os.makedirs(paths.SAVE_PATH.value, exist_ok=True)
    train(config, data, save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
