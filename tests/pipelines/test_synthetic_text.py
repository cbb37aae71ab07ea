"""The generated corpus: exact entropy, sampling that matches it, deterministic PTB-format files."""
import math
import os

import numpy as np
import pytest

from pipelines import ptb_reader
from pipelines import synthetic_text


def _two_word_source():
    # class 0 emits "x" or "y" (1/2 each); after class 0 the sentence ends with probability 1/2.
    # Stationary: pi(0) = 2/3, pi(eos) = 1/3.
    # H = 2/3 * (H(1/2, 1/2) + 1/2 * ln 2) + 1/3 * (0 + 1 * ln 2) = 4/3 ln 2
    return synthetic_text.Source(
        words=("x", "y", "<eos>"), word_class=np.array([0, 0, 1]),
        transitions=np.array([[0.5, 0.5], [1.0, 0.0]]),
        emissions=((np.array([0, 1]), np.array([0.5, 0.5])), (np.array([2]), np.array([1.0]))))


def test_entropy_rate_of_a_hand_computed_source():
    source = _two_word_source()
    assert source.entropy() == pytest.approx(4 / 3 * math.log(2), rel=1e-12)
    assert source.perplexity() == pytest.approx(2 ** (4 / 3), rel=1e-12)


def test_default_source_true_perplexity():
    assert synthetic_text.build_source(synthetic_text.SourceSpec()).perplexity() == pytest.approx(
        101.531013, abs=1e-6)


def test_sampled_stream_has_the_computed_entropy():
    source = synthetic_text.build_source(synthetic_text.SourceSpec())
    words = synthetic_text.sample_words(source, 200_000, np.random.default_rng(7))
    # the sample's log-loss under the true model estimates the entropy rate (sd ~ 0.3 %)
    assert source.cross_entropy(words) == pytest.approx(source.entropy(), rel=0.01)


def test_spec_validation_names_the_parameter():
    with pytest.raises(ValueError, match=r"successors must be in \[1, num_classes\], got 0"):
        synthetic_text.SourceSpec(successors=0)


SMALL = synthetic_text.SourceSpec(vocab_size=60, num_classes=5, successors=3,
                                  train_words=3000, valid_words=500, test_words=500, seed=3)


def test_corpus_files_are_deterministic_ptb_format_and_reused(tmp_path):
    d1, ppl1 = synthetic_text.write_corpus(SMALL, cache_dir=str(tmp_path / "a"))
    d2, ppl2 = synthetic_text.write_corpus(SMALL, cache_dir=str(tmp_path / "b"))
    assert ppl1 == ppl2
    for name in ptb_reader.FILENAMES:
        assert (open(os.path.join(d1, name), "rb").read()
                == open(os.path.join(d2, name), "rb").read())
    lines = open(os.path.join(d1, "ptb.train.txt"), encoding="utf-8").read().splitlines()
    assert all(line.startswith(" ") and line.endswith(" ") for line in lines)
    words = {w for line in lines for w in line.split()}
    assert {"<unk>", "N"} <= words
    assert all(w in ("<unk>", "N") or w.isalpha() and w.islower() for w in words)
    train, valid, test, vocab_size = ptb_reader.ptb_raw_data(d1)
    assert (len(train), len(valid), len(test), vocab_size) == (3001, 519, 519, 50)
    before = os.stat(os.path.join(d1, "ptb.train.txt")).st_mtime_ns
    assert synthetic_text.write_corpus(SMALL, cache_dir=str(tmp_path / "a"))[0] == d1
    assert os.stat(os.path.join(d1, "ptb.train.txt")).st_mtime_ns == before


def test_cache_dir_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TF1_REFERENCE_CACHE", str(tmp_path))
    assert synthetic_text.default_cache_dir() == str(tmp_path)
    monkeypatch.delenv("TF1_REFERENCE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert synthetic_text.default_cache_dir() == str(tmp_path / "xdg" / "tf1-graph-reference")
