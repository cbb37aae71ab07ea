"""PTB text: the word ids of the three files and the batch windows, without TensorFlow.

The TensorFlow-free half of ``ptb_reader`` (which re-exports these names, the tutorial's API):
the TF2-native PTB model reads its data here, in a process that must not import the TF1
bootstrap.

Differences from the original, all on input the canonical files never contain:
* a line break always separates words (the original pastes ``<eos>`` between the
  last word of a line and the first of the next when no space surrounds it);
* missing, empty or non-UTF-8 files raise ``PTBDataError`` naming the file, before
  any graph is built, instead of a TensorFlow ``NotFoundError`` or a stray
  ``UnicodeDecodeError``.
"""
import collections
import os

import numpy as np

from pipelines import text_file

FILENAMES = ("ptb.train.txt", "ptb.valid.txt", "ptb.test.txt")
EOS = "<eos>"


class PTBDataError(ValueError):
    """A PTB data file is missing or unreadable; the message names the file."""


def _read_words(filename):
    text = text_file.read_utf8(filename, PTBDataError,
                               f" (a PTB directory holds {', '.join(FILENAMES)})")
    words = text.replace("\n", f" {EOS} ").split()
    if all(word == EOS for word in words):
        raise PTBDataError(f"{filename}: file is empty (no words, only line breaks at most)")
    return words


def _build_vocab(filename):
    counter = collections.Counter(_read_words(filename))
    count_pairs = sorted(counter.items(), key=lambda x: (-x[1], x[0]))
    return {word: i for i, (word, _) in enumerate(count_pairs)}


def _file_to_word_ids(filename, word_to_id):
    return [word_to_id[word] for word in _read_words(filename) if word in word_to_id]


def ptb_vocabulary(data_path):
    """Returns the word -> id map built from ``ptb.train.txt`` (by count, then word)."""
    _check_dir(data_path)
    return _build_vocab(os.path.join(data_path, FILENAMES[0]))


def ptb_raw_data(data_path=None):
    """Loads the PTB files of ``data_path`` as lists of word ids.

    The vocabulary comes from ``ptb.train.txt`` only: ids are ranks by descending
    count, ties broken by the word. Words of the valid and test files that are not
    in it are dropped, as the original does (PTB's own files have none: the
    preprocessing already mapped rare words to ``<unk>``).

    Args:
      data_path: directory holding ``ptb.train.txt``, ``ptb.valid.txt``, ``ptb.test.txt``.

    Returns:
      ``(train_data, valid_data, test_data, vocabulary_size)``; the first three are
      lists of ints.

    Raises:
      PTBDataError: the directory or a file is missing, a file is empty or not UTF-8.
    """
    _check_dir(data_path)
    paths = [os.path.join(data_path, name) for name in FILENAMES]
    word_to_id = _build_vocab(paths[0])
    train, valid, test = (_file_to_word_ids(path, word_to_id) for path in paths)
    return train, valid, test, len(word_to_id)


def _check_dir(data_path):
    if not data_path or not os.path.isdir(data_path):
        raise PTBDataError(f"{data_path}: no such directory (expected one holding "
                           f"{', '.join(FILENAMES)})")


def epoch_size(num_words, batch_size, num_steps):
    """Batches per epoch: ``((num_words // batch_size) - 1) // num_steps``, as in PTBInput."""
    return ((num_words // batch_size) - 1) // num_steps



def ptb_windows(raw_data, batch_size, num_steps):
    """The batches of one epoch as ``[epoch_size, batch_size, num_steps + 1]`` int32 windows:
    window ``i`` holds ``x`` (its first ``num_steps`` columns) and ``y`` (its last), the
    ``i``-th batch ``ptb_producer`` dequeues.

    Raises:
      ValueError: when ``epoch_size == 0``.
    """
    data = np.asarray(raw_data, dtype=np.int32)
    batch_len = len(data) // batch_size
    data = data[: batch_size * batch_len].reshape(batch_size, batch_len)
    size = epoch_size(len(raw_data), batch_size, num_steps)
    if size <= 0:
        raise ValueError(f"epoch_size == 0 for {len(raw_data)} words, batch_size={batch_size}, "
                         f"num_steps={num_steps}: decrease batch_size or num_steps")
    return np.stack([data[:, i * num_steps: i * num_steps + num_steps + 1] for i in range(size)])
