"""Softmax regression on MNIST: note 003 "二、常规神经网络（NN）" (TensorFlow's MNIST for
beginners).

Reproduces: ``x = tf.placeholder(tf.float32, [None, 784])``, ``W = tf.Variable(tf.zeros([784,
10]))``, ``b = tf.Variable(tf.zeros([10]))``, ``y_predict = tf.nn.softmax(tf.matmul(x, W) +
b)``, the cross entropy averaged over the batch, ``correct_prediction`` / ``accuracy``, 1,000
steps of ``mnist.train.next_batch(100)`` with ``accuracy`` on the test set printed every 100.
The note drops the optimizer's line; the tutorial's is ``GradientDescentOptimizer(0.5)``.

Data: ``--data_path`` holds MNIST idx files (``pipelines/mnist_input_data``: with only the
test set, 8,000 train and the last 2,000 test); without it, generated digits.

Run:
    python -m experiments.mnist_softmax [--data_path=MNIST_DIR] [--save_path=DIR]

Errata against the note, on TF 2.21: ``-tf.reduce_sum(y_actual * tf.log(y_predict))`` gives
NaN as soon as a predicted probability underflows to 0 (``0 * log 0``); the same quantity
comes from ``softmax_cross_entropy_with_logits_v2`` on the logits, which never does.
``tf.initialize_all_variables`` is ``tf.global_variables_initializer``.
"""
import dataclasses

from reference.tf1 import tf

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths


@dataclasses.dataclass(frozen=True)
class Config:
    learning_rate: float = 0.5
    batch_size: int = 100
    steps: int = 1000
    print_every: int = 100


CONFIGS = {"default": Config(), "test": Config(steps=500)}


def build_graph(config):
    x = tf.placeholder(tf.float32, [None, 784], name="x")
    y_actual = tf.placeholder(tf.float32, shape=[None, 10], name="y_actual")
    w = tf.Variable(tf.zeros([784, 10]), name="W")
    b = tf.Variable(tf.zeros([10]), name="b")
    logits = tf.matmul(x, w) + b
    y_predict = tf.nn.softmax(logits)
    cross_entropy = tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_actual, logits=logits))
    # the note's line, not trained on: NaN once a probability underflows (see the errata)
    notes_cross_entropy = tf.reduce_mean(
        -tf.reduce_sum(y_actual * tf.log(y_predict), reduction_indices=1))
    global_step = tf.train.get_or_create_global_step()
    train_step = tf.train.GradientDescentOptimizer(config.learning_rate).minimize(
        cross_entropy, global_step)
    correct_prediction = tf.equal(tf.argmax(y_predict, 1), tf.argmax(y_actual, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, "float"))
    return {"x": x, "y_actual": y_actual, "W": w, "b": b, "y_predict": y_predict,
            "cross_entropy": cross_entropy, "notes_cross_entropy": notes_cross_entropy,
            "train_step": train_step, "accuracy": accuracy, "global_step": global_step,
            "summary": tf.summary.scalar("cross_entropy", cross_entropy)}


def train(config, mnist, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains on ``mnist`` (``read_data_sets(..., one_hot=True)``); returns ``test_accuracy``."""
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config)
    test_feed = {model["x"]: mnist.test.images, model["y_actual"]: mnist.test.labels}

    def step(session, i):
        batch_xs, batch_ys = mnist.train.next_batch(config.batch_size)
        _, loss, summary = session.run(
            [model["train_step"], model["cross_entropy"], model["summary"]],
            {model["x"]: batch_xs, model["y_actual"]: batch_ys})
        if i % config.print_every == 0:
            log(f"accuracy: {loop.mean_over_batches(session, model['accuracy'], test_feed):.4f}")
        return loss, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        loop.train_steps(run, config.steps, step, log=lambda line: None)
        accuracy = loop.mean_over_batches(run.session, model["accuracy"], test_feed)
    log(f"test accuracy: {accuracy:.4f} on {mnist.test.num_examples} images")
    return {"test_accuracy": float(accuracy)}


def define_flags():
    return common.preset_flags(CONFIGS, "Random seed (batch order).")


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    config_flag, seed = flag_holders
    mnist = common.read_mnist(one_hot=True, seed=seed.value)
    train(CONFIGS[config_flag.value], mnist, save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
