"""Queues: enqueue and dequeue, blocking with a deadline, QueueRunner threads, batching queues.

Reproduces: note 003 "Queue" (a full queue blocks enqueue, an empty one blocks dequeue),
"Coordinator(协调者)" (the ``MyLoop`` threads), "QueueRunner" (``QueueRunner(queue,
[enqueue_op] * 4)``; "enqueue_many 中的数量多余 Queue 中剩余的数量时,会阻塞"), the FIFOQueue
example (``enqueue_many([['hello', 'world'], [1, 2]])``: one list per component) and
"tensorflow 输入流水线" (``shuffle_batch`` and its capacity recommendation).

A blocked op here never hangs a caller: ``try_run`` gives it a deadline
(``RunOptions(timeout_in_ms=...)``), after which TensorFlow cancels it. Cancelling is not
undoing: an ``enqueue_many`` cut off at the deadline leaves the elements that fitted in the
queue, and a ``dequeue_many`` (or ``dequeue_up_to`` on an open queue, which also waits for
the full count) loses the elements it had taken (the ``queue_blocking_and_deadlines``
demonstration of ``reference/input_queues.py`` observes it on every TensorFlow). Only
single-element ``enqueue``/``dequeue`` are all-or-nothing.
"""
import threading

from reference.tf1 import tf


def try_run(session, fetches, timeout_ms, feed_dict=None):
    """Runs ``fetches`` unless they block for longer than ``timeout_ms``.

    Returns:
      ``(True, values)`` when the run finished, ``(False, None)`` when it was still blocked at
      the deadline (a ``DeadlineExceededError``; the blocked op is cancelled, see above).
    """
    options = tf.RunOptions(timeout_in_ms=timeout_ms)
    try:
        return True, session.run(fetches, feed_dict=feed_dict, options=options)
    except tf.errors.DeadlineExceededError:
        return False, None


def start_loops(coord, step, count):
    """Starts the notes' ``MyLoop`` in ``count`` threads registered with ``coord``.

    Each thread calls ``step()`` until ``coord.should_stop()``; when ``step`` returns True
    ("some condition"), that thread calls ``coord.request_stop()`` and all of them stop. An
    exception in ``step`` is reported to ``coord`` and re-raised by ``coord.join``.

    Returns:
      the started threads.
    """
    def my_loop():
        with coord.stop_on_exception():
            while not coord.should_stop():
                if step():
                    coord.request_stop()

    threads = [threading.Thread(target=my_loop, name=f"MyLoop-{i}", daemon=True)
               for i in range(count)]
    for thread in threads:
        coord.register_thread(thread)
        thread.start()
    return threads


def add_runner(queue, enqueue_op, num_threads):
    """``tf.train.QueueRunner(queue, [enqueue_op] * num_threads)``, added to the graph's
    QUEUE_RUNNERS collection so ``start_queue_runners`` starts its threads."""
    runner = tf.train.QueueRunner(queue, [enqueue_op] * num_threads)
    tf.train.add_queue_runner(runner)
    return runner


def recommended_capacity(min_after_dequeue, num_threads, batch_size, margin=1):
    """The notes' rule: ``min_after_dequeue + (num_threads + a small safety margin) *
    batch_size``. The notes' own example, 1 thread with margin 2, is ``min_after_dequeue +
    3 * batch_size``."""
    if batch_size < 1 or num_threads < 1:
        raise ValueError(f"batch_size and num_threads must be positive, got {batch_size!r} and "
                         f"{num_threads!r}")
    if min_after_dequeue < 0 or margin < 0:
        raise ValueError(f"min_after_dequeue and margin must be non-negative, got "
                         f"{min_after_dequeue!r} and {margin!r}")
    return min_after_dequeue + (num_threads + margin) * batch_size


def batch(tensors, batch_size, shuffle=False, num_threads=1, min_after_dequeue=0, seed=None,
          allow_smaller_final_batch=False, name=None):
    """``tf.train.batch`` or ``tf.train.shuffle_batch`` sized by ``recommended_capacity``.

    Each of ``num_threads`` runner threads evaluates ``tensors`` (usually: read a record and
    decode it) and enqueues one example. Without shuffling and with one thread, batches keep
    the reader's order; more threads may reorder neighbours.

    Returns:
      the batched tensors (a list when ``tensors`` is a list), first dimension ``batch_size``
      (``None`` with ``allow_smaller_final_batch``).
    """
    capacity = recommended_capacity(min_after_dequeue, num_threads, batch_size)
    if shuffle:
        return tf.train.shuffle_batch(
            tensors, batch_size, capacity=capacity, min_after_dequeue=min_after_dequeue,
            num_threads=num_threads, seed=seed,
            allow_smaller_final_batch=allow_smaller_final_batch, name=name)
    return tf.train.batch(tensors, batch_size, num_threads=num_threads, capacity=capacity,
                          allow_smaller_final_batch=allow_smaller_final_batch, name=name)


def batch_dataset(dataset, batch_size, num_epochs=None, shuffle=False, min_after_dequeue=0,
                  seed=None, allow_smaller_final_batch=False):
    """The tf.data twin of ``batch`` over ``num_epochs`` passes of ``dataset`` (None: forever).

    Shuffles with a buffer of ``min_after_dequeue + batch_size`` elements (what a
    RandomShuffleQueue draws from at a dequeue), reshuffled each epoch, then repeats, then
    batches, so a batch may span two epochs as with the queues. Unlike ``shuffle_batch``, whose
    buffer holds the end of one epoch and the start of the next, every epoch comes out whole
    before the next begins.
    """
    if shuffle:
        dataset = dataset.shuffle(min_after_dequeue + batch_size, seed=seed)
    return (dataset.repeat(num_epochs)
            .batch(batch_size, drop_remainder=not allow_smaller_final_batch))
