"""reference/training/distributed.py without servers: host parsing, device filters, placement by the
replica device setter, the TF2 ``tf.device`` pitfall, bounded waits, the quiet runner hook.
(Servers and whole clusters: tests/experiments/ptb/test_cluster.py, in a private network.)"""
import threading

from reference.tf1 import tf
from reference.tf1 import tf2

import pytest

from experiments.tools import launch_local_cluster
from reference.training import distributed

CLUSTER = distributed.cluster_spec(["h:1", "h:2"], ["h:3", "h:4"])


@pytest.mark.parametrize("text, expected", [("localhost:2222", ("localhost", 2222)),
                                            ("[::1]:80", ("[::1]", 80))])
def test_host_port_parses(text, expected):
    assert distributed.parse_host(text) == expected


@pytest.mark.parametrize("text", ["host", ":2222", "host:", "host:x", "host:0", "host:65536"])
def test_bad_host_port_names_the_flag(text):
    with pytest.raises(ValueError) as error:
        distributed.parse_host(text, "ps_hosts")
    assert str(error.value) == f"--ps_hosts: {text!r} is not host:port"


def test_device_filters_keep_a_worker_to_the_ps_and_itself():
    assert distributed.device_filters("ps", 0) == ["/job:ps"]
    assert distributed.device_filters("worker", 1) == ["/job:ps", "/job:worker/task:1"]
    config = distributed.server_config("worker", 1, tf.ConfigProto(allow_soft_placement=True))
    assert (list(config.device_filters), config.allow_soft_placement) == (
        ["/job:ps", "/job:worker/task:1"], True)


def test_replica_device_setter_spreads_variables_over_the_ps_and_keeps_ops_on_the_worker():
    with tf.Graph().as_default():
        with distributed.replica_device(CLUSTER, 1):
            a, b = tf.get_variable("a", [2]), tf.get_variable("b", [3])
            product = a * 2.0
            with tf.device("/cpu:0"):  # the PTB embedding's pin merges into the ps device
                embedding = tf.get_variable("embedding", [4])
            step = tf.train.get_or_create_global_step()
            queue = distributed.done_queues(CLUSTER)[1]
    assert [v.device for v in (a, b, embedding, step)] == [
        "/job:ps/task:0", "/job:ps/task:1", "/job:ps/task:0/device:CPU:0", "/job:ps/task:1"]
    assert product.device == "/job:worker/task:1"
    assert queue.queue_ref.device == "/job:ps/task:1/device:CPU:*"  # a stateful op, not a variable


def test_tf2_device_rejects_the_setter_and_v1_device_takes_it():
    setter = tf.train.replica_device_setter(cluster=CLUSTER)
    with tf.Graph().as_default():
        with pytest.raises(RuntimeError) as error:
            with tf2.device(setter):
                pass
        with tf.compat.v1.device(setter):
            variable = tf.get_variable("v", [1])
    assert str(error.value) == "tf.device does not support functions."
    assert variable.device == "/job:ps/task:0"


def test_waiting_for_a_port_nobody_listens_on_ends_with_a_timeout_naming_it():
    port = launch_local_cluster.free_ports(1)[0]  # on 127.0.0.1: nothing leaves the machine
    with pytest.raises(distributed.ClusterTimeout) as error:
        distributed.wait_for_ports([f"127.0.0.1:{port}"], timeout=0.3, what="ps task")
    assert str(error.value) == f"no ps task listening at 127.0.0.1:{port} after 0.3 s"


def test_the_chief_wait_reports_the_uninitialized_variables_after_its_timeout():
    with tf.Graph().as_default():
        tf.get_variable("w", [1])
        tf.get_variable("b", [1])
        report = tf.report_uninitialized_variables()
        with tf.Session() as session, pytest.raises(distributed.ClusterTimeout) as error:
            distributed.wait_for_chief(session, report, timeout=0.0)
    assert str(error.value) == ("the chief (worker 0) has not initialized the model after 0 s "
                                "(2 variables, e.g. w, b)")


def test_the_quiet_hook_drops_only_a_queue_runners_cancelled_error(monkeypatch):
    seen = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args.exc_type))
    distributed.quiet_cancelled_runners()

    def fail(error):
        raise error

    for name, error in [("QueueRunnerThread-sync", tf.errors.CancelledError(None, None, "x")),
                        ("QueueRunnerThread-sync", ValueError("y")),
                        ("other", tf.errors.CancelledError(None, None, "z"))]:
        thread = threading.Thread(target=fail, args=(error,), name=name)
        thread.start()
        thread.join()
    assert seen == [ValueError, tf.errors.CancelledError]
