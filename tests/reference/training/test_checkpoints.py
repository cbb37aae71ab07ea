"""Checkpoint-directory housekeeping: stale ``*.tempstate*`` files go, checkpoints stay."""
from reference.training import checkpoints


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


def test_missing_directory_removes_nothing(tmp_path):
    lines = []
    assert checkpoints.remove_stale_tempstate(str(tmp_path / "absent"), log=lines.append) == []
    assert lines == []
