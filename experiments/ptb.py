"""Word-level LSTM language model on PTB, the notes' program on ``tf.compat.v1``.

Reproduces: note 003 "PTBInput / PTBModel / run_epoch / main" (TensorFlow's
``tutorials/rnn/ptb/ptb_word_lm.py``): Zaremba et al., "Recurrent Neural Network
Regularization" (arXiv:1409.2329), with three phases (Train/Valid/Test) sharing one
set of variables, state fed back between batches, gradient clipping by global
norm, a learning rate held in a variable, and a Supervisor that checkpoints.

Run:
    python -m experiments.ptb              # generated corpus, small config, 6 epochs
    python -m experiments.ptb --data_path=simple-examples/data --save_path=/tmp/ptb
                                           # real PTB, the config's epochs, resumable
    python -m experiments.launch_local_cluster --private_network -- experiments.ptb --model=test
                                           # a ps and two workers (experiments/ptb_distributed.py)

Perplexities the tutorial reports on PTB (train / valid / test):

| config | epochs | train | valid  | test   |
|--------|--------|-------|--------|--------|
| small  | 13     | 37.99 | 121.39 | 115.91 |
| medium | 39     | 48.45 |  86.16 |  82.07 |
| large  | 55     | 37.87 |  82.62 |  78.29 |

Hyperparameters (tutorial names): init_scale, initial scale of the uniform weight
initializer; learning_rate; max_grad_norm, gradient clipping norm; num_layers;
num_steps, unrolled steps; hidden_size; max_epoch, epochs at the initial learning
rate; max_max_epoch, total epochs; keep_prob, dropout keep probability; lr_decay,
decay per epoch after max_epoch; batch_size. ``vocab_size`` is taken from the data.

rnn_mode: ``basic`` (the default, as in the notes) unrolls ``BasicLSTMCell``s in a
``MultiRNNCell`` by hand with ``reuse_variables()``; ``block`` (the tutorial's
default) runs ``tf.raw_ops.BlockLSTM``, the fused kernel that replaced contrib's
LSTMBlockCell, on the same variables, so checkpoints move between the two. On a
2-core CPU ``basic`` trains 1.3-2x as fast (BUILD_NOTES.md). ``cudnn`` needs a GPU and
is not built yet.

Speed (issue 9; each change keeps the losses, checked by tests/experiments/
test_ptb_speed_changes.py): the loss's gradient reuses its forward exponentials
(``reference/sequence_loss.py``), each LSTM kernel's gradient is one matmul over the
time steps (``reference/batched_gradients.py``), and each batch runs through a callable
that feeds the state in C++ (``reference/callables.py``).

Errata against the notes, on TF 2.21: ``[lstm_cell] * num_layers`` would share one
cell (and its weights) between layers, so each layer gets its own cell;
``sv.saver.save(session, FLAGS.save_path)`` wrote beside the directory instead of
into it, where the Supervisor never looked to resume, so checkpoints go to
``<save_path>/model.ckpt-<step>``; ``step % (epoch_size // 10) == 10`` divided by
zero for epochs under 10 steps and never printed under 110.
"""
import dataclasses
import os
import sys
import time

import numpy as np
from absl import app
from absl import flags

from experiments import common
from experiments import loop
from experiments import ptb_distributed
from experiments import ptb_towers
from pipelines import ptb_reader
from pipelines import synthetic_text
from reference import batched_gradients
from reference import callables
from reference import checkpoints
from reference import fused_lstm
from reference import sequence_loss
from reference import towers
from reference.tf1 import tf

BASIC, BLOCK, CUDNN = "basic", "block", "cudnn"
# Epochs on the generated corpus unless --max_max_epoch says otherwise: the small
# config's valid perplexity there is best near epoch 5 and its 13 epochs overfit.
GENERATED_EPOCHS = 6
INTERRUPTED_EXIT = 130  # 128 + SIGINT, as shells report it


