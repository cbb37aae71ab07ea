"""A PTB-format corpus from a stochastic source whose entropy is known exactly.

The embedded default of ``python -m experiments.ptb``: no download is possible, so
the experiment trains on text drawn from a class-based source, and prints the
source's true perplexity so a user sees how close the model gets.

The source: ``num_classes`` word classes plus an end-of-sentence class whose only
word is ``<eos>``. Each class may be followed by ``successors`` other classes
(Dirichlet weights) or by the end of the sentence; a class emits one of its own
words with Zipf probabilities (the word of rank r has weight 1 / r**zipf). Every
word belongs to exactly one class, so the word stream determines the class stream
and the entropy rate is exact:

    H = sum_c pi_c * (H(T[c, :]) + sum_d T[c, d] * H(E[d]))      (nats per word)

with pi the stationary distribution of the class chain T and E[d] the emission
distribution of class d. True perplexity is ``exp(H)``; like PTB perplexities it
counts ``<eos>`` as a word. Sentences are written one per line in PTB style
(lower case, `` w1 w2 ... `` with surrounding spaces, ``<unk>`` and ``N`` among the
words), to ``ptb.train.txt``, ``ptb.valid.txt`` and ``ptb.test.txt``.

Why classes: a word-level Markov chain over a few thousand words has too many
transitions to estimate from a few hundred thousand tokens, so any model stays far
from the true perplexity for lack of data; class transitions and per-class
emissions are few enough to be learned, as a language model should.
"""
import dataclasses
import hashlib
import json
import os

import numpy as np

from pipelines import ptb_text

_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"


@dataclasses.dataclass(frozen=True)
class SourceSpec:
    """Parameters of the class-based source and the sizes of the three files (in words)."""
    vocab_size: int = 2000
    num_classes: int = 30
    successors: int = 6
    zipf: float = 1.0
    eos_prob: float = 0.06
    train_words: int = 300_000
    valid_words: int = 20_000
    test_words: int = 20_000
    seed: int = 1

    def __post_init__(self):
        if self.vocab_size < self.num_classes or self.num_classes < 2:
            raise ValueError(f"need vocab_size >= num_classes >= 2, got {self.vocab_size}, "
                             f"{self.num_classes}")
        if not 0 < self.successors <= self.num_classes:
            raise ValueError(f"successors must be in [1, num_classes], got {self.successors}")
        if not 0.0 < self.eos_prob < 1.0:
            raise ValueError(f"eos_prob must be in (0, 1), got {self.eos_prob}")


@dataclasses.dataclass(frozen=True)
class Source:
    """The source's words and distributions; class ``num_classes`` is end of sentence."""
    words: tuple            # words[i] for word index i (the last one is <eos>)
    word_class: np.ndarray  # class of each word
    transitions: np.ndarray  # [K+1, K+1] class -> next class
    emissions: tuple        # per class: (word indices, probabilities)

    def entropy(self):
        """Exact entropy rate of the word stream, in nats per word."""
        t = self.transitions
        evals, evecs = np.linalg.eig(t.T)
        pi = np.real(evecs[:, np.argmin(np.abs(evals - 1.0))])
        pi = pi / pi.sum()
        h_emit = np.array([_entropy(p) for _, p in self.emissions])
        h_next = np.array([_entropy(row) for row in t])
        return float(pi @ (h_next + t @ h_emit))

    def perplexity(self):
        return float(np.exp(self.entropy()))

    def cross_entropy(self, word_ids):
        """Mean negative log-probability (nats) of a stream that starts after an ``<eos>``."""
        classes = self.word_class[word_ids]
        previous = np.concatenate([[len(self.emissions) - 1], classes[:-1]])
        log_emit = np.zeros(len(self.words))
        for members, probs in self.emissions:
            log_emit[members] = np.log(probs)
        return float(-(np.log(self.transitions[previous, classes]) + log_emit[word_ids]).mean())


def _entropy(p):
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def _word_spellings(n, rng):
    """n distinct lower-case pseudo-words; two of them are PTB's ``<unk>`` and ``N``."""
    syllables = [c + v for c in _CONSONANTS for v in _VOWELS]
    spellings, seen = [], set()
    while len(spellings) < n - 2:
        word = "".join(rng.choice(syllables, size=rng.integers(1, 4)))
        if word not in seen:
            seen.add(word)
            spellings.append(word)
    spellings[3:3] = ["<unk>", "N"]  # among the most frequent words, as in PTB
    return spellings


