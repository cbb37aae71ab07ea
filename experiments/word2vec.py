"""word2vec: skip-gram or CBOW embeddings trained with ``nce_loss`` or ``sampled_softmax_loss``.

Reproduces: note 003's word2vec material -- "Dristributed representation" (each word mapped to
a short dense vector), the CBOW and Skip-gram models, ``tf.nn.nce_loss(nce_weights,
nce_biases, embed, train_labels, num_sampled, vocabulary_size)`` ("word2vec中用到了这个函数")
and ``tf.nn.sampled_softmax_loss`` ("此函数和nce_loss是差不多的, 取样求loss") -- as
TensorFlow's ``word2vec_basic.py`` builds them: an ``embeddings`` variable looked up with
``embedding_lookup``, ``nce_weights`` / ``nce_biases`` for the sampled loss, cosine similarity
of normalized embeddings for the nearest neighbours. Both architectures (``--model``) and both
losses (``--loss``) are selectable; the keyword calls avoid the note's positional order.

The corpus (generated): ``groups`` planted groups of ``group_size`` words; each sentence picks a
group and mixes its words with frequent filler words, so words of a group share contexts.
After training, precision@5 -- the share of each group word's 5 nearest neighbours (cosine)
that belong to its group -- measures whether the groups were recovered. ``--data_path`` trains
on a whitespace-separated text file instead (its ``vocabulary_size`` most frequent words) and
prints the neighbours of its most frequent words.

Run:
    python -m experiments.word2vec [--model=skipgram|cbow] [--loss=nce|sampled_softmax]
"""
import collections
import dataclasses

from reference.tf1 import tf

import numpy as np
from absl import flags

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths
from pipelines import text_file

MODELS, LOSSES = ("skipgram", "cbow"), ("nce", "sampled_softmax")


@dataclasses.dataclass(frozen=True)
class Config:
    groups: int = 20
    group_size: int = 8
    fillers: int = 40
    sentences: int = 6000
    sentence_length: int = 12
    filler_share: float = 0.4
    window: int = 2
    embedding_size: int = 32
    num_sampled: int = 16
    batch_size: int = 128
    learning_rate: float = 0.01
    steps: int = 3000
    vocabulary_size: int = 5000
    log_every: int = 500


CONFIGS = {"default": Config(), "test": Config(steps=1500, sentences=3000)}


