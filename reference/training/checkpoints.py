"""Checkpoint-directory housekeeping around ``tf.train.Saver`` / ``Supervisor`` (and the
TF2 ``CheckpointManager``, whose directory has the same ``checkpoint`` state file).

Reproduces: note 003 "Saver" / "Supervisor" (``sv.saver.save`` into the logdir, and
``managed_session`` restoring the latest checkpoint on restart). TF 2.21's Saver
writes the data and index files as ``<name>.tempstate<random>`` and renames them
when complete; a process killed midway leaves the temporary files, as large as the
model, behind. The ``checkpoint`` file only ever names complete checkpoints, so
those leftovers are garbage, never state.

What every resuming experiment runs around its restore and its saves:

* ``newest_restorable``, before the restore: a checkpoint whose files are damaged (a checksum
  that does not match, a truncated or missing data or index file) is renamed aside
  (``*.damaged``, never deleted) and the state file pointed at the newest one that reads back
  whole; a checkpoint of another model (a variable missing or of another shape) stops the
  run (``CheckpointError``), touching nothing;
* ``writes_reported``, around the training: a write into the directory that fails (a full
  disk) becomes ``SaveFailed``, one line naming the file, the cause and the checkpoint kept.
"""
import contextlib
import glob
import logging
import os
import re
import shutil
import sys
import threading

DAMAGED = ".damaged"
# what a write interrupted midway leaves: the Saver's ``*.tempstate<digits>`` and the
# ``<name>.tmp<32 hex digits>`` of TensorFlow's atomic writes (``graph.pbtxt``, ``checkpoint``)
_LEFTOVER = re.compile(r"\.tempstate\d*|\.tmp[0-9a-f]{32}")
# a sharded save's directory of parts (TF2's ``ckpt-<n>_temp``, the Saver's ``_temp_<hex>``)
_PARTS = re.compile(r"_temp(_[0-9a-f]{32})?$")
_PART = re.compile(r"_temp(_[0-9a-f]{32})?/part-\d+-of-\d+")


class CheckpointError(ValueError):
    """No checkpoint of ``--save_path`` restores into this model (all damaged, or another
    model's): a usage error, exit status 2; the message names the file or directory and why."""


class SaveFailed(RuntimeError):
    """Writing into ``--save_path`` failed (a full disk, no permission): exit status 1; the
    message names the file, the cause and the last checkpoint, which is kept."""


def _tf():
    """The ``compat.v1`` API of the TensorFlow the process imported: ``reference.tf1``'s in TF1
    mode, else the plain package's (``experiments.ptb_tf2``); the checkpoint functions used
    here do the same in both. This module imports none, so that either kind of process (and
    a command line, before its flags are checked) can import it."""
    if "reference.tf1" in sys.modules:
        return sys.modules["reference.tf1"].tf
    return sys.modules["tensorflow"].compat.v1


def variable_shapes():
    """``{name: shape}`` of the default graph's global variables, as a ``tf.train.Saver``
    names them in a checkpoint: what ``newest_restorable`` checks a TF1 model against."""
    return {v.op.name: v.shape.as_list() for v in _tf().global_variables()}


def remove_stale_tempstate(save_path, log=print):
    """Deletes the temporary files a write killed midway or failed left in ``save_path``
    (the Saver's ``*.tempstate*``, ``graph.pbtxt.tmp<hex>``, a sharded save's ``*_temp``
    directory of parts).

    Call it before anything saves into ``save_path`` again (a running save's own
    temporary files match too).

    Returns:
      the paths removed, sorted.
    """
    stale = sorted(path for path in glob.glob(os.path.join(glob.escape(save_path), "*"))
                   if _LEFTOVER.search(os.path.basename(path))
                   or (os.path.isdir(path) and _PARTS.search(os.path.basename(path))))
    for path in stale:
        if os.path.isdir(path):
            size = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
            log(f"Removing {os.path.basename(path)}/ ({size} bytes), left by an interrupted "
                "save.")
            shutil.rmtree(path)
        else:
            log(f"Removing {os.path.basename(path)} ({os.path.getsize(path)} bytes), left by "
                "an interrupted save.")
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
    tf = _tf()
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
    """Renames the files of ``prefix`` to ``*.damaged`` (``*.damaged-2``, ... where an earlier
    one of that name is there: nothing is overwritten)."""
    for path in sorted(glob.glob(glob.escape(prefix) + ".*")):
        if DAMAGED in os.path.basename(path)[len(os.path.basename(prefix)):]:
            continue
        target, n = path + DAMAGED, 1
        while os.path.exists(target):
            n += 1
            target = f"{path}{DAMAGED}-{n}"
        os.rename(path, target)
    log(f"Renamed the files of {os.path.basename(prefix)} to *{DAMAGED}.")


