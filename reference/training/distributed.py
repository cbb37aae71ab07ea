"""Between-graph replication: parameter servers and workers over gRPC, as TF1 programs ran it.

Not in the notes (their scale-out is in-graph towers, ``reference/towers.py``); this is the
other TF1 way, which the PTB experiment offers with ``--job_name`` and friends. Every task
runs the same program: a ``tf.train.ClusterSpec`` names the ``ps`` and ``worker`` hosts, each
process starts a ``tf.train.Server`` for its own task, and each worker builds its own copy of
the graph with ``tf.compat.v1.device(tf.train.replica_device_setter(...))``, which puts the
variables on the ps tasks (round robin) and every other op on the worker itself.

What TF 2.21 needs beyond the TF1 tutorials (each helper below says which pitfall it avoids):

* ``tf.device(setter)`` with TF2's ``tf.device`` raises ``RuntimeError: tf.device does not
  support functions.``; the v1 ``tf.compat.v1.device`` takes the device function
  (``replica_device``).
* A server listens on all interfaces, whatever host the ClusterSpec gives it: firewall real
  clusters, and keep local ones in a private network namespace (the launcher's
  ``--private_network``).
* Sessions must see only the devices they use (``device_filters``): without them a worker's
  session depends on every other task, and the chief's recovery from one task's absence
  closes the sync replicas' token queue under the other workers.
* A non-chief ``MonitoredTrainingSession`` checks for the chief's initialization every 30 s;
  ``wait_for_chief`` polls ``report_uninitialized_variables`` first, so it starts at once.
* ``server.join()`` never returns: a ps that should exit when training is over waits on a
  shared "done" queue instead (``done_queues``, ``serve_until_done``).
* The sync replicas' chief queue runner waits for gradients that, once training is over, no
  worker sends; closing the session cancels it and TensorFlow re-raises the
  ``CancelledError`` in the runner's thread, which Python prints as a traceback
  (``quiet_cancelled_runners``).
"""
import socket
import threading
import time

from reference.tf1 import tf

PS, WORKER = "ps", "worker"


class ClusterTimeout(RuntimeError):
    """A task did not answer in time; the message names it and the timeout."""


def parse_host(text, flag="hosts"):
    """``"host:port"`` -> ``(host, port)``; ValueError naming ``flag`` otherwise."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--{flag}: {text!r} is not host:port")
    return host, int(port)


def cluster_spec(ps_hosts, worker_hosts):
    """The ``ClusterSpec`` of the two jobs; hosts are ``"host:port"`` strings."""
    return tf.train.ClusterSpec({PS: list(ps_hosts), WORKER: list(worker_hosts)})


def device_filters(job_name, task_index):
    """The devices a task's sessions may use: a ps only the ps job; worker ``i`` the ps job
    and itself (not the other workers, whose failures then cannot reach it)."""
    if job_name == PS:
        return [f"/job:{PS}"]
    return [f"/job:{PS}", f"/job:{WORKER}/task:{task_index}"]


def server_config(job_name, task_index, config=None):
    """A copy of ``config`` (a new ``ConfigProto`` by default) with the task's device filters."""
    result = tf.ConfigProto()
    if config is not None:
        result.CopyFrom(config)
    del result.device_filters[:]
    result.device_filters.extend(device_filters(job_name, task_index))
    return result


def replica_device(cluster, task_index):
    """The device scope of worker ``task_index``'s graph: variables on the ps tasks (round
    robin), everything else on the worker."""
    return tf.compat.v1.device(tf.train.replica_device_setter(
        worker_device=f"/job:{WORKER}/task:{task_index}", cluster=cluster))


