"""tfdbg's CLI driven as a person would: in tmux, reading the screen, typing commands."""
import shlex
import subprocess
import sys
import time

import pytest

from tests import conftest

COMMAND = ["-m", "experiments.ptb", "--model=test", "--debug", "--max_max_epoch=1",
           "--max_steps=3"]

pytestmark = pytest.mark.slow


class Screen:
    """A detached tmux session on a private server running one command."""

    def __init__(self, name, command, **env_overrides):
        self.socket = ["tmux", "-L", name]
        env = " ".join(f"{k}={shlex.quote(v)}"
                       for k, v in conftest.child_env(**env_overrides).items())
        # the pane stays after the command, until close(): the test reads its last lines
        shell = (f"cd {shlex.quote(str(conftest.ROOT))} && env -i {env} {command}; "
                 "echo EXIT=$?; exec sleep 600")
        subprocess.run(self.socket + ["new-session", "-d", "-x", "160", "-y", "60", shell],
                       check=True)

    def text(self):
        return subprocess.run(self.socket + ["capture-pane", "-p", "-S", "-3000"], check=True,
                              capture_output=True, text=True).stdout

    def wait_for(self, needle, count=1, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.text().count(needle) >= count:
                return self.text()
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} did not appear; the screen:\n{self.text()}")

    def type(self, line):
        subprocess.run(self.socket + ["send-keys", line, "Enter"], check=True)

    def close(self):
        subprocess.run(self.socket + ["kill-server"], check=False, capture_output=True)


@pytest.fixture
def screen(tmp_path):
    conftest.require_program("tmux", install="apt-get install tmux")
    command = " ".join(shlex.quote(part) for part in [sys.executable, *COMMAND])
    screen = Screen(f"tf1ref-{time.monotonic_ns()}", command, TF1_REFERENCE_CACHE=str(tmp_path))
    yield screen
    screen.close()


def test_run_shows_the_tensors_then_run_f_finds_no_nan_and_training_ends(screen):
    shown = screen.wait_for("tfdbg>")
    assert "Session.run() call #1:" in shown
    assert "run -f <filter_name>:" in shown and "* has_inf_or_nan" in shown
    screen.type("run")
    shown = screen.wait_for("tfdbg>", count=2)
    assert "run-end: run #1: 2 fetches; 0 feeds" in shown
    assert "2 dumped tensor(s):" in shown
    assert "Train/Model/MultiRNNCellZeroState/BasicLSTMCellZeroState/zeros:0" in shown
    screen.type("run -f has_inf_or_nan")  # no tensor ever holds inf or nan: runs to the end
    shown = screen.wait_for("EXIT=")
    assert "Epoch: 1 Train Perplexity: " in shown and "Test Perplexity: " in shown
    assert "EXIT=0" in shown


def test_piped_commands_work_and_exit_before_the_last_run_ends_with_status_1(tmp_path):
    result = conftest.run_python(*COMMAND, input_text="run\nexit\n",
                                 env={"TF1_REFERENCE_CACHE": str(tmp_path)})
    assert result.returncode == 1
    assert "run-end: run #1: 2 fetches; 0 feeds" in result.stdout
    assert "Note: user exited from debugger CLI: Calling sys.exit(1)." in (
        result.stdout + result.stderr)
