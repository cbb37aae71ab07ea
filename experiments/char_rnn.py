"""A character-level LSTM language model that writes text: note 002's "anna".

Reproduces: note 002 "按照anna的格式" / "anna" (the char-RNN trained on *Anna Karenina*):
characters encoded as ids, ``get_batches`` cutting the text into ``n_seqs`` rows and windows of
``n_steps`` (targets: the same shifted by one), a ``MultiRNNCell`` of ``num_layers``
``BasicLSTMCell(lstm_size)`` with ``DropoutWrapper``, one-hot inputs, a softmax over the
vocabulary, Adam with gradients clipped to a global norm of ``grad_clip``, the final state fed
into the next batch, and sampling one character at a time with a batch-1, step-1 copy of the
model that shares the variables.

Run:
    python -m experiments.char_rnn                          # generated text (no download)
    python -m experiments.char_rnn --data_path=book.txt     # any UTF-8 text file
    python -m experiments.char_rnn --sample=300 --temperature=0.8 --prime=" ka"

The generated text is the PTB-format corpus of ``pipelines/synthetic_text.py`` read as
characters. The last 10% of the text is held out; the run prints the held-out bits per
character next to the unigram entropy of the characters (what a model that ignores context
gets), then ``--sample`` characters drawn with the given temperature.
"""
import collections
import dataclasses
import os

from reference.tf1 import tf

import numpy as np
from absl import app
from absl import flags

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths
from pipelines import synthetic_text
from pipelines import text_file

HELD_OUT = 0.1


@dataclasses.dataclass(frozen=True)
class Config:
    """The anna program's names."""
    n_seqs: int = 32
    n_steps: int = 50
    lstm_size: int = 128
    num_layers: int = 2
    learning_rate: float = 0.003
    grad_clip: float = 5.0
    keep_prob: float = 0.9
    training_steps: int = 1500
    max_chars: int = 400_000
    log_every: int = 250


CONFIGS = {"default": Config(),
           "test": Config(lstm_size=64, num_layers=1, n_steps=25, training_steps=300,
                          max_chars=60_000, log_every=100)}


def encode(text):
    """``(ids int32 array, vocabulary list)``; ids index the sorted vocabulary."""
    vocab = sorted(set(text))
    index = {c: i for i, c in enumerate(vocab)}
    return np.array([index[c] for c in text], np.int32), vocab


def unigram_entropy(ids, vocab_size):
    """Bits per character of the character frequencies alone."""
    p = np.bincount(ids, minlength=vocab_size) / len(ids)
    p = p[p > 0]
    return float(-(p * np.log2(p)).sum())


def get_batches(ids, n_seqs, n_steps):
    """The anna ``get_batches``: yields ``(x, y)`` ``[n_seqs, n_steps]``, y shifted by one;
    row r of a batch continues row r of the batch before."""
    per_row = (len(ids) - 1) // n_seqs // n_steps * n_steps
    if per_row == 0:
        raise ValueError(f"{len(ids)} characters cannot fill {n_seqs} rows of {n_steps} steps")
    x = ids[:n_seqs * per_row].reshape(n_seqs, per_row)
    y = ids[1:n_seqs * per_row + 1].reshape(n_seqs, per_row)
    for start in range(0, per_row, n_steps):
        yield x[:, start:start + n_steps], y[:, start:start + n_steps]


def build_model(config, vocab_size, batch_size, num_steps, training):
    """One copy of the model (call again under ``reuse=True`` for the sampler)."""
    inputs = tf.placeholder(tf.int32, [batch_size, num_steps], name="inputs")
    targets = tf.placeholder(tf.int32, [batch_size, num_steps], name="targets")
    keep_prob = config.keep_prob if training else 1.0
    cell = tf.nn.rnn_cell.MultiRNNCell([
        tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(config.lstm_size),
                                      output_keep_prob=keep_prob)
        for _ in range(config.num_layers)])
    initial_state = cell.zero_state(batch_size, tf.float32)
    outputs, final_state = tf.nn.dynamic_rnn(cell, tf.one_hot(inputs, vocab_size),
                                             initial_state=initial_state)
    logits = tf.layers.dense(tf.reshape(outputs, [-1, config.lstm_size]), vocab_size,
                             name="softmax")
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.reshape(targets, [-1]), logits=logits))
    temperature = tf.placeholder_with_default(1.0, [], name="temperature")
    return {"inputs": inputs, "targets": targets, "initial_state": initial_state,
            "final_state": final_state, "loss": loss, "temperature": temperature,
            "probabilities": tf.nn.softmax(logits / temperature)}


def build_graph(config, vocab_size):
    with tf.variable_scope("model"):
        model = build_model(config, vocab_size, config.n_seqs, config.n_steps, training=True)
    with tf.variable_scope("model", reuse=True):
        model["evaluator"] = build_model(config, vocab_size, config.n_seqs, config.n_steps, False)
        model["sampler"] = build_model(config, vocab_size, 1, 1, training=False)
    variables = tf.trainable_variables()
    grads, _ = tf.clip_by_global_norm(tf.gradients(model["loss"], variables), config.grad_clip)
    model["global_step"] = tf.train.get_or_create_global_step()
    model["train_op"] = tf.train.AdamOptimizer(config.learning_rate).apply_gradients(
        zip(grads, variables), model["global_step"])
    model["summary"] = tf.summary.scalar("loss", model["loss"])
    return model


