"""Queues and producers the TF2 way: a ``tf.data`` pipeline, iterated.

Replaces ``reference/input_queues.py``. A dataset yields its elements in order
(``from_tensor_slices``, ``concatenate``), ``repeat(num_epochs)`` replaces the epoch counter
(no local variable to initialize), ``shuffle(buffer_size, seed)`` the RandomShuffleQueue (the
buffer plays ``min_after_dequeue``), ``batch`` the ``dequeue_many``/``dequeue_up_to`` pair
(``drop_remainder``), ``TextLineDataset`` the filename queue + reader, and
``Dataset.range(epoch_size).map(...)`` the PTB producer. Nothing blocks and there are no
threads to start: the end of the data is the end of iteration, an iterator's ``get_next``
raising OutOfRangeError "End of sequence". No direct counterpart: blocking and deadlines (a
dataset's buffers are bounded inside; the caller never waits on an empty or full queue),
enqueueing into a closed queue (a dataset is immutable), tensor names (eager tensors have
none) and the uninitialized epoch counter. Shuffles run under ``tf.random.set_seed(1)``: a
dataset's op seed combines with the global one, which other code in the process may set; it
is unset (``set_seed(None)``) afterwards.
"""
import contextlib
import os
import tempfile
import threading

import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.catalogue.observed import portable
from reference.native.registry import counterpart


@contextlib.contextmanager
def _global_seed(seed):
    tf.random.set_seed(seed)
    try:
        yield
    finally:
        tf.random.set_seed(None)


def _ints(dataset):
    return list(dataset.as_numpy_iterator())


def _end_of_data(dataset):
    """What ``get_next`` of an iterator past the end of ``dataset`` raises."""
    iterator = iter(dataset)
    for _ in iterator:
        pass
    return error_of(iterator.get_next)


@counterpart(["fifo_enqueue_many_example"], "tf.data.Dataset.from_tensor_slices((strings, "
             "int64s)).concatenate(Dataset.from_tensors(element))")
def dataset_of_components(tf1):
    many = tf.data.Dataset.from_tensor_slices((["hello", "world"], tf.constant([1, 2], tf.int64)))
    dataset = many.concatenate(tf.data.Dataset.from_tensors(("hello", tf.constant(1, tf.int64))))
    return {"dequeued": _ints(dataset), "dtypes": [s.dtype.name for s in dataset.element_spec]}


@counterpart(["queue_blocking_and_deadlines"], "tf.data iteration: the end of the data ends "
             "it (OutOfRangeError from get_next); concatenate; batch(4) / drop_remainder")
def dataset_never_blocks(tf1):
    three = tf.data.Dataset.from_tensor_slices([1, 2, 3])
    four_then_three = tf.data.Dataset.from_tensor_slices([1, 2, 3, 4]).concatenate(
        tf.data.Dataset.from_tensor_slices([5, 6, 7]))
    return {"dequeued": _ints(tf.data.Dataset.from_tensor_slices([1, 2])),
            "end_of_data": _end_of_data(tf.data.Dataset.from_tensor_slices([1, 2])),
            "concatenated_unbounded": _ints(four_then_three),
            "batch_4_of_3": _ints(three.batch(4)),
            "batch_4_of_3_drop_remainder": _ints(three.batch(4, drop_remainder=True))}


@counterpart(["closed_queue_errors"], "the end of a finite dataset: batch(3) gives what is "
             "left, batch(3, drop_remainder=True) ends with OutOfRangeError")
def end_of_a_finite_dataset(tf1):
    two = tf.data.Dataset.from_tensor_slices([1, 2])
    return {"dequeue_up_to_3": _ints(two.batch(3))[0],
            "batch_3_drop_remainder": _ints(two.batch(3, drop_remainder=True)),
            "get_next_at_the_end": _end_of_data(two.batch(3, drop_remainder=True))}


@counterpart(["random_shuffle_min_after_dequeue"], "Dataset.shuffle(buffer_size=3, seed=1) "
             "under tf.random.set_seed(1)")
