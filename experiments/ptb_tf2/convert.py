"""Checkpoints of ``experiments.ptb`` (TF1, by name) and ``experiments.ptb_tf2`` (by object),
each turned into the other.

TF1 (``tf.train.Saver``, basic, block and fused mode alike): ``Model/embedding``,
``Model/RNN/multi_rnn_cell/cell_<i>/basic_lstm_cell/{kernel,bias}``, ``Model/softmax_w``,
``Model/softmax_b``, ``global_step`` and ``Train/Model/learning_rate``. TF2
(``tf.train.Checkpoint`` of ``training.Trainer``): ``model/embedding/_embeddings``,
``model/lstm_<i>/cell/{kernel,recurrent_kernel,bias}``, ``model/softmax/{_kernel,bias}`` and
``global_step``, each under ``/.ATTRIBUTES/VARIABLE_VALUE``. The weights move through
``model.PTBModel``'s ``load_tf1_weights`` and ``tf1_weights``; the vocabulary size is the
embedding's rows. The learning rate written for TF1 is the config's initial one: the TF1 script
assigns the schedule's value at the start of every epoch, before any step reads it.
"""
import dataclasses
import os

import numpy as np
import tensorflow as tf

from experiments.ptb_tf2 import model as ptb_model
from experiments.ptb_tf2 import training

TF1, TF2 = "experiments.ptb", "experiments.ptb_tf2"
TF2_SUFFIX = training.CHECKPOINT_SUFFIX
TF1_STEP, TF1_RATE = "global_step", "Train/Model/learning_rate"
TF1_NAME = "model.ckpt"  # the Supervisor's, in experiments.ptb's --save_path


class ConversionError(ValueError):
    """The source is not a PTB checkpoint of the given config (``flag`` "from"), or the target
    holds one already ("to"); the message names the file and what is missing or wrong."""

    def __init__(self, message, flag="from"):
        super().__init__(message)
        self.flag = flag


def layout(kind, config):
    """``{variable name: shape}`` of a checkpoint of ``kind`` (``TF1`` or ``TF2``) for
    ``config``; the global step (and TF1's learning rate) are scalars."""
    vocab, hidden = config.vocab_size, config.hidden_size
    if kind == TF1:
        shapes = {"Model/embedding": [vocab, hidden]}
        for i in range(config.num_layers):
            shapes[ptb_model.TF1_CELL.format(i, "kernel")] = [2 * hidden, 4 * hidden]
            shapes[ptb_model.TF1_CELL.format(i, "bias")] = [4 * hidden]
        return {**shapes, "Model/softmax_w": [hidden, vocab], "Model/softmax_b": [vocab],
                TF1_STEP: [], TF1_RATE: []}
    return training.checkpoint_shapes(config)


EMBEDDING = {TF1: "Model/embedding", TF2: "model/embedding/_embeddings" + TF2_SUFFIX}


def find(path):
    """The checkpoint prefix ``path`` names: itself, or a directory's newest checkpoint."""
    if os.path.isdir(path):
        prefix = tf.train.latest_checkpoint(path)
        if prefix is None:
            raise ConversionError(f"{path}: no checkpoint in this directory (no 'checkpoint' "
                                  "file naming one)")
        return prefix
    if not os.path.exists(path + ".index"):
        raise ConversionError(f"{path}: neither a directory nor a checkpoint (no "
                              f"{os.path.basename(path)}.index)")
    return path


def _check(prefix, shapes, kind, config, name):
    """The config (vocabulary from the checkpoint) after checking ``shapes`` against it."""
    config = dataclasses.replace(config, vocab_size=shapes[EMBEDDING[kind]][0])
    expected = layout(kind, config)
    for variable, shape in expected.items():
        if variable not in shapes:
            raise ConversionError(f"{prefix}: no {variable}: not a {kind} checkpoint of the "
                                  f"{name} config ({config.num_layers} layer(s) of "
                                  f"{config.hidden_size})")
        if list(shapes[variable]) != shape:
            raise ConversionError(f"{prefix}: {variable} is {list(shapes[variable])}, the "
                                  f"{name} config's is {shape}")
    beyond = layout(kind, dataclasses.replace(config, num_layers=config.num_layers + 1))
    extra = sorted(set(beyond) & set(shapes) - set(expected))
    if extra:
        raise ConversionError(f"{prefix}: {extra[0]} is beyond the {name} config's "
                              f"{config.num_layers} layer(s)")
    return config


