"""Saving and restoring the TF2 way: ``tf.train.Checkpoint`` and ``CheckpointManager``.

Replaces ``reference/saver.py``. A Checkpoint saves the objects given to it as keywords, under
their object paths (``v1/.ATTRIBUTES/VARIABLE_VALUE``, plus the object graph and a
``save_counter``), not under op names; restoring matches objects by those paths, so keywords
swapped on restore swap the values as a swapped ``var_list`` did, and a Checkpoint of some of
the objects restores just those. ``CheckpointManager(max_to_keep=5)`` numbers and sweeps the
saves and keeps the ``checkpoint`` state file (relative names now, no ``.meta`` files: there is
no graph to save). ``tf.train.load_checkpoint(path)`` reads any checkpoint by key. No direct
counterpart: ``print_tensors_in_checkpoint_file`` (read the keys and values with the reader),
``latest_filename`` (the state file is always ``checkpoint``: one manager per directory) and
a missing key at restore (a restore matches what it finds; asking the reader for an absent
key is the NotFoundError). ``tf.train.Supervisor`` (the PTB experiment's) has none either: a
``CheckpointManager`` saved every N steps and its ``restore_or_initialize()`` do what its
checkpointing did; its summary and queue-runner threads are not needed (``tf.summary`` writes
directly, ``tf.data`` runs without runners).
"""
import contextlib
import os
import re
import tempfile

import tensorflow as tf

from reference.catalogue import fixtures
from reference.catalogue.observed import error_of
from reference.catalogue.observed import portable
from reference.native.registry import counterpart

SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"


def _keys(path):
    return [name for name, _ in tf.train.list_variables(path)]


def _names(path):
    """The keys of the objects given to the Checkpoint: without the object graph, the
    ``save_counter`` and the attribute suffix."""
    return [k[:-len(SUFFIX)] for k in _keys(path)
            if k.endswith(SUFFIX) and not k.startswith("save_counter/")]


def _two_variables():
    return tf.Variable(1.0, name="v1"), tf.Variable(2.0, name="v2")


def _values(path):
    """``{key: [dtype, shape, value]}`` of a checkpoint's variables, read with its reader: what
    ``print_tensors_in_checkpoint_file`` printed."""
    reader = tf.train.load_checkpoint(path)
    return {name: [reader.get_variable_to_dtype_map()[name].name,
                   reader.get_variable_to_shape_map()[name], reader.get_tensor(name)]
            for name in _keys(path) if name.endswith(SUFFIX)}


@counterpart(["saver_keys"], "tf.train.Checkpoint(**objects).write; tf.train.list_variables; "
             "tf.train.load_checkpoint(path).get_tensor")
def checkpoint_keys(tf1):
    with tempfile.TemporaryDirectory() as directory:
        v1, v2 = _two_variables()
        step = tf.Variable(0, name="global_step", trainable=False)
        every = tf.train.Checkpoint(v1=v1, v2=v2, global_step=step).write(
            os.path.join(directory, "keywords"))
        path = tf.train.Checkpoint(variable_1=v1, variable_2=v2).write(
            os.path.join(directory, "dict"))
        listed = tf.train.Checkpoint(v1=v1, v2=v2).write(os.path.join(directory, "list"))
        return {"keyword_keys": _keys(every), "keyword_names": _names(every),
                "dict": _names(path), "dict_keys": _keys(path), "values": _values(path),
                "list_values": _values(listed)}


@counterpart(["saver_restore_swapped"], "tf.train.Checkpoint(variable_1=v2, variable_2=v1)"
             ".restore(path); tf.train.load_checkpoint(path).get_tensor for an absent key")
def checkpoint_restore_swapped(tf1):
    with tempfile.TemporaryDirectory() as directory:
        v1, v2 = _two_variables()
        path = tf.train.Checkpoint(variable_1=v1, variable_2=v2).save(
            os.path.join(directory, "model"))  # save, not write: with its save_counter
        w1, w2 = tf.Variable(0.0), tf.Variable(0.0)
        tf.train.Checkpoint(variable_1=w2, variable_2=w1).restore(path).assert_consumed()
        swapped = [w1.numpy(), w2.numpy()]
        u1, u2 = tf.Variable(-1.0), tf.Variable(-1.0)  # initialized on creation, overridden
        tf.train.Checkpoint(variable_1=u1, variable_2=u2).restore(path)
        status = tf.train.Checkpoint(v3=tf.Variable(0.0)).restore(path)
        return {"swapped": swapped, "without_init": [u1.numpy(), u2.numpy()],
                "missing_key": error_of(tf.train.load_checkpoint(path).get_tensor, "v3"),
                "missing_object": error_of(status.assert_existing_objects_matched)}


@counterpart(["saver_subset_restore"], "a tf.train.Checkpoint of only v1: it saves and "
             "restores v1 alone; restore(...).expect_partial() of a fuller checkpoint")
