"""The session and step loop the small experiments share: resume, progress, summaries, checkpoints.

Not an experiment: experiments import it (and ``common``), never each other. The PTB script
keeps its own Supervisor loop, as the notes write it; the others, which the notes write as a
bare ``for i in range(...): sess.run(train_op, feed_dict=...)``, get these additions:

* with ``save_path``: a ``tf.train.Saver`` restores ``<save_path>/model.ckpt-<step>`` when one
  exists, so a rerun resumes at the saved global step (a damaged newest checkpoint is set
  aside for the one before, ``reference.training.checkpoints``); checkpoints are written every
  ``checkpoint_every`` steps, at the end, and on Ctrl-C before the interrupt goes on; a
  ``FileWriter`` in ``save_path`` takes the summaries each step returns; a write there that
  fails (a full disk) stops the run with ``checkpoints.SaveFailed``;
* a progress line every ``log_every`` steps and at the last: ``step 200/1000: loss 0.1234
  (850 steps/s)``;
* a loss that becomes NaN or infinite stops the run with ``cli.TrainingDiverged`` naming the step,
  before anything is saved, so the last checkpoint holds the last good weights;
* ``SessionDefaults``: the session config and the tfdbg wrapper of the training steps, which
  each script's ``main`` makes from the shared flags (``common.session_defaults()``) and hands
  down; a direct caller passes none and gets a plain session.
"""
import contextlib
import dataclasses
import math
import os
import time

from reference.tf1 import tf

from experiments.shared import cli
from reference.training import checkpoints

CHECKPOINT_NAME = "model.ckpt"


@dataclasses.dataclass(frozen=True)
class SessionDefaults:
    """``config``: a ``tf.ConfigProto`` or None; ``wrap``: ``session -> session`` applied to
    the session the training steps run in (tfdbg), or None."""
    config: object = None
    wrap: object = None



@dataclasses.dataclass
class Run:
    """What ``session`` yields: the session, its saver and summary writer (None without a
    save path), the global step the run starts from (0, or the restored one) and the session
    the training steps run in (``session`` itself unless a tfdbg wrapper is set)."""
    session: object
    saver: object
    writer: object
    global_step: object
    save_path: str
    start_step: int
    train_session: object = None

    def save(self):
        if self.save_path:
            return self.saver.save(self.session, os.path.join(self.save_path, CHECKPOINT_NAME),
                                   global_step=self.global_step)
        return None


@contextlib.contextmanager
def session(graph, global_step, save_path=None, log=print, defaults=None):
    """A session on ``graph``, restored from ``save_path``'s latest checkpoint or initialized.

    ``global_step`` is the graph's step variable (``tf.train.get_or_create_global_step``);
    the caller's train op increments it. Create every variable before calling this.
    ``defaults``: a ``SessionDefaults`` (the session's config, the training steps' wrapper).
    """
    defaults = defaults or SessionDefaults()
    with graph.as_default():
        saver = tf.train.Saver(max_to_keep=3) if save_path else None
        init = tf.global_variables_initializer()
        shapes = checkpoints.variable_shapes()
    latest = None
    if save_path:
        checkpoints.remove_stale_tempstate(save_path, log)
        latest = checkpoints.newest_restorable(save_path, shapes, log)
    with checkpoints.writes_reported(save_path), \
            tf.Session(graph=graph, config=defaults.config) as sess:
        if latest:
            saver.restore(sess, latest)
            log(f"Restored {os.path.basename(latest)} from {save_path}.")
        else:
            sess.run(init)
        writer = tf.summary.FileWriter(save_path, graph) if save_path else None
        try:
            start = int(sess.run(global_step))  # initialized or restored: not under tfdbg
            train_session = defaults.wrap(sess) if defaults.wrap else sess
            yield Run(sess, saver, writer, global_step, save_path, start, train_session)
        finally:
            if writer:
                writer.close()


def train_steps(run, num_steps, step, log=print, log_every=100, checkpoint_every=1000):
    """Calls ``step(session, i) -> (loss, summary)`` for ``i`` from ``run.start_step`` to
    ``num_steps``; returns the losses of the steps run here. A step that did not fetch its
    loss or summary returns None for it (the progress line shows the latest loss).

    The step must run the train op that increments the global step. Summaries go to the
    writer at step ``i``.
    """
    losses = []
    started = time.perf_counter()
    try:
        for i in range(run.start_step, num_steps):
            loss, summary = step(run.train_session or run.session, i)
            if loss is not None and not math.isfinite(loss):
                kept = tf.train.latest_checkpoint(run.save_path) if run.save_path else None
                raise cli.TrainingDiverged(
                    f"loss is {float(loss)} at step {i + 1}; stopped without saving"
                    + (f" (the last checkpoint, {os.path.basename(kept)}, is kept)"
                       if kept else ""))
            if loss is not None:
                losses.append(float(loss))
            if summary is not None and run.writer:
                run.writer.add_summary(summary, i)
            done = i + 1
            if (done % log_every == 0 or done == num_steps) and losses:
                rate = (done - run.start_step) / max(time.perf_counter() - started, 1e-9)
                log(f"step {done}/{num_steps}: loss {losses[-1]:.4f} ({rate:.0f} steps/s)")
            if run.save_path and done % checkpoint_every == 0:
                run.save()
    except KeyboardInterrupt:
        path = run.save()
        if path:
            log(f"Interrupted: saved {os.path.basename(path)}.")
        raise
    if run.save_path and run.start_step < num_steps:
        run.save()
    return losses


def mean_over_batches(session, tensor, feeds, batch=1000, extra_feed=None):
    """The mean of the scalar ``tensor`` over whole arrays, run ``batch`` rows at a time and
    weighted by each part's size. ``feeds`` maps placeholders to arrays of equal length."""
    total = len(next(iter(feeds.values())))
    weighted = 0.0
    for start in range(0, total, batch):
        feed = {placeholder: array[start:start + batch] for placeholder, array in feeds.items()}
        feed.update(extra_feed or {})
        weighted += session.run(tensor, feed) * min(batch, total - start)
    return weighted / total
