"""Faithful TF1 graph mode on TensorFlow 2.21: the one module that imports TensorFlow.

Every package of this project does ``from reference.tf1 import tf`` and gets
``tensorflow.compat.v1`` with v2 behaviour disabled, exactly once per process:

* ``TF_USE_LEGACY_KERAS=1`` is put in the environment before TensorFlow's first
  import. Under Keras 3 the TF1 layers and cells (``tf.nn.rnn_cell.*``,
  ``tf.layers``) only exist through tf_keras, and TensorFlow reads this switch
  once, at import time.
* ``tf.disable_v2_behavior()``: graph mode, ref variables (so a variable can be
  fed), TF1 control flow and shapes. Without it ``tf.train.Supervisor`` crashes in
  its background thread and ``feed_dict={variable: 3}`` is silently ignored.
* Log noise is quieted: TensorFlow's C++ start-up lines (printed before its
  logging is configured, so no environment variable reaches them; the physical
  devices are listed during the import so that the "failed call to cuInit" line of
  a machine without GPU is among them), its Python
  deprecation warnings, tf_keras's ``UserWarning``s about deprecated classes and
  protobuf's about ``float_format`` (TensorFlow 2.20's text graphs).
  Set ``TF1_REFERENCE_VERBOSE=1`` to keep all of it visible.

``TF1_REFERENCE_MODE=tf2`` (read once, at the first import) keeps TensorFlow 2's
behaviour in graph mode instead: only ``disable_eager_execution()`` is called, so
variables are resource variables and control flow is v2. ``python -m reference``
uses it to show which idioms give a different answer under TF2 behaviour.
``TF1_REFERENCE_SWITCH=<switch>[,<switch>...]`` (``modes.SWITCHES``) sets switches of
``disable_v2_behavior()`` back the TF2 way in TF1 mode, to find which one causes a
difference (``reference/catalogue/switches.py``).

If TensorFlow was imported before this module without the legacy-Keras switch,
the TF1 cells are gone for the life of the process; importing this module then
raises ``LegacyKerasError`` saying so and how to fix it.

Reproduces: the implicit set-up of every program in shared/seeds (all of them
assume ``import tensorflow as tf`` is TensorFlow 1.x).
"""
import logging
import os
import sys
import warnings

from reference.catalogue import modes
from reference.catalogue import quiet

VERBOSE_ENV = "TF1_REFERENCE_VERBOSE"
LEGACY_KERAS_ENV = "TF_USE_LEGACY_KERAS"

class LegacyKerasError(ImportError):
    """TensorFlow was imported without TF_USE_LEGACY_KERAS=1, so TF1 cells are missing."""


def _verbose():
    return os.environ.get(VERBOSE_ENV, "") not in ("", "0")


def _check_legacy_keras(tensorflow):
    try:
        _ = tensorflow.compat.v1.nn.rnn_cell.BasicLSTMCell  # the access raises without legacy Keras
    except AttributeError as err:
        raise LegacyKerasError(
            "TensorFlow was imported before reference.tf1 without TF_USE_LEGACY_KERAS=1, "
            "so tf.compat.v1.nn.rnn_cell is unavailable in this process "
            f"({err}). Fix: import reference.tf1 before anything that imports tensorflow, "
            "or export TF_USE_LEGACY_KERAS=1 before starting Python.") from None


def _import_tensorflow_quietly():
    """Imports TensorFlow with its C++ start-up chatter filtered out of stderr."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with quiet.startup_noise_filtered():
        import tensorflow  # pylint: disable=import-outside-toplevel
        tensorflow.config.list_physical_devices()  # CUDA probing logs here, once
    return tensorflow


def _quiet_python_side(tensorflow):
    tensorflow.get_logger().setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message=r".*is deprecated and will be removed",
                            category=UserWarning)
    warnings.filterwarnings("ignore", module=r"tf_keras\..*", category=UserWarning)
    # protobuf 6.33 on TensorFlow's text_format.MessageToString(float_format=...), once per
    # process at the first graph.pbtxt or text checkpoint state a Supervisor writes (TF 2.20)
    warnings.filterwarnings("ignore", message=r"float_format is deprecated for text_format",
                            category=UserWarning)


def _bootstrap():
    if "tensorflow" in sys.modules:
        tensorflow = sys.modules["tensorflow"]
    else:
        os.environ[LEGACY_KERAS_ENV] = "1"
        if _verbose():
            import tensorflow  # pylint: disable=import-outside-toplevel
        else:
            tensorflow = _import_tensorflow_quietly()
    _check_legacy_keras(tensorflow)
    if not _verbose():
        _quiet_python_side(tensorflow)
    if MODE == "tf2":
        tensorflow.compat.v1.disable_eager_execution()
    else:
        tensorflow.compat.v1.disable_v2_behavior()
        for switch in SWITCHES:
            _set_the_tf2_way(tensorflow, switch)
    return tensorflow


def _set_the_tf2_way(tensorflow, switch):
    """Sets one switch of ``disable_v2_behavior()`` back as TensorFlow 2 has it."""
    from tensorflow.python import tf2 as tf2_flag  # pylint: disable=import-outside-toplevel
    from tensorflow.python.compat import v2_compat  # pylint: disable=import-outside-toplevel
    v1 = tensorflow.compat.v1
    if switch == "data_v2" and not hasattr(v2_compat, "_DATA_V2_CALLBACKS"):  # TF 2.15
        from tensorflow.python.data.ops import dataset_ops  # pylint: disable=import-outside-toplevel
        from tensorflow.python.data.ops import readers  # pylint: disable=import-outside-toplevel
        dataset_ops.Dataset = dataset_ops.DatasetV2  # what its enable_v2_behavior() sets
        for name in ("FixedLengthRecordDataset", "TFRecordDataset", "TextLineDataset"):
            setattr(readers, name, getattr(readers, f"{name}V2"))
    elif switch == "data_v2":  # the callbacks pick Dataset classes by the tf2 flag
        tf2_flag.enable()
        for name in v2_compat._DATA_V2_CALLBACKS.list():  # pylint: disable=protected-access
            v2_compat._DATA_V2_CALLBACKS.lookup(name)()  # pylint: disable=protected-access
        tf2_flag.disable()
    elif switch == "tf2_flag":
        tf2_flag.enable()
    else:
        getattr(v1, f"enable_{switch}")()


MODE = modes.read_mode()  # "tf1": faithful TF1, the reference; "tf2": TF2 behaviour
SWITCHES = modes.read_switches()  # in TF1 mode, switches set the TF2 way (usually none)
tf2 = _bootstrap()  # the full `tensorflow` module, for the TF2-native counterparts
tf = tf2.compat.v1
