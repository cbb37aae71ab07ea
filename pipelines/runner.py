"""Running a session that has queue runners, the way the notes' loop means to, without leaks.

Reproduces: note 003 "Coordinator(协调者)" and "QueueRunner": create a Coordinator, start the
queue-runner threads, run until the input ends or a thread fails, ``coord.request_stop()``,
``coord.join(threads)``. The notes' loop forgets what happens on an error: a thread that dies
closes its queue, the main thread's ``sess.run`` then fails with ``OutOfRangeError``, and only
``coord.join`` re-raises the thread's own exception. ``QueueSession`` does all of it:

    with runner.QueueSession() as run:
        for images, labels in run.batches([image_batch, label_batch]):
            ...

On leaving the block, in every case: ``request_stop``, ``join`` with a grace period (the
runners' cancel ops close their queues, so blocked enqueues end), the session is closed, and
the threads are joined again. An exception of a runner thread is raised here, in the main
thread, after ``describe_error`` (a pipeline's hook, e.g. naming the corrupt file) rewrote it.
"""
import threading

from reference.tf1 import tf

GRACE_PERIOD_S = 5.0


class QueueSession:
    """A ``tf.Session`` with its queue runners started, as a context manager.

    Args:
      graph: the graph to run (default: the default graph).
      config: a ``tf.ConfigProto`` for the session.
      init_op: run before the runners start; default groups the global and local variable
        initializers (``num_epochs`` counters are local variables), built on entry.
      grace_period_s: how long ``coord.join`` waits for threads after the stop request.
      describe_error: maps an exception to the one to raise (default: unchanged).

    Attributes (inside the block): ``session``, ``coord``, ``threads``.
    """

    def __init__(self, graph=None, config=None, init_op=None, grace_period_s=GRACE_PERIOD_S,
                 describe_error=None):
        self._graph = graph if graph is not None else tf.get_default_graph()
        self._config = config
        self._init_op = init_op
        self._grace = grace_period_s
        self._describe = describe_error or (lambda err: err)
        self.session = None
        self.coord = None
        self.threads = []

    def __enter__(self):
        with self._graph.as_default():
            init_op = self._init_op
            if init_op is None:
                init_op = tf.group(tf.global_variables_initializer(),
                                   tf.local_variables_initializer())
            self.session = tf.Session(graph=self._graph, config=self._config)
            self.coord = tf.train.Coordinator()
            try:
                self.session.run(init_op)
                self.threads = tf.train.start_queue_runners(self.session, coord=self.coord)
            except BaseException:
                self.session.close()
                raise
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc is not None:  # join re-raises the first one registered (OutOfRange is no error)
            self.coord.request_stop((exc_type, exc, traceback))
        self.coord.request_stop()
        try:
            self.coord.join(self.threads, stop_grace_period_secs=self._grace)
        except Exception as err:  # noqa: BLE001 -- rewritten, then raised
            raise self._describe(err) from None
        finally:
            self.session.close()  # cancels whatever still blocks, so the threads can end
            for thread in self.threads:
                thread.join(self._grace)
        return False

    def batches(self, fetches, limit=None, feed_dict=None):
        """Yields ``session.run(fetches)`` until the input ends (``OutOfRangeError``), a runner
        thread fails (its queue closes: same signal), or ``limit`` runs.

        A failure of the main thread's own run (a reader outside any queue runner) goes
        through ``describe_error`` too."""
        count = 0
        while (limit is None or count < limit) and not self.coord.should_stop():
            try:
                yield self.session.run(fetches, feed_dict=feed_dict)
            except tf.errors.OutOfRangeError:
                return
            except tf.errors.OpError as err:
                raise self._describe(err) from None
            count += 1


def live_runner_threads():
    """The queue-runner threads alive in this process (a QueueRunner names none: its threads
    run ``QueueRunner._run`` or ``_close_on_stop``)."""
    return [t for t in threading.enumerate()
            if getattr(getattr(t, "_target", None), "__qualname__", "").startswith("QueueRunner.")]


def dataset_batches(session, next_element, limit=None, describe_error=None):
    """The tf.data side of ``QueueSession.batches``: yields ``session.run(next_element)`` until
    the iterator ends; an error goes through ``describe_error``."""
    describe = describe_error or (lambda err: err)
    count = 0
    while limit is None or count < limit:
        try:
            yield session.run(next_element)
        except tf.errors.OutOfRangeError:
            return
        except tf.errors.OpError as err:
            raise describe(err) from None
        count += 1
