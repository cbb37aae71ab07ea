"""Decoding TFRecords the TF2 way: ``tf.io.parse_single_example`` / ``parse_example`` eagerly,
``tf.data.TFRecordDataset`` for the files.

Replaces ``reference/tfrecord_decoding.py``. ``tf.train.Example`` / ``Feature`` and
``tf.io.TFRecordWriter`` are unchanged; ``tf.io.FixedLenFeature`` and ``VarLenFeature`` parse
as ``tf.FixedLenFeature`` did, eagerly (``.numpy()`` gives the values a session's ``run``
gave; eager errors carry the op's function-node prefix and ``[Op:…]``). No direct
counterpart: the reader's ``<file>:<byte offset>`` key (a dataset yields only the records:
``keyed_records`` computes it with ``scan``, each record taking its length plus 16 bytes of
framing) and naming the damaged file of a ``DataLossError`` (``locate_data_loss`` reads each
file on its own, as the TF1 pipeline's hook does). Files go to a temporary directory,
written ``<dir>``.
"""
import os
import pathlib
import re
import tempfile

import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.catalogue.observed import outcome
from reference.catalogue.observed import portable
from reference.native.registry import counterpart

FRAMING = 16  # a record's length (8 bytes) and two CRCs (4 each) around its payload


def _int64s(values):
    return tf.train.Feature(int64_list=tf.train.Int64List(value=values))


def _bytes(values):
    return tf.train.Feature(bytes_list=tf.train.BytesList(value=values))


def _example(features):
    return tf.train.Example(features=tf.train.Features(feature=features)).SerializeToString()


def _parsed(features, spec):
    """For each key of ``parse_single_example``: value, dtype, the NumPy type, shape."""
    return {k: {"value": v.numpy(), "dtype": v.dtype.name, "fetched": type(v.numpy()).__name__,
                "shape": v.shape.as_list()}
            for k, v in tf.io.parse_single_example(_example(features), spec).items()}


@counterpart(["tfrecord_fixed_len_int64"], "tf.io.parse_single_example with "
             "tf.io.FixedLenFeature([] / [1] / [2], tf.int64) eagerly; tf.train.Int64List")
def parse_fixed_len_int64(tf1):
    one, two = _int64s([1]), _int64s([1, 2])
    got = {label: outcome(_parsed, {"v": feature}, {"v": tf.io.FixedLenFeature(shape, tf.int64)})
           for label, feature, shape in [("one_as_scalar", one, []), ("one_as_vector", one, [1]),
                                         ("two_as_vector", two, [2]), ("two_as_scalar", two, [])]}
    got["int64_list_of_float"] = error_of(_int64s, [1.0])
    return got


@counterpart(["tfrecord_bytes_and_float32"], "tf.io.FixedLenFeature([] / [1], tf.string) and "
             "([], tf.float32) through tf.io.parse_single_example")
def parse_bytes_and_float32(tf1):
    got = {}
    for shape in ([], [1]):
        for payload in (b"x", b"a much longer byte string \x00\xff"):
            parsed = _parsed({"b": _bytes([payload])},
                             {"b": tf.io.FixedLenFeature(shape, tf.string)})["b"]
            value = parsed["value"]  # shown byte for byte, \xff too
            parsed["value"] = (value.decode("latin-1") if shape == []
                               else [v.decode("latin-1") for v in value])
            got.setdefault("bytes_vector" if shape else "bytes_scalar", []).append(parsed)
    point_one = {"f": tf.train.Feature(float_list=tf.train.FloatList(value=[0.1]))}
    got["float"] = _parsed(point_one, {"f": tf.io.FixedLenFeature([], tf.float32)})["f"]
    proto = tf.train.Example.FromString(_example(point_one))
    got["proto_float"] = proto.features.feature["f"].float_list.value[0]
    return got


