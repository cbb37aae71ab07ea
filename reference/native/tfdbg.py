"""Debugging NaNs the TF2 way: ``enable_check_numerics`` and ``enable_dump_debug_info``.

Replaces ``reference/tfdbg.py``. ``tf.debugging.enable_check_numerics()`` makes the first op
whose output holds an inf or a NaN raise, naming it (``inject_nan``): the answer tfdbg's
``run -f has_inf_or_nan`` gave. ``tf.debugging.experimental.enable_dump_debug_info(root)``
replaces ``DumpingDebugWrapperSession``: one set of ``tfdbg_events.*`` files per dump root (a
record per execution, per op output in graphs …), read by TensorBoard's Debugger V2. TF2 has
no public reader of the dump, so this module is the one place that imports
``tensorflow.python.debug`` (its ``DebugDataReader``, which TensorBoard itself uses; STYLE
§11.5). No direct counterpart: the interactive CLI (``LocalCLIDebugWrapperSession``, readline
or curses): its closest replacement is the Debugger V2 dashboard of TensorBoard, in the browser.
"""
import os
import re
import tempfile

import tensorflow as tf
from tensorboard.plugins.debugger_v2 import debugger_v2_plugin
from tensorflow.python.debug.lib import debug_events_reader  # no public path (STYLE §11.5)

from reference.catalogue.observed import describe_error
from reference.native.registry import counterpart

NAN_COUNT = 7  # FULL_HEALTH: id, device, dtype, rank, size, -inf, +inf, nan, -, 0, +


def _faulty_function():
    """``loss = sum(log(x - 2) * w)`` with ``x = [1, 3]``: ``inject_nan`` makes the NaN (log
    of -1), ``scaled`` and ``loss`` only pass it on. A new function each time: one traced
    under one debugging mode is not run under another."""
    w = tf.Variable([1.0, 1.0], name="w")

    @tf.function
    def loss():
        bad = tf.math.log(tf.constant([1.0, 3.0], name="x") - 2.0, name="inject_nan")
        return tf.reduce_sum(tf.multiply(bad, w, name="scaled"), name="loss")
    return loss


def _check_numerics_error(err):
    """The error, with the node it was detected at and the line that says what was found."""
    text = str(err)
    return dict(describe_error(err),
                detected_at=re.search(r"Detected at node (\S+)", text).group(1),
                detected=re.search(r"!!! .* !!!", text).group(0))


@counterpart(["nan_hunting_with_dumps"], "tf.debugging.experimental.enable_dump_debug_info("
             "root, tensor_debug_mode='FULL_HEALTH'); DebugDataReader (TensorBoard's reader)")
def dump_debug_info(tf1):
    loss = _faulty_function()
    with tempfile.TemporaryDirectory() as root:
        writer = tf.debugging.experimental.enable_dump_debug_info(
            root, tensor_debug_mode="FULL_HEALTH", circular_buffer_size=-1)
        try:
            value = loss()
            writer.FlushNonExecutionFiles()
            writer.FlushExecutionFiles()
        finally:
            tf.debugging.experimental.disable_dump_debug_info()
        files = sorted(os.listdir(root))
        with debug_events_reader.DebugDataReader(root) as reader:
            reader.update()
            traces = reader.graph_execution_traces()
            executions = reader.executions()
    hits = [t.op_name for t in traces if t.debug_tensor_value[NAN_COUNT] > 0]
    return {"loss_is_nan": bool(value.numpy() != value.numpy()),
            "executions": len(executions), "first_hit": hits[0], "hits": sorted(hits),
            "file_kinds": [name.rsplit(".", 1)[-1] for name in files],
            "file_names_match": all(re.fullmatch(r"tfdbg_events\.\d+\..+\.\w+", n)
                                    for n in files),
            "traced_ops": [t.op_name for t in traces]}


@counterpart(["check_numerics_counterpart"], "tf.debugging.enable_check_numerics() before "
             "the function is traced; disable_check_numerics() after")
def check_numerics(tf1):
    tf.debugging.enable_check_numerics()
    try:
        loss = _faulty_function()
        try:
            loss()
        except tf.errors.InvalidArgumentError as err:
            return {"build": "ok", "run": _check_numerics_error(err)}
        return {"build": "ok", "run": "no error"}
    finally:
        tf.debugging.disable_check_numerics()


@counterpart(["cli_ui_types"], "no CLI: TensorBoard's Debugger V2 plugin reads the dump "
             "(tensorboard --logdir <root>)")
def debugger_v2_instead_of_cli(tf1):
    return {"tf_debugging_experimental": sorted(n for n in dir(tf.debugging.experimental)
                                                if not n.startswith("_")),
            "replacement_plugin": debugger_v2_plugin.DebuggerV2Plugin.plugin_name}