@dataclasses.dataclass(frozen=True)
class PTBConfig:
    """Hyperparameters, with the tutorial's names (see the module docstring)."""
    init_scale: float = 0.1
    learning_rate: float = 1.0
    max_grad_norm: float = 5.0
    num_layers: int = 2
    num_steps: int = 20
    hidden_size: int = 200
    max_epoch: int = 4
    max_max_epoch: int = 13
    keep_prob: float = 1.0
    lr_decay: float = 0.5
    batch_size: int = 20
    vocab_size: int = 10000
    rnn_mode: str = BASIC
    use_fp16: bool = False
    compute_dtype: str = "float32"  # or "bfloat16": bf16 matmuls, fp32 weights and loss

    def __post_init__(self):
        if self.compute_dtype not in ("float32", "bfloat16"):
            raise ValueError(f"compute_dtype must be float32 or bfloat16, got "
                             f"{self.compute_dtype!r}")
        if self.compute_dtype == "bfloat16" and (self.use_fp16 or self.rnn_mode != BASIC):
            raise ValueError("bfloat16 needs rnn_mode basic (BlockLSTM has no bfloat16 kernel) "
                             "and excludes use_fp16")
        if not 0.0 < self.keep_prob <= 1.0:
            raise ValueError(f"keep_prob must be in (0, 1], got {self.keep_prob!r}")
        if self.rnn_mode not in (BASIC, BLOCK, CUDNN):
            raise ValueError(f"rnn_mode must be basic, block or cudnn, got {self.rnn_mode!r}")
        for field in ("num_layers", "num_steps", "hidden_size", "batch_size", "vocab_size",
                      "max_max_epoch"):
            if getattr(self, field) < 1:
                raise ValueError(f"{field} must be >= 1, got {getattr(self, field)!r}")

    @property
    def dtype(self):
        """The activations' dtype (and the variables', except under bfloat16)."""
        if self.use_fp16:
            return tf.float16
        return tf.bfloat16 if self.compute_dtype == "bfloat16" else tf.float32


def master_weights_getter(getter, name, shape=None, dtype=None, *args, **kwargs):
    """A ``variable_scope`` custom getter for bfloat16 compute: a variable asked for in
    bfloat16 is created in float32 and read through a cast, so the optimizer updates float32
    master weights while the matmuls run in bfloat16."""
    if dtype == tf.bfloat16:
        return tf.cast(getter(name, shape, tf.float32, *args, **kwargs), tf.bfloat16)
    return getter(name, shape, dtype, *args, **kwargs)


def _custom_getter(config):
    return master_weights_getter if config.compute_dtype == "bfloat16" else None


CONFIGS = {
    "small": PTBConfig(),
    "medium": PTBConfig(init_scale=0.05, num_steps=35, hidden_size=650, max_epoch=6,
                        max_max_epoch=39, keep_prob=0.5, lr_decay=0.8),
    "large": PTBConfig(init_scale=0.04, max_grad_norm=10.0, num_steps=35, hidden_size=1500,
                       max_epoch=14, max_max_epoch=55, keep_prob=0.35, lr_decay=1 / 1.15),
    "test": PTBConfig(max_grad_norm=1.0, num_layers=1, num_steps=2, hidden_size=2, max_epoch=1,
                      max_max_epoch=1),
}


class PTBInput:
    """The input data: ``input_data`` and ``targets`` from a queue-fed producer.

    Raises:
      ValueError: ``data`` is too short for one batch of ``config``'s shape.
    """

    def __init__(self, config, data, name=None, max_steps=None):
        self.batch_size = config.batch_size
        self.num_steps = config.num_steps
        self.epoch_size = ptb_reader.epoch_size(len(data), self.batch_size, self.num_steps)
        if self.epoch_size < 1:
            raise ValueError(f"{name}: {len(data)} words are too few for batch_size="
                             f"{self.batch_size} and num_steps={self.num_steps}")
        if max_steps:
            self.epoch_size = min(self.epoch_size, max_steps)
        self.input_data, self.targets = ptb_reader.ptb_producer(
            data, self.batch_size, self.num_steps, name=name)


