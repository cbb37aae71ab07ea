"""Queues: what enqueue/dequeue give, what blocks, what a deadline cancels, Coordinator threads."""
import threading
import time

from reference.tf1 import tf

import pytest

from pipelines import queues

WAIT_MS = 200  # long enough for any op that can finish, short enough to keep the suite fast


def test_notes_fifo_example_enqueue_many_takes_one_list_per_component(session):
    queue = tf.FIFOQueue(capacity=100, dtypes=[tf.string, tf.int64])
    session.run(queue.enqueue_many([["hello", "world"], [1, 2]]))
    session.run(queue.enqueue(["hello", 1]))
    got = [session.run(queue.dequeue()) for _ in range(3)]
    assert got == [[b"hello", 1], [b"world", 2], [b"hello", 1]]


def test_full_queue_blocks_enqueue_and_empty_queue_blocks_dequeue(session):
    queue = tf.FIFOQueue(2, [tf.int32], shapes=[[]], name="q")
    session.run(queue.enqueue_many([[1, 2]]))
    assert queues.try_run(session, queue.enqueue(3), WAIT_MS) == (False, None)
    assert session.run(queue.size()) == 2
    assert queues.try_run(session, queue.dequeue(), WAIT_MS) == (True, 1)
    assert queues.try_run(session, queue.dequeue(), WAIT_MS) == (True, 2)
    assert queues.try_run(session, queue.dequeue(), WAIT_MS) == (False, None)


def test_enqueue_many_beyond_the_room_left_blocks_and_a_deadline_keeps_what_fitted(session):
    queue = tf.FIFOQueue(5, [tf.int32], shapes=[[]], name="q")
    session.run(queue.enqueue_many([[1, 2, 3, 4]]))
    assert queues.try_run(session, queue.enqueue_many([[5, 6, 7]]), WAIT_MS) == (False, None)
    assert session.run(queue.size()) == 5
    assert session.run(queue.dequeue_many(5)).tolist() == [1, 2, 3, 4, 5]  # 6 and 7 are gone


@pytest.mark.parametrize("dequeue", ["dequeue_many", "dequeue_up_to"])
def test_dequeue_many_cut_off_by_a_deadline_loses_what_it_took(session, dequeue):
    queue = tf.FIFOQueue(5, [tf.int32], shapes=[[]], name="q")
    session.run(queue.enqueue_many([[1, 2, 3]]))
    assert queues.try_run(session, getattr(queue, dequeue)(4), WAIT_MS) == (False, None)
    assert session.run(queue.size()) == 0


def test_closed_queue_dequeue_many_fails_and_dequeue_up_to_returns_the_rest(session):
    queue = tf.FIFOQueue(5, [tf.int32], shapes=[[]], name="q")
    session.run(queue.enqueue_many([[1, 2]]))
    session.run(queue.close())
    with pytest.raises(tf.errors.OutOfRangeError, match=r"FIFOQueue '_\d+_q' is closed and has "
                       r"insufficient elements \(requested 3, current size 2\)"):
        session.run(queue.dequeue_many(3))
    assert session.run(queue.dequeue_up_to(3)).tolist() == [1, 2]
    with pytest.raises(tf.errors.CancelledError, match=r"FIFOQueue '_\d+_q' is closed"):
        session.run(queue.enqueue(3))


def test_random_shuffle_queue_keeps_min_after_dequeue_until_closed(session):
    queue = tf.RandomShuffleQueue(10, min_after_dequeue=3, dtypes=[tf.int32], shapes=[[]],
                                  seed=1, name="rq")
    session.run(queue.enqueue_many([[10, 11, 12, 13, 14]]))
    first = [queues.try_run(session, queue.dequeue(), WAIT_MS) for _ in range(3)]
    assert [done for done, _ in first] == [True, True, False]  # 5 -> 4 -> 3 left: blocks
    session.run(queue.close())
    rest = session.run(queue.dequeue_many(3)).tolist()
    assert sorted([value for _, value in first[:2]] + rest) == [10, 11, 12, 13, 14]


def test_recommended_capacity_is_the_notes_rule():
    assert queues.recommended_capacity(10000, num_threads=1, batch_size=32, margin=2) == 10096
    assert queues.recommended_capacity(100, num_threads=4, batch_size=8) == 140  # 100 + 5 * 8
    with pytest.raises(ValueError, match="batch_size and num_threads must be positive, got 0"):
        queues.recommended_capacity(10, num_threads=1, batch_size=0)


def test_my_loop_threads_stop_together_when_one_requests_it():
    coord = tf.train.Coordinator()
    steps, lock = [], threading.Lock()

    def step():
        with lock:
            steps.append(len(steps))
            return len(steps) >= 20  # "some condition"

    threads = queues.start_loops(coord, step, count=10)
    coord.join(threads, stop_grace_period_secs=5)
    assert coord.should_stop()
    assert [t.is_alive() for t in threads] == [False] * 10
    assert len(steps) >= 20


def test_an_exception_in_a_thread_reaches_the_main_thread_through_join():
    coord = tf.train.Coordinator()

    def step():
        raise ValueError("reading failed in a worker")

    threads = queues.start_loops(coord, step, count=3)
    with pytest.raises(ValueError, match="reading failed in a worker"):
        coord.join(threads, stop_grace_period_secs=5)


def test_join_gives_up_after_the_grace_period_naming_the_live_thread():
    coord = tf.train.Coordinator()
    release = threading.Event()
    stubborn = threading.Thread(target=release.wait, name="stubborn", daemon=True)
    coord.register_thread(stubborn)
    stubborn.start()
    coord.request_stop()
    started = time.monotonic()
    try:
        with pytest.raises(RuntimeError, match="Coordinator stopped with threads still running: "
                           "stubborn"):
            coord.join(stop_grace_period_secs=0.2)
        # it waited the grace period, then gave up on the thread, which still runs
        assert time.monotonic() - started >= 0.2 and stubborn.is_alive()
    finally:
        release.set()
        stubborn.join()