def wait_for_ports(hosts, timeout, what="task", poll=0.2):
    """Waits until every ``"host:port"`` of ``hosts`` accepts a TCP connection.

    Raises:
      ClusterTimeout: naming the hosts still silent after ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    pending = list(hosts)
    while pending:
        pending = [h for h in pending if not _accepts(*parse_host(h))]
        if not pending:
            return
        if time.monotonic() >= deadline:
            raise ClusterTimeout(f"no {what} listening at {', '.join(pending)} after {timeout:g} s")
        time.sleep(poll)


def _accepts(host, port):
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


def start_barrier(target, cluster, task_index, timeout, config=None):
    """Worker ``task_index`` says it is ready to train; the chief (task 0) waits until every
    other worker has, so that none trains alone while the others start (call it after the
    worker's session is up, before its first step). Returns the indices the chief heard from
    (the others: an empty list).

    A FIFO queue on ps 0, shared by name, carries the announcements; a plain session on
    ``target`` in a graph of its own runs them.

    Raises:
      ClusterTimeout: (the chief) not every worker announced itself within ``timeout`` s.
    """
    with tf.Graph().as_default():
        with tf.device(f"/job:{PS}/task:0"):
            queue = tf.FIFOQueue(1000, tf.int32, shared_name="ready_queue", name="ready_queue")
        enqueue, dequeue = queue.enqueue(task_index), queue.dequeue()
        with tf.Session(target, config=config) as session:
            if task_index != 0:
                session.run(enqueue)
                return []
            others = set(range(1, cluster.num_tasks(WORKER)))
            heard, deadline = [], time.monotonic() + timeout
            while others - set(heard):
                left_ms = max(1, int((deadline - time.monotonic()) * 1000))
                try:
                    heard.append(int(session.run(
                        dequeue, options=tf.RunOptions(timeout_in_ms=left_ms))))
                except tf.errors.DeadlineExceededError:
                    silent = ", ".join(str(i) for i in sorted(others - set(heard)))
                    raise ClusterTimeout(f"worker(s) {silent} not ready to train within "
                                         f"{timeout:g} s") from None
            return heard


def wait_for_chief(session, report_op, timeout, poll=0.5):
    """Polls ``report_op`` (``tf.report_uninitialized_variables()``) until it reports none.

    Raises:
      ClusterTimeout: the chief has not initialized the variables after ``timeout`` seconds;
        the message names the first few still uninitialized.
    """
    deadline = time.monotonic() + timeout
    while True:
        missing = session.run(report_op)
        if not len(missing):
            return
        if time.monotonic() >= deadline:
            names = ", ".join(n.decode() for n in missing[:3])
            raise ClusterTimeout(f"the chief (worker 0) has not initialized the model after "
                                 f"{timeout:g} s ({len(missing)} variables, e.g. {names})")
        time.sleep(poll)


def done_queues(cluster):
    """One FIFO queue per ps task, on that task, shared by name between the ps's graph and
    every worker's: a finished worker enqueues a token in each, a ps exits after one token
    per worker."""
    queues = []
    for i in range(cluster.num_tasks(PS)):
        with tf.device(f"/job:{PS}/task:{i}"):
            queues.append(tf.FIFOQueue(cluster.num_tasks(WORKER), tf.int32,
                                       shared_name=f"done_queue_{i}", name=f"done_queue_{i}"))
    return queues


def done_signal(cluster, task_index):
    """The op worker ``task_index`` runs when it is done: its token into every ps's queue.
    Build it with the rest of the graph (a monitored session finalizes the graph)."""
    return tf.group(*[q.enqueue(task_index) for q in done_queues(cluster)], name="done_signal")


def serve_until_done(server, cluster, task_index, log=print):
    """The ps loop: serves until every worker has signalled done; returns the workers' task
    indices in the order they finished."""
    with tf.Graph().as_default():
        queue = done_queues(cluster)[task_index]
        dequeue = queue.dequeue()
        finished = []
        with tf.Session(server.target, config=server_config(PS, task_index)) as session:
            while len(finished) < cluster.num_tasks(WORKER):
                finished.append(int(session.run(dequeue)))
                log(f"ps {task_index}: worker {finished[-1]} is done "
                    f"({len(finished)} of {cluster.num_tasks(WORKER)}).")
    return finished


def quiet_cancelled_runners():
    """Installs a ``threading.excepthook`` that drops the ``CancelledError`` a queue runner's
    thread raises when its session closes under it; every other thread exception is printed
    as before. For the rest of the process: the error comes after the session has closed."""
    previous = threading.excepthook

    def hook(args):
        if not (issubclass(args.exc_type, tf.errors.CancelledError)
                and args.thread is not None and args.thread.name.startswith("QueueRunnerThread")):
            previous(args)

    threading.excepthook = hook
