"""tfdbg, TF1's debugger: the session wrappers and the dump reader the notes use.

Reproduces: note 003's tfdbg section (``from tensorflow.python import debug as tf_debug``;
``debug_sess = tf_debug.LocalCLIDebugWrapperSession(sess=sess)`` around the session that runs
``train_op``, not the initializer; ``run`` / ``exit`` in the CLI). tfdbg has no public path in
TF 2.21 (``tf.compat.v1`` has no ``debug``), so this module is the one place that imports
``tensorflow.python.debug``. Facts on TF 2.21: only the readline UI is left (the curses UI
the note's screenshots show was removed), and the wrappers still work on a TF1-mode session.
"""
import inspect
import os
import tempfile

from reference.tf1 import tf
from reference.tf1 import tf2

from tensorflow.python import debug as tf_debug  # pylint: disable=g-direct-tensorflow-import
from tensorflow.python.debug.cli import ui_factory  # pylint: disable=g-direct-tensorflow-import

from reference import tf1
from reference.catalogue import registry

MODE = tf1.MODE

has_inf_or_nan = tf_debug.has_inf_or_nan
DebugDumpDir = tf_debug.DebugDumpDir


def cli_wrapper(session):
    """``LocalCLIDebugWrapperSession`` (readline UI) with ``has_inf_or_nan`` registered, so
    ``run -f has_inf_or_nan`` runs until a tensor holds an inf or a NaN."""
    wrapped = tf_debug.LocalCLIDebugWrapperSession(session, ui_type="readline")
    wrapped.add_tensor_filter("has_inf_or_nan", has_inf_or_nan)
    return wrapped


def dump_wrapper(session, dump_root):
    """``DumpingDebugWrapperSession``: every run's intermediate tensors go to a new
    ``run_<time>_<n>`` folder below ``dump_root``; read one with ``DebugDumpDir``."""
    return tf_debug.DumpingDebugWrapperSession(session, dump_root)


def _faulty_graph():
    """``loss = sum(log(x - 2) * w)`` with ``x = [1, 3]``: the op ``inject_nan`` makes the NaN
    (log of -1), ``scaled`` and ``loss`` only pass it on."""
    w = tf.Variable([1.0, 1.0], name="w")
    x = tf.constant([1.0, 3.0], name="x")
    bad = tf.log(x - 2.0, name="inject_nan")
    return tf.reduce_sum(tf.multiply(bad, w, name="scaled"), name="loss")


@registry.demo('003 tfdbg ("debug_sess = tf_debug.LocalCLIDebugWrapperSession(sess=sess)"; '
                'has_inf_or_nan)',
                ["a DumpingDebugWrapperSession writes one run_* folder per run() call",
                 "DebugDumpDir(run).find(has_inf_or_nan) lists the NaN tensors in timestamp "
                 "order: the first is the op that made the NaN (inject_nan), then the ops it "
                 "flowed into"])
def nan_hunting_with_dumps():
    with tempfile.TemporaryDirectory() as root, registry.fresh_session() as session:
        loss = _faulty_graph()
        session.run(tf.global_variables_initializer())
        dumping = dump_wrapper(session, root)
        value = dumping.run(loss)
        runs = sorted(os.listdir(root))
        hits = DebugDumpDir(os.path.join(root, runs[-1])).find(has_inf_or_nan)
        return {"loss_is_nan": bool(value != value), "runs": len(runs),
                "first_hit": hits[0].node_name,
                "hits": sorted(h.node_name for h in hits)}


@registry.demo('003 tfdbg, its TF2-native counterpart tf.debugging.enable_check_numerics',
                ["in TF1 mode, enabling check_numerics before building the graph breaks the "
                 "creation of a ref variable",
                 "under TF2 behaviour (resource variables) the same fault fails at run time "
                 "naming the op that made the NaN: inject_nan"])
def check_numerics_counterpart():
    try:
        with registry.fresh_session() as session:
            tf2.debugging.enable_check_numerics()
            built = registry.outcome(_faulty_graph)
            if isinstance(built, dict):
                return {"build": built}
            session.run(tf.global_variables_initializer())
            return {"build": "ok", "run": registry.error_of(session.run, built)}
    finally:
        tf2.debugging.disable_check_numerics()


@registry.demo('003 tfdbg "Tips : debug 界面中下划线的东西都是可以用鼠标点一下" (the curses CLI)',
                ["tfdbg's only UI now is readline: the curses UI, whose underlined items the "
                 "notes click with the mouse, is gone",
                 "asking for it is a ValueError when the first run() opens the CLI",
                 "the notes' call LocalCLIDebugWrapperSession(sess=sess), with no ui_type, "
                 "works unchanged: the default ui_type is 'readline' now"])
def cli_ui_types():
    default = inspect.signature(tf_debug.LocalCLIDebugWrapperSession).parameters["ui_type"]
    with registry.fresh_session() as sess:
        debug_sess = tf_debug.LocalCLIDebugWrapperSession(sess=sess)
        notes_call = [type(debug_sess).__name__, debug_sess._ui_type]  # pylint: disable=W0212
    return {"supported": list(ui_factory.SUPPORTED_UI_TYPES),
            "curses": registry.error_of(ui_factory.get_ui, "curses"),
            "default_ui_type": default.default, "notes_call": notes_call}
