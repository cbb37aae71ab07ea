"""The notes' CNN on MNIST: note 003 "四、CNN卷积神经网络" (TensorFlow's Deep MNIST for experts).

Reproduces: ``weight_variable`` (``truncated_normal(stddev=0.1)``), ``bias_variable``
(``constant(0.1)``), ``conv2d`` (stride 1, SAME) and ``max_pool`` (2x2, stride 2, SAME);
conv 5x5x32 + pool, conv 5x5x64 + pool, a 7*7*64 -> 1024 fully connected layer with
``tf.nn.dropout(h_fc1, keep_prob)`` fed through a ``keep_prob`` placeholder (0.5 to train,
1.0 to evaluate), softmax over 10; the loop's idioms ``accuracy.eval(feed_dict=...)`` and
``train_step.run(feed_dict=...)`` on the default session (the note's ``InteractiveSession``),
the training accuracy printed every 100 steps. The note drops the optimizer's line; the
tutorial's is ``AdamOptimizer(1e-4)``, and its 20,000 steps of 50 become ``--config``'s steps.

Data as ``mnist_softmax``: ``--data_path`` with MNIST idx files, else generated digits.

With ``--save_path`` the summaries, every ``print_every`` steps, are the loss, four input
digits, the 32 first-layer kernels as 5x5 images and a histogram of every weight and of its
gradient; after training, an image of the first ten misclassified test digits.

Run:
    python -m experiments.mnist_cnn [--data_path=MNIST_DIR] [--save_path=DIR]

Errata against the note, on TF 2.21: ``-tf.reduce_sum(y_actual * tf.log(y_predict))`` turns
NaN once a probability underflows (the summed loss here is the same quantity from the logits);
the note's comment says the second pooling "outputs a 2*2 matrix" -- it outputs 7x7x64.
"""
import dataclasses

from reference.tf1 import tf

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths


@dataclasses.dataclass(frozen=True)
class Config:
    learning_rate: float = 1e-4
    batch_size: int = 50
    steps: int = 2000
    keep_prob: float = 0.5
    conv1: int = 32
    conv2: int = 64
    fc1: int = 1024
    print_every: int = 100


CONFIGS = {
    "default": Config(),
    "real": Config(learning_rate=1e-3, steps=1000),  # the 8,000 / 2,000 split: >= 98%
    "test": Config(learning_rate=1e-3, steps=300, conv1=8, conv2=16, fc1=128),
}


def weight_variable(shape, name):
    return tf.Variable(tf.truncated_normal(shape, stddev=0.1), name=name)


def bias_variable(shape, name):
    return tf.Variable(tf.constant(0.1, shape=shape), name=name)


def conv2d(x, w):
    return tf.nn.conv2d(x, w, strides=[1, 1, 1, 1], padding="SAME")


def max_pool(x):
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


