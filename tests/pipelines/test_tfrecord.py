"""TFRecord: the notes' Feature <-> FixedLenFeature table, VarLen, float32, damaged files named."""
from reference.tf1 import tf

import numpy as np
import pytest

from pipelines import runner
from pipelines import tfrecord


def parse_one(session, features, spec):
    parsed = tf.parse_single_example(tf.constant(tfrecord.example(features)), spec)
    return session.run(parsed)


def test_one_int64_parses_as_a_scalar_with_shape_empty_and_a_vector_with_shape_one(session):
    got = parse_one(session, {"v": tfrecord.int64_feature([1])},
                    {"v": tf.FixedLenFeature([], tf.int64)})
    assert (got["v"], got["v"].dtype, got["v"].shape) == (1, np.int64, ())
    got = parse_one(session, {"v": tfrecord.int64_feature([1])},
                    {"v": tf.FixedLenFeature([1], tf.int64)})
    assert (got["v"].tolist(), got["v"].shape) == ([1], (1,))


def test_two_int64s_need_shape_two_and_shape_empty_fails(session):
    features = {"v": tfrecord.int64_feature([1, 2])}
    assert parse_one(session, features, {"v": tf.FixedLenFeature([2], tf.int64)})["v"].tolist() \
        == [1, 2]
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Key: v\.  Can't parse serialized Example"):
        parse_one(session, features, {"v": tf.FixedLenFeature([], tf.int64)})


def test_int64_list_of_a_float_is_a_type_error_today():
    with pytest.raises(TypeError, match="'float' object cannot be interpreted as an integer"):
        tfrecord.int64_feature([1.0])


@pytest.mark.parametrize("shape", [[], [1]], ids=["scalar", "vector"])
def test_one_bytes_value_parses_whatever_its_length(session, shape):
    spec = {"b": tf.FixedLenFeature(shape, tf.string)}
    for payload in [b"x", b"a much longer byte string \x00\xff"]:
        got = parse_one(session, {"b": tfrecord.bytes_feature([payload])}, spec)["b"]
        assert np.asarray(got).tolist() == (payload if shape == [] else [payload])


def test_lists_of_varying_length_parse_as_sparse_with_var_len_feature(session):
    serialized = tf.constant([tfrecord.example({"v": tfrecord.int64_feature(values)})
                              for values in ([5], [6, 7, 8], [])])
    parsed = tf.parse_example(serialized, {"v": tf.VarLenFeature(tf.int64)})["v"]
    assert isinstance(parsed, tf.SparseTensor)
    value = session.run(parsed)
    assert value.indices.tolist() == [[0, 0], [1, 0], [1, 1], [1, 2]]
    assert value.values.tolist() == [5, 6, 7, 8]
    assert value.dense_shape.tolist() == [3, 3]


def test_float_list_stores_float32_so_a_python_float_comes_back_rounded(session):
    got = parse_one(session, {"f": tfrecord.float_feature([0.1])},
                    {"f": tf.FixedLenFeature([], tf.float32)})["f"]
    assert got.dtype == np.float32
    assert float(got) == 0.10000000149011612 != 0.1
    proto = tf.train.Example.FromString(tfrecord.example({"f": tfrecord.float_feature([0.1])}))
    assert proto.features.feature["f"].float_list.value[0] == 0.10000000149011612


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


def test_reader_keys_are_file_and_byte_offset_and_the_twin_reads_the_same_order(graph,
                                                                                 record_files):
    key, serialized = tfrecord.read_records(record_files, num_epochs=2)
    with runner.QueueSession(graph) as run:
        queued = list(run.batches([key, parse_number(serialized)]))
    assert [k.decode().rsplit("/", 1)[1] for k, _ in queued[:4]] == [
        "a.tfrecord:0", "a.tfrecord:30", "a.tfrecord:60", "b.tfrecord:0"]  # 12 + 14 + 4 bytes each
    assert [n for _, n in queued] == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]
    with tf.Graph().as_default(), tf.Session() as session:
        dataset = tfrecord.records_dataset(record_files).map(parse_number).repeat(2)
        twin = list(runner.dataset_batches(session,
                                           tf.data.make_one_shot_iterator(dataset).get_next()))
    assert twin == [n for _, n in queued]


def damage(path, how):
    raw = bytearray(open(path, "rb").read())
    if how == "flipped":
        raw[20] ^= 0x01  # inside the first record's payload: its CRC no longer matches
    else:
        del raw[-5:]
    open(path, "wb").write(bytes(raw))


DAMAGE = {"flipped": r"corrupted record at 12 \(after 0 intact records\)",
          "truncated": r"truncated record at 60' failed with Read less bytes than requested "
                       r"\(after 2 intact records\)"}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_damaged_file_is_a_data_loss_error_naming_it_in_the_queue_pipeline(graph, record_files,
                                                                           how):
    damage(record_files[0], how)
    key, serialized = tfrecord.read_records(record_files, num_epochs=1)
    with pytest.raises(tf.errors.DataLossError, match=rf"^{record_files[0]}: {DAMAGE[how]}$"):
        with runner.QueueSession(graph,
                                 describe_error=tfrecord.name_data_loss(record_files)) as run:
            list(run.batches(parse_number(serialized)))
    assert runner.live_runner_threads() == []


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_damaged_file_is_a_data_loss_error_naming_it_in_the_twin(graph, record_files, how):
    damage(record_files[0], how)
    element = tf.data.make_one_shot_iterator(
        tfrecord.records_dataset(record_files).map(parse_number)).get_next()
    with tf.Session() as session, pytest.raises(tf.errors.DataLossError,
                                                match=rf"^{record_files[0]}: {DAMAGE[how]}$"):
        list(runner.dataset_batches(session, element,
                                    describe_error=tfrecord.name_data_loss(record_files)))


def test_without_the_hook_tensorflow_names_no_file(graph, record_files):
    damage(record_files[1], "flipped")
    element = tf.data.make_one_shot_iterator(tfrecord.records_dataset(record_files)).get_next()
    with tf.Session() as session, pytest.raises(tf.errors.DataLossError) as raised:
        list(runner.dataset_batches(session, element))
    assert "corrupted record at 12" in raised.value.message
    assert "b.tfrecord" not in raised.value.message


def test_missing_file_is_named_at_build_time(graph, tmp_path):
    with pytest.raises(FileNotFoundError, match=rf"input file not found: '{tmp_path}/c.tfrecord'"):
        tfrecord.read_records([tmp_path / "c.tfrecord"])
