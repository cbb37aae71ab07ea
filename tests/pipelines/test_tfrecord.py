"""TFRecord pipeline: the tf.data twin reading in the reader's order, damage stopping the runners.

What parsing gives (the notes' Feature <-> FixedLenFeature table, VarLen, float32, reader keys,
DataLossError texts) is observed by ``reference.record_decoding`` and pinned in
tests/reference/test_record_decoding.py.
"""
from reference.tf1 import tf

import pytest

from pipelines import runner
from pipelines import tfrecord


def write_numbers(path, numbers):
    return tfrecord.write_records(path, (tfrecord.example({"n": tfrecord.int64_feature([n])})
                                         for n in numbers))


@pytest.fixture
def record_files(tmp_path):
    paths = [tmp_path / "a.tfrecord", tmp_path / "b.tfrecord"]
    assert write_numbers(paths[0], [0, 1, 2]) == 3
    assert write_numbers(paths[1], [3, 4]) == 2
    return [str(p) for p in paths]


def parse_number(serialized):
    return tf.parse_single_example(serialized, {"n": tf.FixedLenFeature([], tf.int64)})["n"]


def test_the_twin_reads_the_records_in_the_readers_order(graph, record_files):
    # the reader's keys and the numbers: reference.record_decoding.tfrecord_reader_keys
    _, serialized = tfrecord.read_records(record_files, num_epochs=2)
    with runner.QueueSession(graph) as run:
        queued = list(run.batches(parse_number(serialized)))
    with tf.Graph().as_default(), tf.Session() as session:
        dataset = tfrecord.records_dataset(record_files).map(parse_number).repeat(2)
        twin = list(runner.dataset_batches(session,
                                           tf.data.make_one_shot_iterator(dataset).get_next()))
    assert len(queued) == 10  # 5 records, twice
    assert twin == queued


def damage(path, how):
    raw = bytearray(open(path, "rb").read())
    if how == "flipped":
        raw[20] ^= 0x01  # inside the first record's payload: its CRC no longer matches
    else:
        del raw[-5:]
    open(path, "wb").write(bytes(raw))


@pytest.mark.parametrize("how", ["flipped", "truncated"])
def test_damaged_file_is_a_data_loss_error_and_stops_every_runner_thread(graph, record_files,
                                                                         how):
    # the messages, with and without the hook: reference.record_decoding.tfrecord_data_loss
    damage(record_files[0], how)
    _, serialized = tfrecord.read_records(record_files, num_epochs=1)
    with pytest.raises(tf.errors.DataLossError):
        with runner.QueueSession(graph,
                                 describe_error=tfrecord.name_data_loss(record_files)) as run:
            list(run.batches(parse_number(serialized)))
    assert runner.live_runner_threads() == []


def test_missing_file_is_named_at_build_time(graph, tmp_path):
    with pytest.raises(FileNotFoundError, match=rf"input file not found: '{tmp_path}/c.tfrecord'"):
        tfrecord.read_records([tmp_path / "c.tfrecord"])
