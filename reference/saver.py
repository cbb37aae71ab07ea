"""Saver: what it saves, under which keys, how many it keeps, and how to restore.

Reproduces: note 003 "如何使用tensorflow内置的参数导出和导入方法" (save, restore over
initialized values), "如何restore变量的子集,然后使用初始化op初始化其他变量", "Saver" (dict vs
list var_list, ``print_tensors_in_checkpoint_file`` output, swapping keys on restore),
"其它" (``get_checkpoint_state``, the resume from a directory that ``save`` creates) and note
000 "保存模型" (``global_step`` suffixes, ``max_to_keep`` 5, the ``checkpoint`` file's
contents; its ``save.Saver(sess=…, lastfile_name=…)`` is ``saver.save(sess, path,
latest_filename=…)``).
"""
import contextlib
import io
import os
import tempfile

from reference.tf1 import tf

from tensorflow.python.tools import inspect_checkpoint  # no public path (STYLE §11.5)

from reference.catalogue import fixtures
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session


def _two_variables():
    return tf.Variable(1.0, name="v1"), tf.Variable(2.0, name="v2")


def _save_two_variables(path, var_list, values=None):
    """Saves v1 = 1.0 and v2 = 2.0 (or ``values``) at ``path`` with Saver(var_list(v1, v2))."""
    with fresh_session() as session:
        v1, v2 = _two_variables()
        session.run(tf.global_variables_initializer())
        if values:
            session.run([tf.assign(v1, values[0]), tf.assign(v2, values[1])])
        tf.train.Saver(var_list(v1, v2)).save(session, path)


def _keys(path):
    return [name for name, _ in tf.train.list_variables(path)]


