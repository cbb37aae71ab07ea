"""Runs a whole between-graph cluster of one program as processes on this machine.

Run:
    python -m experiments.tools.launch_local_cluster --ps 1 --workers 2 -- \\
        experiments.ptb --model=test
    python -m experiments.tools.launch_local_cluster --private_network -- \\
        experiments.ptb --sync_replicas

Every task is ``python -m <module> <args> --job_name=<ps|worker> --task_index=<i>
--ps_hosts=... --worker_hosts=...`` on 127.0.0.1, with ports that were free when the
launcher started. Each output line of a task is printed with its prefix (``[ps0]``,
``[worker1]``); the launcher's own lines have ``[launch]``, among them each task's pid and
command line (to restart a task by hand), printed before any line of that task's output.
The tasks run at once, so their lines interleave: only each task's own order is kept.

The exit status is the chief's (worker 0's). When the chief has exited with 0, the other
tasks get ``--grace_secs`` to finish (a ps exits once every worker is done), then the rest
are stopped by pid: SIGTERM, and SIGKILL 5 s later (at once after a failed chief). A ps that
fails while the chief runs stops the cluster (exit 1): nothing can train without it. A worker
that exits is reported and the others go on without it (with ``--sync_replicas`` too:
``SyncReplicasOptimizer`` averages gradients from whichever workers send them) until it is
started again with the command line printed at the start. Ctrl-C stops every task and exits
130.

``--private_network`` runs the cluster in a network namespace of its own that has only the
loopback interface (Linux, as root: ``unshare -n``, then ``ip link set lo up``). TensorFlow's
servers listen on all interfaces whatever the ClusterSpec says, so without it other
machines can reach the tasks while they run.
"""
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

from absl import app
from absl import flags

from experiments.shared import cli

HOST = "127.0.0.1"
KILL_AFTER_SECS = 5.0
INTERRUPTED_EXIT = 130
_INSIDE = "TF1_REFERENCE_PRIVATE_NETWORK"  # set in the namespace, so the launcher runs once


def define_flags():
    return (flags.DEFINE_integer("ps", 1, "Number of ps tasks.", lower_bound=1),
            flags.DEFINE_integer("workers", 2, "Number of worker tasks; worker 0 is the chief.",
                                 lower_bound=1),
            flags.DEFINE_float("grace_secs", 30.0, "Seconds the other tasks get to exit after "
                               "the chief has exited, before they are stopped.", lower_bound=0.0),
            flags.DEFINE_bool("private_network", False, "Run the cluster in a private network "
                              "namespace with only loopback (Linux, root)."))


