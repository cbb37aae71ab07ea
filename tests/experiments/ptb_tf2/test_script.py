"""``python -m experiments.ptb_tf2`` prints, saves and summarizes what ``experiments.ptb`` does.

The runs are ``conftest.world``'s (one epoch of the test config, from the same initial
weights), plus one run stopped with Ctrl-C and resumed.
"""
import re
import signal
import subprocess
import sys

from reference.tf1 import tf

from tests.conftest import ROOT
from tests.conftest import child_env
from tests.conftest import without_version_noise
from tests.experiments.ptb_tf2.conftest import EPOCH_STEPS
from tests.experiments.ptb_tf2.conftest import TEXTS

TIMEOUT = 120


def _shape(stdout, save_path):
    """The lines with their numbers as N and the save path as DIR."""
    return [re.sub(r"\d+(\.\d+)?", "N", line.replace(str(save_path), "DIR"))
            for line in stdout.splitlines()]


def test_the_lines_are_the_tutorials_in_the_same_order_as_tf1s(world):
    d, (_, tf1_out, _), runs, _ = world
    shape = _shape(runs["tf2_train"]["stdout"], d["tf2"])
    assert shape == _shape(tf1_out, d["tf1"])
    assert shape == (["Epoch: N Learning rate: N"] + ["N perplexity: N speed: N wps"] * 11
                     + ["Epoch: N Train Perplexity: N", "Epoch: N Valid Perplexity: N",
                        "Test Perplexity: N", "Saving model to DIR."])


def _tags(directory):
    tags = {}
    for path in directory.glob("events.out.tfevents.*"):
        for event in tf.train.summary_iterator(str(path)):
            for value in event.summary.value:
                tags.setdefault(value.tag, []).append(event.step)
    return tags


def test_the_summaries_have_tf1s_tags_at_tf1s_steps(world):
    """Per batch, at about ten steps of an epoch and its last (Valid: 19 batches, each), at the
    global step the batch started from; per epoch, the perplexities at the epoch's number."""
    d, _, _, _ = world
    tf1 = {tag: steps for tag, steps in _tags(d["tf1"]).items()
           if "input_producer" not in tag and tag != "global_step/sec"}  # the queues' own
    progress = list(range(3, EPOCH_STEPS, 7))  # step % (74 // 10) == 10 % 7; 73 is the last
    assert _tags(d["tf2"]) == tf1 == {
        "Train/Training_Loss": progress, "Train/Learning_Rate": progress,
        "Valid/Validation_Loss": [EPOCH_STEPS] * 19, "Train/Perplexity": [1],
        "Valid/Perplexity": [1], "Test/Perplexity": [1]}


def test_checkpoints_at_the_start_and_after_the_epoch(world):
    d, _, _, _ = world
    assert sorted(p.name for p in d["tf2"].iterdir() if not p.name.startswith("events")) == [
        "checkpoint", "ckpt-0.data-00000-of-00001", "ckpt-0.index",
        f"ckpt-{EPOCH_STEPS}.data-00000-of-00001", f"ckpt-{EPOCH_STEPS}.index"]


def _start(data_path, save_path, epochs):
    return subprocess.Popen(
        [sys.executable, "-m", "experiments.ptb_tf2", "--model=test", f"--data_path={data_path}",
         f"--save_path={save_path}", f"--max_max_epoch={epochs}"], cwd=ROOT,
        env=child_env(PYTHONUNBUFFERED="1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)


def test_ctrl_c_saves_and_a_rerun_resumes_there(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name, text in zip(("ptb.train.txt", "ptb.valid.txt", "ptb.test.txt"), TEXTS):
        (data / name).write_text(text, encoding="utf-8")
    save = tmp_path / "save"
    process = _start(data, save, epochs=10_000)  # far more than the test waits for
    for line in process.stdout:
        if line.startswith("Epoch: 2 Learning rate"):  # training is on, a checkpoint behind
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, without_version_noise(err)) == (
        130, "Interrupted (rerun with the same --save_path to resume).\n")
    [saved] = re.findall(r"^Interrupted: saved ckpt-(\d+)\.$", out, re.M)
    step = int(saved)
    assert step >= EPOCH_STEPS
    assert tf.train.latest_checkpoint(str(save)) == str(save / f"ckpt-{step}")
    epoch, skip = divmod(step, EPOCH_STEPS)
    rerun = _start(data, save, epochs=epoch + 1)
    out, err = rerun.communicate(timeout=TIMEOUT)
    assert (rerun.returncode, without_version_noise(err)) == (0, "")
    assert out.splitlines()[0] == (f"Resuming from global step {step} (epoch {epoch + 1}, step "
                                   f"{skip}) of the checkpoint in {save}.")
    assert tf.train.latest_checkpoint(str(save)) == str(save / f"ckpt-{(epoch + 1) * EPOCH_STEPS}")
