"""CSV files through ``TextLineReader`` + ``decode_csv`` into batches, and the tf.data twin.

Reproduces: note 003 "tensorflow 输入流水线" (``TextLineReader`` reads ``file0.csv``,
``file1.csv`` line by line; ``record_defaults = [[1], [1], [1], [1], [1]]`` "in case of empty
columns. Also specifies the type of the decoded result"; ``features = tf.stack([col1, col2,
col3, col4])`` with ``col5`` the label) and ``shuffle_batch`` after it.

``decode_csv`` itself reports a line with the wrong number of columns as "Expect 5 fields but
have 4 in record 0", which names neither file nor line. ``decode_line`` first counts the
columns (delimiters outside double quotes, plus one) and fails with an
``InvalidArgumentError`` whose message is "<file>:<line>: 4 columns, expected 5"; the reader's
key is ``<file>:<line number>``, counting from 1 and including skipped header lines.
"""
import re

from reference.tf1 import tf

from pipelines import file_queue
from pipelines import queues


def decode_line(key, line, record_defaults, field_delim=","):
    """``tf.decode_csv(line, record_defaults)`` after checking the column count.

    Args:
      key: scalar string tensor naming the line, ``<file>:<line>``.
      line: scalar string tensor, one CSV record.
      record_defaults: one list per column, ``[value]`` (type and fill-in for an empty
        column) or ``[]`` (a required column: empty is an error), as ``decode_csv`` takes.
      field_delim: one character.

    Returns:
      list of scalar tensors, one per column.

    Raises:
      tf.errors.InvalidArgumentError: at run time, "<file>:<line>: N columns, expected M".
    """
    expected = len(record_defaults)
    unquoted = tf.strings.regex_replace(line, '"[^"]*"', "")
    delimiters = tf.strings.length(unquoted) - tf.strings.length(
        tf.strings.regex_replace(unquoted, re.escape(field_delim), ""))
    columns = delimiters + 1
    message = tf.strings.join([key, ": ", tf.as_string(columns), f" columns, expected {expected}"])
    check = tf.Assert(tf.equal(columns, expected), [message], name="check_columns")
    with tf.control_dependencies([check]):
        return tf.decode_csv(line, record_defaults=record_defaults, field_delim=field_delim)


def csv_batches(filenames, record_defaults, batch_size, num_epochs=None, shuffle=False,
                num_threads=1, min_after_dequeue=0, skip_header_lines=0, seed=None,
                allow_smaller_final_batch=False):
    """Queue pipeline: filename queue -> ``TextLineReader`` -> ``decode_line`` -> ``queues.batch``.

    Without ``shuffle`` the files and lines keep their order; with it the file names are
    shuffled each epoch and the examples go through a RandomShuffleQueue.

    Returns:
      list of batched column tensors, each ``[batch_size]``.

    Raises:
      FileNotFoundError: a file is missing (at build time).
    """
    names = file_queue.filename_queue(filenames, num_epochs=num_epochs, shuffle=shuffle, seed=seed)
    key, line = tf.TextLineReader(skip_header_lines=skip_header_lines).read(names)
    columns = decode_line(key, line, record_defaults)
    return queues.batch(columns, batch_size, shuffle=shuffle, num_threads=num_threads,
                        min_after_dequeue=min_after_dequeue, seed=seed,
                        allow_smaller_final_batch=allow_smaller_final_batch)


def keyed_lines(filename, skip_header_lines=0):
    """``TextLineDataset`` of one file as ``(key, line)`` pairs keyed like ``TextLineReader``."""
    numbered = tf.data.TextLineDataset(filename).enumerate(start=1).skip(skip_header_lines)
    return numbered.map(lambda number, line: (
        tf.strings.join([filename, ":", tf.as_string(number)]), line))


def csv_dataset(filenames, record_defaults, batch_size, num_epochs=None, shuffle=False,
                min_after_dequeue=0, skip_header_lines=0, seed=None,
                allow_smaller_final_batch=False):
    """The tf.data twin of ``csv_batches``: the same batches in the same order without
    shuffling; with it, the same examples in every epoch. Elements are tuples of columns."""
    files = file_queue.filenames_dataset(filenames, shuffle=shuffle, seed=seed)
    lines = files.flat_map(lambda name: keyed_lines(name, skip_header_lines))
    examples = lines.map(lambda key, line: tuple(decode_line(key, line, record_defaults)))
    return queues.batch_dataset(examples, batch_size, num_epochs=num_epochs, shuffle=shuffle,
                                min_after_dequeue=min_after_dequeue, seed=seed,
                                allow_smaller_final_batch=allow_smaller_final_batch)