class PTBModel:
    """The PTB model: embedding, stacked LSTM, softmax, and (training only) the update ops."""

    def __init__(self, is_training, config, input_, build_training=True, make_optimizer=None):
        self.input = input_
        self.is_training = is_training
        batch_size, num_steps, size = input_.batch_size, input_.num_steps, config.hidden_size
        dtype = config.dtype
        keep_prob = config.keep_prob if is_training else 1.0

        with tf.device("/cpu:0"):  # bfloat16: look up float32 rows, then cast only those
            embedding = tf.get_variable("embedding", [config.vocab_size, size],
                                        dtype=tf.float32 if dtype == tf.bfloat16 else dtype)
            inputs = tf.cast(tf.nn.embedding_lookup(embedding, input_.input_data), dtype)
        if keep_prob < 1.0:
            inputs = tf.nn.dropout(inputs, rate=1.0 - keep_prob)

        if config.rnn_mode == BASIC:
            output, state = self._build_basic(inputs, config, batch_size, keep_prob)
        else:
            output, state = self._build_block(inputs, config, batch_size, keep_prob)

        softmax_w = tf.get_variable("softmax_w", [size, config.vocab_size], dtype=dtype)
        softmax_b = tf.get_variable("softmax_b", [config.vocab_size], dtype=dtype)
        logits = tf.matmul(output, softmax_w) + softmax_b
        loss_dtype = tf.float32 if dtype == tf.bfloat16 else dtype  # bfloat16: fp32 loss
        loss = sequence_loss.sequence_loss_by_example(
            [tf.cast(logits, loss_dtype)], [tf.reshape(input_.targets, [-1])],
            [tf.ones([batch_size * num_steps], dtype=loss_dtype)],
            softmax_loss_function=sequence_loss.logsumexp_cross_entropy)
        self.cost = tf.reduce_sum(loss) / batch_size
        self.final_state = state
        self.lr = self.train_op = self.summary_op = self.optimizer = self.step_after = None
        if is_training and build_training:
            self._build_training(config, make_optimizer or tf.train.GradientDescentOptimizer)

    def _build_basic(self, inputs, config, batch_size, keep_prob):
        """The notes' hand-unrolled loop over BasicLSTMCells."""
        def make_cell():
            cell = tf.nn.rnn_cell.BasicLSTMCell(config.hidden_size, forget_bias=0.0,
                                                state_is_tuple=True,
                                                reuse=None if self.is_training else True)
            if keep_prob < 1.0:
                cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)
            return cell

        cell = tf.nn.rnn_cell.MultiRNNCell([make_cell() for _ in range(config.num_layers)],
                                           state_is_tuple=True)
        self.initial_state = cell.zero_state(batch_size, config.dtype)
        outputs = []
        state = self.initial_state
        with tf.variable_scope("RNN"):
            for time_step in range(self.input.num_steps):
                if time_step > 0:
                    tf.get_variable_scope().reuse_variables()
                cell_output, state = cell(inputs[:, time_step, :], state)
                outputs.append(cell_output)
        return tf.reshape(tf.concat(outputs, 1), [-1, config.hidden_size]), state

    def _build_block(self, inputs, config, batch_size, keep_prob):
        """The same network on the fused BlockLSTM kernel (time-major inside)."""
        def zeros():  # one tensor per c and h of each layer: each is fed its own value
            return tf.zeros([batch_size, config.hidden_size], config.dtype)
        self.initial_state = tuple(fused_lstm.LSTMStateTuple(zeros(), zeros())
                                   for _ in range(config.num_layers))
        with tf.variable_scope("RNN"):
            outputs, state = fused_lstm.multi_block_lstm(
                tf.transpose(inputs, [1, 0, 2]), self.initial_state, config.hidden_size,
                forget_bias=0.0, keep_prob=keep_prob)
        return tf.reshape(tf.transpose(outputs, [1, 0, 2]), [-1, config.hidden_size]), state

    def _build_training(self, config, make_optimizer):
        self.lr = tf.Variable(0.0, trainable=False, name="learning_rate")
        tvars = tf.trainable_variables()
        # tf.gradients(self.cost, tvars), with each LSTM kernel's gradient one matmul over the
        # time steps instead of one per step and a sum (reference/batched_gradients.py)
        grads, _ = tf.clip_by_global_norm(batched_gradients.gradients(self.cost, tvars),
                                          config.max_grad_norm)
        self.optimizer = make_optimizer(self.lr)
        global_step = tf.train.get_or_create_global_step()
        self.train_op = self.optimizer.apply_gradients(zip(grads, tvars), global_step=global_step)
        with tf.control_dependencies([self.train_op]):  # a read made here waits for the step
            self.step_after = global_step.read_value()  # (tf.identity would reuse global_step/read)
        self.new_lr = tf.placeholder(tf.float32, shape=[], name="new_learning_rate")
        self.lr_update = tf.assign(self.lr, self.new_lr)

    def assign_lr(self, session, lr_value):
        session.run(self.lr_update, feed_dict={self.new_lr: lr_value})


