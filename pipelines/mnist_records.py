"""MNIST as TFRecords: the converter, the queue pipeline over the files, and its tf.data twin.

Reproduces: [TF1] ``tensorflow/examples/how_tos/reading_data/convert_to_records.py`` and
``fully_connected_reader.py`` (one ``tf.train.Example`` per image: ``height``, ``width``,
``depth``, ``label`` as int64 and ``image_raw`` as the 784 bytes; read back with
``TFRecordReader`` + ``parse_single_example``, ``decode_raw``, scaled to [0, 1] and batched),
which note 003's "tensorflow 输入流水线" describes step by step.

Both pipelines give ``(images, labels)``: float32 ``[batch, 784]`` in [0, 1] (pixel / 255)
and int32 ``[batch]``. A damaged file fails with a ``DataLossError`` that names it when the
runner is given ``describe_error(filenames)``.
"""
from reference.tf1 import tf

import numpy as np

from pipelines import queues
from pipelines import tfrecord

PIXELS = 28 * 28
FEATURES = {
    "height": tf.FixedLenFeature([], tf.int64),
    "width": tf.FixedLenFeature([], tf.int64),
    "depth": tf.FixedLenFeature([], tf.int64),
    "label": tf.FixedLenFeature([], tf.int64),
    "image_raw": tf.FixedLenFeature([], tf.string),
}


def convert_to_tfrecords(images, labels, path):
    """Writes uint8 ``images [n, 28, 28]`` and their ``labels [n]`` to one TFRecord file.

    Returns:
      the number of examples written.
    """
    images = np.asarray(images, dtype=np.uint8)
    if images.shape[1:] != (28, 28) or len(images) != len(labels):
        raise ValueError(f"expected images [n, 28, 28] and n labels, got {images.shape} and "
                         f"{len(labels)}")
    return tfrecord.write_records(path, (tfrecord.example({
        "height": tfrecord.int64_feature([28]),
        "width": tfrecord.int64_feature([28]),
        "depth": tfrecord.int64_feature([1]),
        "label": tfrecord.int64_feature([int(label)]),
        "image_raw": tfrecord.bytes_feature([image.tobytes()]),
    }) for image, label in zip(images, labels)))


def decode(serialized):
    """One serialized example -> ``(image float32 [784] in [0, 1], label int32)``."""
    features = tf.parse_single_example(serialized, FEATURES)
    image = tf.decode_raw(features["image_raw"], tf.uint8)
    image.set_shape([PIXELS])
    return tf.cast(image, tf.float32) * (1.0 / 255), tf.cast(features["label"], tf.int32)


def decode_batch(serialized):
    """``decode`` for a vector of serialized examples at once (``parse_example``): the same
    ``(images [n, 784], labels [n])``, one op per batch instead of per example."""
    features = tf.parse_example(serialized, FEATURES)
    images = tf.reshape(tf.decode_raw(features["image_raw"], tf.uint8), [-1, PIXELS])
    return tf.cast(images, tf.float32) * (1.0 / 255), tf.cast(features["label"], tf.int32)


def queue_batches(filenames, batch_size, num_epochs=None, shuffle=True, num_threads=2,
                  min_after_dequeue=1000, seed=None, allow_smaller_final_batch=False):
    """The queue pipeline: filename queue -> ``TFRecordReader`` -> ``decode`` -> ``shuffle_batch``
    (``batch`` when not shuffling) with the notes' capacity rule.

    Returns:
      ``(images, labels)`` batch tensors; run them inside ``runner.QueueSession``.
    """
    _, serialized = tfrecord.read_records(filenames, num_epochs=num_epochs, shuffle=shuffle,
                                          seed=seed)
    return queues.batch(list(decode(serialized)), batch_size, shuffle=shuffle,
                        num_threads=num_threads, min_after_dequeue=min_after_dequeue, seed=seed,
                        allow_smaller_final_batch=allow_smaller_final_batch)


def dataset(filenames, batch_size, num_epochs=None, shuffle=True, min_after_dequeue=1000,
            seed=None, allow_smaller_final_batch=False, parallel_calls=None):
    """The tf.data twin of ``queue_batches``: a dataset of ``(images, labels)`` batches.

    Without shuffling it yields the queue pipeline's batches in the same order (with one
    runner thread there); with shuffling, each epoch's examples are the same."""
    examples = tfrecord.records_dataset(filenames, shuffle=shuffle, seed=seed).map(
        decode, num_parallel_calls=parallel_calls)
    return queues.batch_dataset(examples, batch_size, num_epochs=num_epochs, shuffle=shuffle,
                                min_after_dequeue=min_after_dequeue, seed=seed,
                                allow_smaller_final_batch=allow_smaller_final_batch)


def describe_error(filenames):
    """The error hook naming a damaged file (``tfrecord.name_data_loss``)."""
    return tfrecord.name_data_loss(filenames)

