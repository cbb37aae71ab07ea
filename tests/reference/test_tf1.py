"""The bootstrap: faithful TF1 mode, quiet start-up, the error when TensorFlow came first.

Each case needs a fresh interpreter (the switches act at TensorFlow's first import), so each
runs one subprocess that prints what it observed as JSON.
"""
import importlib.metadata
import json

from reference.tf1 import tf

import numpy as np
import pytest

from tests.conftest import run_python

KERAS_MAJOR = int(importlib.metadata.version("keras").split(".")[0])

PROBE = """
import json, os
from reference.tf1 import tf, tf2
g = tf.Graph()
with g.as_default():
    v = tf.Variable(1.0, name="v")
    with tf.Session() as s:
        s.run(v.initializer)
        fed = float(s.run(v * 2, feed_dict={v: 3.0}))
print(json.dumps({"legacy_keras": os.environ["TF_USE_LEGACY_KERAS"],
                  "eager": tf.executing_eagerly(), "cell": tf.nn.rnn_cell.BasicLSTMCell.__name__,
                  "variable_op": v.op.type, "fed_variable_times_2": fed}))
"""

TF2_MODE_PROBE = """
import json, os
os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
g = tf.Graph()
with g.as_default():
    v = tf.compat.v1.Variable(1.0, name="v")
    with tf.compat.v1.Session() as s:
        s.run(v.initializer)
        fed = float(s.run(v * 2, feed_dict={v: 3.0}))
print(json.dumps({"variable_op": v.op.type, "fed_variable_times_2": fed}))
"""


@pytest.mark.slow
def test_bootstrap_gives_faithful_tf1_mode_silently():
    result = run_python("-c", PROBE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "legacy_keras": "1", "eager": False, "cell": "BasicLSTMCell",
        "variable_op": "VariableV2", "fed_variable_times_2": 6.0}
    assert result.stderr == ""  # run_python leaves out the lines 2.17-2.20 log at run time


@pytest.mark.slow
def test_verbose_switch_keeps_tensorflows_messages():
    result = run_python("-c", PROBE, env={"TF1_REFERENCE_VERBOSE": "1"})
    assert result.returncode == 0, result.stderr
    assert "non-resource variables are not supported in the long term" in result.stderr


@pytest.mark.slow
def test_tf2_mode_ignores_a_fed_variable():
    # TF2 behaviour (no disable_v2_behavior): a resource variable, and the feed has no effect
    result = run_python("-c", TF2_MODE_PROBE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {
        "variable_op": "VarHandleOp", "fed_variable_times_2": 2.0}


@pytest.mark.slow
def test_tensorflow_imported_first_is_a_clear_error():
    result = run_python("-c", "import tensorflow\nimport reference.tf1")
    if KERAS_MAJOR < 3:  # TF 2.15: Keras 2 is the default, the TF1 cells are there anyway
        cells = run_python("-c", "import tensorflow\nimport reference.tf1\n"
                           "print(reference.tf1.tf.nn.rnn_cell.BasicLSTMCell.__name__)")
        assert (cells.returncode, cells.stdout) == (0, "BasicLSTMCell\n")
        return
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "reference.tf1.LegacyKerasError: TensorFlow was imported before reference.tf1 without "
        "TF_USE_LEGACY_KERAS=1, so tf.compat.v1.nn.rnn_cell is unavailable in this process "
        "(`BasicLSTMCell` is not available with Keras 3.). Fix: import reference.tf1 before "
        "anything that imports tensorflow, or export TF_USE_LEGACY_KERAS=1 before starting Python.")


def test_in_this_process_graph_mode_and_ref_variables(session):
    v = tf.Variable(np.float32(1.5), name="v")
    assert v.op.type == "VariableV2" and v.name == "v:0"
    session.run(v.initializer)
    assert session.run(v + 1, feed_dict={v: 10.0}) == 11.0
