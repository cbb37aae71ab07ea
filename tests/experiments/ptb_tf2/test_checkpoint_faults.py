"""A damaged, foreign or unwritable ``--save_path`` of ``experiments.ptb_tf2``: the runs are
``conftest.world``'s (its TF2 child), on a copy of the TF2 run's checkpoints (``ckpt-0`` and
``ckpt-<EPOCH_STEPS>``)."""
import re

import pytest

from tests.experiments.ptb_tf2.conftest import EPOCH_STEPS

NEWEST = f"ckpt-{EPOCH_STEPS}"
ERROR = "experiments.ptb_tf2: error: "


def test_an_unwritable_save_path_is_one_line_exit_2(world):
    _, _, runs, _ = world
    assert (runs["unwritable_save_path"]["status"], runs["unwritable_save_path"]["stdout"]) == (
        2, "")
    assert runs["unwritable_save_path"]["stderr"].splitlines() == [
        f"{ERROR}flag --save_path=/proc/x: '/proc/x' cannot be created: No such file or "
        "directory"]


def test_another_configs_checkpoint_is_one_line_exit_2_naming_the_variable(world):
    d, _, runs, _ = world
    run = runs["another_model"]
    assert (run["status"], run["stdout"]) == (2, "")
    assert run["stderr"].splitlines() == [
        f"{ERROR}--save_path: {d['damaged']}/{NEWEST}: model/embedding/_embeddings/.ATTRIBUTES/"
        "VARIABLE_VALUE is [19, 2], the model's is [19, 200]: a checkpoint of another model or "
        "config (use another --save_path)"]


def test_a_damaged_newest_checkpoint_resumes_from_the_one_before(world):
    d, _, runs, _ = world
    run = runs["resume_past_damage"]
    assert run["status"] == 0, run["stderr"]
    lines = run["stdout"].splitlines()
    assert re.fullmatch(rf"{re.escape(str(d['damaged']))}/{NEWEST} does not restore: TensorBundle "
                        rf"at {NEWEST} shard 0 \(\d+ bytes\): Checksum does not match: stored \d+ "
                        r"vs\. calculated on the restored bytes \d+\.", lines[0])
    assert lines[1:4] == [f"Renamed the files of {NEWEST} to *.damaged.",
                          "Resuming from ckpt-0 (global step 0) instead.",
                          "Epoch: 1 Learning rate: 1.000"]
    names = sorted(p.name for p in d["damaged"].iterdir() if not p.name.startswith("events"))
    assert names == ["checkpoint", "ckpt-0.data-00000-of-00001", "ckpt-0.index",
                     f"ckpt-{2 * EPOCH_STEPS}.data-00000-of-00001", f"ckpt-{2 * EPOCH_STEPS}.index",
                     f"{NEWEST}.data-00000-of-00001", f"{NEWEST}.data-00000-of-00001.damaged",
                     f"{NEWEST}.index", f"{NEWEST}.index.damaged"]


def test_a_save_on_a_full_disk_is_one_line_exit_1_and_the_last_checkpoint_is_kept(world):
    d, _, runs, _ = world
    run = runs["full_disk"]
    if not run["injected"]:
        pytest.skip("no C compiler (cc) to build the LD_PRELOAD fault injector full_files.c")
    assert run["status"] == 1
    assert run["stderr"].splitlines() == [
        f"{ERROR}cannot write {d['full']}/{NEWEST}.data-00000-of-00001: No space left on device "
        "(the last checkpoint, ckpt-0, is kept)"]
    assert (d["full"] / "checkpoint").read_text().splitlines()[0] == (
        'model_checkpoint_path: "ckpt-0"')
    assert sorted(p.name for p in d["full"].iterdir() if not p.name.startswith("events")) == [
        "checkpoint", "ckpt-0.data-00000-of-00001", "ckpt-0.index"]
