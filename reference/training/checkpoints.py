"""Checkpoint-directory housekeeping around ``tf.train.Saver`` / ``Supervisor``.

Reproduces: note 003 "Saver" / "Supervisor" (``sv.saver.save`` into the logdir, and
``managed_session`` restoring the latest checkpoint on restart). TF 2.21's Saver
writes the data and index files as ``<name>.tempstate<random>`` and renames them
when complete; a process killed midway leaves the temporary files, as large as the
model, behind. The ``checkpoint`` file only ever names complete checkpoints, so
those leftovers are garbage, never state.

``newest_restorable`` is what a resume runs before the Supervisor restores: a checkpoint whose
files are damaged (a checksum that does not match, a truncated or missing data or index file)
is renamed aside (``*.damaged``, never deleted) and the state file pointed at the newest one
that reads back whole; a checkpoint of another model (a variable missing or of another shape)
stops the run, touching nothing.
"""
import glob
import os

from reference.tf1 import tf

DAMAGED = ".damaged"


class CheckpointError(ValueError):
    """No checkpoint of ``save_path`` restores into this model; the message is one line naming
    the file or directory and why."""


def remove_stale_tempstate(save_path, log=print):
    """Deletes the ``*.tempstate*`` files a save killed midway left in ``save_path``.

    Call it before anything saves into ``save_path`` again (a running save's own
    temporary files match too).

    Returns:
      the paths removed, sorted.
    """
    stale = sorted(glob.glob(os.path.join(save_path, "*.tempstate*")))
    for path in stale:
        log(f"Removing {os.path.basename(path)} ({os.path.getsize(path)} bytes), left by an "
            "interrupted save.")
        os.remove(path)
    return stale


def _cause(err, prefix):
    """The first line of a reader's error, the checkpoint named by its file name only."""
    text = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return text.replace(os.path.dirname(prefix) + os.sep, "")


def _problem(prefix, shapes):
    """``(kind, cause)`` of a checkpoint that does not restore ``shapes`` (``{name: shape}``),
    kind "damaged" or "another model"; None when every variable is there with its shape and
    every tensor reads back (checksums checked)."""
    try:
        reader = tf.train.load_checkpoint(prefix)
        stored = reader.get_variable_to_shape_map()
    except (tf.errors.OpError, IndexError, ValueError) as err:
        return "damaged", _cause(err, prefix)
    for name, shape in shapes.items():
        if name not in stored:
            return "another model", f"it has no {name}"
        if list(stored[name]) != list(shape):
            return "another model", f"{name} is {list(stored[name])}, the model's is {list(shape)}"
    try:
        for name in stored:
            reader.get_tensor(name)
    except (tf.errors.OpError, IndexError, ValueError) as err:
        return "damaged", _cause(err, prefix)
    return None


def _set_aside(prefix, log):
    for path in sorted(glob.glob(glob.escape(prefix) + ".*")):
        if not path.endswith(DAMAGED):
            os.rename(path, path + DAMAGED)
    log(f"Renamed the files of {os.path.basename(prefix)} to *{DAMAGED}.")


def newest_restorable(save_path, shapes, log=print):
    """The newest checkpoint of ``save_path``'s state file that restores ``shapes`` (the
    model's ``{variable name: shape}``), or None when there is no checkpoint to resume.

    Newer ones that are damaged are reported, renamed aside and dropped from the state file,
    which then names the one returned.

    Raises:
      CheckpointError: the newest checkpoint is another model's, or none restores (nothing is
        renamed then).
    """
    state = tf.train.get_checkpoint_state(save_path)
    if not state or not state.model_checkpoint_path:
        return None
    tried = list(dict.fromkeys([state.model_checkpoint_path]
                               + list(state.all_model_checkpoint_paths)[::-1]))
    damaged = []
    for prefix in tried:
        problem = _problem(prefix, shapes)
        if problem is None:
            break
        kind, cause = problem
        if kind == "another model":
            raise CheckpointError(f"--save_path: {prefix}: {cause}: a checkpoint of another model "
                                  "or config (use another --save_path)")
        log(f"{prefix} does not restore: {cause}.")
        damaged.append(prefix)
    else:
        raise CheckpointError(f"--save_path: {save_path}: no checkpoint restores (tried "
                              f"{', '.join(os.path.basename(p) for p in tried)})")
    for path in damaged:
        _set_aside(path, log)
    if damaged:
        kept = [p for p in state.all_model_checkpoint_paths if p not in damaged]
        tf.train.update_checkpoint_state(save_path, prefix, kept)
        reader = tf.train.load_checkpoint(prefix)
        step = (f" (global step {reader.get_tensor('global_step')})"
                if reader.has_tensor("global_step") else "")
        log(f"Resuming from {os.path.basename(prefix)}{step} instead.")
    return prefix
