"""Decoding CSV the TF2 way: ``tf.io.decode_csv`` in ``TextLineDataset.map``, ``CsvDataset``.

Replaces ``reference/csv_decoding.py``. ``tf.io.decode_csv`` decodes as ``tf.decode_csv`` did
(the same ``record_defaults``, types and fill-ins); eagerly its errors carry the op's
function-node prefix and ``[Op:DecodeCSV]``. Lines come from ``tf.data.TextLineDataset`` (or
whole records from ``tf.data.experimental.CsvDataset``), ``repeat(2)`` replaces
``num_epochs=2`` and ``batch(3, drop_remainder=True)`` drops the short last batch as
``tf.train.batch`` did; the end of the data is an iterator's OutOfRangeError. Neither names
the file or line of a short record (CsvDataset drops even the record index), so
``named_columns`` keys each line ``<file>:<line>`` with ``enumerate`` and checks the column
count with ``tf.debugging.Assert`` (under ``tf.control_dependencies``), as the TF1 pipeline's
``decode_line`` does. Files go to a temporary directory, written ``<dir>``.
"""
import os
import re
import tempfile

import tensorflow as tf

from reference.catalogue import inputs
from reference.catalogue.observed import error_of
from reference.catalogue.observed import portable
from reference.native.registry import counterpart

DEFAULTS = inputs.CSV_DEFAULTS



def _stable(error):
    """A tf.data error without the dataset's per-process number (``MapDataset:5``)."""
    return dict(error, message=re.sub(r"Dataset:\d+", "Dataset:N", error["message"]))


def _all(dataset):
    return list(dataset.as_numpy_iterator())


def named_columns(path, record_defaults, skip_header_lines=0):
    """``TextLineDataset(path)`` decoded, failing with "<file>:<line>: N columns, expected M"
    for a line of the wrong width (delimiters outside double quotes, plus one)."""
    expected = len(record_defaults)

    def decode(number, line):
        columns = tf.size(tf.strings.split(tf.strings.regex_replace(line, '"[^"]*"', ""), ","))
        message = tf.strings.join([path, ":", tf.strings.as_string(number), ": ",
                                   tf.strings.as_string(columns), f" columns, expected {expected}"])
        check = tf.debugging.Assert(tf.equal(columns, expected), [message])
        with tf.control_dependencies([check]):  # before decode_csv, which is not stateful
            return tuple(tf.io.decode_csv(line, record_defaults))
    lines = tf.data.TextLineDataset(path).enumerate(start=1).skip(skip_header_lines)
    return lines.map(decode)


@counterpart(["csv_notes_example"], "tf.io.decode_csv; tf.data.TextLineDataset(files).map("
             "decode_csv + tf.stack).batch(1, drop_remainder=True)")
def text_lines_decoded(tf1):
    one_line = tf.io.decode_csv("1,10,100,1000,1", DEFAULTS)
    stacked = tf.stack(one_line[:4])
    with tempfile.TemporaryDirectory() as directory:
        examples = tf.data.TextLineDataset(inputs.csv_files(directory)).map(
            lambda line: tf.io.decode_csv(line, DEFAULTS)).map(
            lambda c1, c2, c3, c4, c5: (tf.stack([c1, c2, c3, c4]), c5))
        batched = examples.batch(1, drop_remainder=True)
        got = {"one_line": [stacked.numpy(), one_line[4].numpy()],
               "one_line_shape": stacked.shape.as_list(), "batches": _all(batched),
               "features_shape": batched.element_spec[0].shape.as_list(),
               "dtypes": [spec.dtype.name for spec in batched.element_spec]}
    return got


@counterpart(["csv_record_defaults"], "tf.io.decode_csv(line, record_defaults) eagerly")
def decode_csv_defaults(tf1):
    columns = tf.io.decode_csv('7,,"a,b",', [[0], [2.5], ["none"], ["filled"]])
    return {"values": [c.numpy() for c in columns], "dtypes": [c.dtype.name for c in columns],
            "required_empty": error_of(tf.io.decode_csv, "7,", [[0], tf.constant([], tf.int32)])}


@counterpart(["csv_epochs_then_out_of_range"], "tf.data.experimental.CsvDataset(files, "
             "record_defaults).repeat(2).batch(3, drop_remainder=True); iterator.get_next")
def csv_dataset_epochs(tf1):
    with tempfile.TemporaryDirectory() as directory:
        dataset = tf.data.experimental.CsvDataset(inputs.csv_files(directory), DEFAULTS)
        iterator = iter(dataset.repeat(2).batch(3, drop_remainder=True))
        got = {"batches": [columns[0].numpy() for columns in iterator],
               "next_run": error_of(iterator.get_next)}
        return portable(got, directory)


@counterpart(["csv_decoding_errors"], "tf.io.decode_csv eagerly; CsvDataset; TextLineDataset."
             "enumerate + tf.debugging.Assert naming <file>:<line>; a removed file")
def csv_errors_in_datasets(tf1):
    with tempfile.TemporaryDirectory() as directory:
        bad = inputs.write_text(directory, "bad.csv", "h1,h2,h3,h4,h5\n1,2,3,4,5\n6,7,8,9\n")
        doomed = inputs.write_text(directory, "doomed.csv", "1,2,3,4,5\n")
        lines = tf.data.TextLineDataset(doomed)
        os.remove(doomed)
        got = {"decode_csv": error_of(tf.io.decode_csv, "6,7,8,9", DEFAULTS),
               "csv_dataset": error_of(_all, tf.data.experimental.CsvDataset(bad, DEFAULTS,
                                                                              header=True)),
               "wrong_column_count": _stable(error_of(_all, named_columns(bad, DEFAULTS, 1))),
               "file_removed": error_of(_all, lines)}
        return portable(got, directory)


@counterpart(["csv_notes_program"], "Dataset.from_tensor_slices(files).shuffle(2, seed)."
             "repeat().flat_map(TextLineDataset).map(decode_csv + tf.stack).take(10)")
def shuffled_files_repeated(tf1):
    with tempfile.TemporaryDirectory() as directory:
        files = tf.data.Dataset.from_tensor_slices(inputs.csv_files(directory))
        lines = files.shuffle(2, seed=1).repeat().flat_map(tf.data.TextLineDataset)
        examples = lines.map(lambda line: tf.io.decode_csv(line, DEFAULTS)).map(
            lambda c1, c2, c3, c4, c5: (tf.stack([c1, c2, c3, c4]), c5))
        return {"reads": [list(read) for read in _all(examples.take(10))]}
