"""The launcher on stand-in tasks (``fake_task.py``, no TensorFlow, no servers): command
lines, prefixed output, exit status, and how it stops the tasks."""
import os
import re
import signal
import sys

import pytest
from absl.testing import flagsaver

from experiments.shared import cli
from experiments.tools import launch_local_cluster
from tests.conftest import finish
from tests.conftest import run_python
from tests.conftest import start_python

FAKE = "tests.experiments.tools.fake_task"


def launch(*args):
    result = run_python("-m", "experiments.tools.launch_local_cluster", "--grace_secs=2", *args,
                        timeout=60)
    return result.returncode, result.stdout.splitlines(), result.stderr


def test_every_task_gets_its_job_index_and_the_hosts_and_the_chiefs_status_is_returned():
    status, lines, stderr = launch("--ps=1", "--workers=2", "--", FAKE, "--behaviour=ok")
    assert (status, stderr) == (0, "")
    commands = [re.sub(r"\(pid \d+\)", "(pid N)", line) for line in lines
                if line.startswith("[launch] ") and " -m " in line]
    hosts = re.search(r"--ps_hosts=(\S+) --worker_hosts=(\S+)$", commands[0]).groups()
    ps, workers = hosts[0], hosts[1].split(",")
    assert re.fullmatch(r"127\.0\.0\.1:\d+", ps) and len(set([ps, *workers])) == 3
    assert commands == [f"[launch] {task} (pid N): {sys.executable} -u -m {FAKE} --behaviour=ok "
                        f"--job_name={job} --task_index={i} --ps_hosts={ps} "
                        f"--worker_hosts={hosts[1]}"
                        for task, job, i in [("ps0", "ps", 0), ("worker0", "worker", 0),
                                             ("worker1", "worker", 1)]]
    # the tasks run at once: their lines interleave, and each task's own come in its order,
    # after its command line
    for task in ("ps0", "worker0", "worker1"):
        own = [line for line in lines if line.startswith((f"[{task}] ", f"[launch] {task} (pid "))]
        assert own[0].startswith(f"[launch] {task} (pid ") and own[1:] == [
            f"[{task}] {task} up; ps {ps}; workers {hosts[1]}", f"[{task}] {task} done"]
    assert re.fullmatch(r"\[launch\] all tasks ended [\d.]+ s later", lines[-1])


def test_a_failed_chief_is_the_exit_status_and_stops_the_others_at_once():
    status, lines, _ = launch("--", FAKE, "--behaviour=chief_fails")
    assert status == 3
    assert "[worker0] failing" in lines  # stderr is streamed too
    assert any(re.fullmatch(r"\[launch\] worker0 \(chief\) exited with status 3 after [\d.]+ s",
                            line) for line in lines)


def test_a_failed_ps_stops_the_cluster_with_status_1():
    status, lines, _ = launch("--", FAKE, "--behaviour=ps_fails")
    assert status == 1  # the launcher's last lines (a worker's may still come after them)
    assert [line for line in lines if line.startswith("[launch] ")][-2:] == [
        "[launch] ps0 exited with status 4",
        "[launch] stopping the cluster: it cannot train without its ps"]


def test_a_task_left_after_the_grace_period_is_stopped_by_pid_and_named():
    status, lines, _ = launch("--", FAKE, "--behaviour=worker_hangs")
    assert status == 0
    assert re.fullmatch(r"\[launch\] all tasks ended [\d.]+ s later; stopped worker1", lines[-1])
    seconds = float(re.search(r"ended ([\d.]+) s", lines[-1])[1])
    assert seconds >= 2 + launch_local_cluster.KILL_AFTER_SECS  # the grace, SIGTERM, SIGKILL


def test_ctrl_c_stops_every_task_and_exits_130():
    process = start_python("-m", "experiments.tools.launch_local_cluster", "--", FAKE,
                           "--behaviour=sleep")
    up = [process.stdout.readline() for _ in range(6)]  # 3 command lines, 3 "up" lines
    process.send_signal(signal.SIGINT)
    status, stdout, _ = finish(process, timeout=30)
    pids = [int(m[1]) for m in (re.search(r"\(pid (\d+)\)", line) for line in up) if m]
    assert status == 130
    assert stdout.splitlines()[-1] == "[launch] interrupted; stopping every task"
    assert len(pids) == 3 and not any(os.path.exists(f"/proc/{pid}") for pid in pids)


@pytest.mark.parametrize("args, message", [
    ([], "name the program after --, e.g. -- experiments.ptb --model=test"),
    (["--", "no_such.module"], "no module named 'no_such.module'"),
    (["--workers=0", "--", FAKE], "flag --workers=0: 0 is not a positive integer"),
], ids=["no_program", "unknown_module", "no_workers"])
def test_usage_errors_are_one_line_and_exit_2(monkeypatch, capsys, args, message):
    monkeypatch.setattr(sys, "argv", ["experiments.tools.launch_local_cluster", *args])
    with flagsaver.flagsaver(), pytest.raises(SystemExit) as exit_info:
        cli.run(launch_local_cluster.main, launch_local_cluster.define_flags)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == f"experiments.tools.launch_local_cluster: error: {message}\n"


def test_the_private_network_is_a_new_namespace_with_loopback_up():
    try:
        argv = launch_local_cluster.private_network_argv(["python", "-V"])
    except ValueError as err:
        pytest.skip(f"no namespace here: it {err}")
    assert argv == ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh",
                    "python", "-V"]


def test_free_ports_are_distinct_and_bindable():
    ports = launch_local_cluster.free_ports(5)
    assert len(set(ports)) == 5 and all(1024 <= p < 65536 for p in ports)