def _progress_step(step, epoch_size):
    """About ten progress lines per epoch: the tutorial's rule, safe for short epochs."""
    interval = max(1, epoch_size // 10)
    return step % interval == 10 % interval


def run_epoch(session, model, eval_op=None, verbose=False, log=print, summary_writer=None,
              skip_steps=0, until_step=None, tally=None):
    """Runs the model over one epoch of its input and returns the perplexity.

    Args:
      session: a session whose queue runners are started.
      model: a ``PTBModel``.
      eval_op: op run with each batch (the train op when training), or None.
      verbose: log progress lines ``0.504 perplexity: 123.456 speed: 9876 wps``; the speed
        counts the words after the first batch (whose run builds the kernels: the tutorial
        counted it, which lowered the early lines and the whole epoch's by its cost).
      log: where progress lines go.
      summary_writer: when given, the model's merged summaries are written at each
        progress step and the last step, tagged with the global step the batch
        started from (eval_op is taken to advance it by one per batch).
      skip_steps: batches to dequeue without running, to resume mid-epoch.
      until_step: end the epoch early once the global step after a training batch reaches
        this (distributed training, where other workers advance it too).
      tally: a dict whose ``"steps"`` (batches run) and ``"global_step"`` (the last global
        step seen, with ``until_step``) this epoch updates.

    Returns:
      ``exp(total cost / words per row)`` over the batches run.

    Raises:
      loop.TrainingDiverged: a batch's cost is NaN or infinite (the tutorial printed ``nan``
        perplexities to the end instead).
    """
    for _ in range(skip_steps):
        session.run(model.input.input_data)
    start_time = time.time()
    costs, iters, first_iters = 0.0, 0, 0
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
        state_values = [v for pair in state for v in pair]
        vals = (run_summary_step if report or last else run_step)(*state_values)
        state = vals["final_state"]
        if not np.isfinite(vals["cost"]):
            raise loop.TrainingDiverged(
                f"cost is {float(vals['cost'])} at step {step + 1} of the epoch; stopped without "
                "saving (the last checkpoint, if any, is kept)")
        costs += vals["cost"]
        iters += model.input.num_steps
        if step == skip_steps:  # the speed counts from the end of the first (warm-up) batch
            warm_time, first_iters = time.time(), iters
        if tally is not None:
            tally["steps"] = tally.get("steps", 0) + 1
            tally["global_step"] = int(vals.get("global_step", tally.get("global_step", 0)))
        if "summary" in vals:  # at the global step the batch started from
            trained = step - skip_steps if eval_op is not None else 0
            summary_writer.add_summary(vals["summary"], first_step + trained)
        if verbose and report:
            timed, since = ((iters - first_iters, warm_time) if iters > first_iters
                            else (iters, start_time))  # a report at the first batch: itself
            log("%.3f perplexity: %.3f speed: %.0f wps" % (
                step * 1.0 / model.input.epoch_size, np.exp(costs / iters),
                timed * model.input.batch_size / (time.time() - since)))
        if until_step is not None and vals["global_step"] >= until_step:
            break
    return float(np.exp(costs / iters))


def _phase(name, config, data, is_training, initializer, max_steps, summaries, num_towers=1,
           make_optimizer=None):
    """One of Train/Valid/Test: input and model under ``name_scope(name)``, summaries merged
    per scope; a Train phase of ``num_towers > 1`` is ``ptb_towers.PTBTowers``."""
    with tf.name_scope(name):
        if num_towers > 1:
            with tf.variable_scope("Model", initializer=initializer,
                                   custom_getter=_custom_getter(config)):
                model = ptb_towers.PTBTowers(PTBModel, PTBInput, config, data, num_towers,
                                             max_steps)
        else:
            input_ = PTBInput(config, data, name=f"{name}Input", max_steps=max_steps)
            with tf.variable_scope("Model", reuse=not is_training, initializer=initializer,
                                   custom_getter=_custom_getter(config)):
                model = PTBModel(is_training, config, input_, make_optimizer=make_optimizer)
        for tag, tensor in summaries(model).items():
            tf.summary.scalar(tag, tensor)
    model.summary_op = tf.summary.merge(tf.get_collection(tf.GraphKeys.SUMMARIES, scope=name))
    return model


def build_models(config, raw_data, max_steps=None, num_towers=1, make_optimizer=None):
    """Builds the Train, Valid and Test models in the default graph; returns them.

    The test model reads one word at a time (batch_size 1, num_steps 1), as the
    tutorial's eval_config. With ``num_towers > 1`` training runs on that many towers
    (``experiments/ptb_towers.py``); Valid and Test stay on one device.
    ``make_optimizer``: ``learning_rate -> optimizer`` of a one-device Train phase
    (default ``GradientDescentOptimizer``; distributed training wraps it).
    """
    train_data, valid_data, test_data, _ = raw_data
    tf.train.get_or_create_global_step()
    initializer = tf.random_uniform_initializer(-config.init_scale, config.init_scale)
    # evaluation reads the float32 master weights directly: no per-step casts under bfloat16
    valid_config = dataclasses.replace(config, compute_dtype="float32")
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
        lr_decay = config.lr_decay ** max(i + 1 - config.max_epoch, 0.0)
        m.assign_lr(session, config.learning_rate * lr_decay)
        log("Epoch: %d Learning rate: %.3f" % (i + 1, session.run(m.lr)))
        metrics["train_perplexity"].append(run_epoch(
            train_session, m, eval_op=m.train_op, verbose=True, log=log,
            summary_writer=sv.summary_writer, skip_steps=skip if i == first_epoch else 0))
        log("Epoch: %d Train Perplexity: %.3f" % (i + 1, metrics["train_perplexity"][-1]))
        metrics["valid_perplexity"].append(
            run_epoch(session, mvalid, summary_writer=sv.summary_writer))
        log("Epoch: %d Valid Perplexity: %.3f" % (i + 1, metrics["valid_perplexity"][-1]))
        _epoch_summary(sv.summary_writer, i + 1, Train=metrics["train_perplexity"][-1],
                       Valid=metrics["valid_perplexity"][-1])
        if save_path:
            sv.saver.save(session, sv.save_path, global_step=sv.global_step)
    metrics["test_perplexity"] = run_epoch(session, mtest)
    log("Test Perplexity: %.3f" % metrics["test_perplexity"])
    _epoch_summary(sv.summary_writer, config.max_max_epoch, Test=metrics["test_perplexity"])
    metrics["global_step"] = int(session.run(sv.global_step))
    if save_path:
        log("Saving model to %s." % save_path)
        sv.saver.save(session, sv.save_path, global_step=sv.global_step)


def train(config, raw_data, save_path=None, log=print, max_steps=None, session_config=None,
          seed=None, wrap=None, num_towers=1):
    """Trains, validates each epoch, then tests; resumes from ``save_path`` when it holds a checkpoint.

    Args:
      config: a ``PTBConfig``; its vocab_size is replaced by the data's.
      raw_data: ``ptb_reader.ptb_raw_data`` output.
      save_path: Supervisor logdir for checkpoints (each epoch, at the end, and on
        Ctrl-C before KeyboardInterrupt goes on) and summaries, or None.
      log: where the tutorial's progress lines go.
      max_steps: cap on the batches of every epoch (smoke runs, benchmarks).
      session_config: a ``tf.ConfigProto`` for the session.
      wrap: ``session -> session`` for the training epochs only (tfdbg; the Supervisor's
        initialization, validation, test and saves run unwrapped).
      num_towers: towers of the training phase (``--num_gpus``); on a machine without that
        many GPUs they run on as many CPU devices.
      seed: graph-level random seed (initial weights, dropout), or None.

    Returns:
      dict with ``train_perplexity`` and ``valid_perplexity`` (lists, one per epoch
      run), ``test_perplexity`` and ``global_step``.
    """
    config = dataclasses.replace(config, vocab_size=raw_data[3])
    with tf.Graph().as_default():
        if seed is not None:
            tf.set_random_seed(seed)
        m, mvalid, mtest = build_models(config, raw_data, max_steps, num_towers)
        if num_towers > 1 and towers.tower_devices(num_towers)[0].startswith("/cpu"):
            session_config = towers.cpu_towers_config(num_towers, session_config)
        if save_path:
            checkpoints.remove_stale_tempstate(save_path, log)
        sv = tf.train.Supervisor(logdir=save_path, summary_op=None)
        metrics = {"train_perplexity": [], "valid_perplexity": []}
        with sv.managed_session(config=session_config) as session:
            try:
                train_session = wrap(session) if wrap else session
                _train_epochs(session, sv, config, (m, mvalid, mtest), metrics, save_path, log,
                              train_session)
            except KeyboardInterrupt:
                if save_path:
                    path = sv.saver.save(session, sv.save_path, global_step=sv.global_step)
                    log(f"Interrupted: saved {os.path.basename(path)}.")
                raise
    return metrics


_MODEL = flags.DEFINE_enum("model", "small", list(CONFIGS), "Model config (tutorial name).")
_RNN_MODE = flags.DEFINE_enum(
    "rnn_mode", None, [BASIC, BLOCK, CUDNN],
    "LSTM implementation: basic (BasicLSTMCell, unrolled by hand), block (fused BlockLSTM) "
    "or cudnn (GPU only). Default: the config's (basic).")
_MAX_MAX_EPOCH = flags.DEFINE_integer("max_max_epoch", None, "Override the config's number of "
                                      "epochs.", lower_bound=1)
_DTYPE = flags.DEFINE_enum(
    "dtype", "float32", ["float32", "bfloat16"], "Compute dtype: bfloat16 runs the matmuls "
    "and activations in bfloat16 with float32 master weights and a float32 loss (basic mode; "
    "--use_fp16 keeps the tutorial's float16 everything).")
_SEED = flags.DEFINE_integer("seed", None, "Graph-level random seed; unset, every run differs.")
_MAX_STEPS = flags.DEFINE_integer("max_steps", None, "Cap the batches of every epoch (smoke "
                                  "runs, benchmarks).", lower_bound=1)


def _check_data_path(path):
    if path is None:
        return True
    missing = [f for f in ptb_reader.FILENAMES if not os.path.isfile(os.path.join(path, f))]
    if missing:
        raise flags.ValidationError(f"{path!r} has no {', '.join(missing)}")
    return True


def _check_rnn_mode(mode):
    if mode == CUDNN and common.num_visible_gpus() == 0:
        raise flags.ValidationError("cudnn needs a GPU and this machine has none; "
                                    "use block or basic")
    return True


flags.register_validator(common.DATA_PATH, _check_data_path)
flags.register_validator(_RNN_MODE, _check_rnn_mode)


def _load_data():
    """The PTB files of --data_path, or the generated corpus; returns (raw_data, true perplexity)."""
    if common.DATA_PATH.value:
        try:
            return ptb_reader.ptb_raw_data(common.DATA_PATH.value), None
        except ptb_reader.PTBDataError as err:
            raise app.UsageError(f"--data_path: {err}") from None
    try:
        directory, true_perplexity = synthetic_text.write_corpus()
    except OSError as err:
        raise app.UsageError(
            f"cannot write the generated corpus under {synthetic_text.default_cache_dir()}: "
            f"{err.strerror} ({err.filename}); set TF1_REFERENCE_CACHE to a writable "
            "folder") from None
    print(f"No --data_path: training on the generated corpus in {directory}; "
          f"the source's true perplexity is {true_perplexity:.3f}.")
    return ptb_reader.ptb_raw_data(directory), true_perplexity


def main(argv):
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
    overrides = {"use_fp16": common.USE_FP16.value}
    if _RNN_MODE.value:
        overrides["rnn_mode"] = _RNN_MODE.value
    if _RNN_MODE.value == CUDNN:
        raise app.UsageError("--rnn_mode=cudnn is not built in this version; use block")
    try:
        config = dataclasses.replace(CONFIGS[_MODEL.value], compute_dtype=_DTYPE.value,
                                     **overrides)
    except ValueError as err:
        raise app.UsageError(f"--dtype={_DTYPE.value}: {err}") from None
    job = ptb_distributed.JOB_NAME.value
    if job and (common.NUM_GPUS.value > 1 or common.debug_wrapper()):
        raise app.UsageError("--job_name does not combine with --num_gpus > 1, --debug or "
                             "--dump_root in this version")
    if job == "ps":
        return ptb_distributed.serve(common.session_config())
    raw_data, true_perplexity = _load_data()
    if _MAX_MAX_EPOCH.value:
        config = dataclasses.replace(config, max_max_epoch=_MAX_MAX_EPOCH.value)
    elif true_perplexity:
        config = dataclasses.replace(config, max_max_epoch=min(config.max_max_epoch,
                                                               GENERATED_EPOCHS))
        print(f"Training with max_max_epoch={config.max_max_epoch}, enough for the "
              "generated corpus (--max_max_epoch to change).")
    try:
        if job:
            metrics = ptb_distributed.train_worker(
                build_models, run_epoch, config, raw_data, save_path=common.SAVE_PATH.value,
                max_steps=_MAX_STEPS.value, seed=_SEED.value,
                session_config=common.session_config())
        else:
            metrics = train(config, raw_data, save_path=common.SAVE_PATH.value,
                            max_steps=_MAX_STEPS.value, seed=_SEED.value,
                            session_config=common.session_config(), wrap=common.debug_wrapper(),
                            num_towers=max(1, common.NUM_GPUS.value))
    except KeyboardInterrupt:
        resume = " (rerun with the same --save_path to resume)" if common.SAVE_PATH.value else ""
        print(f"Interrupted{resume}.", file=sys.stderr)
        sys.exit(INTERRUPTED_EXIT)
    if true_perplexity and "test_perplexity" in metrics:
        print("Test perplexity is %.3fx the source's true perplexity %.3f." % (
            metrics["test_perplexity"] / true_perplexity, true_perplexity))


if __name__ == "__main__":
    common.run(main)
