"""Training the Keras PTB model: ``tf.function`` steps, the tutorial's epoch loop, ``train``.

What ``experiments.ptb.training`` does with a Supervisor and fed state, the TF2 way: one
``tf.function`` per phase takes a batch and the state and returns the cost and the final state
(the training one also applies SGD on the gradients clipped by global norm); a Python loop
carries the state from batch to batch. The input is ``pipelines.ptb_dataset``, one iterator per
phase kept across epochs as TF1's producer queue is. A ``tf.train.CheckpointManager`` saves
``<save_path>/ckpt-<global step>`` at the start, after each epoch, at the end and on Ctrl-C; a
rerun restores the newest and resumes at its epoch and step, as the TF1 script does past a
damaged checkpoint and to a failed save (``reference.training.checkpoints``). Summaries are
``tf.summary`` scalars under TF1's tags.
"""
import dataclasses
import time

import keras
import numpy as np
import tensorflow as tf

from experiments.ptb_tf2 import model as ptb_model
from experiments.shared import cli
from pipelines import ptb_dataset
from pipelines import ptb_text
from reference.training import checkpoints


@dataclasses.dataclass
class Phase:
    """One of Train/Valid/Test: its batches (an endless iterator), shape and step function."""
    name: str
    batches: object
    batch_size: int
    num_steps: int
    epoch_size: int
    step: object


