"""PTB reader: the tutorial's API, plus a tf.data twin of its queue producer.

Reproduces: note 003 "PTBInput" (``reader.ptb_producer`` feeding the model) and
[PTB] ``tutorials/rnn/ptb/reader.py``: ``ptb_raw_data`` and ``ptb_producer`` keep
their signatures and results so migrating code can drop this module in.

Differences from the original, all on input the canonical files never contain:
* a line break always separates words (the original pastes ``<eos>`` between the
  last word of a line and the first of the next when no space surrounds it);
* missing, empty or non-UTF-8 files raise ``PTBDataError`` naming the file, before
  any graph is built, instead of a TensorFlow ``NotFoundError`` or a stray
  ``UnicodeDecodeError``.
"""
import collections
import os

from reference.tf1 import tf

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


def ptb_producer(raw_data, batch_size, num_steps, name=None):
    """Iterates on the raw PTB data through a queue, in TF1 style.

    Chunks ``raw_data`` into ``batch_size`` rows and returns windows of
    ``num_steps`` columns, in order, epoch after epoch. The index comes from a
    ``range_input_producer`` queue, so the session needs ``start_queue_runners``
    (a Supervisor's managed session starts them).

    Args:
      raw_data: list (or 1-D array) of int word ids.
      batch_size: int, rows per batch.
      num_steps: int, window length.
      name: name scope (default ``PTBProducer``, uniquified).

    Returns:
      ``(x, y)``: int32 tensors ``[batch_size, num_steps]``; y is x shifted right by one.

    Raises:
      tf.errors.InvalidArgumentError: when ``epoch_size == 0`` ("epoch_size == 0,
        decrease batch_size or num_steps"). It is raised in the queue runner's
        thread, which closes the queue: ``session.run(x)`` fails with
        ``OutOfRangeError`` and ``coord.join(threads)`` re-raises the assertion.
    """
    with tf.name_scope(name, "PTBProducer", [raw_data, batch_size, num_steps]):
        raw_data = tf.convert_to_tensor(raw_data, name="raw_data", dtype=tf.int32)
        data_len = tf.size(raw_data)
        batch_len = data_len // batch_size
        data = tf.reshape(raw_data[0: batch_size * batch_len], [batch_size, batch_len])

        epoch_size_t = (batch_len - 1) // num_steps
        assertion = tf.assert_positive(
            epoch_size_t, message="epoch_size == 0, decrease batch_size or num_steps")
        with tf.control_dependencies([assertion]):
            epoch_size_t = tf.identity(epoch_size_t, name="epoch_size")

        i = tf.train.range_input_producer(epoch_size_t, shuffle=False).dequeue()
        x = tf.strided_slice(data, [0, i * num_steps], [batch_size, (i + 1) * num_steps])
        x.set_shape([batch_size, num_steps])
        y = tf.strided_slice(data, [0, i * num_steps + 1], [batch_size, (i + 1) * num_steps + 1])
        y.set_shape([batch_size, num_steps])
        return x, y


def ptb_dataset(raw_data, batch_size, num_steps):
    """The TF2-native twin of ``ptb_producer``: a ``tf.data.Dataset`` of ``(x, y)``.

    Yields exactly the batches ``ptb_producer`` dequeues, in the same order, and
    repeats forever like it; no queue runners are needed. In TF1 graph mode get
    tensors with ``tf.data.make_one_shot_iterator(ds).get_next()``; in TF2, iterate.

    Raises:
      ValueError: when ``epoch_size == 0`` (checked here, in Python, since the data
        is known when the dataset is built).
    """
    data = np.asarray(raw_data, dtype=np.int32)
    batch_len = len(data) // batch_size
    data = data[: batch_size * batch_len].reshape(batch_size, batch_len)
    size = epoch_size(len(raw_data), batch_size, num_steps)
    if size <= 0:
        raise ValueError(f"epoch_size == 0 for {len(raw_data)} words, batch_size={batch_size}, "
                         f"num_steps={num_steps}: decrease batch_size or num_steps")
    windows = np.stack([data[:, i * num_steps: i * num_steps + num_steps + 1] for i in range(size)])
    return (tf.data.Dataset.from_tensor_slices(windows)
            .map(lambda w: (w[:, :num_steps], w[:, 1:]))
            .repeat())