def _printed(path):
    """The lines ``print_tensors_in_checkpoint_file(path, None, True)`` prints (the notes' call)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        inspect_checkpoint.print_tensors_in_checkpoint_file(path, None, True)
    return printed.getvalue().splitlines()


@demo('003 "Saver": var_list as a dict or a list; print_tensors_in_checkpoint_file',
      ["Saver() saves every global variable, trainable or not",
       "Saver([v1, v2]) keys are the op names v1, v2",
       "Saver({'variable_1': v1, 'variable_2': v2}) saves under those keys",
       "print_tensors_in_checkpoint_file prints each key and its value (the notes' "
       "'tensor_name:  variable_1' line now reads 'tensor: variable_1 (float32) []')",
       "the checkpoint of Saver([v1, v2]) prints v1 1.0 and v2 2.0 (the notes' "
       "'tensor_name:  v1' lines, in today's format)",
       "a dict of op names is the same as the list"])
def saver_keys():
    got = {}
    with tempfile.TemporaryDirectory() as directory:
        with fresh_session() as session:
            v1, v2 = _two_variables()
            tf.Variable(0, name="global_step", trainable=False)
            session.run(tf.global_variables_initializer())
            for label, var_list in [("default", None), ("list", [v1, v2]),
                                    ("dict", {"variable_1": v1, "variable_2": v2}),
                                    ("op_name_dict", {v.op.name: v for v in [v1, v2]})]:
                path = tf.train.Saver(var_list).save(session, os.path.join(directory, label))
                got[label] = _keys(path)
            got["printed"] = _printed(os.path.join(directory, "dict"))
            got["printed_list"] = _printed(os.path.join(directory, "list"))
    return got


@demo('003 restore with swapped keys; restore over initialized values; missing keys',
      ["Saver({'variable_1': v2, 'variable_2': v1}).restore swaps the values: 2.0 1.0",
       "restore overrides values set by the initializer (running init first is optional)",
       "restoring a key the checkpoint lacks is NotFoundError"])
def saver_restore_swapped():
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "model-2")
        _save_two_variables(path, lambda v1, v2: {"variable_1": v1, "variable_2": v2})
        with fresh_session() as session:
            v1, v2 = _two_variables()
            session.run(tf.global_variables_initializer())
            tf.train.Saver({"variable_1": v2, "variable_2": v1}).restore(session, path)
            swapped = session.run([v1, v2])
        with fresh_session() as session:
            v1, v2 = _two_variables()
            tf.train.Saver({"variable_1": v1, "variable_2": v2}).restore(session, path)
            without_init = session.run([v1, v2])
            missing = error_of(tf.train.Saver({"v3": v1}).restore, session, path)
    return {"swapped": swapped, "without_init": without_init, "missing_key": missing}


@demo('003 "如何restore变量的子集,然后使用初始化op初始化其他变量"',
      ["Saver([v1]) restores v1 only; init gives v2 its initial value",
       "the checkpoint of Saver([v1]) holds only v1"])
def saver_subset_restore():
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "file.ckpt")
        _save_two_variables(path, lambda v1, v2: [v1], values=(10.0, 20.0))
        with fresh_session() as session:
            v1, v2 = _two_variables()
            saver = tf.train.Saver([v1])
            session.run(tf.global_variables_initializer())
            saver.restore(session, path)
            return {"values": session.run([v1, v2]), "keys": _keys(path)}


def _notes_two_saves(session):
    """Note 000's own example, run in a fresh working directory: its ``save.Saver(sess=…,
    lastfile_name=…)`` and ``save.save(…, lastfile_name=…)`` (both fail), then
    ``save.save(sess, "model0.ckpt", global_step=0)`` and ``global_step=1``."""
    save = tf.train.Saver()
    got = {"notes_save_dot_saver": error_of(lambda: save.Saver(
               sess=session, save_path="model0.ckpt", global_step=0, lastfile_name="checkpoint")),
           "notes_lastfile_name": error_of(save.save, session, "model0.ckpt", global_step=0,
                                           lastfile_name="checkpoint")}
    with tempfile.TemporaryDirectory() as root, contextlib.chdir(root):
        got["notes_saves"] = [save.save(session, "model0.ckpt", global_step=s) for s in (0, 1)]
        with open("checkpoint", encoding="utf-8") as state:
            got["notes_checkpoint_file"] = state.read().splitlines()
    return got


@demo('000 "保存模型" (global_step, max_to_keep, the checkpoint file); 003 "其它"',
      ["save(sess, path, global_step=k) writes path-k; without global_step it overwrites path",
       "each save writes .index, .data-00000-of-00001 and .meta files",
       "max_to_keep=5 (the default) keeps the 5 newest",
       "the 'checkpoint' file names the newest (model_checkpoint_path) and all kept "
       "(all_model_checkpoint_paths); the notes' relative names come from a relative save "
       "path, an absolute one is written as given",
       "get_checkpoint_state(dir).model_checkpoint_path and latest_checkpoint(dir) give the "
       "newest path", "the notes' lastfile_name is latest_filename: the state file's name",
       "the notes' save.Saver(sess=…, save_path=…, global_step=…, lastfile_name=…) is "
       "AttributeError \"'Saver' object has no attribute 'Saver'\"; save.save(…, "
       "lastfile_name=…) is a TypeError",
       "the notes' example, save(sess, 'model0.ckpt', global_step=0) then 1 in the working "
       "directory, leaves exactly the notes' three lines in the checkpoint file"])
def saver_max_to_keep_and_state():
    with tempfile.TemporaryDirectory() as directory:
        prefix = os.path.join(directory, "model0.ckpt")
        with fresh_session() as session:
            _two_variables()
            session.run(tf.global_variables_initializer())
            saver = tf.train.Saver()
            paths = [os.path.basename(saver.save(session, prefix, global_step=step))
                     for step in range(7)]
            files = sorted(os.listdir(directory))
            with open(os.path.join(directory, "checkpoint"), encoding="utf-8") as state:
                lines = [line.replace(directory, "<dir>") for line in state.read().splitlines()
                         if not line.startswith(("all_model_checkpoint_timestamps",
                                                 "last_preserved_timestamp"))]
            ckpt = tf.train.get_checkpoint_state(directory)
            latest = tf.train.latest_checkpoint(directory)
            plain = os.path.join(directory, "plain")
            overwritten = [os.path.basename(saver.save(session, plain)) for _ in range(2)]
            tf.train.Saver().save(session, os.path.join(directory, "other"),
                                  latest_filename="latest")
            with open(os.path.join(directory, "latest"), encoding="utf-8") as state:
                latest_file = state.readline().strip().replace(directory, "<dir>")
            notes = _notes_two_saves(session)
    return {**notes, "returned_paths": paths, "max_to_keep": saver.saver_def.max_to_keep,
            "files": files, "checkpoint_file": lines,
            "model_checkpoint_path": os.path.basename(ckpt.model_checkpoint_path),
            "all_model_checkpoint_paths": [os.path.basename(p) for p in
                                           ckpt.all_model_checkpoint_paths],
            "latest_checkpoint": os.path.basename(latest), "without_global_step": overwritten,
            "latest_filename_first_line": latest_file}


def _notes_checkpoint_dir(session, v1, v2):
    """The notes' resume: ``get_checkpoint_state('test-ckpt')``, restore if a checkpoint is
    named; returns (what was found, v1 and v2 after it)."""
    ckpt = tf.train.get_checkpoint_state("test-ckpt")
    if ckpt and ckpt.model_checkpoint_path:
        tf.train.Saver({"variable_1": v1, "variable_2": v2}).restore(
            session, ckpt.model_checkpoint_path)
    return (ckpt.model_checkpoint_path if ckpt else None), session.run([v1, v2])


@demo('003 "Saver" saver.save(sess, \'test-ckpt/model-2\'); "其它" "ckpt = '
      'tf.train.get_checkpoint_state(ckpt_dir) / if ckpt and ckpt.model_checkpoint_path"',
      ["get_checkpoint_state and latest_checkpoint of a directory without a checkpoint (missing "
       "or empty) are None: the notes' 'if ckpt and ...' skips the restore and the initial "
       "values stay", "save(sess, 'test-ckpt/model-2') creates the missing directory "
       "test-ckpt and writes model-2.* and a 'checkpoint' file naming model-2 (relative to "
       "the directory)", "then the same two lines find test-ckpt/model-2 and restore the "
       "saved values over the initial ones"])
def saver_resume_from_checkpoint_dir():
    with tempfile.TemporaryDirectory() as root, contextlib.chdir(root):
        got = fixtures.states_without_a_checkpoint(tf.train)
        with fresh_session() as session:
            v1, v2 = _two_variables()
            session.run(tf.global_variables_initializer())
            got["before_any_save"] = _notes_checkpoint_dir(session, v1, v2)
            session.run([tf.assign(v1, 10.0), tf.assign(v2, 20.0)])
            got["saved"] = tf.train.Saver({"variable_1": v1, "variable_2": v2}).save(
                session, "test-ckpt/model-2")
        got["files"] = sorted(os.listdir("test-ckpt"))
        with open("test-ckpt/checkpoint", encoding="utf-8") as state:
            got["checkpoint_file"] = state.read().splitlines()[:2]
        with fresh_session() as session:
            v1, v2 = _two_variables()
            session.run(tf.global_variables_initializer())
            got["resumed"] = _notes_checkpoint_dir(session, v1, v2)
        got["latest_checkpoint"] = tf.train.latest_checkpoint("test-ckpt")
    return got
