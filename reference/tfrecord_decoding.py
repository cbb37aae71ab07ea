"""Decoding TFRecords: what ``parse_example`` gives for each Feature, and the readers' errors.

Reproduces: note 003 "tf.train.Feature(..)与tf.FixedLenFeature() 的对应关系" (Int64List,
BytesList, FloatList against ``FixedLenFeature`` and ``VarLenFeature``) through
``pipelines.tfrecord``. Files go to a temporary directory, written ``<dir>`` in every observed
string.
"""
import os
import pathlib
import tempfile

from reference.tf1 import tf

import numpy as np

from pipelines import runner
from pipelines import tfrecord
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import outcome
from reference.catalogue.registry import plain
from reference.catalogue.registry import portable
from reference.catalogue.registry import queued_batches


def _parsed(session, features, spec):
    """``parse_single_example`` of an Example of ``features``: for each key the value, the
    tensor's dtype, the fetched value's Python type and its shape."""
    tensors = tf.parse_single_example(tf.constant(tfrecord.example(features)), spec)
    return {k: {"value": v, "dtype": tensors[k].dtype.name, "fetched": type(v).__name__,
                "shape": list(np.shape(v))} for k, v in session.run(tensors).items()}


@demo('003 "tf.train.Feature(..)与tf.FixedLenFeature() 的对应关系": Int64List',
      ["one int64 parses with FixedLenFeature([]) as a scalar, with [1] as a vector of one",
       "two int64s need [2]; with [] parsing fails",
       "what comes back is the int64 1, not the notes' 1.0",
       "Int64List(value=[1.0]) of the notes is a TypeError: an int64 list takes integers"])
def tfrecord_fixed_len_int64():
    one, two = tfrecord.int64_feature([1]), tfrecord.int64_feature([1, 2])
    got = {}
    with fresh_session() as session:
        for label, feature, shape in [("one_as_scalar", one, []), ("one_as_vector", one, [1]),
                                      ("two_as_vector", two, [2]), ("two_as_scalar", two, [])]:
            got[label] = outcome(_parsed, session, {"v": feature},
                                 {"v": tf.FixedLenFeature(shape, tf.int64)})
    got["int64_list_of_float"] = error_of(tfrecord.int64_feature, [1.0])
    return plain(got)


@demo('003 "tf.train.Feature(..)与tf.FixedLenFeature() 的对应关系": BytesList, FloatList',
      ["one BytesList value parses with [] or [1] whatever its length (bytes, shown "
       "byte for byte as latin-1)",
       "FloatList stores float32: 0.1 comes back 0.10000000149011612, in the proto too"])
def tfrecord_bytes_and_float32():
    got = {}
    with fresh_session() as session:
        for shape in ([], [1]):
            for payload in (b"x", b"a much longer byte string \x00\xff"):
                parsed = _parsed(session, {"b": tfrecord.bytes_feature([payload])},
                                 {"b": tf.FixedLenFeature(shape, tf.string)})["b"]
                value = parsed["value"]  # shown byte for byte, \xff too
                parsed["value"] = (value.decode("latin-1") if shape == []
                                   else [v.decode("latin-1") for v in value])
                got.setdefault("bytes_vector" if shape else "bytes_scalar", []).append(parsed)
        got["float"] = _parsed(session, {"f": tfrecord.float_feature([0.1])},
                               {"f": tf.FixedLenFeature([], tf.float32)})["f"]
    proto = tf.train.Example.FromString(tfrecord.example({"f": tfrecord.float_feature([0.1])}))
    got["proto_float"] = proto.features.feature["f"].float_list.value[0]
    return plain(got)


@demo('003 "tf.train.Feature(..)与tf.FixedLenFeature() 的对应关系": VarLenFeature',
      ["lists of varying length parse with VarLenFeature as a SparseTensor: indices "
       "[example, position], the values in order, dense_shape [examples, longest list]"])
def tfrecord_var_len_sparse():
    with fresh_session() as session:
        serialized = tf.constant([tfrecord.example({"v": tfrecord.int64_feature(values)})
                                  for values in ([5], [6, 7, 8], [])])
        parsed = tf.parse_example(serialized, {"v": tf.VarLenFeature(tf.int64)})["v"]
        value = session.run(parsed)
        return plain({"type": type(parsed).__name__, "indices": value.indices,
                      "values": value.values, "dense_shape": value.dense_shape})


def _number_files(directory):
    """a.tfrecord holds the Examples n = 0, 1, 2 and b.tfrecord n = 3, 4."""
    paths = [os.path.join(directory, name) for name in ("a.tfrecord", "b.tfrecord")]
    for path, numbers in zip(paths, ([0, 1, 2], [3, 4])):
        tfrecord.write_records(path, (tfrecord.example({"n": tfrecord.int64_feature([n])})
                                      for n in numbers))
    return paths


def _number(serialized):
    return tf.parse_single_example(serialized, {"n": tf.FixedLenFeature([], tf.int64)})["n"]


@demo('003 "tf.train.Feature(..)与tf.FixedLenFeature() 的对应关系": TFRecordReader().read',
      ["the key is '<file>:<byte offset>': a record of one small Example takes 30 bytes "
       "(8 of length, 4 of its CRC, the 14 of the Example, 4 of its CRC)",
       "with num_epochs=2 the files are read in order twice"])
def tfrecord_reader_keys():
    with tempfile.TemporaryDirectory() as directory, fresh_session():
        paths = _number_files(directory)
        key, serialized = tfrecord.read_records(paths, num_epochs=2)
        got = {"file_bytes": [os.path.getsize(p) for p in paths],
               "read": queued_batches([key, _number(serialized)])}
        return portable(got, directory)


def _damage(path, how):
    raw = bytearray(pathlib.Path(path).read_bytes())
    if how == "flipped":
        raw[20] ^= 0x01  # inside the first record's payload: its CRC no longer matches
    else:
        del raw[-5:]  # into the last record's payload
    pathlib.Path(path).write_bytes(bytes(raw))


def _read_numbers(paths, queue, describe_error):
    """Every n of ``paths`` through ``tfrecord.read_records`` (``queue``) or its twin."""
    with fresh_session() as session:
        if queue:
            return queued_batches(_number(tfrecord.read_records(paths, 1)[1]),
                           describe_error)
        dataset = tfrecord.records_dataset(paths).map(_number)
        element = tf.data.make_one_shot_iterator(dataset).get_next()
        return list(runner.dataset_batches(session, element, describe_error=describe_error))


@demo('003 "tf.train.Feature(..)与tf.FixedLenFeature() 的对应关系": a damaged tfrecords file',
      ["a flipped byte is a DataLossError 'corrupted record at <offset>', naming no file",
       "a truncated file is a DataLossError 'truncated record at <offset>'",
       "tfrecord.name_data_loss names the file and the intact records before the damage, "
       "in the queue pipeline and in its tf.data twin alike"])
def tfrecord_data_loss():
    got = {}
    for how in ("flipped", "truncated"):
        with tempfile.TemporaryDirectory() as directory:
            paths = _number_files(directory)
            _damage(paths[0], how)
            got[how] = portable(
                {f"{side}{suffix}": error_of(_read_numbers, paths, side == "queue", hook)
                 for suffix, hook in [("", None), ("_named", tfrecord.name_data_loss(paths))]
                 for side in ("queue", "dataset")}, directory)
    return got