def planted_corpus(config, rng):
    """``(word ids, group of each id (-1 for fillers), words)``; ids ``0..groups*size-1`` are
    group words, the rest fillers."""
    grouped = config.groups * config.group_size
    words = [f"g{g}w{i}" for g in range(config.groups) for i in range(config.group_size)]
    words += [f"f{i}" for i in range(config.fillers)]
    groups = np.array([i // config.group_size for i in range(grouped)] + [-1] * config.fillers)
    ids = []
    for _ in range(config.sentences):
        group = rng.integers(config.groups)
        members = group * config.group_size + rng.integers(0, config.group_size,
                                                           config.sentence_length)
        fill = grouped + rng.integers(0, config.fillers, config.sentence_length)
        ids.extend(np.where(rng.random(config.sentence_length) < config.filler_share, fill,
                            members))
    return np.array(ids), groups, words


def text_corpus(path, vocabulary_size):
    """Word ids of a text file's ``vocabulary_size`` most frequent words (others dropped)."""
    tokens = text_file.read_utf8(path).split()
    common_words = [w for w, _ in collections.Counter(tokens).most_common(vocabulary_size)]
    index = {w: i for i, w in enumerate(common_words)}
    return np.array([index[t] for t in tokens if t in index]), common_words


def batches(ids, config, model, rng):
    """Endless ``(inputs, labels)`` batches: skip-gram pairs (center -> one context word) or CBOW
    (the ``2 * window`` context words -> the center)."""
    w = config.window
    offsets = np.array([o for o in range(-w, w + 1) if o])
    while True:
        centers = rng.integers(w, len(ids) - w, config.batch_size)
        if model == "skipgram":
            context = ids[centers + rng.choice(offsets, config.batch_size)]
            yield ids[centers], context[:, None]
        else:
            yield ids[centers[:, None] + offsets], ids[centers][:, None]


def build_graph(config, vocabulary_size, model, loss_name):
    inputs = tf.placeholder(tf.int64, [None] if model == "skipgram" else [None, 2 * config.window],
                            name="inputs")
    labels = tf.placeholder(tf.int64, [None, 1], name="labels")
    embeddings = tf.Variable(tf.random_uniform([vocabulary_size, config.embedding_size], -1, 1),
                             name="embeddings")
    embed = tf.nn.embedding_lookup(embeddings, inputs)
    if model == "cbow":
        embed = tf.reduce_mean(embed, 1)
    nce_weights = tf.Variable(tf.truncated_normal([vocabulary_size, config.embedding_size],
                                                  stddev=1.0 / np.sqrt(config.embedding_size)),
                              name="nce_weights")
    nce_biases = tf.Variable(tf.zeros([vocabulary_size]), name="nce_biases")
    sampled = tf.nn.nce_loss if loss_name == "nce" else tf.nn.sampled_softmax_loss
    loss = tf.reduce_mean(sampled(weights=nce_weights, biases=nce_biases, labels=labels,
                                  inputs=embed, num_sampled=config.num_sampled,
                                  num_classes=vocabulary_size))
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(config.learning_rate).minimize(loss, global_step)
    normalized = embeddings / tf.norm(embeddings, axis=1, keepdims=True)
    return {"inputs": inputs, "labels": labels, "loss": loss, "train_op": train_op,
            "global_step": global_step, "normalized": normalized,
            "summary": tf.summary.scalar("loss", loss)}


def nearest(normalized, ids, k=5):
    """The ``k`` nearest other words (cosine) of each id."""
    similarity = normalized[ids] @ normalized.T
    similarity[np.arange(len(ids)), ids] = -np.inf
    return np.argsort(-similarity, axis=1)[:, :k]


def precision_at_5(normalized, groups):
    members = np.flatnonzero(groups >= 0)
    neighbours = nearest(normalized, members)
    return float((groups[neighbours] == groups[members][:, None]).mean())


def train(config, model="skipgram", loss_name="nce", corpus=None, save_path=None, log=print,
          seed=0, session_defaults=None):
    """Trains embeddings on ``corpus`` (``text_corpus`` output) or the planted one; returns
    ``precision_at_5`` (planted corpus) or the ``neighbours`` of the most frequent words."""
    rng = np.random.default_rng(seed)
    if corpus:
        ids, words = corpus
        groups = None
    else:
        ids, groups, words = planted_corpus(config, rng)
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        graph_model = build_graph(config, len(words), model, loss_name)
    stream = batches(ids, config, model, rng)

    def step(session, _):
        x, y = next(stream)
        _, loss, summary = session.run(
            [graph_model["train_op"], graph_model["loss"], graph_model["summary"]],
            {graph_model["inputs"]: x, graph_model["labels"]: y})
        return loss, summary

    with loop.session(graph, graph_model["global_step"], save_path, log, session_defaults) as run:
        loop.train_steps(run, config.steps, step, log, config.log_every)
        normalized = run.session.run(graph_model["normalized"])
    if groups is not None:
        result = {"precision_at_5": precision_at_5(normalized, groups)}
        log(f"{model} + {loss_name}: precision@5 of the planted groups "
            f"{result['precision_at_5']:.3f}")
        return result
    shown = list(range(min(8, len(words))))
    neighbours = {words[i]: [words[j] for j in row] for i, row in
                  zip(shown, nearest(normalized, np.array(shown)))}
    for word, close in neighbours.items():
        log(f"nearest to {word}: {', '.join(close)}")
    return {"neighbours": neighbours}


def define_flags():
    config, seed = common.preset_flags(CONFIGS, "Random seed (corpus, weights, batches).")
    model = flags.DEFINE_enum("model", "skipgram", list(MODELS), "Skip-gram or CBOW.")
    loss = flags.DEFINE_enum("loss", "nce", list(LOSSES), "nce_loss or sampled_softmax_loss.")
    return config, seed, model, loss


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    config_flag, seed, model, loss = flag_holders
    config, corpus = CONFIGS[config_flag.value], None
    if paths.DATA_PATH.value:
        with paths.data_path_errors(ValueError):  # missing or not UTF-8
            corpus = text_corpus(paths.DATA_PATH.value, config.vocabulary_size)
    train(config, model.value, loss.value, corpus, paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())


if __name__ == "__main__":
    common.run(main, define_flags)
