"""QueueSession: runs until the input ends, brings a runner thread's error home, leaks nothing."""
import time

from reference.tf1 import tf

import pytest

from pipelines import queues
from pipelines import runner


def counting_pipeline(fail_after=None, num_threads=4, capacity=8):
    """The notes' QueueRunner: ``num_threads`` threads enqueue 0, 1, 2, ... (``count_up_to``
    hands each number out once); with ``fail_after``, the enqueue of that number fails in
    whichever thread runs it."""
    counter = tf.Variable(0, name="counter")
    queue = tf.FIFOQueue(capacity, [tf.int32], shapes=[[]], name="numbers")
    value = tf.count_up_to(counter, 1_000_000)
    if fail_after is not None:
        check = tf.Assert(value < fail_after, ["the enqueue thread failed"])
        with tf.control_dependencies([check]):
            value = tf.identity(value)
    queues.add_runner(queue, queue.enqueue(value), num_threads)
    return queue


def test_batches_stop_at_the_limit_and_the_threads_are_gone_after(graph):
    queue = counting_pipeline()
    with runner.QueueSession(graph) as run:
        got = [int(v) for v in run.batches(queue.dequeue(), limit=20)]
        assert len(runner.live_runner_threads()) == 5  # 4 enqueue threads + 1 closer
    assert len(set(got)) == 20 and min(got) >= 0
    assert runner.live_runner_threads() == []
    with pytest.raises(RuntimeError, match="Attempted to use a closed Session"):
        run.session.run(queue.size())


def test_a_runner_thread_error_ends_the_batches_and_is_raised_on_leaving(graph):
    queue = counting_pipeline(fail_after=6)
    got = []
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"assertion failed: \[the enqueue thread failed\]"):
        with runner.QueueSession(graph) as run:
            got.extend(int(v) for v in run.batches(queue.dequeue()))
    # the loop checks coord.should_stop() before each run, as the notes' loop does, so it stops
    # as soon as the failure is reported: how many numbers got through first is a race
    assert len(got) == len(set(got)) and set(got) <= {0, 1, 2, 3, 4, 5}
    assert runner.live_runner_threads() == []


def test_an_error_in_the_block_propagates_unchanged_and_stops_the_threads(graph):
    queue = counting_pipeline()
    with pytest.raises(KeyError, match="raised by the training loop"):
        with runner.QueueSession(graph) as run:
            run.session.run(queue.dequeue())
            raise KeyError("raised by the training loop")
    assert runner.live_runner_threads() == []


def test_threads_blocked_on_a_full_queue_end_without_waiting_out_the_grace_period(graph):
    grace = 60.0
    queue = counting_pipeline(capacity=2)
    with runner.QueueSession(graph, grace_period_s=grace) as run:
        while run.session.run(queue.size()) < 2:
            time.sleep(0.01)  # all four threads now block in enqueue
        started = time.monotonic()
    # the stop closes the queue under them: a join that waited for them would take the grace
    assert time.monotonic() - started < grace
    assert runner.live_runner_threads() == []


def test_dataset_batches_end_with_the_dataset(graph, session):
    element = tf.data.make_one_shot_iterator(tf.data.Dataset.range(5).batch(2)).get_next()
    got = [batch.tolist() for batch in runner.dataset_batches(session, element)]
    assert got == [[0, 1], [2, 3], [4]]