def free_ports(count):
    """``count`` distinct TCP ports that nothing on ``HOST`` listens on right now."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind((HOST, 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def private_network_argv(argv):
    """``argv`` run in a new network namespace whose loopback is up; ValueError saying what
    is missing where that is not possible here."""
    missing = [tool for tool in ("unshare", "ip") if not shutil.which(tool)]
    if missing:
        raise ValueError(f"needs {' and '.join(missing)} (util-linux, iproute2)")
    if os.geteuid() != 0:
        raise ValueError("needs root (unshare -n)")
    return ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *argv]


class Cluster:
    """The tasks of ``python -m module *args`` as child processes; see the module docstring.

    ``lines`` collects every prefixed output line (also written to ``out`` unless None).
    """

    def __init__(self, module, args, num_ps=1, num_workers=2, out=sys.stdout, env=None):
        ports = free_ports(num_ps + num_workers)
        self.hosts = {"ps": [f"{HOST}:{p}" for p in ports[:num_ps]],
                      "worker": [f"{HOST}:{p}" for p in ports[num_ps:]]}
        self.module, self.args, self.out, self.env = module, list(args), out, env
        self.processes, self.lines, self._threads = {}, [], []
        self._lock = threading.Lock()

    def tasks(self):
        return [(job, i) for job in ("ps", "worker") for i in range(len(self.hosts[job]))]

    def command(self, job, index):
        return [sys.executable, "-u", "-m", self.module, *self.args, f"--job_name={job}",
                f"--task_index={index}", f"--ps_hosts={','.join(self.hosts['ps'])}",
                f"--worker_hosts={','.join(self.hosts['worker'])}"]

    def emit(self, prefix, line):
        with self._lock:
            self.lines.append(f"[{prefix}] {line}")
            if self.out is not None:
                self.out.write(f"[{prefix}] {line}\n")
                self.out.flush()

    def start(self, job, index):
        """Starts (or starts again) one task in a session of its own; its ``[launch]`` line
        (pid and command line) comes before any line of its output."""
        command = self.command(job, index)
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, env=self.env, start_new_session=True)
        self.processes[job, index] = process
        self.emit("launch", f"{job}{index} (pid {process.pid}): {' '.join(command)}")
        thread = threading.Thread(target=self._stream, args=(f"{job}{index}", process.stdout),
                                  daemon=True)
        thread.start()
        self._threads.append(thread)
        return process

    def _stream(self, prefix, pipe):
        for line in pipe:
            self.emit(prefix, line.rstrip("\n"))

    def start_all(self):
        for job, index in self.tasks():
            self.start(job, index)

    def poll(self, job, index):
        return self.processes[job, index].poll()

    def wait(self, job, index, timeout=None):
        """The task's exit status; ``subprocess.TimeoutExpired`` after ``timeout`` seconds."""
        return self.processes[job, index].wait(timeout)

    def signal(self, job, index, signum=signal.SIGKILL):
        if self.poll(job, index) is None:
            os.kill(self.processes[job, index].pid, signum)

    def stop(self, grace=0.0):
        """Waits up to ``grace`` seconds for every task to exit, then stops the others by pid
        (SIGTERM, SIGKILL after ``KILL_AFTER_SECS``); returns the names of those stopped."""
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and self._alive():
            time.sleep(0.1)
        stopped = [f"{job}{index}" for job, index in self._alive()]
        for job, index in self._alive():
            self.signal(job, index, signal.SIGTERM)
        deadline = time.monotonic() + KILL_AFTER_SECS
        while time.monotonic() < deadline and self._alive():
            time.sleep(0.1)
        for job, index in self._alive():
            self.signal(job, index, signal.SIGKILL)
            self.wait(job, index)
        for thread in self._threads:
            thread.join(timeout=5.0)
        return stopped

    def _alive(self):
        return [key for key, process in self.processes.items() if process.poll() is None]


def supervise(cluster, grace_secs, poll=0.1):
    """Waits for the chief while watching the others; returns the launcher's exit status."""
    started, reported = time.monotonic(), set()
    while cluster.poll("worker", 0) is None:
        for job, index in cluster.tasks():
            status = cluster.poll(job, index)
            if status is None or (job, index) in reported:
                continue
            reported.add((job, index))
            cluster.emit("launch", f"{job}{index} exited with status {status}")
            if job == "ps" and status != 0:
                cluster.emit("launch", "stopping the cluster: it cannot train without its ps")
                cluster.stop()
                return cli.FAILURE_EXIT
        time.sleep(poll)
    status, ended = cluster.poll("worker", 0), time.monotonic()
    cluster.emit("launch", f"worker0 (chief) exited with status {status} after "
                           f"{ended - started:.1f} s")
    stopped = cluster.stop(grace_secs if status == 0 else 0.0)
    cluster.emit("launch", f"all tasks ended {time.monotonic() - ended:.1f} s later"
                           + (f"; stopped {', '.join(stopped)}" if stopped else ""))
    return status


def main(argv, holders):
    num_ps, num_workers, grace, private = (h.value for h in holders)
    if len(argv) < 2:
        raise app.UsageError("name the program after --, e.g. -- experiments.ptb --model=test")
    module, args = argv[1], argv[2:]
    try:
        found = importlib.util.find_spec(module)
    except ImportError:  # a parent package is missing
        found = None
    if found is None:
        raise app.UsageError(f"no module named {module!r}")
    if private and os.environ.get(_INSIDE) != "1":
        try:
            command = private_network_argv([sys.executable, "-m", __spec__.name, *sys.argv[1:]])
        except ValueError as err:
            raise app.UsageError(f"--private_network {err}") from None
        os.execvpe(command[0], command, dict(os.environ, **{_INSIDE: "1"}))
    cluster = Cluster(module, args, num_ps, num_workers)
    try:
        cluster.start_all()
        sys.exit(supervise(cluster, grace))
    except KeyboardInterrupt:
        cluster.emit("launch", "interrupted; stopping every task")
        cluster.stop()
        sys.exit(INTERRUPTED_EXIT)


if __name__ == "__main__":
    cli.run(main, define_flags)
