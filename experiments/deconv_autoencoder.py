"""A convolutional autoencoder whose decoder is ``conv2d_transpose``: note 003's deconv section.

Reproduces: note 003 "deconv解卷积" and its two failures. The encoder is two strided SAME
convolutions (28x28 -> 14x14x16 -> 7x7x32, the note's ``slim.conv2d(..., stride=...)`` as
``tf.layers.conv2d``); the decoder two ``tf.nn.conv2d_transpose`` back to 28x28x1, each with an
``output_shape`` built from ``tf.shape(inputs)`` -- the batch size taken at run time, the
note's fix -- so the same graph encodes batches of any size. Adam minimizes the pixels' sigmoid
cross entropy (mean squared error through a sigmoid stalls: the outputs saturate at 0 and the
gradient vanishes); the reported figure is the reconstruction's mean squared error.

The note's failures, reproduced with ``decoder_stride=3`` in the config (an encoder of stride 2
cannot be undone by a transpose of stride 3, since the forward conv of the transpose's output
would be ``ceil(28 / 3) = 10`` wide, not 14):
* with static shapes, building the gradient raises a ``ValueError`` at graph construction, as
  in the note; TF 2.21 words it "Incompatible shapes between op input and calculated input
  gradient ... Original input shape: (64, 14, 14, 8). Calculated input gradient shape: (64, 10,
  10, 8)" where the note's TensorFlow said "Shapes (...) and (...) are not compatible";
* with ``[None, None, None, 1]`` inputs the graph builds and the run fails:
  ``InvalidArgumentError`` "Conv2DCustomBackpropInput: Size of out_backprop doesn't match
  computed" without oneDNN, an ``AbortedError`` from oneDNN with it (see BUILD_NOTES.md).

Data: MNIST images from ``--data_path`` (idx files), else generated digits.

Run:
    python -m experiments.deconv_autoencoder [--data_path=MNIST_DIR] [--save_path=DIR]
"""
import dataclasses

from reference.tf1 import tf

import numpy as np

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths


@dataclasses.dataclass(frozen=True)
class Config:
    filters: tuple = (16, 32)
    kernel_size: int = 5
    stride: int = 2
    decoder_stride: int = 2
    learning_rate: float = 0.002
    batch_size: int = 64
    steps: int = 1500
    log_every: int = 250


CONFIGS = {"default": Config(),
           "test": Config(filters=(8, 16), learning_rate=0.005, steps=400, log_every=100)}


def build_graph(config, static_shapes=False):
    """Encoder and decoder; ``static_shapes`` fixes the batch at ``batch_size`` (the note's
    first failure needs it)."""
    batch = config.batch_size if static_shapes else None
    side = 28 if static_shapes else None
    inputs = tf.placeholder(tf.float32, [batch, side, side, 1], name="inputs")
    encoded, layer_input = [], inputs
    for i, filters in enumerate(config.filters):
        layer_input = tf.layers.conv2d(layer_input, filters, config.kernel_size, config.stride,
                                       padding="same", activation=tf.nn.relu, name=f"conv{i + 1}")
        encoded.append(layer_input)
    shape = tf.shape(inputs)
    targets = [tf.shape(t) for t in [inputs] + encoded[:-1]]  # what each transpose must give
    channels = [1] + list(config.filters[:-1])
    decoded = encoded[-1]
    for i in reversed(range(len(config.filters))):
        weight = tf.get_variable(f"de_weight{i + 1}", [config.kernel_size, config.kernel_size,
                                                       channels[i], config.filters[i]])
        output_shape = tf.stack([shape[0], targets[i][1], targets[i][2], channels[i]])
        decoded = tf.nn.conv2d_transpose(decoded, weight, output_shape,
                                         [1, config.decoder_stride, config.decoder_stride, 1],
                                         padding="SAME", name=f"deconv{i + 1}")
        if i:
            decoded = tf.nn.relu(decoded)
    reconstruction = tf.sigmoid(decoded)
    loss = tf.reduce_mean(tf.square(reconstruction - inputs))
    cross_entropy = tf.reduce_mean(
        tf.nn.sigmoid_cross_entropy_with_logits(labels=inputs, logits=decoded))
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(config.learning_rate).minimize(cross_entropy, global_step)
    return {"inputs": inputs, "encoded": encoded, "reconstruction": reconstruction,
            "loss": loss, "train_op": train_op, "global_step": global_step,
            "summary": tf.summary.merge([tf.summary.scalar("loss", loss), tf.summary.image(
                "reconstruction", reconstruction, max_outputs=3)])}


def train(config, images, test_images, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains on ``images`` (float [n, 784] in [0, 1]); returns the held-out mse before and
    after training and the shapes seen for two batch sizes."""
    rng = np.random.default_rng([seed, 1])
    images = images.reshape(-1, 28, 28, 1)
    test_images = test_images.reshape(-1, 28, 28, 1)
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config)

    def held_out(session):
        return loop.mean_over_batches(session, model["loss"], {model["inputs"]: test_images}, 500)

    def step(session, i):
        batch = images[rng.integers(0, len(images), config.batch_size)]
        fetches = [model["train_op"], model["loss"]]
        if i % config.log_every == 0:
            fetches.append(model["summary"])
        _, loss, *summary = session.run(fetches, {model["inputs"]: batch})
        return loss, (summary or [None])[0]

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        before = held_out(run.session)
        loop.train_steps(run, config.steps, step, log, config.log_every)
        after = held_out(run.session)
        shapes = [list(run.session.run(model["reconstruction"], {
            model["inputs"]: test_images[:n]}).shape) for n in (7, 100)]
    log(f"held-out reconstruction mse: {before:.4f} before training, {after:.4f} after "
        f"({before / after:.1f}x lower)")
    return {"mse_before": before, "mse_after": after, "shapes": shapes}


def define_flags():
    return common.preset_flags(CONFIGS, "Random seed (weights, batches).")


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    config_flag, seed = flag_holders
    mnist = common.read_mnist(seed=seed.value)
    train(CONFIGS[config_flag.value], mnist.train.images, mnist.test.images,
          paths.SAVE_PATH.value, seed=seed.value, session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