def build_graph(config):
    x = tf.placeholder(tf.float32, [None, 784], name="x")
    y_actual = tf.placeholder(tf.float32, shape=[None, 10], name="y_actual")
    keep_prob = tf.placeholder("float", name="keep_prob")
    x_image = tf.reshape(x, [-1, 28, 28, 1])
    h_pool1 = max_pool(tf.nn.relu(
        conv2d(x_image, weight_variable([5, 5, 1, config.conv1], "W_conv1"))
        + bias_variable([config.conv1], "b_conv1")))
    h_pool2 = max_pool(tf.nn.relu(
        conv2d(h_pool1, weight_variable([5, 5, config.conv1, config.conv2], "W_conv2"))
        + bias_variable([config.conv2], "b_conv2")))
    h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * config.conv2])
    h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, weight_variable([7 * 7 * config.conv2, config.fc1],
                                                               "W_fc1"))
                       + bias_variable([config.fc1], "b_fc1"))
    h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)
    logits = (tf.matmul(h_fc1_drop, weight_variable([config.fc1, 10], "W_fc2"))
              + bias_variable([10], "b_fc2"))
    y_predict = tf.nn.softmax(logits)
    cross_entropy = tf.reduce_sum(
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_actual, logits=logits))
    notes_cross_entropy = -tf.reduce_sum(y_actual * tf.log(y_predict))  # the note's, untrained
    global_step = tf.train.get_or_create_global_step()
    optimizer = tf.train.AdamOptimizer(config.learning_rate)
    grads_and_vars = optimizer.compute_gradients(cross_entropy)
    train_step = optimizer.apply_gradients(grads_and_vars, global_step)
    correct_prediction = tf.equal(tf.argmax(y_predict, 1), tf.argmax(y_actual, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, "float"))
    misclassified = tf.boolean_mask(x_image, tf.logical_not(correct_prediction))
    return {"x": x, "y_actual": y_actual, "keep_prob": keep_prob, "h_pool2": h_pool2,
            "h_pool2_flat": h_pool2_flat, "h_fc1": h_fc1, "y_predict": y_predict,
            "cross_entropy": cross_entropy, "notes_cross_entropy": notes_cross_entropy,
            "train_step": train_step, "accuracy": accuracy,
            "global_step": global_step, "summary": _summaries(cross_entropy, x_image,
                                                              grads_and_vars),
            "misclassified_summary": tf.summary.image("misclassified", misclassified, 10)}


def _summaries(cross_entropy, x_image, grads_and_vars):
    """The loss, a few inputs, the first layer's kernels as 5x5 images, and a histogram of
    every weight and its gradient."""
    kernels = tf.get_default_graph().get_tensor_by_name("W_conv1:0")
    parts = [tf.summary.scalar("cross_entropy", cross_entropy),
             tf.summary.image("inputs", x_image, max_outputs=4),
             tf.summary.image("conv1_kernels", tf.transpose(kernels, [3, 0, 1, 2]), 32)]
    for grad, var in grads_and_vars:
        parts += [tf.summary.histogram(f"{var.op.name}/weights", var),
                  tf.summary.histogram(f"{var.op.name}/gradients", grad)]
    return tf.summary.merge(parts)


def train(config, mnist, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains on ``mnist`` (one-hot ``read_data_sets``); returns ``test_accuracy``."""
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config)
    x, y_actual, keep_prob = model["x"], model["y_actual"], model["keep_prob"]

    def step(session, i):
        batch = mnist.train.next_batch(config.batch_size)
        measured = (None, None)
        with session.as_default():
            if i % config.print_every == 0:  # the note's idioms: Tensor.eval, Operation.run
                train_acc = model["accuracy"].eval(
                    feed_dict={x: batch[0], y_actual: batch[1], keep_prob: 1.0})
                log(f"step {i} training accuracy {train_acc:.4f}")
                measured = session.run([model["cross_entropy"], model["summary"]],
                                       {x: batch[0], y_actual: batch[1], keep_prob: 1.0})
            model["train_step"].run(feed_dict={x: batch[0], y_actual: batch[1],
                                               keep_prob: config.keep_prob})
        return measured

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        loop.train_steps(run, config.steps, step, log=lambda line: None)
        test_feed = {x: mnist.test.images, y_actual: mnist.test.labels}
        test_acc = loop.mean_over_batches(run.session, model["accuracy"], test_feed,
                                          extra_feed={keep_prob: 1.0})
        if run.writer:  # the first 10 test digits it gets wrong
            run.writer.add_summary(run.session.run(model["misclassified_summary"], {
                x: mnist.test.images[:1000], y_actual: mnist.test.labels[:1000], keep_prob: 1.0}),
                config.steps)
    log(f"test accuracy {test_acc:.4f} on {mnist.test.num_examples} images")
    return {"test_accuracy": float(test_acc)}


def define_flags():
    return common.preset_flags(CONFIGS, "Random seed (weights, dropout, batch order).")


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    config_flag, seed = flag_holders
    mnist = common.read_mnist(one_hot=True, seed=seed.value)
    train(CONFIGS[config_flag.value], mnist, save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
