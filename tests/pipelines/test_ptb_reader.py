"""The PTB reader: vocabulary, ids, the tf.data twin of the producer, bad input (the producer's
batches and errors: tests/reference/test_input_queues.py)."""
from reference.tf1 import tf

import numpy as np
import pytest

from pipelines import ptb_reader
from pipelines import ptb_text
from tests.conftest import real_ptb_with_valid_as_train
from tests.conftest import shared_data_dir
from tests.conftest import write_ptb_dir

# train counts: b 3, <eos> 3, a 2, c 2, d 1 -> ids by count, ties by word
TRAIN = " a b c \n b a d \n b c \n"


@pytest.fixture
def ptb_dir(tmp_path):
    return write_ptb_dir(tmp_path, TRAIN, " a x b \n", " d c e e \n")


def _run_queue(session, tensors, n):
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(session, coord=coord)
    try:
        return [session.run(tensors) for _ in range(n)]
    finally:
        coord.request_stop()
        coord.join(threads)


def test_vocabulary_is_ordered_by_count_then_word(ptb_dir):
    assert ptb_reader.ptb_vocabulary(ptb_dir) == {"<eos>": 0, "b": 1, "a": 2, "c": 3, "d": 4}


def test_raw_data_maps_words_and_drops_out_of_vocabulary_words(ptb_dir):
    train, valid, test, vocab_size = ptb_reader.ptb_raw_data(ptb_dir)
    assert train == [2, 1, 3, 0, 1, 2, 4, 0, 1, 3, 0]
    assert valid == [2, 1, 0]      # "x" is not in train's vocabulary: dropped
    assert test == [4, 3, 0]       # both "e" dropped
    assert vocab_size == 5


def test_newline_separates_words_even_without_spaces(tmp_path):
    path = write_ptb_dir(tmp_path, "a b\nc", "a", "a")
    assert ptb_text._read_words(f"{path}/ptb.train.txt") == ["a", "b", "<eos>", "c"]


def test_dataset_yields_the_producers_batches_in_order(session):
    data = list(np.random.RandomState(0).randint(0, 50, size=103))
    x, y = ptb_reader.ptb_producer(data, batch_size=3, num_steps=4)
    dx, dy = tf.data.make_one_shot_iterator(ptb_reader.ptb_dataset(data, 3, 4)).get_next()
    size = ptb_reader.epoch_size(len(data), 3, 4)
    assert size == 8  # ((103 // 3) - 1) // 4
    got = _run_queue(session, [x, y, dx, dy], 2 * size + 1)  # two epochs and one more batch
    for qx, qy, tx, ty in got:
        np.testing.assert_array_equal(qx, tx)
        np.testing.assert_array_equal(qy, ty)
    assert dx.shape.as_list() == [3, 4]


def test_dataset_rejects_data_too_short_for_one_batch():
    with pytest.raises(ValueError, match=r"epoch_size == 0 for 5 words, batch_size=2, num_steps=2"):
        ptb_reader.ptb_dataset(list(range(5)), 2, 2)


@pytest.mark.parametrize("damage, message", [
    ("missing_dir", r"nope: no such directory \(expected one holding ptb\.train\.txt"),
    ("missing_file", r"ptb\.valid\.txt: file not found \(a PTB directory holds"),
    ("empty_file", r"ptb\.test\.txt: file is empty \(no words, only line breaks at most\)$"),
    ("not_utf8", r"ptb\.train\.txt: not UTF-8 text \(byte 0xff at offset 3\)$"),
], ids=["missing_dir", "missing_file", "empty_file", "not_utf8"])
def test_bad_input_names_the_file(tmp_path, damage, message):
    path = write_ptb_dir(tmp_path, TRAIN, " a \n", " a \n")
    if damage == "missing_dir":
        path = str(tmp_path / "nope")
    elif damage == "missing_file":
        (tmp_path / "ptb.valid.txt").unlink()
    elif damage == "empty_file":
        (tmp_path / "ptb.test.txt").write_text(" \n\n")
    else:
        (tmp_path / "ptb.train.txt").write_bytes(b" a \xff b \n")
    with pytest.raises(ptb_reader.PTBDataError, match=message):
        ptb_reader.ptb_raw_data(path)


def test_real_ptb_files_have_the_canonical_word_counts():
    ptb = shared_data_dir("ptb")
    assert len(ptb_text._read_words(str(ptb / "ptb.valid.txt"))) == 73_760
    assert len(ptb_text._read_words(str(ptb / "ptb.test.txt"))) == 82_430


def test_real_ptb_vocabulary_from_the_valid_file(tmp_path):
    path = real_ptb_with_valid_as_train(tmp_path)
    vocab = ptb_reader.ptb_vocabulary(path)
    train, valid, test, vocab_size = ptb_reader.ptb_raw_data(path)
    assert sorted(vocab, key=vocab.get)[:5] == ["the", "<unk>", "<eos>", "N", "of"]
    assert (vocab_size, len(train), len(valid), len(test)) == (6022, 73_760, 73_760, 79_062)
