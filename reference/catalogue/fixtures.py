"""The committed checkpoint fixtures (``checkpoints/``, see its README) and how they are summed up.

Written once, never rewritten: a TensorFlow that reads them differently, or not at all, shows
up as a changed observation in ``checkpoint_loaders`` and in its TF2-native counterparts.
No TensorFlow here: both worlds import it.
"""
import os
import pathlib

import numpy as np

CHECKPOINTS = pathlib.Path(__file__).resolve().parent / "checkpoints"
ADAM = CHECKPOINTS / "adam_saver" / "model.ckpt-2"  # name-based: Saver V2, Adam slots
PTB_TF1 = CHECKPOINTS / "ptb_test_tf1" / "model.ckpt-3"  # name-based: experiments.ptb
PTB_TF2 = CHECKPOINTS / "ptb_test_tf2" / "ckpt-3"  # object-based: experiments.ptb_tf2
TF2_SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"


def digest(value):
    """A tensor in a few exact numbers: its shape, its float64 sum and its first 3 values."""
    array = np.asarray(value)
    return {"shape": list(array.shape), "sum": float(np.sum(array, dtype=np.float64)),
            "first": array.reshape(-1)[:3].tolist()}


def contents(reader):
    """``{name: {"dtype", and for a number tensor its digest}}`` of every tensor ``reader`` (a
    ``tf.train.load_checkpoint`` reader) holds, by name."""
    dtypes = reader.get_variable_to_dtype_map()
    return {name: {"dtype": dtypes[name].name,
                   **({} if dtypes[name].name == "string" else digest(reader.get_tensor(name)))}
            for name in sorted(reader.get_variable_to_shape_map())}


def states_without_a_checkpoint(train, directory="test-ckpt"):
    """``get_checkpoint_state`` of ``directory`` missing, then empty, and ``latest_checkpoint``
    of it empty (``train``: either world's ``tf.train``); leaves the directory missing."""
    got = {"missing_dir_state": train.get_checkpoint_state(directory)}
    os.mkdir(directory)
    got["empty_dir_state"] = train.get_checkpoint_state(directory)
    got["empty_dir_latest"] = train.latest_checkpoint(directory)
    os.rmdir(directory)
    return got
