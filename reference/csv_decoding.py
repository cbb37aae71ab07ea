"""Decoding CSV lines: what ``decode_csv`` gives and its error texts.

Reproduces: note 003 "tensorflow 输入流水线" (``record_defaults = [[1], [1], [1], [1], [1]]``
"in case of empty columns. Also specifies the type of the decoded result", ``tf.decode_csv``,
``features = tf.stack([col1, col2, col3, col4])``, ``col5`` the label) through
``pipelines.csv_input``, and the notes' program itself (shuffled, unlimited epochs, ten
single reads) with the reader and ``start_queue_runners`` it leaves out. Files go to a
temporary directory, written ``<dir>`` in every observed string; a queue's per-process counter
(``'_3_batch/…'``) is written ``'_N_'``.
"""
import os
import tempfile

from reference.tf1 import tf

from pipelines import csv_input
from reference.catalogue import inputs
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import plain
from reference.catalogue.registry import portable
from reference.catalogue.registry import queue_session
from reference.catalogue.registry import queued_batches

DEFAULTS = inputs.CSV_DEFAULTS




@demo('003 "tensorflow 输入流水线": record_defaults [[1]] * 5, decode_csv, tf.stack',
      ["TextLineReader reads file0.csv, then file1.csv, line by line",
       "record_defaults [[1], [1], [1], [1], [1]] decode five int32 columns",
       "tf.stack([col1, col2, col3, col4]) of one line is its 4 features; col5 is the label",
       "batched, tf.stack(..., axis=1) gives [batch, 4] features"])
def csv_notes_example():
    with tempfile.TemporaryDirectory() as directory, fresh_session() as session:
        one_line = csv_input.decode_line(tf.constant("x.csv:1"), tf.constant("1,10,100,1000,1"),
                                         DEFAULTS)
        stacked = tf.stack(one_line[:4])
        col1, col2, col3, col4, col5 = csv_input.csv_batches(
            inputs.csv_files(directory), DEFAULTS, batch_size=1, num_epochs=1)
        features = tf.stack([col1, col2, col3, col4], axis=1)
        got = {"one_line": session.run([stacked, one_line[4]]),
               "one_line_shape": stacked.shape.as_list(),
               "batches": queued_batches([features, col5]),
               "features_shape": features.shape.as_list(),
               "dtypes": [t.dtype.name for t in (features, col5)]}
    return plain(got)


@demo('003 "tensorflow 输入流水线": the notes\' program (string_input_producer(["file0.csv", '
      '"file1.csv"]), 10 single reads)',
      ["string_input_producer shuffles by default and has no epoch limit: 10 single reads of "
       "the 5 rows are two epochs",
       "each epoch reads the two files in a shuffled order, each file line by line (with graph "
       "seed 1: file0 then file1, then file1 then file0)",
       "the notes leave out the reader (TextLineReader().read) and start_queue_runners; "
       "restored here"])
def csv_notes_program():
    with tempfile.TemporaryDirectory() as directory, fresh_session(seed=1) as session:
        filename_queue = tf.train.string_input_producer(inputs.csv_files(directory))
        reader = tf.TextLineReader()
        key, value = reader.read(filename_queue)
        record_defaults = [[1], [1], [1], [1], [1]]
        col1, col2, col3, col4, col5 = tf.decode_csv(value, record_defaults=record_defaults)
        features = tf.stack([col1, col2, col3, col4])
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(session, coord=coord)
        reads = [session.run([features, col5, key]) for _ in range(10)]
        coord.request_stop()
        coord.join(threads)
        return portable({"reads": reads, "local_variables": tf.local_variables()}, directory)


@demo('003 "tensorflow 输入流水线": record_defaults "in case of empty columns"',
      ["record_defaults [[0], [2.5], ['none'], ['filled']] give int32, float32, string, "
       "string columns", "an empty column takes its default; a quoted delimiter stays in "
       "the field", "a required column (default []) that is empty is an error"])
def csv_record_defaults():
    with fresh_session() as session:
        columns = csv_input.decode_line(tf.constant("x.csv:1"), tf.constant('7,,"a,b",'),
                                        [[0], [2.5], ["none"], ["filled"]])
        required = tf.decode_csv("7,", [[0], tf.constant([], tf.int32)])
        return plain({"values": session.run(columns), "dtypes": [c.dtype.name for c in columns],
                      "required_empty": error_of(session.run, required)})


@demo('003 "tensorflow 输入流水线": string_input_producer(num_epochs=2) + tf.train.batch',
      ["two epochs of 5 rows in batches of 3: a batch spans files and epochs",
       "the last row, short of a batch, is dropped; the next run is an OutOfRangeError"])
def csv_epochs_then_out_of_range():
    with tempfile.TemporaryDirectory() as directory, fresh_session():
        first, *_ = csv_input.csv_batches(inputs.csv_files(directory), DEFAULTS, batch_size=3,
                                          num_epochs=2)
        with queue_session() as run:
            got = {"batches": list(run.batches(first)),
                   "next_run": error_of(run.session.run, first)}
        return portable(got, directory)


@demo('003 "tensorflow 输入流水线": a line with the wrong number of columns; a vanished file',
      ["decode_csv reports a short line by its record index only, naming no file or line",
       "csv_input.decode_line names the file and line (the reader's key)",
       "a file removed after the build-time check is a NotFoundError in the reader"])
def csv_decoding_errors():
    with tempfile.TemporaryDirectory() as directory:
        with fresh_session() as session:
            got = {"decode_csv": error_of(session.run, tf.decode_csv("6,7,8,9", DEFAULTS))}
        with fresh_session() as session:
            bad = inputs.write_text(directory, "bad.csv", "h1,h2,h3,h4,h5\n1,2,3,4,5\n6,7,8,9\n")
            first, *_ = csv_input.csv_batches([bad], DEFAULTS, batch_size=1, num_epochs=1,
                                              skip_header_lines=1)
            got["wrong_column_count"] = error_of(queued_batches, first)
        with fresh_session() as session:
            doomed = inputs.write_text(directory, "doomed.csv", "1,2,3,4,5\n")
            first, *_ = csv_input.csv_batches([doomed], DEFAULTS, batch_size=1, num_epochs=1)
            os.remove(doomed)
            got["file_removed"] = error_of(queued_batches, first)
        return portable(got, directory)