def build_source(spec):
    """The deterministic source of ``spec`` (same spec, same source)."""
    rng = np.random.default_rng(spec.seed)
    k = spec.num_classes
    spellings = _word_spellings(spec.vocab_size, rng)
    word_class = np.concatenate([np.arange(k), rng.integers(0, k, spec.vocab_size - k)])
    emissions = []
    for c in range(k):
        members = np.flatnonzero(word_class == c)
        weights = 1.0 / np.arange(1, len(members) + 1) ** spec.zipf
        emissions.append((members, weights / weights.sum()))
    emissions.append((np.array([spec.vocab_size]), np.array([1.0])))  # <eos>

    transitions = np.zeros((k + 1, k + 1))
    for c in range(k + 1):
        nxt = rng.choice(k, size=spec.successors, replace=False)
        transitions[c, nxt] = rng.dirichlet(np.full(spec.successors, 0.5))
        if c < k:
            transitions[c] *= 1.0 - spec.eos_prob
            transitions[c, k] = spec.eos_prob
    words = tuple(spellings) + (ptb_text.EOS,)
    return Source(words, np.append(word_class, k), transitions, tuple(emissions))


def sample_words(source, num_words, rng):
    """Whole sentences from ``source`` until at least ``num_words`` words (``<eos>`` included)."""
    k = len(source.emissions) - 1
    cum = np.cumsum(source.transitions, axis=1)
    u = rng.random(num_words + 1000)
    classes = np.empty(len(u), dtype=np.int64)
    c, n = k, 0
    while n < len(u):
        c = min(int(np.searchsorted(cum[c], u[n], side="right")), k)
        classes[n] = c
        n += 1
        if n >= num_words and c == k:
            break
    classes = classes[:n]
    word_ids = np.empty(n, dtype=np.int64)
    for cls, (members, probs) in enumerate(source.emissions):
        where = np.flatnonzero(classes == cls)
        word_ids[where] = rng.choice(members, size=len(where), p=probs)
    return word_ids


def _to_lines(source, word_ids):
    eos = len(source.words) - 1
    lines, sentence = [], []
    for w in word_ids:
        if w == eos:
            lines.append(" " + " ".join(sentence) + " \n")
            sentence = []
        else:
            sentence.append(source.words[w])
    return "".join(lines)


def _spec_key(spec):
    return hashlib.sha256(
        json.dumps(dataclasses.asdict(spec), sort_keys=True).encode()).hexdigest()[:12]


def default_cache_dir():
    """``$TF1_REFERENCE_CACHE``, else ``$XDG_CACHE_HOME/tf1-graph-reference``, else
    ``~/.cache/...``."""
    if os.environ.get("TF1_REFERENCE_CACHE"):
        return os.environ["TF1_REFERENCE_CACHE"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "tf1-graph-reference")


def write_corpus(spec=SourceSpec(), cache_dir=None):
    """Writes (once) the three PTB-format files of ``spec``; returns
    ``(directory, true_perplexity)``.

    Files go to ``<cache_dir>/synthetic-ptb-<hash of spec>``; a second call with the
    same spec reuses them. Each file is written to a temporary name and renamed, so
    an interrupted or concurrent run never leaves a partial file behind.
    """
    source = build_source(spec)
    directory = os.path.join(cache_dir or default_cache_dir(), f"synthetic-ptb-{_spec_key(spec)}")
    sizes = (spec.train_words, spec.valid_words, spec.test_words)
    if not all(os.path.isfile(os.path.join(directory, f)) for f in ptb_text.FILENAMES):
        os.makedirs(directory, exist_ok=True)
        rng = np.random.default_rng(spec.seed + 1)
        for filename, size in zip(ptb_text.FILENAMES, sizes):
            path = os.path.join(directory, filename)
            tmp = f"{path}.tmp{os.getpid()}"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(_to_lines(source, sample_words(source, size, rng)))
            os.replace(tmp, path)
    return directory, source.perplexity()
