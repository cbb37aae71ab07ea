"""Checkpoint-directory housekeeping around ``tf.train.Saver`` / ``Supervisor``.

Reproduces: note 003 "Saver" / "Supervisor" (``sv.saver.save`` into the logdir, and
``managed_session`` restoring the latest checkpoint on restart). TF 2.21's Saver
writes the data and index files as ``<name>.tempstate<random>`` and renames them
when complete; a process killed midway leaves the temporary files, as large as the
model, behind. The ``checkpoint`` file only ever names complete checkpoints, so
those leftovers are garbage, never state.
"""
import glob
import os


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
