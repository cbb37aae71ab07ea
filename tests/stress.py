"""Runs a set of tests N times in a row, optionally with every core kept busy, and counts the
failures of each test.

    python -m tests.stress                        # the subprocess-heavy files, 20 runs
    python -m tests.stress --runs=10 --burn       # the same with a CPU burner on every core
    python -m tests.stress --runs=1 --burn -- tests   # the whole suite once, under load
    python -m tests.stress --runs=5 -- tests/experiments/ptb/test_kill.py -k ctrl_c

Each run is one ``python -m pytest`` process (arguments after ``--``, default
``SUBPROCESS_HEAVY``) from the repository root; its output is kept in ``--logs`` (default:
a new temporary folder, named at the start), and a line per run says what failed. The burner
is one busy-looping process per core (``--burners`` to change), started before the first run
and stopped by pid after the last, on Ctrl-C too. The summary names every test that failed
with its count, and the exit status is 0 when no run failed, 1 otherwise, 2 on a usage error
(pytest's own too, such as a test path that does not exist).
"""
import collections
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

from absl import app
from absl import flags

from experiments.shared import cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUBPROCESS_HEAVY = [f"tests/experiments/{name}.py" for name in (
    "ptb/test_cluster", "tools/test_launch_local_cluster", "ptb/test_kill", "test_tfdbg_cli",
    "tools/test_tensorboard", "test_clis", "ptb/test_cli")]
BURN = "while True: pass"
INTERRUPTED_EXIT = 130
PYTEST_USAGE_ERROR = 4


def define_flags():
    return (flags.DEFINE_integer("runs", 20, "Runs in a row.", lower_bound=1),
            flags.DEFINE_bool("burn", False, "Keep every core busy while the tests run."),
            flags.DEFINE_integer("burners", os.cpu_count() or 1, "Busy-looping processes of "
                                 "--burn.", lower_bound=1),
            flags.DEFINE_string("logs", None, "Folder for each run's output and report "
                                "(default: a new temporary folder)."))


def start_burners(count):
    """``count`` busy-looping Python processes, named after this one in their command line
    (``burner of PID``); stop them with ``stop_burners``."""
    return [subprocess.Popen([sys.executable, "-c", BURN, burner_name(os.getpid())])
            for _ in range(count)]


def burner_name(pid):
    return f"burner of {pid}"


def stop_burners(burners):
    for process in burners:
        process.kill()
    for process in burners:
        process.wait()


def failed_tests(report_path):
    """The node ids of the failed or erroring tests in a junit XML report (a report that is
    missing or unreadable: the run died, ``["<no report>"]``)."""
    try:
        cases = ElementTree.parse(report_path).getroot().iter("testcase")
    except (OSError, ElementTree.ParseError):
        return ["<no report>"]
    failed = []
    for case in cases:
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").replace(".", "/")
            failed.append(f"{module}.py::{case.get('name')}")
    return failed


def run_once(pytest_args, log_dir, number):
    """One pytest run; returns ``(exit status, failed node ids, seconds, summary line)``."""
    report = os.path.join(log_dir, f"run{number:03d}.xml")
    log = os.path.join(log_dir, f"run{number:03d}.log")
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        status = subprocess.call(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             f"--junitxml={report}", *pytest_args], cwd=ROOT, stdout=out,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    with open(log, encoding="utf-8", errors="replace") as f:
        lines = [line.strip() for line in f if line.strip()]
    failed = failed_tests(report) if status in (0, 1) else ["<pytest exit %d>" % status]
    return status, failed, seconds, (lines[-1].strip("= ") if lines else "no output")


def stress(pytest_args, runs, log_dir, log=print):
    """``runs`` pytest runs; returns ``{node id: failures}``."""
    counts = collections.Counter()
    for number in range(1, runs + 1):
        status, failed, seconds, summary = run_once(pytest_args, log_dir, number)
        if status == PYTEST_USAGE_ERROR:  # e.g. a path that does not exist
            raise app.UsageError(f"pytest {' '.join(pytest_args)}: {summary}")
        counts.update(failed)
        log(f"run {number}/{runs}: {summary} ({seconds:.0f} s)"
            + (f"; failed: {', '.join(failed)}" if failed else ""))
    return counts


def main(argv, holders):
    runs, burn, burners, log_dir = (h.value for h in holders)
    pytest_args = argv[1:] or SUBPROCESS_HEAVY
    log_dir = log_dir or tempfile.mkdtemp(prefix="tf1ref-stress-")
    try:
        os.makedirs(log_dir, exist_ok=True)
    except OSError as err:
        raise app.UsageError(f"--logs: cannot create {log_dir!r}: {err.strerror}") from None
    print(f"{runs} run(s) of pytest {' '.join(pytest_args)}"
          + (f" with {burners} CPU burner(s)" if burn else "") + f"; logs in {log_dir}",
          flush=True)
    processes = start_burners(burners) if burn else []
    if processes:
        print(f"burner pids: {' '.join(str(p.pid) for p in processes)}", flush=True)
    try:
        counts = stress(pytest_args, runs, log_dir, log=lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(INTERRUPTED_EXIT)
    finally:
        stop_burners(processes)
    if not counts:
        print(f"no failures in {runs} run(s)")
        return
    print(f"failures in {runs} run(s):")
    for test, count in counts.most_common():
        print(f"  {count}/{runs} {test}")
    sys.exit(cli.FAILURE_EXIT)


if __name__ == "__main__":
    cli.run(main, define_flags)
