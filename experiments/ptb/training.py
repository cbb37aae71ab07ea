"""Running the PTB graph: ``run_epoch``, the three phases, the tutorial's epoch loop, ``train``.

Reproduces: note 003 "run_epoch / main": the state fetched and fed back every batch, the
learning rate set per epoch, a Supervisor that restores and checkpoints. Checkpoints go to
``<save_path>/model.ckpt-<step>``: the notes' ``sv.saver.save(session, FLAGS.save_path)`` wrote
beside the directory, where the Supervisor never looked to resume. Progress lines come about
ten times an epoch at any epoch size: the notes' ``step % (epoch_size // 10) == 10`` divided
by zero under 10 steps and never printed under 110.
"""
import dataclasses
import os
import time

from reference.tf1 import tf

import numpy as np

from experiments.ptb import model as ptb_model
from experiments.ptb import towers as ptb_towers
from experiments.shared import cli
from reference import towers
from reference.training import callables
from reference.training import checkpoints
from reference.training import mixed_precision


@dataclasses.dataclass(frozen=True)
class Epoch:
    """What one ``run_epoch`` did: the perplexity over its batches, how many it ran, and the
    last global step it saw (with ``until_step``; else None)."""
    perplexity: float
    steps: int
    global_step: int = None


def _progress_step(step, epoch_size):
    """About ten progress lines per epoch: the tutorial's rule, safe for short epochs."""
    interval = max(1, epoch_size // 10)
    return step % interval == 10 % interval


def run_epoch(session, model, eval_op=None, log=None, summary_writer=None, skip_steps=0,
              until_step=None):
    """Runs the model over one epoch of its input; returns an ``Epoch``.

    Args:
      session: a session whose queue runners are started.
      model: a ``PTBModel`` or ``PTBTowers``.
      eval_op: op run with each batch (the train op when training), or None.
      log: where progress lines go (``0.504 perplexity: 123.456 speed: 9876 wps``), or None
        for none. The speed counts the words after the first batch, whose run builds the
        kernels (the tutorial counted it, which lowered the early lines).
      summary_writer: when given, the model's merged summaries are written at each progress
        step and the last step, tagged with the global step the batch started from (eval_op is
        taken to advance it by one per batch).
      skip_steps: batches to dequeue without running, to resume mid-epoch.
      until_step: end the epoch early once the global step after a training batch reaches
        this (distributed training, where other workers advance it too).

    Raises:
      cli.TrainingDiverged: a batch's cost is NaN or infinite (the tutorial printed ``nan``
        perplexities to the end instead).
    """
    for _ in range(skip_steps):
        session.run(model.input.input_data)
    start_time = time.time()
    costs, iters, first_iters, steps, global_step = 0.0, 0, 0, 0, None
    state = session.run(model.initial_state)
    fetches = {"cost": model.cost, "final_state": model.final_state}
    if eval_op is not None:
        fetches["eval_op"] = eval_op
    if until_step is not None:
        fetches["global_step"] = model.step_after
    state_feeds = [t for pair in model.initial_state for t in pair]  # c, h of each layer
    run_step = callables.step_function(session, fetches, state_feeds)
    run_summary_step = (callables.step_function(session, dict(fetches, summary=model.summary_op),
                                                state_feeds) if summary_writer else run_step)
    first_step = session.run(tf.train.get_global_step()) if summary_writer else 0
    for step in range(skip_steps, model.input.epoch_size):
        report = _progress_step(step, model.input.epoch_size)
        last = step == model.input.epoch_size - 1
        vals = (run_summary_step if report or last else run_step)(
            *[v for pair in state for v in pair])
        state = vals["final_state"]
        if not np.isfinite(vals["cost"]):
            raise cli.TrainingDiverged(
                f"cost is {float(vals['cost'])} at step {step + 1} of the epoch; stopped without "
                "saving (the last checkpoint, if any, is kept)")
        costs += vals["cost"]
        iters += model.input.num_steps
        steps += 1
        if step == skip_steps:  # the speed counts from the end of the first (warm-up) batch
            warm_time, first_iters = time.time(), iters
        if "summary" in vals:  # at the global step the batch started from
            trained = step - skip_steps if eval_op is not None else 0
            summary_writer.add_summary(vals["summary"], first_step + trained)
        if log and report:
            timed, since = ((iters - first_iters, warm_time) if iters > first_iters
                            else (iters, start_time))  # a report at the first batch: itself
            log("%.3f perplexity: %.3f speed: %.0f wps" % (
                step * 1.0 / model.input.epoch_size, np.exp(costs / iters),
                timed * model.input.batch_size / (time.time() - since)))
        if until_step is not None:
            global_step = int(vals["global_step"])
            if global_step >= until_step:
                break
    return Epoch(float(np.exp(costs / iters)), steps, global_step)


def start_epoch(session, model, config, epoch, log):
    """Sets the learning rate of ``epoch`` (from 0) and logs the tutorial's line for it."""
    rate = config.learning_rate_at(epoch)
    model.assign_lr(session, rate)
    log("Epoch: %d Learning rate: %.3f" % (epoch + 1, rate))


def _phase(name, config, data, is_training, initializer, max_steps, summaries, num_towers=1,
           make_optimizer=None):
    """One of Train/Valid/Test: input and model under ``name_scope(name)``, summaries merged
    per scope; a Train phase of ``num_towers > 1`` is ``towers.PTBTowers``."""
    getter = mixed_precision.custom_getter(config.compute_dtype)
    with tf.name_scope(name):
        if num_towers > 1:
            with tf.variable_scope("Model", initializer=initializer, custom_getter=getter):
                model = ptb_towers.PTBTowers(config, data, num_towers, max_steps)
        else:
            input_ = ptb_model.PTBInput(config, data, name=f"{name}Input", max_steps=max_steps)
            with tf.variable_scope("Model", reuse=not is_training, initializer=initializer,
                                   custom_getter=getter):
                model = ptb_model.PTBModel(is_training, config, input_,
                                           make_optimizer=make_optimizer)
        for tag, tensor in summaries(model).items():
            tf.summary.scalar(tag, tensor)
    model.summary_op = tf.summary.merge(tf.get_collection(tf.GraphKeys.SUMMARIES, scope=name))
    return model


def build_models(config, raw_data, max_steps=None, num_towers=1, make_optimizer=None):
    """Builds the Train, Valid and Test models in the default graph; returns them.

    The test model reads one word at a time (batch_size 1, num_steps 1), as the tutorial's
    eval_config. With ``num_towers > 1`` training runs on that many towers (``towers.py``);
    Valid and Test stay on one device. ``make_optimizer``: ``learning_rate -> optimizer`` of a
    one-device Train phase (default ``GradientDescentOptimizer``; distributed training wraps
    it).
    """
    train_data, valid_data, test_data, _ = raw_data
    tf.train.get_or_create_global_step()
    initializer = tf.random_uniform_initializer(-config.init_scale, config.init_scale)
    valid_config = config.evaluation()
    eval_config = dataclasses.replace(valid_config, batch_size=1, num_steps=1)
    m = _phase("Train", config, train_data, True, initializer, max_steps,
               lambda m: {"Training Loss": m.cost, "Learning Rate": m.lr}, num_towers,
               make_optimizer)
    mvalid = _phase("Valid", valid_config, valid_data, False, initializer, max_steps,
                    lambda m: {"Validation Loss": m.cost})
    mtest = _phase("Test", eval_config, test_data, False, initializer, max_steps, lambda m: {})
    return m, mvalid, mtest


def _epoch_summary(writer, epoch, **perplexities):
    """``<Phase>/Perplexity`` scalars at step ``epoch``: the values the epoch lines print, as
    curves in TensorBoard (one tag per phase, beside each phase's per-batch loss)."""
    if writer is not None:
        writer.add_summary(tf.Summary(value=[
            tf.Summary.Value(tag=f"{phase}/Perplexity", simple_value=value)
            for phase, value in perplexities.items()]), epoch)
        writer.flush()


def _train_epochs(session, sv, config, models, metrics, save_path, log, train_session):
    """The tutorial's epoch loop, resuming at the epoch and step of the restored global step."""
    m, mvalid, mtest = models
    start_step = session.run(sv.global_step)
    first_epoch, skip = divmod(start_step, m.input.epoch_size)
    if start_step:
        log(f"Resuming from global step {start_step} (epoch {first_epoch + 1}, step "
            f"{skip}) of the checkpoint in {save_path}.")
    for i in range(first_epoch, config.max_max_epoch):
        start_epoch(session, m, config, i, log)
        metrics["train_perplexity"].append(run_epoch(
            train_session, m, eval_op=m.train_op, log=log, summary_writer=sv.summary_writer,
            skip_steps=skip if i == first_epoch else 0).perplexity)
        log("Epoch: %d Train Perplexity: %.3f" % (i + 1, metrics["train_perplexity"][-1]))
        metrics["valid_perplexity"].append(
            run_epoch(session, mvalid, summary_writer=sv.summary_writer).perplexity)
        log("Epoch: %d Valid Perplexity: %.3f" % (i + 1, metrics["valid_perplexity"][-1]))
        _epoch_summary(sv.summary_writer, i + 1, Train=metrics["train_perplexity"][-1],
                       Valid=metrics["valid_perplexity"][-1])
        if sv.should_stop():  # the Supervisor's timed save failed: it raises that on exit
            return
        if save_path:
            sv.saver.save(session, sv.save_path, global_step=sv.global_step)
    metrics["test_perplexity"] = run_epoch(session, mtest).perplexity
    log("Test Perplexity: %.3f" % metrics["test_perplexity"])
    _epoch_summary(sv.summary_writer, config.max_max_epoch, Test=metrics["test_perplexity"])
    metrics["global_step"] = int(session.run(sv.global_step))
    if save_path:
        log("Saving model to %s." % save_path)
        sv.saver.save(session, sv.save_path, global_step=sv.global_step)


def train(config, raw_data, save_path=None, log=print, max_steps=None, session_config=None,
          seed=None, wrap=None, num_towers=1):
    """Trains, validates each epoch, then tests; resumes from ``save_path``'s checkpoint.

    Args:
      config: a ``PTBConfig``; its vocab_size is replaced by the data's.
      raw_data: ``ptb_reader.ptb_raw_data`` output.
      save_path: Supervisor logdir for checkpoints (each epoch, at the end, and on Ctrl-C
        before KeyboardInterrupt goes on) and summaries, or None.
      log: where the tutorial's progress lines go.
      max_steps: cap on the batches of every epoch (smoke runs, benchmarks).
      session_config: a ``tf.ConfigProto`` for the session.
      seed: graph-level random seed (initial weights, dropout), or None.
      wrap: ``session -> session`` for the training epochs only (tfdbg; the Supervisor's
        initialization, validation, test and saves run unwrapped).
      num_towers: towers of the training phase; on a machine without that many GPUs they run
        on as many CPU devices.

    Returns:
      dict with ``train_perplexity`` and ``valid_perplexity`` (lists, one per epoch run),
      ``test_perplexity`` and ``global_step``.

    Raises:
      checkpoints.CheckpointError: no checkpoint of ``save_path`` restores into this model.
      checkpoints.SaveFailed: a write into ``save_path`` failed (training stops at the end of
        the epoch it failed in, or at once when the failure is in this thread).
    """
    config = dataclasses.replace(config, vocab_size=raw_data[3])
    with tf.Graph().as_default():
        if seed is not None:
            tf.set_random_seed(seed)
        models = build_models(config, raw_data, max_steps, num_towers)
        if num_towers > 1 and towers.tower_devices(num_towers)[0].startswith("/cpu"):
            session_config = towers.cpu_towers_config(num_towers, session_config)
        if save_path:
            checkpoints.remove_stale_tempstate(save_path, log)
            checkpoints.newest_restorable(save_path, checkpoints.variable_shapes(), log)
        sv = tf.train.Supervisor(logdir=save_path, summary_op=None)
        metrics = {"train_perplexity": [], "valid_perplexity": []}
        with checkpoints.writes_reported(save_path), \
                sv.managed_session(config=session_config) as session:
            try:
                train_session = wrap(session) if wrap else session
                _train_epochs(session, sv, config, models, metrics, save_path, log,
                              train_session)
            except KeyboardInterrupt:
                if save_path:
                    path = sv.saver.save(session, sv.save_path, global_step=sv.global_step)
                    log(f"Interrupted: saved {os.path.basename(path)}.")
                raise
    return metrics