@counterpart(["tfrecord_var_len_sparse"], "tf.io.parse_example(serialized, "
             "{'v': tf.io.VarLenFeature(tf.int64)}) eagerly: a tf.sparse.SparseTensor")
def parse_var_len_sparse(tf1):
    serialized = [_example({"v": _int64s(values)}) for values in ([5], [6, 7, 8], [])]
    parsed = tf.io.parse_example(serialized, {"v": tf.io.VarLenFeature(tf.int64)})["v"]
    return {"type": type(parsed).__name__, "indices": parsed.indices.numpy(),
            "values": parsed.values.numpy(), "dense_shape": parsed.dense_shape.numpy(),
            "dense": tf.sparse.to_dense(parsed).numpy()}


def _number_files(directory):
    """a.tfrecord holds the Examples n = 0, 1, 2 and b.tfrecord n = 3, 4."""
    paths = [os.path.join(directory, name) for name in ("a.tfrecord", "b.tfrecord")]
    for path, numbers in zip(paths, ([0, 1, 2], [3, 4])):
        with tf.io.TFRecordWriter(path) as writer:
            for n in numbers:
                writer.write(_example({"n": _int64s([n])}))
    return paths


def _number(serialized):
    return tf.io.parse_single_example(serialized, {"n": tf.io.FixedLenFeature([], tf.int64)})["n"]


def keyed_records(path):
    """``TFRecordDataset(path)`` as ``(key, record)``, the key ``<file>:<byte offset>`` as
    ``TFRecordReader`` gave it."""
    def step(offset, record):
        key = tf.strings.join([path, ":", tf.strings.as_string(offset)])
        size = tf.cast(tf.strings.length(record), tf.int64) + FRAMING
        return offset + size, (key, record)
    return tf.data.TFRecordDataset(path).scan(np.int64(0), step)


@counterpart(["tfrecord_reader_keys"], "tf.data.TFRecordDataset; Dataset.scan for the byte "
             "offsets; repeat(2)")
def records_dataset_keys(tf1):
    with tempfile.TemporaryDirectory() as directory:
        paths = _number_files(directory)
        records = keyed_records(paths[0]).concatenate(keyed_records(paths[1]))
        read = records.map(lambda key, record: (key, _number(record))).repeat(2)
        return portable({"file_bytes": [os.path.getsize(p) for p in paths],
                         "read": list(read.as_numpy_iterator())}, directory)


def _cause(err):
    """An eager error's message without the function-node prefix and the ``[Op:…]`` suffix."""
    return re.sub(r"^\{\{function_node [^}]*\}\} | \[Op:\w+\].*$", "", err.message.strip())


def locate_data_loss(paths):
    """Reads each file through; ``(file, intact records, cause)`` for the first damaged one."""
    for path in paths:
        intact = 0
        try:
            for _ in tf.data.TFRecordDataset(path):
                intact += 1
        except tf.errors.DataLossError as err:
            return path, intact, _cause(err)
    return None


@counterpart(["tfrecord_data_loss"], "iterating tf.data.TFRecordDataset over a damaged file: "
             "DataLossError; each file read on its own to name it")
def records_dataset_data_loss(tf1):
    got = {}
    for how in ("flipped", "truncated"):
        with tempfile.TemporaryDirectory() as directory:
            paths = _number_files(directory)
            raw = bytearray(pathlib.Path(paths[0]).read_bytes())
            if how == "flipped":
                raw[20] ^= 0x01  # inside the first record's payload: its CRC no longer matches
            else:
                del raw[-5:]  # into the last record's payload
            pathlib.Path(paths[0]).write_bytes(bytes(raw))
            name, intact, cause = locate_data_loss(paths)
            got[how] = portable({
                "dataset": error_of(list, tf.data.TFRecordDataset(paths).map(_number)),
                "dataset_named": {"type": "DataLossError",
                                  "message": f"{name}: {cause} (after {intact} intact records)"},
                "cause": cause}, directory)
    return got
