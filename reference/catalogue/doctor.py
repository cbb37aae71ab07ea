"""Where the Keras-dependent TF1 APIs resolve in this process, and what that depends on.

``python -m reference --doctor`` prints it; ``report()`` gives it as data. TensorFlow 2.16 and
later route ``tf.keras`` to Keras 3 unless ``TF_USE_LEGACY_KERAS`` is set, and the TF1 layers
and cells exist only in tf_keras. Each route is decided once, separately, when it is first
used: the module path (``import tensorflow.keras``) at TensorFlow's import, each lazy
attribute (``tf.keras``, ``tf.compat.v1.layers``, ``tf.compat.v1.nn.rnn_cell``…) at its first
access. So a process can hold both Kerases, and setting the switch after TensorFlow's import
still works for what has not been touched yet. The doctor touches each route (so call it
before anything else, or to see what a process already resolved) and names the package it
reached or the error it raised.

This module imports TensorFlow itself, never through ``reference.tf1``, whose bootstrap sets
the switch: it reports the environment as the caller has it.
"""
import importlib
import importlib.metadata
import importlib.util
import os
import platform
import sys

from reference.catalogue import modes
from reference.catalogue import quiet

LEGACY_KERAS_ENV = "TF_USE_LEGACY_KERAS"
ROUTES = (  # (what the user writes, how to reach a class through it), the lazy ones first:
    # importing the module path binds tf.keras to it
    ("tf.keras", lambda tf: tf.keras.layers.Dense),
    ("tf.compat.v1.keras", lambda tf: tf.compat.v1.keras.layers.Dense),
    ("tf.compat.v1.layers", lambda tf: tf.compat.v1.layers.Dense),
    ("tf.compat.v1.nn.rnn_cell", lambda tf: tf.compat.v1.nn.rnn_cell.BasicLSTMCell),
    ("import tensorflow.keras",
     lambda tf: importlib.import_module("tensorflow.keras.layers").Dense),
)


def _version(package):
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _package(obj):
    """``"keras 3.12.0"``, ``"tf_keras 2.21.0"``…: the distribution ``obj`` comes from."""
    top = obj.__module__.split(".")[0]
    return f"{top} {_version(top.replace('_', '-')) or _version(top)}"


def resolve(tensorflow, reach):
    """The package ``reach(tensorflow)`` lands in, or the error it raises (type: message)."""
    try:
        return _package(reach(tensorflow))
    except Exception as err:  # pylint: disable=broad-except
        return f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"


def _skew(tensorflow_version, tf_keras_version):
    if tf_keras_version is None:
        return "tf_keras is not installed"
    same = tensorflow_version.split(".")[:2] == tf_keras_version.split(".")[:2]
    return (f"tf_keras {tf_keras_version} with TensorFlow {tensorflow_version}: "
            + ("same minor version" if same else "minor versions differ (install "
               f"tf-keras~={'.'.join(tensorflow_version.split('.')[:2])}.0)"))


def _importable(name):
    """Whether ``import name`` would work, found without importing it (which would change
    what the routes resolve to)."""
    if name in sys.modules:
        return ("already imported" if sys.modules[name] is not None
                else "blocked (None in sys.modules)")
    return "works" if importlib.util.find_spec(name) is not None else "fails: not installed"


def _onednn():
    setting = os.environ.get("TF_ENABLE_ONEDNN_OPTS")
    if setting in ("0", "1"):
        return f"{'on' if setting == '1' else 'off'} (TF_ENABLE_ONEDNN_OPTS={setting})"
    default = "on" if platform.machine() in ("x86_64", "AMD64") else "off"
    return f"{default} (TensorFlow's default on {platform.machine()})"


def report():
    """``[(item, value)]``: the switch, the installed packages, and each route's package."""
    switch = os.environ.get(LEGACY_KERAS_ENV)
    imported_before = "tensorflow" in sys.modules
    import tensorflow  # pylint: disable=import-outside-toplevel
    tensorflow_version, tf_keras = tensorflow.__version__, _version("tf-keras")
    tf_keras_import = _importable("tf_keras")
    items = [
        (LEGACY_KERAS_ENV, repr(switch) if switch is not None else "unset"),
        ("TensorFlow imported before the doctor", "yes" if imported_before else "no"),
        ("reference.tf1 bootstrap in this process",
         "yes" if "reference.tf1" in sys.modules else "no"),
        ("tensorflow", tensorflow_version),
        ("keras", _version("keras") or "not installed"),
        ("tf_keras", _skew(tensorflow_version, tf_keras)),
        ("numpy", f"{_version('numpy')} (major {_version('numpy').split('.')[0]})"),
        ("tensorboard", _version("tensorboard") or "not installed (tf.summary v2 needs it)"),
        ("oneDNN", _onednn()),
        (modes.MODE_ENV, os.environ.get(modes.MODE_ENV) or "unset"),
    ]
    items += [(route, resolve(tensorflow, reach)) for route, reach in ROUTES]
    return items[:6] + [("import tf_keras", tf_keras_import)] + items[6:]


def verdict(items):
    """One line: whether the TF1 cells are usable here and, if not, what to do."""
    found = dict(items)
    cells = found["tf.compat.v1.nn.rnn_cell"]
    if not cells.startswith(("AttributeError", "ImportError", "RecursionError")):
        return f"TF1 layers and cells: available ({cells})"
    if found["import tf_keras"] not in ("works", "already imported"):
        return ("TF1 layers and cells: unavailable: tf_keras cannot be imported (pip install "
                f"tf-keras~={'.'.join(found['tensorflow'].split('.')[:2])}.0)")
    if found[LEGACY_KERAS_ENV] == "unset":
        return (f"TF1 layers and cells: unavailable: {LEGACY_KERAS_ENV} is unset (export "
                f"{LEGACY_KERAS_ENV}=1, or import reference.tf1 before using tf.compat.v1)")
    return ("TF1 layers and cells: unavailable: tf.compat.v1.nn.rnn_cell was used before "
            f"{LEGACY_KERAS_ENV} was set; set it before the first use")


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with quiet.startup_noise_filtered():
        items = report()
    width = max(len(item) for item, _ in items)
    for item, value in items:
        print(f"{item + ':':<{width + 1}} {value}")
    print(verdict(items))
    return 0
