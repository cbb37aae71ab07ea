"""Sorting the letters of a word with an encoder-decoder: note 003's Seq2seq-attention program.

Reproduces: note 003 "Seq2seq-attention模型" -- source words and their letters sorted as
targets, the special tokens ``<PAD>`` (padding), ``<UNK>`` (unknown), ``<GO>`` (decoder start)
and ``<EOS>`` (end); an embedded encoder (``embed_sequence`` as an ``embedding`` variable plus
``embedding_lookup``) running ``dynamic_rnn`` over a ``MultiRNNCell`` of LSTMs with the source
lengths; a training decoder fed the targets after ``<GO>`` (teacher forcing) and a predicting
decoder fed its own argmax, which share every variable; an output layer over the letters; the
hyperparameters' names (``rnn_size``, ``num_layers``, ``encoding_embedding_size``, ...).
``tf.contrib.seq2seq`` and ``legacy_seq2seq`` are gone: ``reference/contrib/seq2seq.py`` supplies
the note's ``attention_decoder`` formulas (``AttentionCell``, switch with ``--attention``) and
the greedy decoding loop (a ``tf.while_loop``).

The words (generated): 3-12 letters drawn from ``letters`` (a-z by default), 10% of them
held out; the decoder must output the sorted letters then ``<EOS>``. The figure printed is the
exact-sequence accuracy of the predicting decoder on the held-out words.

Run:
    python -m experiments.seq2seq_sort [--noattention] [--save_path=DIR]

Attention helps little here (BUILD_NOTES.md has the accuracies): sorting needs only the
letters' counts, which the encoder's final state can hold.
"""
import dataclasses
import string

from reference.tf1 import tf

import numpy as np
from absl import flags

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths
from reference.contrib import seq2seq

PAD, UNK, GO, EOS = 0, 1, 2, 3
SPECIALS = ["<PAD>", "<UNK>", "<GO>", "<EOS>"]


@dataclasses.dataclass(frozen=True)
class Config:
    """The note's names."""
    letters: int = 26
    min_length: int = 3
    max_length: int = 12
    words: int = 10000
    rnn_size: int = 64
    num_layers: int = 1
    encoding_embedding_size: int = 15
    decoding_embedding_size: int = 15
    learning_rate: float = 0.003
    batch_size: int = 128
    steps: int = 2500
    attention: bool = True
    log_every: int = 500


CONFIGS = {"default": Config(), "test": Config(letters=10, max_length=8, steps=600)}


def vocabulary(config):
    return SPECIALS + list(string.ascii_lowercase[:config.letters])


def make_words(config, rng):
    """``(sources, targets)``: lists of id lists; targets are the sorted letters."""
    lengths = rng.integers(config.min_length, config.max_length + 1, config.words)
    sources = [list(rng.integers(4, 4 + config.letters, n)) for n in lengths]
    return sources, [sorted(word) for word in sources]


def to_ids(word, config):
    """A word's letter ids; a letter outside ``vocabulary(config)`` is ``<UNK>``."""
    index = {token: i for i, token in enumerate(vocabulary(config))}
    return [index.get(letter, UNK) for letter in word]


def pad(rows, length):
    return np.array([row + [PAD] * (length - len(row)) for row in rows], np.int32)


