"""TFRecord files: ``tf.train.Example`` written, read by ``TFRecordReader`` or ``TFRecordDataset``.

Reproduces: note 003 "tf.train.Feature(..)与tf.FixedLenFeature() 的对应关系": a value written
as ``Int64List(value=[v])`` parses with ``FixedLenFeature([], tf.int64)`` as a scalar and with
``FixedLenFeature([1], tf.int64)`` as a vector of one; a list of length 2 needs ``[2]``; a
``BytesList`` of one string parses with ``[]`` or ``[1]`` whatever the string's length; a list
whose length varies between examples needs ``VarLenFeature`` (a ``SparseTensor``); and
"FloatList 保存的是 float32". Two corrections to the note's text: ``Int64List(value=[1.0])``
raises ``TypeError`` with today's protobuf (an int64 list takes integers), and what comes back
is the int64 ``1``, not ``1.0``.

A corrupt or truncated file fails in the reader with ``DataLossError`` "corrupted record at
12", naming no file. ``name_data_loss(filenames)`` gives the pipelines' runners an error hook
that finds the bad file (reading the files again, only when the error has happened) and names
it and the record.
"""
from reference.tf1 import tf

from pipelines import file_queue


def int64_feature(values):
    """A ``tf.train.Feature`` holding an ``Int64List``."""
    return tf.train.Feature(int64_list=tf.train.Int64List(value=values))


def float_feature(values):
    """A ``tf.train.Feature`` holding a ``FloatList`` (stored as float32)."""
    return tf.train.Feature(float_list=tf.train.FloatList(value=values))


def bytes_feature(values):
    """A ``tf.train.Feature`` holding a ``BytesList``."""
    return tf.train.Feature(bytes_list=tf.train.BytesList(value=values))


def example(features):
    """A serialized ``tf.train.Example`` from a dict of name -> ``tf.train.Feature``."""
    return tf.train.Example(features=tf.train.Features(feature=features)).SerializeToString()


def write_records(path, records):
    """Writes serialized records to the TFRecord file ``path``; returns how many."""
    count = 0
    with tf.io.TFRecordWriter(str(path)) as writer:
        for record in records:
            writer.write(record)
            count += 1
    return count


def read_records(filenames, num_epochs=None, shuffle=False, seed=None):
    """Queue side: a filename queue and a ``TFRecordReader``; returns ``(key, serialized)``,
    the key being ``<file>:<byte offset>``."""
    names = file_queue.filename_queue(filenames, num_epochs=num_epochs, shuffle=shuffle, seed=seed)
    return tf.TFRecordReader().read(names)


def records_dataset(filenames, shuffle=False, seed=None):
    """tf.data side of ``read_records`` for one epoch: the serialized records, file by file."""
    files = file_queue.filenames_dataset(filenames, shuffle=shuffle, seed=seed)
    return files.flat_map(tf.data.TFRecordDataset)


def locate_data_loss(filenames):
    """Reads each file through; returns ``(file, intact_records, cause)`` for the first one
    that is corrupt or truncated, or None when all read cleanly."""
    for name in filenames:
        intact = 0
        try:
            for _ in tf.io.tf_record_iterator(str(name)):
                intact += 1
        except tf.errors.DataLossError as err:
            return str(name), intact, err.message.strip().splitlines()[0]
    return None


def name_data_loss(filenames):
    """An error hook for ``runner.QueueSession`` / ``runner.dataset_batches``: turns a
    ``DataLossError`` into one whose message names the file and how many records before the
    damage are intact. Other errors pass unchanged."""
    filenames = list(filenames)

    def describe(err):
        if not isinstance(err, tf.errors.DataLossError):
            return err
        located = locate_data_loss(filenames)
        if located is None:
            return err
        name, intact, cause = located
        return tf.errors.DataLossError(
            err.node_def, None, f"{name}: {cause} (after {intact} intact records)")

    return describe