def read(prefix, config, name):
    """``(kind, config with the checkpoint's vocabulary, {TF1 name: array}, global step)``."""
    try:
        reader = tf.train.load_checkpoint(prefix)
    except (tf.errors.OpError, ValueError) as err:
        raise ConversionError(f"{prefix}: cannot read it: {str(err).splitlines()[0]}") from None
    shapes = reader.get_variable_to_shape_map()
    kinds = [kind for kind, variable in EMBEDDING.items() if variable in shapes]
    if not kinds:
        raise ConversionError(f"{prefix}: not a PTB checkpoint: it has neither "
                              f"{EMBEDDING[TF1]} ({TF1}) nor {EMBEDDING[TF2]} ({TF2})")
    kind = kinds[0]
    config = _check(prefix, shapes, kind, config, name)
    if kind == TF1:
        weights = {n: reader.get_tensor(n) for n in ptb_model.tf1_names(config.num_layers)}
        return kind, config, weights, int(reader.get_tensor(TF1_STEP))
    trainer = training.Trainer(config)
    trainer.checkpoint.restore(prefix).assert_existing_objects_matched()
    return kind, config, trainer.model.tf1_weights(), int(trainer.global_step.numpy())


def _check_target(to_dir):
    if os.path.isdir(to_dir) and tf.train.latest_checkpoint(to_dir):
        raise ConversionError(f"{to_dir} already holds {tf.train.latest_checkpoint(to_dir)}: "
                              "convert into a new or empty directory", flag="to")


def write_tf2(to_dir, config, weights, step):
    """``to_dir/ckpt-<step>``: what ``experiments.ptb_tf2 --save_path=to_dir`` resumes from."""
    trainer = training.Trainer(config)
    trainer.model.load_tf1_weights(weights)
    trainer.global_step.assign(step)
    manager = tf.train.CheckpointManager(trainer.checkpoint, to_dir, max_to_keep=5)
    return manager.save(checkpoint_number=step)


def write_tf1(to_dir, config, weights, step):
    """``to_dir/model.ckpt-<step>``: what ``experiments.ptb --save_path=to_dir`` resumes from."""
    with tf.Graph().as_default(), tf.compat.v1.Session() as session:
        variables = {name: tf.compat.v1.Variable(np.asarray(value), name=name.replace("/", "_"))
                     for name, value in weights.items()}
        variables[TF1_STEP] = tf.compat.v1.Variable(np.int64(step), name=TF1_STEP)
        variables[TF1_RATE] = tf.compat.v1.Variable(np.float32(config.learning_rate),
                                                    name="learning_rate")
        session.run(tf.compat.v1.global_variables_initializer())
        saver = tf.compat.v1.train.Saver(var_list=variables)
        return saver.save(session, os.path.join(to_dir, TF1_NAME), global_step=step,
                          write_meta_graph=False)


def convert(source, to_dir, config, name):
    """Converts the checkpoint ``source`` names (a prefix, or a directory's newest) into the
    other world's, in ``to_dir``; returns ``(source prefix, its kind, global step, written
    prefix)``.

    Raises:
      ConversionError: ``source`` is missing, unreadable, not a PTB checkpoint or of another
        config than ``config`` (named ``name``), or ``to_dir`` holds a checkpoint already or
        cannot be written.
    """
    prefix = find(source)
    _check_target(to_dir)
    kind, config, weights, step = read(prefix, config, name)
    try:
        os.makedirs(to_dir, exist_ok=True)
        write = write_tf2 if kind == TF1 else write_tf1
        return prefix, kind, step, write(to_dir, config, weights, step)
    except (OSError, tf.errors.OpError) as err:
        cause = err.strerror if isinstance(err, OSError) else str(err).splitlines()[0]
        raise ConversionError(f"{to_dir}: cannot write the checkpoint there: {cause}",
                              flag="to") from None