def shuffle_buffer(tf1):
    numbers = tf.data.Dataset.from_tensor_slices([10, 11, 12, 13, 14])
    with _global_seed(1):
        order = _ints(numbers.shuffle(3, seed=1))
    with _global_seed(1):
        again = _ints(numbers.shuffle(3, seed=1))
    return {"order": order, "again": again,
            "no_buffer": _ints(numbers.shuffle(1, seed=1))}  # a buffer of one keeps the order


@counterpart(["string_input_producer_epochs"], "Dataset.from_tensor_slices(names).repeat(2); "
             ".shuffle(len(names), seed=1).repeat(2) under tf.random.set_seed(1)")
def filenames_dataset_epochs(tf1):
    with tempfile.TemporaryDirectory() as directory:
        names = [f"{directory}/file{i}.csv" for i in range(3)]
        files = tf.data.Dataset.from_tensor_slices(names)
        with _global_seed(1):
            shuffled = _ints(files.shuffle(3, seed=1).repeat(2))
        return portable({"shuffle_False": _ints(files.repeat(2)), "shuffle_True": shuffled},
                        directory)


def ptb_windows(raw_data, batch_size, num_steps):
    """The PTB producer as a dataset: ``(x, y)`` windows, ``y`` one word on; one epoch."""
    batch_len = len(raw_data) // batch_size
    data = tf.reshape(tf.constant(raw_data[:batch_size * batch_len], tf.int32),
                      [batch_size, batch_len])
    epoch_size = (batch_len - 1) // num_steps
    tf.debugging.assert_positive(epoch_size,
                                 message="epoch_size == 0, decrease batch_size or num_steps")

    def window(i):
        start = tf.cast(i, tf.int32) * num_steps
        return (tf.slice(data, [0, start], [batch_size, num_steps]),
                tf.slice(data, [0, start + 1], [batch_size, num_steps]))
    return tf.data.Dataset.range(epoch_size).map(window)


@counterpart(["ptb_producer_windows"], "tf.data.Dataset.range(epoch_size).map(slice windows)"
             ".repeat(); tf.debugging.assert_positive(epoch_size) eagerly")
def ptb_dataset_windows(tf1):
    windows = ptb_windows(list(range(10)), batch_size=2, num_steps=2)
    x_spec = windows.element_spec[0]
    return {"batches": _ints(windows.repeat().take(3)), "shape": x_spec.shape.as_list(),
            "dtype": x_spec.dtype.name, "epoch_size": windows.cardinality().numpy(),
            "too_short": error_of(ptb_windows, list(range(5)), batch_size=2, num_steps=2)}


@counterpart(["read_without_queue_runners_blocks"], "tf.data.TextLineDataset(path): nothing "
             "to start before reading")
def text_line_dataset_reads_at_once(tf1):
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "file0.csv")
        with open(path, "w", encoding="utf-8") as file:
            file.write("1,2\n")
        return {"with_runners": next(iter(tf.data.TextLineDataset(path))).numpy()}


@counterpart(["queue_runner_threads"], "tf.data.Dataset.from_tensors(7).repeat().shuffle(10)"
             ".batch(3): no QueueRunner, no Python threads to create, start or join")
def dataset_without_runner_threads(tf1):
    before = threading.active_count()
    batches = tf.data.Dataset.from_tensors(7).repeat().shuffle(10, seed=1).batch(3).take(1)
    return {"batch": _ints(batches)[0], "threads_added": threading.active_count() - before}


@counterpart(["producer_and_shuffle_batch_structure"], "Dataset.from_tensor_slices(names)"
             ".shuffle(2).repeat(); .shuffle(10000 + 3 * 4).batch(4, drop_remainder=True)")
def dataset_shuffle_and_batch_specs(tf1):
    names = tf.data.Dataset.from_tensor_slices(["file0.csv", "file1.csv"])
    examples = tf.data.Dataset.from_tensors((tf.constant([1, 10, 100, 1000]), 1)).repeat(8)
    batched = examples.shuffle(10000 + 3 * 4, seed=1).batch(4, drop_remainder=True)
    return {"producer_element": names.shuffle(2).repeat().element_spec.dtype.name,
            "shapes": [spec.shape.as_list() for spec in batched.element_spec],
            "buffer_below_a_batch": _ints(examples.shuffle(2, seed=1).batch(4).take(1))[0]}
