"""Observations as plain data: values, and errors described by the line that says what failed.

Shared by the TF1 demonstrations (``registry``) and the TF2-native counterparts
(``reference.native``), so it imports no bootstrap: TensorFlow is looked up only when an error
is described, by then imported by whichever process this is.
"""
import re
import sys

import numpy as np


def _op_error():
    tensorflow = sys.modules.get("tensorflow")
    return tensorflow.errors.OpError if tensorflow else ()


def plain(value):
    """``value`` as JSON-compatible data: arrays become lists, numpy scalars Python numbers."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.generic):
        return value.item()
    return value


def portable(value, directory):
    """``value`` as plain data, with ``directory`` (a temporary one) written ``<dir>`` and a
    queue's per-process counter in its name (``'_3_q'``) written ``'_N_q'``: the same on
    every run."""
    value = plain(value)
    if isinstance(value, dict):
        return {k: portable(v, directory) for k, v in value.items()}
    if isinstance(value, list):
        return [portable(v, directory) for v in value]
    if isinstance(value, str):
        return re.sub(r"'_\d+_", "'_N_", value.replace(directory, "<dir>") if directory else value)
    return value


def describe_error(err):
    """An exception as {"type", "message"}: the line that says what went wrong.

    A TensorFlow runtime error (``tf.errors.OpError``) starts with "Graph execution error:"
    and, in TF1 mode, a stack; its cause is the line just above "[[{{node <name>}}]]" (or
    "[[<name>]]"), which
    is kept, and the node's name is added as "node" when TensorFlow reports it. Other errors
    keep their first line.
    """
    lines = [line.strip() for line in str(err).strip().splitlines() if line.strip()]
    message = lines[0] if lines else ""
    described = {"type": type(err).__name__}
    if isinstance(err, _op_error()):
        for before, line in zip(lines, lines[1:]):
            if line.startswith("[["):
                message = before
                break
        if err.node_def is not None and err.node_def.name:
            described["node"] = err.node_def.name
    described["message"] = message
    return described


def error_of(func, *args, **kwargs):
    """Calls ``func``; returns the exception it raised, described by ``describe_error``."""
    try:
        func(*args, **kwargs)
    except Exception as err:  # pylint: disable=broad-except
        return describe_error(err)
    raise AssertionError(f"{getattr(func, '__name__', func)} raised nothing")


def missing(module, *names):
    """``{name: the AttributeError of module.name}`` for APIs the notes call that are gone."""
    return {name: error_of(getattr, module, name) for name in names}


def outcome(func, *args, **kwargs):
    """What calling ``func`` gives: its result, or {"raised": <the error>} when it raises.

    For calls that succeed in one mode and fail in the other.
    """
    try:
        return func(*args, **kwargs)
    except Exception as err:  # pylint: disable=broad-except
        return {"raised": describe_error(err)}