def newest_restorable(save_path, shapes, log=print, step_key="global_step"):
    """The newest checkpoint of ``save_path``'s state file that restores ``shapes`` (the
    model's ``{checkpoint key: shape}``), or None when there is no checkpoint to resume;
    ``step_key`` is the global step's key (the step resumed from is said).

    Newer ones that are damaged are reported, renamed aside and dropped from the state file,
    which then names the one returned.

    Raises:
      CheckpointError: the newest checkpoint is another model's, or none
        restores (nothing is renamed then).
    """
    tf = _tf()
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
            raise CheckpointError(
                f"--save_path: {prefix}: {cause}: a checkpoint of another model or config "
                "(use another --save_path)")
        log(f"{prefix} does not restore: {cause}.")
        damaged.append(prefix)
    else:
        raise CheckpointError(
            f"--save_path: {save_path}: no checkpoint restores (tried "
            f"{', '.join(os.path.basename(p) for p in tried)})")
    for path in damaged:
        _set_aside(path, log)
    if damaged:
        paths = list(state.all_model_checkpoint_paths)
        times = list(state.all_model_checkpoint_timestamps)  # a CheckpointManager's
        kept = [i for i, path in enumerate(paths) if path not in damaged]
        with _log_filtered(lambda message: "update_checkpoint_state" not in message):
            tf.train.update_checkpoint_state(  # deprecated for CheckpointManager, not gone
                save_path, prefix, all_model_checkpoint_paths=[paths[i] for i in kept],
                all_model_checkpoint_timestamps=([times[i] for i in kept]
                                                 if len(times) == len(paths) else None),
                last_preserved_timestamp=state.last_preserved_timestamp or None)
        reader = tf.train.load_checkpoint(prefix)
        step = (f" (global step {reader.get_tensor(step_key)})"
                if reader.has_tensor(step_key) else "")
        log(f"Resuming from {os.path.basename(prefix)}{step} instead.")
    return prefix


def _failed_write(save_path, err):
    """``err``'s file under ``save_path`` (temporary suffixes dropped) and its cause, or None
    when ``err`` names no file there."""
    directory = re.escape(os.path.normpath(save_path))
    for line in str(err).splitlines():
        found = re.search(rf"(\S*{directory}/\S*?)[;:] +(.+?)(?: \[Op:\w+\])?$", line)
        if found:
            return _PART.sub("", _LEFTOVER.sub("", found.group(1))), found.group(2).strip()
    return None


@contextlib.contextmanager
def _log_filtered(keep):
    """TensorFlow's Python log lines inside only where ``keep(message)``."""
    logger = logging.getLogger("tensorflow")

    def kept(record):
        return keep(record.getMessage())

    logger.addFilter(kept)
    try:
        yield
    finally:
        logger.removeFilter(kept)


@contextlib.contextmanager
def _summary_thread_errors_deferred():
    """Drops the traceback and the log line of a summary writer's thread that failed to write:
    the writer raises the same error again in its caller's thread (at its next event, flush
    or close), where ``writes_reported`` reports it in one line."""
    previous = threading.excepthook

    def hook(args):
        if args.thread is None or args.thread.name != "EventLoggerThread":
            previous(args)

    threading.excepthook = hook
    try:
        with _log_filtered(lambda message: not message.startswith(
                "EventFileWriter writer thread error")):
            yield
    finally:
        threading.excepthook = previous


@contextlib.contextmanager
def writes_reported(save_path):
    """A write into ``save_path`` that fails inside (a checkpoint, ``graph.pbtxt``, an event
    file; in the caller's thread, a Supervisor's or a summary writer's) becomes ``SaveFailed``:
    the file, the cause and the last checkpoint, which the state file still names. The failed
    write's temporary files are removed; nothing else is touched. Without ``save_path``,
    nothing changes."""
    if not save_path:
        yield
        return
    tf = _tf()
    try:
        with _summary_thread_errors_deferred():
            yield
    except SaveFailed:
        raise
    except (tf.errors.OpError, RuntimeError) as err:
        failed = _failed_write(save_path, err)
        if failed is None or isinstance(err, tf.errors.DataLossError):
            raise
        remove_stale_tempstate(save_path, log=lambda line: None)
        kept = tf.train.latest_checkpoint(save_path)
        raise SaveFailed(
            f"cannot write {failed[0]}: {failed[1]} ("
            + (f"the last checkpoint, {os.path.basename(kept)}, is kept)" if kept else
               "no checkpoint was saved)")) from None
