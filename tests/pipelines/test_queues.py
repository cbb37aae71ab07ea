"""Queue helpers: the capacity rule, the notes' MyLoop threads, Coordinator join (what queues do:
tests/reference/test_input_queues.py)."""
import threading
import time

from reference.tf1 import tf

import pytest

from pipelines import queues


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
