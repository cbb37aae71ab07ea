"""Cluster scenarios that need more than the launcher's command line, run in one private
network namespace by ``test_cluster.py``; prints one JSON object of what it observed.

    python -m tests.experiments.ptb.cluster_scenarios <data_path> <save_path> <scenario>...

Not a test module (pytest collects ``test_*.py`` only): it has to run inside the namespace,
which a test process cannot enter.
"""
import json
import os
import re
import signal
import subprocess
import sys
import time

from experiments.tools import launch_local_cluster
from tests import faults

PTB = "experiments.ptb"
WAIT_SECS = 180
# the temporary files of a write killed midway (reference/training/checkpoints.py removes them)
LEFTOVER = re.compile(r"\.tempstate\d*|\.tmp[0-9a-f]{32}")


def ptb_args(data_path, *extra):
    return [f"--data_path={data_path}", "--model=test", "--seed=0", *extra]


def _wait_for(predicate, timeout=WAIT_SECS, poll=0.05):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("scenario step did not happen in time")
        time.sleep(poll)


def fault(data_path):
    """Sync training; worker 1 is killed after its second progress line, then started again.

    The chief is paused (SIGSTOP) from before the kill until worker 1, started again, has
    read the global step: alone, it could otherwise finish training first on a fast machine
    (a chief restarted mid-run joins at once, and nobody waits for it)."""
    cluster = launch_local_cluster.Cluster(
        PTB, ptb_args(data_path, "--sync_replicas", "--max_steps=60", "--max_max_epoch=2"),
        out=None)
    cluster.start_all()
    try:
        _wait_for(lambda: sum(line.startswith("[worker1]") and "perplexity:" in line
                              for line in cluster.lines) >= 2)
        cluster.signal("worker", 0, signal.SIGSTOP)
        cluster.signal("worker", 1, signal.SIGKILL)
        killed = cluster.wait("worker", 1, timeout=10)
        cluster.emit("scenario", "killed worker1")
        cluster.emit("scenario", "starting worker1 again")
        restart = len(cluster.lines)
        cluster.start("worker", 1)
        _wait_for(lambda: any(line.startswith("[worker1] Worker 1: global step ")
                              for line in cluster.lines[restart:]))
        cluster.signal("worker", 0, signal.SIGCONT)
        chief = cluster.wait("worker", 0, timeout=WAIT_SECS)
    finally:
        cluster.signal("worker", 0, signal.SIGCONT)
        stopped = cluster.stop(grace=30.0)
    return {"lines": cluster.lines, "killed": killed, "chief": chief, "stopped": stopped,
            "restarted": cluster.poll("worker", 1), "ps": cluster.poll("ps", 0)}


def chief_fault(data_path, save_path):
    """Async training with checkpoints; the chief is killed once it has written a checkpoint
    after step 0, whose data file then gets a flipped byte, and started again once worker 1
    has finished training alone: it sets that checkpoint aside, restores the one before (step
    0, rolling the ps back) and trains to the end."""
    cluster = launch_local_cluster.Cluster(
        PTB, ptb_args(data_path, "--max_steps=60", "--max_max_epoch=2",
                      f"--save_path={save_path}"), out=None)
    cluster.start_all()
    try:
        _wait_for(lambda: _latest_step(save_path) > 0)
        cluster.signal("worker", 0, signal.SIGKILL)
        killed = cluster.wait("worker", 0, timeout=10)
        latest = _latest_step(save_path)
        files = sorted(name for name in os.listdir(save_path)
                       if name.startswith(f"model.ckpt-{latest}."))
        # a save the kill cut short leaves a temporary file (seen: model.ckpt-122.meta.tmp<hex>,
        # when the kill came after the data and index were written): not the checkpoint's
        leftovers = [name for name in files if LEFTOVER.search(name)]
        damaged = [name for name in files if name not in leftovers]
        faults.flip_middle_byte(os.path.join(save_path, next(  # its first shard's data
            name for name in damaged if ".data-" in name)))
        cluster.emit("scenario", f"killed worker0; latest checkpoint step {latest}, damaged")
        alone = cluster.wait("worker", 1, timeout=WAIT_SECS)
        cluster.start("worker", 0)
        chief = cluster.wait("worker", 0, timeout=WAIT_SECS)
    finally:
        stopped = cluster.stop(grace=30.0)
    return {"lines": cluster.lines, "killed": killed, "chief": chief, "stopped": stopped,
            "latest": latest, "final": _latest_step(save_path), "ps": cluster.poll("ps", 0),
            "alone": alone, "damaged": damaged, "leftovers": leftovers}


def _latest_step(save_path):
    """The step of the checkpoint the ``checkpoint`` state file names (what a restart restores;
    written after the checkpoint's files), or -1."""
    try:
        with open(os.path.join(save_path, "checkpoint"), encoding="utf-8") as f:
            first = f.readline()
    except FileNotFoundError:
        return -1
    match = re.match(r'model_checkpoint_path: ".*model\.ckpt-(\d+)"', first)
    return int(match[1]) if match else -1


def missing_ps(data_path):
    """One worker whose ps was never started."""
    ps_port, worker_port = launch_local_cluster.free_ports(2)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", PTB, *ptb_args(data_path), "--job_name=worker", "--task_index=0",
         f"--ps_hosts=127.0.0.1:{ps_port}", f"--worker_hosts=127.0.0.1:{worker_port}",
         "--startup_timeout=2"], capture_output=True, text=True, timeout=WAIT_SECS, check=False)
    return {"status": result.returncode, "stderr": result.stderr, "ps_port": ps_port,
            "seconds": time.monotonic() - started}


def missing_chief(data_path):
    """A ps and worker 1, but no chief to initialize the model."""
    cluster = launch_local_cluster.Cluster(PTB, ptb_args(data_path, "--startup_timeout=3"),
                                           out=None)
    cluster.start("ps", 0)
    cluster.start("worker", 1)
    try:
        status = cluster.wait("worker", 1, timeout=WAIT_SECS)
    finally:
        cluster.stop()
    return {"status": status, "lines": cluster.lines}


def main(argv):
    data_path, save_path, names = argv[1], argv[2], argv[3:]
    scenarios = {"fault": fault, "missing_ps": missing_ps, "missing_chief": missing_chief,
                 "chief_fault": lambda data: chief_fault(data, save_path)}
    print(json.dumps({name: scenarios[name](data_path) for name in names}))


if __name__ == "__main__":
    main(sys.argv)