def progress_step(step, epoch_size):
    """About ten progress lines per epoch (``experiments.ptb``'s rule)."""
    interval = max(1, epoch_size // 10)
    return step % interval == 10 % interval


CHECKPOINT_SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"  # of every variable's key in a checkpoint
STEP_KEY = "global_step" + CHECKPOINT_SUFFIX


def checkpoint_shapes(config):
    """``{key: shape}`` of the checkpoint of a ``Trainer(config)`` (the weights and the step)."""
    vocab, hidden = config.vocab_size, config.hidden_size
    shapes = {"model/embedding/_embeddings": [vocab, hidden]}
    for i in range(config.num_layers):
        cell = f"model/lstm_{i}/cell/"
        shapes.update({cell + "kernel": [hidden, 4 * hidden],
                       cell + "recurrent_kernel": [hidden, 4 * hidden],
                       cell + "bias": [4 * hidden]})
    shapes.update({"model/softmax/_kernel": [hidden, vocab], "model/softmax/bias": [vocab],
                   "global_step": []})
    return {name + CHECKPOINT_SUFFIX: shape for name, shape in shapes.items()}


class Trainer:
    """The model, its SGD optimizer, the global step, and the phases' step functions."""

    def __init__(self, config):
        self.config = config
        self.model = ptb_model.PTBModel(config)
        self.optimizer = keras.optimizers.SGD(learning_rate=0.0)
        self.optimizer.build(self.model.trainable_variables)
        self.global_step = tf.Variable(0, dtype=tf.int64, trainable=False, name="global_step")
        # plain SGD keeps no state but its schedule's learning rate, set every epoch: a
        # checkpoint is the model's weights and the global step (as TF1's Saver writes them)
        self.checkpoint = tf.train.Checkpoint(model=self.model, global_step=self.global_step)

    @tf.function
    def train_step(self, inputs, targets, state):
        with tf.GradientTape() as tape:
            logits, final_state = self.model(inputs, state, training=True)
            cost = ptb_model.cost(logits, targets)
        variables = self.model.trainable_variables
        grads, _ = tf.clip_by_global_norm(tape.gradient(cost, variables),
                                          self.config.max_grad_norm)
        self.optimizer.apply_gradients(zip(grads, variables))
        self.global_step.assign_add(1)
        return cost, final_state

    @tf.function
    def eval_step(self, inputs, targets, state):
        logits, final_state = self.model(inputs, state)
        return ptb_model.cost(logits, targets), final_state

    def phase(self, name, data, batch_size, num_steps, max_steps=None, training=False):
        epoch_size = ptb_text.epoch_size(len(data), batch_size, num_steps)
        if epoch_size < 1:
            raise ValueError(f"{name}: {len(data)} words are too few for batch_size="
                             f"{batch_size} and num_steps={num_steps}")
        return Phase(name, iter(ptb_dataset.ptb_dataset(data, batch_size, num_steps)),
                     batch_size, num_steps, min(epoch_size, max_steps or epoch_size),
                     self.train_step if training else self.eval_step)


def run_epoch(trainer, phase, log=None, writer=None, summaries=None, skip_steps=0):
    """Runs ``phase`` over one epoch; returns its perplexity. ``log`` gets the tutorial's
    progress lines (speed counted after the first batch, as ``experiments.ptb``), ``writer``
    the scalars ``summaries(cost)`` gives (``{tag: value}``) at the progress steps and the
    last, at the global step the batch started from (TF1's merged summaries of the phase)."""
    for _ in range(skip_steps):
        next(phase.batches)
    costs, iters, first_iters = 0.0, 0, 0
    start_time = warm_time = time.time()
    state = trainer.model.zero_state(phase.batch_size)
    for step in range(skip_steps, phase.epoch_size):
        started_at = int(trainer.global_step.numpy())
        inputs, targets = next(phase.batches)
        cost, state = phase.step(inputs, targets, state)
        cost = float(cost)
        if not np.isfinite(cost):
            raise cli.TrainingDiverged(f"cost is {cost} at step {step + 1} of the epoch; stopped "
                                       "without saving (the last checkpoint, if any, is kept)")
        costs += cost
        iters += phase.num_steps
        if step == skip_steps:
            warm_time, first_iters = time.time(), iters
        report = progress_step(step, phase.epoch_size)
        if writer is not None and (report or step == phase.epoch_size - 1):
            with writer.as_default():
                for tag, value in summaries(cost).items():
                    tf.summary.scalar(tag, value, step=started_at)
        if log and report:
            timed, since = ((iters - first_iters, warm_time) if iters > first_iters
                            else (iters, start_time))
            log("%.3f perplexity: %.3f speed: %.0f wps" % (
                step * 1.0 / phase.epoch_size, np.exp(costs / iters),
                timed * phase.batch_size / (time.time() - since)))
    return float(np.exp(costs / iters))


def _epoch_summary(writer, epoch, **perplexities):
    if writer is not None:
        with writer.as_default():
            for phase, value in perplexities.items():
                tf.summary.scalar(f"{phase}/Perplexity", value, step=epoch)
        writer.flush()


def _restore(trainer, manager):
    """Restores the newest checkpoint of ``manager``, if any; returns its global step."""
    if manager is None or not manager.latest_checkpoint:
        return 0
    trainer.checkpoint.restore(manager.latest_checkpoint).assert_existing_objects_matched()
    return int(trainer.global_step.numpy())


def train(config, raw_data, save_path=None, log=print, max_steps=None, seed=None):
    """Trains, validates each epoch, then tests; resumes from ``save_path``'s newest checkpoint.

    Arguments and result as ``experiments.ptb.train`` (one device): ``config`` a ``PTBConfig``
    whose vocab_size is replaced by the data's; returns ``train_perplexity`` and
    ``valid_perplexity`` (one per epoch run), ``test_perplexity`` and ``global_step``.
    """
    config = dataclasses.replace(config, vocab_size=raw_data[3])
    if seed is not None:
        keras.utils.set_random_seed(seed)
    trainer = Trainer(config)
    train_data, valid_data, test_data, _ = raw_data
    phases = (trainer.phase("Train", train_data, config.batch_size, config.num_steps,
                            max_steps, training=True),
              trainer.phase("Valid", valid_data, config.batch_size, config.num_steps, max_steps),
              trainer.phase("Test", test_data, 1, 1, max_steps))
    manager = writer = None
    if save_path:
        checkpoints.remove_stale_tempstate(save_path, log)
        checkpoints.newest_restorable(save_path, checkpoint_shapes(config), log, STEP_KEY)
        manager = tf.train.CheckpointManager(trainer.checkpoint, save_path, max_to_keep=5)
        writer = tf.summary.create_file_writer(save_path)
    metrics = {"train_perplexity": [], "valid_perplexity": []}
    with checkpoints.writes_reported(save_path):
        start_step = _restore(trainer, manager)
        if manager is not None and manager.latest_checkpoint is None:
            manager.save(checkpoint_number=0)
        try:
            _train_epochs(trainer, phases, start_step, metrics, manager, writer, log, save_path)
        except KeyboardInterrupt:
            if manager is not None:
                path = manager.save(checkpoint_number=trainer.global_step)
                log(f"Interrupted: saved {path.rsplit('/', 1)[-1]}.")
            raise
    return metrics


def _train_epochs(trainer, phases, start_step, metrics, manager, writer, log, save_path):
    """The tutorial's epoch loop from the epoch and step of ``start_step``."""
    config, (train_phase, valid_phase, test_phase) = trainer.config, phases
    first_epoch, skip = divmod(start_step, train_phase.epoch_size)
    if start_step:
        log(f"Resuming from global step {start_step} (epoch {first_epoch + 1}, step {skip}) of "
            f"the checkpoint in {save_path}.")
    for i in range(first_epoch, config.max_max_epoch):
        rate = config.learning_rate_at(i)
        trainer.optimizer.learning_rate.assign(rate)
        log("Epoch: %d Learning rate: %.3f" % (i + 1, rate))
        metrics["train_perplexity"].append(run_epoch(
            trainer, train_phase, log, writer,
            lambda cost, rate=rate: {"Train/Training_Loss": cost, "Train/Learning_Rate": rate},
            skip if i == first_epoch else 0))
        log("Epoch: %d Train Perplexity: %.3f" % (i + 1, metrics["train_perplexity"][-1]))
        metrics["valid_perplexity"].append(
            run_epoch(trainer, valid_phase, writer=writer,
                      summaries=lambda cost: {"Valid/Validation_Loss": cost}))
        log("Epoch: %d Valid Perplexity: %.3f" % (i + 1, metrics["valid_perplexity"][-1]))
        _epoch_summary(writer, i + 1, Train=metrics["train_perplexity"][-1],
                       Valid=metrics["valid_perplexity"][-1])
        if manager is not None:
            manager.save(checkpoint_number=trainer.global_step)
    metrics["test_perplexity"] = run_epoch(trainer, test_phase)
    log("Test Perplexity: %.3f" % metrics["test_perplexity"])
    _epoch_summary(writer, config.max_max_epoch, Test=metrics["test_perplexity"])
    metrics["global_step"] = int(trainer.global_step.numpy())
    if manager is not None:
        log("Saving model to %s." % save_path)
        manager.save(checkpoint_number=trainer.global_step)
