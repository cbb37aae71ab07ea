"""Which behaviour the bootstrap gives: faithful TF1 (the reference) or TF2 in graph mode.

Kept apart from ``reference.tf1`` so that the setting can be checked without importing
TensorFlow (``python -m reference`` reports a bad value in one line).
"""
import os

MODE_ENV = "TF1_REFERENCE_MODE"
MODES = ("tf1", "tf2")


class ModeError(ValueError):
    """TF1_REFERENCE_MODE holds something other than tf1 or tf2."""


def read_mode():
    """``$TF1_REFERENCE_MODE`` ("tf1" when unset or empty); ModeError for anything else."""
    mode = os.environ.get(MODE_ENV) or "tf1"
    if mode not in MODES:
        raise ModeError(f"{MODE_ENV}={mode!r}: expected one of {', '.join(MODES)}")
    return mode
