"""Checkpoint-directory housekeeping: stale ``*.tempstate*`` files go, checkpoints stay; a
damaged newest checkpoint is set aside for the newest that restores."""
import os
import pathlib
import re

from reference.tf1 import tf

import pytest

from reference.training import checkpoints
from tests import faults


def test_only_tempstate_files_are_removed_and_reported(tmp_path):
    keep = ["checkpoint", "model.ckpt-4.index", "model.ckpt-4.data-00000-of-00001"]
    stale = ["model.ckpt-6.data-00000-of-00001.tempstate5417", "model.ckpt-6.index.tempstate99"]
    for name in keep + stale:
        (tmp_path / name).write_bytes(b"abc")
    lines = []
    removed = checkpoints.remove_stale_tempstate(str(tmp_path), log=lines.append)
    assert removed == [str(tmp_path / name) for name in stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(keep)
    assert lines == [f"Removing {name} (3 bytes), left by an interrupted save." for name in stale]


def test_failed_atomic_writes_and_sharded_parts_are_removed_too(tmp_path):
    (tmp_path / "graph.pbtxt").write_bytes(b"graph")
    (tmp_path / "graph.pbtxt.tmp8b8c3463b778496cabfc27a72ef2f8db").write_bytes(b"ab")
    (tmp_path / "ckpt-74_temp").mkdir()
    (tmp_path / "ckpt-74_temp" / "part-00000-of-00001.data-00000-of-00001").write_bytes(b"abcd")
    (tmp_path / "my_temp_notes.txt").write_bytes(b"x")  # a file, not a directory of parts
    lines = []
    removed = checkpoints.remove_stale_tempstate(str(tmp_path), log=lines.append)
    assert removed == [str(tmp_path / "ckpt-74_temp"),
                       str(tmp_path / "graph.pbtxt.tmp8b8c3463b778496cabfc27a72ef2f8db")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.pbtxt", "my_temp_notes.txt"]
    assert lines == [
        "Removing ckpt-74_temp/ (4 bytes), left by an interrupted save.",
        "Removing graph.pbtxt.tmp8b8c3463b778496cabfc27a72ef2f8db (2 bytes), left by an "
        "interrupted save."]


def test_missing_directory_removes_nothing(tmp_path):
    lines = []
    assert checkpoints.remove_stale_tempstate(str(tmp_path / "absent"), log=lines.append) == []
    assert lines == []


def _three_checkpoints(directory):
    """model.ckpt-0, -50, -100 of w [50, 40] and the global step; returns the prefixes."""
    with tf.Graph().as_default(), tf.Session() as session:
        tf.get_variable("Model/w", [50, 40])
        step = tf.train.get_or_create_global_step()
        session.run(tf.global_variables_initializer())
        saver = tf.train.Saver()
        for value in (0, 50, 100):
            session.run(step.assign(value))
            saver.save(session, os.path.join(directory, "model.ckpt"), global_step=value)
    return [os.path.join(directory, f"model.ckpt-{value}") for value in (0, 50, 100)]


SHAPES = {"Model/w": [50, 40], "global_step": []}
DATA, INDEX = ".data-00000-of-00001", ".index"


def _contents(directory):
    return {p.name: p.read_bytes() for p in sorted(pathlib.Path(directory).iterdir())}


@pytest.mark.parametrize("damage, cause", [
    (lambda p: faults.flip_middle_byte(p + DATA), re.compile(
        r"TensorBundle at model\.ckpt-100 shard 0 \(8000 bytes\): Checksum does not match: "
        r"stored \d+ vs\. calculated on the restored bytes \d+")),
    (lambda p: faults.truncate(p + DATA), "Read less bytes than requested"),
    (lambda p: os.remove(p + DATA), "model.ckpt-100.data-00000-of-00001; No such file or "
                                    "directory"),
    (lambda p: os.remove(p + INDEX), "Unsuccessful TensorSliceReader constructor: Failed to "
                                     "find any matching files for model.ckpt-100"),
], ids=["flipped_byte", "truncated_data", "removed_data", "removed_index"])
def test_a_damaged_newest_checkpoint_is_set_aside_for_the_one_before(tmp_path, damage, cause):
    first, middle, newest = _three_checkpoints(str(tmp_path))
    damage(newest)
    before, lines = _contents(tmp_path), []
    assert checkpoints.newest_restorable(str(tmp_path), SHAPES, log=lines.append) == middle
    head = f"{newest} does not restore: "
    assert lines[0].startswith(head) and lines[0].endswith(".")
    reported = lines[0][len(head):-1]
    assert (cause.fullmatch(reported) if isinstance(cause, re.Pattern) else reported == cause)
    assert lines[1:] == ["Renamed the files of model.ckpt-100 to *.damaged.",
                         "Resuming from model.ckpt-50 (global step 50) instead."]
    after = _contents(tmp_path)
    for name, data in before.items():  # the damaged files kept as they were, renamed
        if name.startswith("model.ckpt-100"):
            assert after.pop(name + checkpoints.DAMAGED) == data
        elif name != "checkpoint":
            assert after.pop(name) == data  # the intact checkpoints untouched
    assert list(after) == ["checkpoint"]
    state = tf.train.get_checkpoint_state(str(tmp_path))
    assert (state.model_checkpoint_path, list(state.all_model_checkpoint_paths)) == (
        middle, [first, middle])
    assert tf.train.latest_checkpoint(str(tmp_path)) == middle


def test_none_restoring_is_one_line_and_renames_nothing(tmp_path):
    prefixes = _three_checkpoints(str(tmp_path))
    for prefix in prefixes:
        faults.flip_middle_byte(prefix + DATA)
    before, lines = _contents(tmp_path), []
    with pytest.raises(checkpoints.CheckpointError) as raised:
        checkpoints.newest_restorable(str(tmp_path), SHAPES, log=lines.append)
    assert str(raised.value) == (f"--save_path: {tmp_path}: no checkpoint restores (tried "
                                 "model.ckpt-100, model.ckpt-50, model.ckpt-0)")
    assert [line.split(": ")[0] for line in lines] == [
        f"{prefix} does not restore" for prefix in prefixes[::-1]]
    assert all("Checksum does not match" in line for line in lines)
    assert _contents(tmp_path) == before


def test_a_second_damage_of_the_same_step_keeps_the_first_damaged_files(tmp_path):
    _, middle, newest = _three_checkpoints(str(tmp_path))
    first = faults.flip_middle_byte(newest + DATA)
    checkpoints.newest_restorable(str(tmp_path), SHAPES, log=lambda line: None)
    _three_checkpoints(str(tmp_path))  # the step saved again, then damaged again
    second = faults.flip_middle_byte(newest + DATA)
    lines = []
    assert checkpoints.newest_restorable(str(tmp_path), SHAPES, log=lines.append) == middle
    assert lines[1] == "Renamed the files of model.ckpt-100 to *.damaged."
    assert (tmp_path / f"model.ckpt-100{DATA}.damaged").read_bytes() == first
    assert (tmp_path / f"model.ckpt-100{DATA}.damaged-2").read_bytes() == second
    assert (tmp_path / f"model.ckpt-100{INDEX}.damaged-2").exists()


def test_a_failed_write_is_one_line_and_other_errors_pass_through(tmp_path):
    _three_checkpoints(str(tmp_path))
    (tmp_path / "model.ckpt-150.data-00000-of-00001.tempstate123").write_bytes(b"ab")
    error = tf.errors.ResourceExhaustedError(
        None, None, f"Graph execution error:\n\nNode: 'save/SaveV2'\n{tmp_path}/model.ckpt-150."
        "data-00000-of-00001.tempstate123; No space left on device\n\t [[{{node save/SaveV2}}]]")
    with pytest.raises(checkpoints.SaveFailed) as raised, \
            checkpoints.writes_reported(str(tmp_path)):
        raise error
    assert str(raised.value) == (
        f"cannot write {tmp_path}/model.ckpt-150.data-00000-of-00001: No space left on device "
        "(the last checkpoint, model.ckpt-100, is kept)")
    assert not list(tmp_path.glob("*.tempstate*"))  # the failed write's leftovers
    elsewhere = tf.errors.ResourceExhaustedError(None, None, "OOM when allocating a tensor")
    with pytest.raises(tf.errors.ResourceExhaustedError) as raised, \
            checkpoints.writes_reported(str(tmp_path)):
        raise elsewhere
    assert raised.value is elsewhere


def test_another_models_checkpoint_names_the_variable_and_touches_nothing(tmp_path):
    newest = _three_checkpoints(str(tmp_path))[-1]
    before, lines = _contents(tmp_path), []
    with pytest.raises(checkpoints.CheckpointError) as raised:
        checkpoints.newest_restorable(str(tmp_path), {"Model/w": [50, 200], "global_step": []},
                                      log=lines.append)
    assert str(raised.value) == (f"--save_path: {newest}: Model/w is [50, 40], the model's is "
                                 "[50, 200]: a checkpoint of another model or config (use another "
                                 "--save_path)")
    with pytest.raises(checkpoints.CheckpointError) as raised:
        checkpoints.newest_restorable(str(tmp_path), {"Model/b": [3], **SHAPES})
    assert str(raised.value).startswith(f"--save_path: {newest}: it has no Model/b: ")
    assert lines == [] and _contents(tmp_path) == before


def test_an_intact_newest_or_no_checkpoint_changes_nothing(tmp_path):
    newest = _three_checkpoints(str(tmp_path / "run"))[-1]
    before, lines = _contents(tmp_path / "run"), []
    assert checkpoints.newest_restorable(str(tmp_path / "run"), SHAPES, log=lines.append) == newest
    assert checkpoints.newest_restorable(str(tmp_path / "empty"), SHAPES, log=lines.append) is None
    assert lines == [] and _contents(tmp_path / "run") == before