def checkpoint_subset_restore(tf1):
    with tempfile.TemporaryDirectory() as directory:
        v1, v2 = tf.Variable(10.0), tf.Variable(20.0)
        path = tf.train.Checkpoint(v1=v1).save(os.path.join(directory, "file.ckpt"))
        full = tf.train.Checkpoint(v1=v1, v2=v2).save(os.path.join(directory, "full.ckpt"))
        v1, v2 = _two_variables()
        tf.train.Checkpoint(v1=v1).restore(path).assert_consumed()
        values = [v1.numpy(), v2.numpy()]
        w1, w2 = _two_variables()
        tf.train.Checkpoint(v1=w1).restore(full).expect_partial()
        return {"values": values, "keys": _names(path), "checkpoint_keys": _keys(path),
                "from_full_checkpoint": [w1.numpy(), w2.numpy()]}


def _notes_two_saves(checkpoint):
    """Note 000's example the TF2 way: a manager over the working directory, saves 0 and 1."""
    with tempfile.TemporaryDirectory() as root, contextlib.chdir(root):
        manager = tf.train.CheckpointManager(checkpoint, ".", max_to_keep=5,
                                             checkpoint_name="model0.ckpt")
        got = {"notes_saves": [manager.save(checkpoint_number=step) for step in (0, 1)],
               "notes_lastfile_name": error_of(manager.save, lastfile_name="checkpoint")}
        with open("checkpoint", encoding="utf-8") as state:  # the times vary: <time>
            got["notes_checkpoint_file"] = [re.sub(r"(timestamps?: )[\d.]+", r"\1<time>", line)
                                            for line in state.read().splitlines()]
    return got


@counterpart(["saver_max_to_keep_and_state"], "tf.train.CheckpointManager(checkpoint, "
             "directory, max_to_keep=5, checkpoint_name=…).save(checkpoint_number=k); "
             "tf.train.get_checkpoint_state / latest_checkpoint; Checkpoint.write")
def checkpoint_manager_max_to_keep(tf1):
    with tempfile.TemporaryDirectory() as directory:
        checkpoint = tf.train.Checkpoint(v1=tf.Variable(1.0), v2=tf.Variable(2.0))
        manager = tf.train.CheckpointManager(checkpoint, directory, max_to_keep=5,
                                             checkpoint_name="model0.ckpt")
        paths = [os.path.basename(manager.save(checkpoint_number=step)) for step in range(7)]
        files = sorted(os.listdir(directory))
        with open(os.path.join(directory, "checkpoint"), encoding="utf-8") as state:
            lines = [line for line in state.read().splitlines()
                     if not line.startswith(("all_model_checkpoint_timestamps",
                                             "last_preserved_timestamp"))]
        ckpt = tf.train.get_checkpoint_state(directory)
        plain = os.path.join(directory, "plain")
        got = {"returned_paths": paths, "kept": len(manager.checkpoints), "files": files,
               "checkpoint_file": lines,
               "model_checkpoint_path": os.path.basename(ckpt.model_checkpoint_path),
               "all_model_checkpoint_paths": [os.path.basename(p) for p in
                                              ckpt.all_model_checkpoint_paths],
               "latest_checkpoint": os.path.basename(tf.train.latest_checkpoint(directory)),
               "manager_latest": portable(manager.latest_checkpoint, directory),
               "without_global_step": [os.path.basename(checkpoint.write(plain))
                                       for _ in range(2)],
               "save_numbers_itself": [os.path.basename(checkpoint.save(plain))
                                       for _ in range(2)],
               "latest_filename": error_of(tf.train.CheckpointManager, checkpoint, directory,
                                           5, latest_filename="latest"),
               **_notes_two_saves(checkpoint)}
    return got


def _manager_resume(v1, v2):
    """The TF2 resume: a manager over ``test-ckpt``; ``restore(None)`` does nothing."""
    checkpoint = tf.train.Checkpoint(variable_1=v1, variable_2=v2)
    manager = tf.train.CheckpointManager(checkpoint, "test-ckpt", max_to_keep=5,
                                         checkpoint_name="model")
    checkpoint.restore(manager.latest_checkpoint)
    return manager, [manager.latest_checkpoint, [v1.numpy(), v2.numpy()]]


@counterpart(["saver_resume_from_checkpoint_dir"], "checkpoint.restore(manager.latest_checkpoint)"
             " of a tf.train.CheckpointManager (a no-op while it is None); manager.save("
             "checkpoint_number=2) creates the directory")
def checkpoint_manager_resume(tf1):
    with tempfile.TemporaryDirectory() as root, contextlib.chdir(root):
        got = fixtures.states_without_a_checkpoint(tf.train)
        v1, v2 = _two_variables()
        manager, got["before_any_save"] = _manager_resume(v1, v2)
        v1.assign(10.0), v2.assign(20.0)
        got["saved"] = manager.save(checkpoint_number=2)
        got["files"] = sorted(os.listdir("test-ckpt"))
        with open("test-ckpt/checkpoint", encoding="utf-8") as state:
            got["checkpoint_file"] = state.read().splitlines()[:2]
        _, got["resumed"] = _manager_resume(*_two_variables())
        got["latest_checkpoint"] = tf.train.latest_checkpoint("test-ckpt")
    return got
