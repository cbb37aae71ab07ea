"""experiments.char_rnn (note 002 "anna"): batches, entropy, bad files, learning, sampling."""
import numpy as np
import pytest

from experiments import char_rnn


def test_batches_cut_rows_and_windows_with_targets_shifted_by_one():
    batches = list(char_rnn.get_batches(np.arange(13), n_seqs=2, n_steps=3))
    assert [x.tolist() for x, _ in batches] == [[[0, 1, 2], [6, 7, 8]], [[3, 4, 5], [9, 10, 11]]]
    assert [y.tolist() for _, y in batches] == [[[1, 2, 3], [7, 8, 9]], [[4, 5, 6], [10, 11, 12]]]
    with pytest.raises(ValueError, match="5 characters cannot fill 2 rows of 3 steps"):
        list(char_rnn.get_batches(np.arange(5), n_seqs=2, n_steps=3))


def test_encoding_and_unigram_entropy():
    ids, vocab = char_rnn.encode("abca")
    assert (ids.tolist(), vocab) == ([0, 1, 2, 0], ["a", "b", "c"])
    assert char_rnn.unigram_entropy(ids, 3) == 1.5  # p = 1/2, 1/4, 1/4


def test_bad_text_files_are_named(tmp_path):
    with pytest.raises(ValueError, match=rf"{tmp_path}/none.txt: file not found \(give a UTF-8 "
                       r"text file\)"):
        char_rnn.read_text(str(tmp_path / "none.txt"))
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin1.txt: not UTF-8 text \(byte 0xe9 at offset 3\)"):
        char_rnn.read_text(str(tmp_path / "latin1.txt"))
    (tmp_path / "one.txt").write_text("aaaa")
    with pytest.raises(ValueError, match="one.txt: needs at least two different characters"):
        char_rnn.read_text(str(tmp_path / "one.txt"))


@pytest.mark.slow
def test_learns_the_generated_text_well_below_unigram_entropy_and_samples(monkeypatch, tmp_path):
    monkeypatch.setenv("TF1_REFERENCE_CACHE", str(tmp_path))
    text = char_rnn.read_text(None)
    result = char_rnn.train(char_rnn.CONFIGS["test"], text, log=lambda line: None,
                            sample_length=40, prime=" ka", temperature=0.5)
    assert result["unigram_bits"] == pytest.approx(4.052, abs=5e-4)
    assert result["bits_per_char"] < 0.8 * result["unigram_bits"]  # measured 2.707 vs 4.052
    assert result["sample"].startswith(" ka") and len(result["sample"]) == 43
    assert set(result["sample"]) <= set(text)
