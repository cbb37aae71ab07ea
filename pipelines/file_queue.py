"""The filename queue and its tf.data twin, with missing files caught before any graph runs.

Reproduces: note 003 "tensorflow 输入流水线" step 1 ("准备文件名": ``tf.train.string_input_producer
(["file0.csv", "file1.csv"])``, a queue the readers dequeue file names from; the notes' copy of
its source shows a FIFOQueue filled by ``enqueue_many`` in a QueueRunner). With ``num_epochs``
the producer closes its queue after that many passes over the names, so the reader's next
``read`` raises ``OutOfRangeError``; ``num_epochs`` is counted in a local variable, which is
why the session must run ``tf.local_variables_initializer()``.

A missing file is otherwise found only when a reader opens it, in a runner thread, as a
``NotFoundError``; ``check_files`` raises ``FileNotFoundError`` naming it at build time.
"""
import errno
import os

from reference.tf1 import tf


def check_files(filenames):
    """Returns ``filenames`` as a list of str; raises ``FileNotFoundError`` naming the first
    missing one (or ``ValueError`` for an empty list)."""
    filenames = [os.fspath(name) for name in filenames]
    if not filenames:
        raise ValueError("no input files given")
    for name in filenames:
        if not os.path.isfile(name):
            raise FileNotFoundError(errno.ENOENT, "input file not found", name)
    return filenames


def filename_queue(filenames, num_epochs=None, shuffle=True, seed=None, name=None):
    """``tf.train.string_input_producer`` over existing files (see ``check_files``).

    Args:
      filenames: paths of the input files.
      num_epochs: passes over the names before the queue closes; None: forever.
      shuffle: shuffle the names within each epoch (the producer's default is True).
      seed: op seed for that shuffle.
      name: name scope.

    Returns:
      the filename queue, to hand to a reader's ``read``.
    """
    return tf.train.string_input_producer(check_files(filenames), num_epochs=num_epochs,
                                          shuffle=shuffle, seed=seed, name=name)


def filenames_dataset(filenames, shuffle=True, seed=None):
    """The tf.data twin of ``filename_queue`` for one epoch (the pipelines repeat downstream):
    the names, reshuffled on every pass when ``shuffle``."""
    names = check_files(filenames)
    dataset = tf.data.Dataset.from_tensor_slices(names)
    return dataset.shuffle(len(names), seed=seed) if shuffle else dataset
