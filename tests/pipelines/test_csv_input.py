"""CSV pipeline: the tf.data twin, shuffling, bad input stopping the runners.

What decoding gives (values, dtypes, epochs, error texts) is observed by
``reference.record_decoding`` and pinned in tests/reference/test_record_decoding.py.
"""
import collections

from reference.tf1 import tf

import numpy as np
import pytest

from pipelines import csv_input
from pipelines import runner

DEFAULTS = [[1], [1], [1], [1], [1]]  # the notes' record_defaults: five int32 columns


@pytest.fixture
def csv_files(tmp_path):
    """file0.csv rows 1..3 and file1.csv rows 4..5; row r is r, 10r, 100r, 1000r, label r % 2."""
    def rows(numbers):
        return "".join(f"{r},{10 * r},{100 * r},{1000 * r},{r % 2}\n" for r in numbers)
    (tmp_path / "file0.csv").write_text(rows([1, 2, 3]))
    (tmp_path / "file1.csv").write_text(rows([4, 5]))
    return [str(tmp_path / "file0.csv"), str(tmp_path / "file1.csv")]


def queue_batches(graph, tensors, **session_args):
    with runner.QueueSession(graph, **session_args) as run:
        return list(run.batches(tensors))


def dataset_batches(graph, dataset):
    element = tf.data.make_one_shot_iterator(dataset).get_next()
    with tf.Session(graph=graph) as session:
        return list(runner.dataset_batches(session, element))


def test_tf_data_twin_yields_the_same_batches_in_the_same_order(graph, csv_files):
    queued = queue_batches(graph, csv_input.csv_batches(
        csv_files, DEFAULTS, batch_size=2, num_epochs=3, allow_smaller_final_batch=True))
    with tf.Graph().as_default() as twin_graph:
        twin = dataset_batches(twin_graph, csv_input.csv_dataset(
            csv_files, DEFAULTS, batch_size=2, num_epochs=3, allow_smaller_final_batch=True))
    assert len(queued) == len(twin) == 8  # 15 rows
    for q, t in zip(queued, twin):
        np.testing.assert_array_equal(np.stack(q), np.stack(t))


def test_shuffled_twin_yields_the_same_rows_per_epoch(graph, csv_files):
    first, *_ = csv_input.csv_batches(csv_files, DEFAULTS, batch_size=1, num_epochs=1,
                                      shuffle=True, num_threads=2, min_after_dequeue=2, seed=3,
                                      allow_smaller_final_batch=True)
    queued = [int(b[0]) for b in queue_batches(graph, first)]
    with tf.Graph().as_default() as twin_graph:
        dataset = csv_input.csv_dataset(csv_files, DEFAULTS, batch_size=1, num_epochs=2,
                                        shuffle=True, min_after_dequeue=2, seed=3)
        twin = [int(b[0][0]) for b in dataset_batches(twin_graph, dataset)]
    assert sorted(queued) == [1, 2, 3, 4, 5]
    assert sorted(twin[:5]) == sorted(twin[5:]) == [1, 2, 3, 4, 5]  # epochs never mix


def test_shuffle_batch_over_three_epochs_yields_every_row_three_times(graph, csv_files):
    first, *_ = csv_input.csv_batches(csv_files, DEFAULTS, batch_size=4, num_epochs=3,
                                      shuffle=True, num_threads=3, min_after_dequeue=4,
                                      allow_smaller_final_batch=True)
    rows = [int(r) for batch in queue_batches(graph, first) for r in batch]
    assert collections.Counter(rows) == {r: 3 for r in [1, 2, 3, 4, 5]}


def test_a_line_with_the_wrong_column_count_stops_every_runner_thread(graph, tmp_path):
    # the message, naming the file and line: reference.record_decoding.csv_decoding_errors
    bad = tmp_path / "bad.csv"
    bad.write_text("h1,h2,h3,h4,h5\n1,2,3,4,5\n6,7,8,9\n")
    columns = csv_input.csv_batches([bad], DEFAULTS, batch_size=1, num_epochs=1,
                                    skip_header_lines=1)
    with pytest.raises(tf.errors.InvalidArgumentError):
        queue_batches(graph, columns)
    assert runner.live_runner_threads() == []


def test_the_twin_names_the_bad_line_too(graph, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('1,2,3,4,5\n"6,7",8,9,10,11,12\n')
    element = tf.data.make_one_shot_iterator(
        csv_input.csv_dataset([str(bad)], DEFAULTS, batch_size=1, num_epochs=1)).get_next()
    with tf.Session() as session:
        assert session.run(element)[0].tolist() == [1]
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=rf"assertion failed: \[{bad}:2: 6 columns, expected 5\]"):
            session.run(element)


def test_a_missing_file_is_named_before_the_graph_runs(graph, tmp_path, csv_files):
    missing = tmp_path / "file2.csv"
    with pytest.raises(FileNotFoundError, match=rf"input file not found: '{missing}'"):
        csv_input.csv_batches([*csv_files, missing], DEFAULTS, batch_size=1)
    with pytest.raises(FileNotFoundError, match=rf"input file not found: '{missing}'"):
        csv_input.csv_dataset([missing], DEFAULTS, batch_size=1)


def test_a_file_removed_after_the_check_stops_every_runner_thread(graph, tmp_path):
    # the message: reference.record_decoding.csv_decoding_errors
    doomed = tmp_path / "doomed.csv"
    doomed.write_text("1,2,3,4,5\n")
    columns = csv_input.csv_batches([doomed], DEFAULTS, batch_size=1, num_epochs=1)
    doomed.unlink()
    with pytest.raises(tf.errors.NotFoundError):
        queue_batches(graph, columns)
    assert runner.live_runner_threads() == []
