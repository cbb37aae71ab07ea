"""tfdbg, TF1's debugger: the session wrappers and the dump reader the notes use.

Reproduces: note 003's tfdbg section (``from tensorflow.python import debug as tf_debug``;
``debug_sess = tf_debug.LocalCLIDebugWrapperSession(sess=sess)`` around the session that runs
``train_op``, not the initializer; ``run`` / ``exit`` in the CLI). tfdbg has no public path in
TF 2.21 (``tf.compat.v1`` has no ``debug``), so this module is the one place that imports
``tensorflow.python.debug``. Facts on TF 2.21: only the readline UI is left (the curses UI
the note's screenshots show was removed), and the wrappers still work on a TF1-mode session.
"""
from reference import tf1
from tensorflow.python import debug as tf_debug  # pylint: disable=g-direct-tensorflow-import

MODE = tf1.MODE  # the bootstrap above ran before tensorflow.python was imported

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