def build_graph(config):
    vocab_size = 4 + config.letters
    steps = config.max_length + 1  # the letters and <EOS>
    source = tf.placeholder(tf.int32, [None, config.max_length], name="source")
    source_lengths = tf.placeholder(tf.int32, [None], name="source_lengths")
    target = tf.placeholder(tf.int32, [None, steps], name="target")  # letters, <EOS>, <PAD>s
    target_lengths = tf.placeholder(tf.int32, [None], name="target_lengths")
    batch = tf.shape(source)[0]

    def cells():
        return tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(config.rnn_size)
                                            for _ in range(config.num_layers)])

    with tf.variable_scope("encoder"):
        embedding = tf.get_variable("embedding", [vocab_size, config.encoding_embedding_size])
        encoder_inputs = tf.nn.embedding_lookup(embedding, source)  # the note's embed_sequence
        memory, encoder_state = tf.nn.dynamic_rnn(
            cells(), encoder_inputs, sequence_length=source_lengths, dtype=tf.float32)
    with tf.variable_scope("decoder"):
        embedding = tf.get_variable("embedding", [vocab_size, config.decoding_embedding_size])
        cell, initial_state = cells(), encoder_state
        if config.attention:
            cell = seq2seq.AttentionCell(cell, memory, source_lengths)
            initial_state = seq2seq.AttentionState(encoder_state,
                                                   tf.zeros([batch, config.rnn_size]))
        output_layer = tf.layers.Dense(vocab_size, name="output_layer")
        decoder_inputs = tf.concat([tf.fill([batch, 1], GO), target[:, :-1]], 1)
        decoder_embedded = tf.nn.embedding_lookup(embedding, decoder_inputs)
        outputs, _ = tf.nn.dynamic_rnn(cell, decoder_embedded, initial_state=initial_state,
                                       scope="decode")
        logits = output_layer(outputs)
    with tf.variable_scope("decoder", reuse=True):
        with tf.variable_scope("decode"):
            predicted = seq2seq.greedy_decode(cell, initial_state, embedding, output_layer,
                                              tf.fill([batch], GO), steps)
    mask = tf.sequence_mask(target_lengths, steps, dtype=tf.float32)
    loss = tf.losses.sparse_softmax_cross_entropy(target, logits, weights=mask)
    global_step = tf.train.get_or_create_global_step()
    variables = tf.trainable_variables()
    grads, _ = tf.clip_by_global_norm(tf.gradients(loss, variables), 5.0)
    train_op = tf.train.AdamOptimizer(config.learning_rate).apply_gradients(
        zip(grads, variables), global_step)
    return {"source": source, "source_lengths": source_lengths, "target": target,
            "target_lengths": target_lengths, "loss": loss, "train_op": train_op,
            "predicted": predicted, "global_step": global_step,
            "summary": tf.summary.scalar("loss", loss), "encoder_inputs": encoder_inputs,
            "decoder_inputs": decoder_inputs, "decoder_embedded": decoder_embedded}


def feed(model, config, sources, targets):
    return {model["source"]: pad(sources, config.max_length),
            model["source_lengths"]: [len(s) for s in sources],
            model["target"]: pad([t + [EOS] for t in targets], config.max_length + 1),
            model["target_lengths"]: [len(t) + 1 for t in targets]}


def exact_accuracy(predicted, targets):
    """Share of rows whose prediction is the target followed by ``<EOS>``."""
    return float(np.mean([list(row[:len(t) + 1]) == t + [EOS]
                          for row, t in zip(predicted, targets)]))


def train(config, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains; returns the held-out exact-sequence accuracy and a few decoded examples."""
    rng = np.random.default_rng(seed)
    sources, targets = make_words(config, rng)
    held = len(sources) // 10
    train_s, train_t, test_s, test_t = (sources[held:], targets[held:], sources[:held],
                                        targets[:held])
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config)

    def step(session, _):
        rows = rng.integers(0, len(train_s), config.batch_size)
        _, loss, summary = session.run(
            [model["train_op"], model["loss"], model["summary"]],
            feed(model, config, [train_s[i] for i in rows], [train_t[i] for i in rows]))
        return loss, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        loop.train_steps(run, config.steps, step, log, config.log_every)
        predicted = run.session.run(model["predicted"], feed(model, config, test_s, test_t)).T
    accuracy = exact_accuracy(predicted, test_t)
    words = vocabulary(config)
    examples = ["".join(words[i] for i in s) + " -> " + "".join(
        words[i] for i in row).split("<EOS>")[0] for s, row in zip(test_s[:3], predicted)]
    log(f"{'with' if config.attention else 'without'} attention: exact-sequence accuracy "
        f"{accuracy:.4f} on {len(test_t)} held-out words; e.g. {', '.join(examples)}")
    return {"accuracy": accuracy, "examples": examples}


def define_flags():
    config, seed = common.preset_flags(CONFIGS, "Random seed (words, weights, batches).")
    attention = flags.DEFINE_bool("attention", True, "Decode with the note's attention.")
    return config, seed, attention


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    common.check_generated_only("words")
    config_flag, seed, attention = flag_holders
    config = dataclasses.replace(CONFIGS[config_flag.value], attention=attention.value)
    train(config, paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
