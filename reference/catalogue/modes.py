"""Which behaviour the bootstrap gives: faithful TF1 (the reference) or TF2 in graph mode, and
in TF1 mode which single switch of ``disable_v2_behavior()`` is set back the TF2 way.

Kept apart from ``reference.tf1`` so that the setting can be checked without importing
TensorFlow (``python -m reference`` reports a bad value in one line).
"""
import os

MODE_ENV = "TF1_REFERENCE_MODE"
MODES = ("tf1", "tf2")
SWITCH_ENV = "TF1_REFERENCE_SWITCH"
# What disable_v2_behavior() sets the TF1 way besides eager execution (off in both modes):
# the tf2 flag other code consults, TensorShape v2 (dims are ints), resource variables,
# tensor equality (== compares values), control flow v2, and tf.data's Dataset class (v2 when
# the tf2 flag is set while its callbacks run).
SWITCHES = ("tf2_flag", "v2_tensorshape", "resource_variables", "tensor_equality",
            "control_flow_v2", "data_v2")


class ModeError(ValueError):
    """TF1_REFERENCE_MODE holds something other than tf1 or tf2, or TF1_REFERENCE_SWITCH
    something other than a switch (or a switch with TF2 behaviour)."""


def read_mode():
    """``$TF1_REFERENCE_MODE`` ("tf1" when unset or empty); ModeError for anything else."""
    mode = os.environ.get(MODE_ENV) or "tf1"
    if mode not in MODES:
        raise ModeError(f"{MODE_ENV}={mode!r}: expected one of {', '.join(MODES)}")
    return mode


def read_switches():
    """``$TF1_REFERENCE_SWITCH``: the switches (comma-separated) to set the TF2 way in TF1
    mode, as a tuple (empty when unset); ModeError for an unknown one or under TF2 mode."""
    switches = tuple(s for s in os.environ.get(SWITCH_ENV, "").split(",") if s)
    unknown = [s for s in switches if s not in SWITCHES]
    if unknown:
        raise ModeError(f"{SWITCH_ENV}: unknown switch {', '.join(map(repr, unknown))} "
                        f"(expected one or more of {', '.join(SWITCHES)})")
    if switches and read_mode() != "tf1":
        raise ModeError(f"{SWITCH_ENV} needs {MODE_ENV}=tf1 (TF2 behaviour has every switch "
                        "set the TF2 way)")
    return switches
