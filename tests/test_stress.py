"""The stress runner on small test files of its own (no TensorFlow), and the suite's SIGINT."""
import os
import re
import signal
import subprocess
import textwrap

from tests import conftest

FLAKY = textwrap.dedent("""\
    import pathlib

    COUNTER = pathlib.Path(__file__).with_suffix(".count")


    def test_flaky():
        runs = int(COUNTER.read_text()) if COUNTER.exists() else 0
        COUNTER.write_text(str(runs + 1))
        assert runs != 1, "fails in the second run only"


    def test_steady():
        pass
""")

SEES_BURNERS = textwrap.dedent("""\
    import os
    import pathlib

    from tests import stress  # python -m pytest: the repository root is on sys.path


    def test_record_the_busy_loops():  # those of the stress runner that started pytest
        name = f"\\0-c\\0{stress.BURN}\\0{stress.burner_name(os.getppid())}"
        pids = [int(pid) for pid in os.listdir("/proc") if pid.isdigit()
                and _cmdline(pid).endswith(name)]
        pathlib.Path(__file__).with_suffix(".pids").write_text(" ".join(map(str, sorted(pids))))


    def _cmdline(pid):
        try:
            return open(f"/proc/{pid}/cmdline").read().rstrip("\\0")
        except OSError:
            return ""
""")


def run_stress(*args):
    result = conftest.run_python("-m", "tests.stress", *args, timeout=120)
    return result.returncode, result.stdout.splitlines(), result.stderr


def test_failures_are_counted_per_test_and_each_run_is_one_line(tmp_path):
    (tmp_path / "test_flaky.py").write_text(FLAKY)
    logs = tmp_path / "logs"
    # the node ids are relative to pytest's rootdir, which would otherwise depend on where
    # the repository and the temporary folder are
    args = [str(tmp_path / "test_flaky.py"), f"--rootdir={tmp_path}"]
    status, lines, stderr = run_stress("--runs=3", f"--logs={logs}", "--", *args)
    assert (status, stderr) == (1, "")
    assert lines[0] == f"3 run(s) of pytest {' '.join(args)}; logs in {logs}"
    runs = [re.sub(r"in [\d.]+s.*\(\d+ s\)", "in T (N s)", line) for line in lines[1:4]]
    assert runs == ["run 1/3: 2 passed in T (N s)",
                    "run 2/3: 1 failed, 1 passed in T (N s); failed: test_flaky.py::test_flaky",
                    "run 3/3: 2 passed in T (N s)"]
    assert lines[4:] == ["failures in 3 run(s):", "  1/3 test_flaky.py::test_flaky"]
    assert sorted(os.listdir(logs)) == [f"run00{i}.{kind}" for i in (1, 2, 3)
                                        for kind in ("log", "xml")]
    assert "fails in the second run only" in (logs / "run002.log").read_text()


def test_no_failure_exits_0(tmp_path):
    (tmp_path / "test_flaky.py").write_text(FLAKY)
    status, lines, _ = run_stress("--runs=1", f"--logs={tmp_path / 'logs'}", "--",
                                  str(tmp_path / "test_flaky.py"))
    assert (status, lines[-1]) == (0, "no failures in 1 run(s)")


def test_the_burners_run_during_the_tests_and_are_stopped_after(tmp_path):
    (tmp_path / "test_burners.py").write_text(SEES_BURNERS)
    status, lines, _ = run_stress("--runs=1", "--burn", "--burners=2",
                                  f"--logs={tmp_path / 'logs'}", "--",
                                  str(tmp_path / "test_burners.py"))
    assert status == 0
    assert lines[0].endswith(" with 2 CPU burner(s); logs in " + str(tmp_path / "logs"))
    pids = sorted(int(pid) for pid in lines[1].removeprefix("burner pids: ").split())
    assert (tmp_path / "test_burners.pids").read_text() == " ".join(map(str, pids))
    assert len(pids) == 2 and not any(os.path.exists(f"/proc/{pid}") for pid in pids)


def test_usage_errors_are_one_line_and_exit_2(tmp_path):
    assert run_stress("--runs=0") == (
        2, [], "tests.stress: error: flag --runs=0: 0 is not a positive integer\n")
    assert run_stress(f"--logs={tmp_path}", "--", "no/such_test.py") == (
        2, [f"20 run(s) of pytest no/such_test.py; logs in {tmp_path}"],
        "tests.stress: error: pytest no/such_test.py: ERROR: file or directory not found: "
        "no/such_test.py\n")
    assert run_stress("--logs=/proc/no/such") == (
        2, [], "tests.stress: error: --logs: cannot create '/proc/no/such': "
               "No such file or directory\n")


def test_children_started_after_restore_sigint_see_sigint_at_its_default():
    def sigint_ignored_in_a_child():
        status = subprocess.run(["grep", "^SigIgn:", "/proc/self/status"], check=True,
                                capture_output=True, text=True).stdout
        return bool(int(status.split()[1], 16) & (1 << (signal.SIGINT - 1)))

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        before = sigint_ignored_in_a_child()
        conftest.restore_sigint()
        after = sigint_ignored_in_a_child(), signal.getsignal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert (before, after) == (True, (False, signal.default_int_handler))
