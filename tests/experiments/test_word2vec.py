"""experiments.word2vec: the planted corpus, the batches, precision@5, all four combinations."""
import numpy as np
import pytest

from experiments import word2vec


def test_planted_corpus_mixes_one_group_per_sentence_with_fillers():
    config = word2vec.Config(groups=3, group_size=2, fillers=4, sentences=50, sentence_length=6)
    ids, groups, words = word2vec.planted_corpus(config, np.random.default_rng(0))
    assert words[:3] == ["g0w0", "g0w1", "g1w0"] and words[6:] == ["f0", "f1", "f2", "f3"]
    assert groups.tolist() == [0, 0, 1, 1, 2, 2, -1, -1, -1, -1]
    for sentence in ids.reshape(50, 6):
        assert len({groups[i] for i in sentence} - {-1}) <= 1


@pytest.mark.parametrize("model, inputs_shape", [("skipgram", (128,)), ("cbow", (128, 4))])
def test_batches_pair_centres_with_their_window(model, inputs_shape):
    ids = np.arange(1000)
    x, y = next(word2vec.batches(ids, word2vec.Config(), model, np.random.default_rng(0)))
    assert x.shape == inputs_shape and y.shape == (128, 1)
    if model == "skipgram":
        assert set(np.abs(y[:, 0] - x)) <= {1, 2}
    else:
        np.testing.assert_array_equal(x - y, np.tile([-2, -1, 1, 2], (128, 1)))


def test_precision_at_5_counts_neighbours_of_the_same_group():
    normalized = np.eye(4)[[0, 0, 0, 1, 1, 1, 2, 3]] + np.arange(8)[:, None] * 1e-3
    normalized /= np.linalg.norm(normalized, axis=1, keepdims=True)
    groups = np.array([0, 0, 0, 1, 1, 1, -1, -1])
    assert word2vec.precision_at_5(normalized, groups) == pytest.approx(2 / 5)


@pytest.mark.slow
@pytest.mark.parametrize("model", word2vec.MODELS)
@pytest.mark.parametrize("loss", word2vec.LOSSES)
def test_every_architecture_and_loss_recovers_the_planted_groups(model, loss):
    result = word2vec.train(word2vec.CONFIGS["test"], model, loss, log=lambda line: None)
    assert result["precision_at_5"] >= 0.9  # measured 1.000 for all four


def test_a_text_file_gives_ids_of_its_most_frequent_words(tmp_path):
    (tmp_path / "t.txt").write_text("a b a c a b\nd")
    ids, words = word2vec.text_corpus(str(tmp_path / "t.txt"), vocabulary_size=2)
    assert words == ["a", "b"] and ids.tolist() == [0, 1, 0, 0, 1]
