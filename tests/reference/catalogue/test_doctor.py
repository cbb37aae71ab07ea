"""``python -m reference --doctor`` where real users break: the legacy-Keras switch unset or set,
tf_keras not importable, TensorFlow imported before the switch; and what TensorFlow answers.

Each case is a child process (the routes are decided once per process), all started together.
Under TensorFlow 2.15 Keras 2 is the default, so the TF1 layers and cells exist without the
switch; from 2.16 on ``tf.keras`` is Keras 3 unless it is set.
"""
import importlib.metadata

import pytest

from tests.conftest import TF_MINOR
from tests.conftest import finish
from tests.conftest import start_python

KERAS = f"keras {importlib.metadata.version('keras')}"
TF_KERAS = f"tf_keras {importlib.metadata.version('tf-keras')}"
KERAS3 = TF_MINOR >= 16
MINOR = ".".join(importlib.metadata.version("tensorflow").split(".")[:2])
BLOCK_TF_KERAS = "import sys; sys.modules['tf_keras'] = None; "
DOCTOR = "from reference.__main__ import main; main(['--doctor'])"
CANNOT = "ImportError: Keras cannot be imported. Check that it is installed."
V1_ROUTES = ("tf.keras", "tf.compat.v1.keras", "tf.compat.v1.layers", "tf.compat.v1.nn.rnn_cell")
CASES = {
    "switch unset": (["-m", "reference", "--doctor"], {}),
    "switch set": (["-m", "reference", "--doctor"], {"TF_USE_LEGACY_KERAS": "1"}),
    "tf_keras blocked": (["-c", BLOCK_TF_KERAS + DOCTOR], {"TF_USE_LEGACY_KERAS": "1"}),
    "switch set after the import": (["-c", "import os, tensorflow; os.environ["
                                     "'TF_USE_LEGACY_KERAS'] = '1'; " + DOCTOR], {}),
    "a second access without tf_keras": (["-c", BLOCK_TF_KERAS + (
        "import tensorflow as tf\n"
        "for name in ('BasicLSTMCell', 'LSTMCell'):\n"
        "    try:\n"
        "        getattr(tf.compat.v1.nn.rnn_cell, name)\n"
        "    except Exception as err:\n"
        "        print(type(err).__name__, str(err).splitlines()[0])")],
        {"TF_USE_LEGACY_KERAS": "1"}),
}


@pytest.fixture(scope="module")
def outputs():
    started = {case: start_python(*args, env=env) for case, (args, env) in CASES.items()}
    results = {}
    for case, process in started.items():
        status, out, err = finish(process)
        assert status == 0, f"{case}: {err}"
        results[case] = out.splitlines()
    return results


def _items(lines):
    return {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in lines[:-1]}


def _routes(lines):
    items = _items(lines)
    return {route: items[route] for route in (*V1_ROUTES, "import tensorflow.keras")}


def test_without_the_switch_keras3_has_no_tf1_layers_or_cells(outputs):
    lines = outputs["switch unset"]
    assert _items(lines)["TF_USE_LEGACY_KERAS"] == "unset"
    if KERAS3:
        assert _routes(lines) == {
            "tf.keras": KERAS, "tf.compat.v1.keras": KERAS,
            "tf.compat.v1.layers": "AttributeError: `Dense` is not available with Keras 3.",
            "tf.compat.v1.nn.rnn_cell": "AttributeError: `BasicLSTMCell` is not available with "
                                        "Keras 3.",
            "import tensorflow.keras": KERAS}
        assert lines[-1] == ("TF1 layers and cells: unavailable: TF_USE_LEGACY_KERAS is unset "
                             "(export TF_USE_LEGACY_KERAS=1, or import reference.tf1 before "
                             "using tf.compat.v1)")
    else:  # Keras 2 is the default: the switch changes only which package serves them
        assert _routes(lines) == dict.fromkeys([*V1_ROUTES, "import tensorflow.keras"], KERAS)
        assert lines[-1] == f"TF1 layers and cells: available ({KERAS})"


def test_with_the_switch_every_route_is_tf_keras(outputs):
    lines = outputs["switch set"]
    assert _items(lines)["TF_USE_LEGACY_KERAS"] == "'1'"
    assert _routes(lines) == dict.fromkeys([*V1_ROUTES, "import tensorflow.keras"], TF_KERAS)
    assert _items(lines)["tf_keras"] == (f"{TF_KERAS} with TensorFlow "
                                         f"{importlib.metadata.version('tensorflow')}: same "
                                         "minor version")
    assert lines[-1] == f"TF1 layers and cells: available ({TF_KERAS})"


def test_the_switch_without_an_importable_tf_keras_breaks_every_lazy_route(outputs):
    lines = outputs["tf_keras blocked"]
    assert _items(lines)["import tf_keras"] == "blocked (None in sys.modules)"
    assert _routes(lines) == {**dict.fromkeys(V1_ROUTES, CANNOT), "import tensorflow.keras": (
        KERAS if KERAS3 else "ModuleNotFoundError: No module named 'tensorflow.keras'")}
    assert lines[-1] == ("TF1 layers and cells: unavailable: tf_keras cannot be imported (pip "
                         f"install tf-keras~={MINOR}.0)")


def test_a_switch_set_after_the_import_serves_every_route_but_the_module_path(outputs):
    lines = outputs["switch set after the import"]
    assert _items(lines)["TensorFlow imported before the doctor"] == "yes"
    # the lazy routes read the switch at their first use; the module path at the import
    assert _routes(lines) == {**dict.fromkeys(V1_ROUTES, TF_KERAS),
                              "import tensorflow.keras": KERAS}
    assert lines[-1] == f"TF1 layers and cells: available ({TF_KERAS})"


def test_a_second_access_after_the_import_error_recurses(outputs):
    first, second = outputs["a second access without tf_keras"]
    assert first == "ImportError Keras cannot be imported. Check that it is installed."
    # where the recursion limit is reached (and so the message's end) varies with the frame
    assert second.startswith("RecursionError maximum recursion depth exceeded")