def bits_per_char(session, model, ids, config):
    """Mean cross entropy over ``ids`` in bits, the state carried from batch to batch."""
    losses, state = [], session.run(model["initial_state"])
    for x, y in get_batches(ids, config.n_seqs, config.n_steps):
        loss, state = session.run([model["loss"], model["final_state"]], {
            model["inputs"]: x, model["targets"]: y, model["initial_state"]: state})
        losses.append(loss)
    return float(np.mean(losses) / np.log(2))


def sample(session, sampler, vocab, length, prime, temperature, rng):
    """``prime`` followed by ``length`` characters drawn one at a time."""
    index = {c: i for i, c in enumerate(vocab)}
    unknown = sorted(set(prime) - set(index))
    if unknown:
        raise ValueError(f"the prime has characters the text never uses: {unknown}")
    state, chars = session.run(sampler["initial_state"]), list(prime)
    probabilities = None
    for c in prime:
        probabilities, state = session.run([sampler["probabilities"], sampler["final_state"]], {
            sampler["inputs"]: [[index[c]]], sampler["initial_state"]: state,
            sampler["temperature"]: temperature})
    for _ in range(length):
        choice = int(rng.choice(len(vocab), p=probabilities[0] / probabilities[0].sum()))
        chars.append(vocab[choice])
        probabilities, state = session.run([sampler["probabilities"], sampler["final_state"]], {
            sampler["inputs"]: [[choice]], sampler["initial_state"]: state,
            sampler["temperature"]: temperature})
    return "".join(chars)


def train(config, text, save_path=None, log=print, seed=0, session_defaults=None, sample_length=0,
          prime=" ", temperature=1.0):
    """Trains on ``text``; returns held-out ``bits_per_char``, ``unigram_bits``, ``sample``."""
    text = text[:config.max_chars]
    ids, vocab = encode(text)
    split = int(len(ids) * (1 - HELD_OUT))
    train_ids, held_out = ids[:split], ids[split:]
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config, len(vocab))
    batches, carried = [], {}

    def step(session, _):
        if not batches:
            batches.extend(get_batches(train_ids, config.n_seqs, config.n_steps))
            carried["state"] = session.run(model["initial_state"])  # a new pass, a new state
        x, y = batches.pop(0)
        _, loss, carried["state"], summary = session.run(
            [model["train_op"], model["loss"], model["final_state"], model["summary"]],
            {model["inputs"]: x, model["targets"]: y, model["initial_state"]: carried["state"]})
        return loss, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        loop.train_steps(run, config.training_steps, step, log, config.log_every)
        result = {"bits_per_char": bits_per_char(run.session, model["evaluator"], held_out, config),
                  "unigram_bits": unigram_entropy(train_ids, len(vocab)), "vocab_size": len(vocab)}
        log(f"held-out bits per char {result['bits_per_char']:.3f}; unigram entropy "
            f"{result['unigram_bits']:.3f} bits ({len(vocab)} characters)")
        result["sample"] = sample(run.session, model["sampler"], vocab, sample_length, prime,
                                  temperature, np.random.default_rng(seed)) if sample_length else ""
        return result


def read_text(path):
    """The UTF-8 text of ``path`` or of the generated corpus; ValueError names the file."""
    if not path:
        directory, _ = synthetic_text.write_corpus()
        path = os.path.join(directory, "ptb.train.txt")
    text = text_file.read_utf8(path, missing_hint=" (give a UTF-8 text file)")
    if len(collections.Counter(text)) < 2:
        raise ValueError(f"{path}: needs at least two different characters")
    return text


def define_flags():
    config, seed = common.preset_flags(CONFIGS, "Random seed (weights, dropout, sampling).")
    return (config, seed,
            flags.DEFINE_integer("training_steps", None, "Override the training steps.",
                                 lower_bound=1),
            flags.DEFINE_integer("sample", 200, "Characters to generate after training.",
                                 lower_bound=0),
            flags.DEFINE_float("temperature", 1.0, "Sampling temperature (lower: safer).",
                               lower_bound=0.01),
            flags.DEFINE_string("prime", None, "Text the sample starts from (default: the "
                                "text's first character)."))


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    config_flag, seed, steps, sample_length, temperature, prime_flag = flag_holders
    with paths.data_path_errors(ValueError):  # missing or not UTF-8
        text = read_text(paths.DATA_PATH.value)
    config = CONFIGS[config_flag.value]
    if steps.value:
        config = dataclasses.replace(config, training_steps=steps.value)
    prime = prime_flag.value or text[0]
    unknown = sorted(set(prime) - set(text[:config.max_chars]))
    if sample_length.value and unknown:
        raise app.UsageError(f"--prime: characters the text never uses: {unknown}")
    result = train(config, text, save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults(),
                   sample_length=sample_length.value, prime=prime, temperature=temperature.value)
    if result["sample"]:
        print(result["sample"])


if __name__ == "__main__":
    common.run(main, define_flags)
