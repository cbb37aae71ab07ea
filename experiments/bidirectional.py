"""Sequence labelling that needs the future: a bidirectional LSTM against a one-way one.

Reproduces: note 003 "单层双向rnn" (``bidirectional_dynamic_rnn(cell_fw, cell_bw, seq,
seq_length, ...)``, ``out = tf.concat(outputs, 2)``) and note 000's remark that it takes
``[batch, n_step, n_input]`` with ``sequence_length``, on a task where looking ahead matters.

The task (generated, variable lengths): a sequence of 5-15 digits; the label of each position
is 1 when the *next* digit is larger, else 0 (the last position's label is 0). A model that
reads left to right sees only the current digit when it must answer, so its best is guessing
from it (75% expected: "1" for small digits); the backward direction has read the next digit.
Both models embed the digits, run LSTMs with ``sequence_length`` and score every position with
a dense layer; padding is masked out of the loss and the accuracy.

Run:
    python -m experiments.bidirectional [--save_path=DIR]

Prints both models' per-token accuracy on held-out sequences. ``--save_path`` keeps the
bidirectional model's checkpoints and summaries in ``DIR/bidirectional`` and the other's in
``DIR/unidirectional``.
"""
import dataclasses
import os

from reference.tf1 import tf

import numpy as np

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths


@dataclasses.dataclass(frozen=True)
class Config:
    min_length: int = 5
    max_length: int = 15
    vocab: int = 10
    embedding_size: int = 8
    num_units: int = 16
    batch_size: int = 32
    learning_rate: float = 0.01
    training_steps: int = 600
    test_sequences: int = 1000
    log_every: int = 200


CONFIGS = {"default": Config(), "test": Config(training_steps=300)}


def make_sequences(config, count, rng):
    """``(tokens, labels, lengths)``: int arrays ``[count, max_length]`` padded with zeros."""
    lengths = rng.integers(config.min_length, config.max_length + 1, count)
    tokens = rng.integers(0, config.vocab, (count, config.max_length))
    positions = np.arange(config.max_length)
    tokens[positions >= lengths[:, None]] = 0
    labels = np.zeros_like(tokens)
    labels[:, :-1] = tokens[:, 1:] > tokens[:, :-1]
    labels[positions >= lengths[:, None] - 1] = 0  # the last real position has no next digit
    return tokens, labels, lengths


def build_graph(config, bidirectional):
    tokens = tf.placeholder(tf.int32, [None, config.max_length], name="tokens")
    labels = tf.placeholder(tf.int32, [None, config.max_length], name="labels")
    lengths = tf.placeholder(tf.int32, [None], name="lengths")
    embedding = tf.get_variable("embedding", [config.vocab, config.embedding_size])
    inputs = tf.nn.embedding_lookup(embedding, tokens)
    if bidirectional:
        outputs, _ = tf.nn.bidirectional_dynamic_rnn(
            tf.nn.rnn_cell.LSTMCell(config.num_units), tf.nn.rnn_cell.LSTMCell(config.num_units),
            inputs, sequence_length=lengths, dtype=tf.float32)
        features = tf.concat(outputs, 2)
    else:  # the same number of units, all reading forward
        features, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(2 * config.num_units), inputs,
                                        sequence_length=lengths, dtype=tf.float32)
    logits = tf.layers.dense(features, 2, name="score")
    mask = tf.sequence_mask(lengths, config.max_length, dtype=tf.float32)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits, weights=mask)
    correct = tf.cast(tf.equal(tf.argmax(logits, 2, output_type=tf.int32), labels), tf.float32)
    accuracy = tf.reduce_sum(correct * mask) / tf.reduce_sum(mask)
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(config.learning_rate).minimize(loss, global_step)
    return {"tokens": tokens, "labels": labels, "lengths": lengths, "loss": loss,
            "accuracy": accuracy, "train_op": train_op, "global_step": global_step,
            "summary": tf.summary.merge([tf.summary.scalar("loss", loss),
                                         tf.summary.scalar("accuracy", accuracy)])}


def train_one(config, bidirectional, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains one model; returns its per-token accuracy on held-out sequences."""
    rng = np.random.default_rng([seed, 1])
    test = make_sequences(config, config.test_sequences, np.random.default_rng([seed, 2]))
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config, bidirectional)

    def feed(data):
        return dict(zip((model["tokens"], model["labels"], model["lengths"]), data))

    def step(session, _):
        _, loss, summary = session.run([model["train_op"], model["loss"], model["summary"]],
                                       feed(make_sequences(config, config.batch_size, rng)))
        return loss, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        loop.train_steps(run, config.training_steps, step, log, config.log_every)
        return float(run.session.run(model["accuracy"], feed(test)))


def train(config, save_path=None, log=print, seed=0, session_defaults=None):
    """Both models; returns ``{"bidirectional": accuracy, "unidirectional": accuracy}``."""
    results = {}
    for name, bidirectional in (("bidirectional", True), ("unidirectional", False)):
        path = os.path.join(save_path, name) if save_path else None
        results[name] = train_one(config, bidirectional, path, log, seed, session_defaults)
        log(f"{name}: per-token accuracy {results[name]:.4f} on {config.test_sequences} "
            "held-out sequences")
    return results


def define_flags():
    return common.preset_flags(CONFIGS, "Random seed (weights, data).")


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    common.check_generated_only("sequences")
    config_flag, seed = flag_holders
    train(CONFIGS[config_flag.value], save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
