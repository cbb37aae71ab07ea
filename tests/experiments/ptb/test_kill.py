"""SIGKILL at any point, during a save too, or Ctrl-C: every restart resumes from a checkpoint."""
import os
import re
import signal
import subprocess
import sys
import time

from reference.tf1 import tf

import pytest

from pipelines import synthetic_text
from tests.conftest import ROOT
from tests.conftest import child_env

# vocabulary 2000 with the small model: ~5.8 MB checkpoints, so a save takes a few ms to catch
SPEC = synthetic_text.SourceSpec(train_words=20_000, valid_words=2000, test_words=1000, seed=9)
EPOCH_STEPS = 2  # --max_steps
TIMEOUT = 90
pytestmark = pytest.mark.slow


def _start(data_path, save_path, epochs):
    return subprocess.Popen(
        [sys.executable, "-m", "experiments.ptb", "--model=small", f"--data_path={data_path}",
         f"--save_path={save_path}", f"--max_steps={EPOCH_STEPS}", f"--max_max_epoch={epochs}",
         "--seed=0"],
        cwd=ROOT, env=child_env(PYTHONUNBUFFERED="1"), stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)


def _restorable_step(save_path):
    """The latest checkpoint's global_step, read back from its files (None when none)."""
    latest = tf.train.latest_checkpoint(save_path)
    if latest is None:
        return None
    step = int(tf.train.NewCheckpointReader(latest).get_tensor("global_step"))
    assert latest == os.path.join(save_path, f"model.ckpt-{step}")
    return step


def _tempstate(save_path):
    return [name for name in os.listdir(save_path) if ".tempstate" in name]


def _wait(predicate):
    deadline = time.monotonic() + TIMEOUT
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {TIMEOUT} s")


def _stop_during_a_save(process, save_path, after_step):
    """Waits until a save is seen writing (a ``*.tempstate*`` file) once a checkpoint after
    ``after_step`` exists, and stops the process (SIGSTOP) at once: it is then frozen mid-save
    unless the save ended between the look and the signal. Returns whether it is."""
    earlier = set()  # the files of saves that came too early: let them finish

    def frozen():
        if not set(_tempstate(save_path)) - earlier:
            return False
        process.send_signal(signal.SIGSTOP)
        if (_restorable_step(save_path) or 0) > after_step:
            return True
        earlier.update(_tempstate(save_path))
        process.send_signal(signal.SIGCONT)
        return False

    _wait(frozen)
    return bool(_tempstate(save_path))


def _kill(process):
    process.send_signal(signal.SIGKILL)
    output = process.communicate(timeout=TIMEOUT)[0]
    return output


def _resumed_from(output):
    found = re.search(r"^Resuming from global step (\d+) ", output, re.MULTILINE)
    return int(found.group(1)) if found else 0


def test_sigkill_anywhere_then_restart_never_loses_a_checkpoint(tmp_path):
    data_path, _ = synthetic_text.write_corpus(SPEC, cache_dir=str(tmp_path / "cache"))
    save_path = str(tmp_path / "run")
    os.makedirs(save_path)

    # 1: killed wherever it is once two epochs are checkpointed
    process = _start(data_path, save_path, 10_000)
    _wait(lambda: (_restorable_step(save_path) or 0) >= 2 * EPOCH_STEPS)
    _kill(process)
    history = [_restorable_step(save_path)]

    # 2..: killed as soon as a save is seen in progress, until one is caught midway
    mid_save_kills, removed_reported = 0, False
    for _ in range(6):
        process = _start(data_path, save_path, 10_000)
        mid_save_kills += _stop_during_a_save(process, save_path, history[-1])
        output = _kill(process)
        assert _resumed_from(output) == history[-1]  # resumed exactly where the last run saved
        removed_reported |= "left by an interrupted save." in output
        history.append(_restorable_step(save_path))
        if mid_save_kills >= 2:
            break
    assert mid_save_kills >= 1, "no kill landed during a save in six tries"

    # last: a restart that runs to the end
    final_epochs = history[-1] // EPOCH_STEPS + 2
    process = _start(data_path, save_path, final_epochs)
    output = process.communicate(timeout=TIMEOUT)[0]
    assert process.returncode == 0, output
    assert _resumed_from(output) == history[-1]
    removed_reported |= "left by an interrupted save." in output
    assert removed_reported
    assert _tempstate(save_path) == []
    assert re.search(r"^Test Perplexity: \d+\.\d{3}$", output, re.MULTILINE)
    history.append(_restorable_step(save_path))
    assert history[-1] == final_epochs * EPOCH_STEPS
    assert history == sorted(history)  # global_step never went back


def test_ctrl_c_saves_the_step_reached_and_exits_130(tmp_path):
    data_path, _ = synthetic_text.write_corpus(SPEC, cache_dir=str(tmp_path / "cache"))
    save_path = str(tmp_path / "run")
    os.makedirs(save_path)
    process = _start(data_path, save_path, 10_000)
    _wait(lambda: (_restorable_step(save_path) or 0) >= EPOCH_STEPS)
    process.send_signal(signal.SIGINT)
    output = process.communicate(timeout=TIMEOUT)[0]
    assert process.returncode == 130
    saved = re.search(r"^Interrupted: saved model\.ckpt-(\d+)\.$", output, re.MULTILINE)
    assert saved, output
    assert int(saved.group(1)) == _restorable_step(save_path)
    assert output.splitlines()[-1] == ("Interrupted (rerun with the same --save_path to "
                                       "resume).")
    assert "Traceback" not in output
