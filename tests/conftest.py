"""Shared fixtures: faithful TF1 mode first, a fresh graph per test, the shared real data."""
import importlib
import importlib.metadata
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys

from reference.tf1 import tf  # must come before anything that imports tensorflow

import pytest

from reference import tf1
from reference.catalogue import modes
from tests import inprocess

if tf1.MODE != "tf1" or tf1.SWITCHES:
    pytest.exit(f"the tests pin faithful TF1 mode; unset {modes.MODE_ENV} and "
                f"{modes.SWITCH_ENV} (the tests observe TF2 behaviour and the switches "
                "themselves, in child processes)", returncode=2)

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA_ENV = "TF1_REFERENCE_DATA"
TF_MINOR = int(importlib.metadata.version("tensorflow").split(".")[1])
# TensorFlow 2.17-2.20 log through absl before absl's logging is initialized, so their INFO
# lines (and absl's warning about it) reach stderr whatever TF_CPP_MIN_LOG_LEVEL says (2.17
# only from its gRPC server); 2.15, 2.16 and 2.21 print none of them. A child's stderr is
# compared without these lines.
VERSION_NOISE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\) is called are written to "
    r"STDERR|I\d{4} \d\d:\d\d:[\d.]+ +\d+ [\w.]+:\d+\] .*)$"
    if 17 <= TF_MINOR <= 20 else r"(?!)")


def without_version_noise(stderr):
    """``stderr`` without the lines ``VERSION_NOISE`` matches."""
    return "".join(line for line in stderr.splitlines(keepends=True)
                   if not VERSION_NOISE.match(line.rstrip("\n")))


def restore_sigint():
    """SIGINT back to Python's handler when this process was started with it ignored.

    A shell without job control (a script's ``cmd &``, some CI runners) starts background
    commands with SIGINT ignored, and every child inherits that: the tests' Ctrl-C (SIGINT
    sent to a child) would then do nothing. A handler, unlike "ignored", is reset to the
    default in each child at exec, so the children see SIGINT as a terminal's Ctrl-C.
    """
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


restore_sigint()


@pytest.fixture
def graph():
    with tf.Graph().as_default() as g:
        tf.set_random_seed(0)
        yield g


@pytest.fixture
def session(graph):  # a forgotten start_queue_runners fails after 10 s instead of hanging
    with tf.Session(graph=graph, config=tf.ConfigProto(operation_timeout_in_ms=10_000)) as s:
        yield s


def shared_data_dir(kind):
    """``$TF1_REFERENCE_DATA/<kind>`` or ``../shared/data/<kind>``; skips the test when absent."""
    base = pathlib.Path(os.environ.get(DATA_ENV) or ROOT.parent / "shared" / "data")
    path = base / kind
    if not path.is_dir():
        pytest.skip(f"real {kind} data not found at {path} (set {DATA_ENV} to the folder "
                    f"holding {kind}/)")
    return path


def require_program(*names, install):
    """The path of the first of ``names`` on the PATH. Where none is, the test skips naming
    ``install``; under CI (``CI=true``: ``.ci/run`` installs them) it fails instead."""
    found = next((shutil.which(name) for name in names if shutil.which(name)), None)
    if found is None:
        message = f"{names[0]} is not installed ({install})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; .ci/run should have installed it", pytrace=False)
        pytest.skip(message)
    return found


def child_env(**overrides):
    """This environment as a fresh shell has it: without the switch ``reference.tf1`` set here
    (and without a mode switch: children run faithful TF1 mode unless told otherwise)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("TF_USE_LEGACY_KERAS", modes.MODE_ENV, modes.SWITCH_ENV)}
    return dict(env, **overrides)


def run_python(*args, env=None, timeout=120, input_text=None):
    """Runs ``python *args`` from the repository root (``input_text`` on its stdin); returns
    the CompletedProcess."""
    full_env = child_env(**(env or {}))
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=full_env, capture_output=True,
                            text=True, timeout=timeout, check=False, input=input_text)
    result.stderr = without_version_noise(result.stderr)
    return result


def start_python(*args, env=None):
    """Starts ``python *args`` from the repository root without waiting (several processes
    import TensorFlow in parallel); pair with ``finish``."""
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=child_env(**(env or {})),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process, timeout=180):
    """``(returncode, stdout, stderr)`` of a ``start_python`` process."""
    stdout, stderr = process.communicate(timeout=timeout)
    return process.returncode, stdout, without_version_noise(stderr)


def run_module(module, *args):
    """``inprocess.run_module`` for the TF1 scripts, whose shared flags are ``common``'s."""
    return inprocess.run_module(module, *args, shared="experiments.shared.common")


def write_ptb_dir(directory, train, valid, test):
    """Writes the three PTB files with the given texts; returns the directory as str."""
    for name, text in zip(("ptb.train.txt", "ptb.valid.txt", "ptb.test.txt"), (train, valid, test)):
        (directory / name).write_text(text, encoding="utf-8")
    return str(directory)


def real_ptb_with_valid_as_train(directory):
    """A PTB directory of symlinks to the shared real files, ``ptb.valid.txt`` standing in for
    the training file (which the shared data lacks); skips when the data is absent."""
    ptb = shared_data_dir("ptb")
    for name, source in [("ptb.train.txt", "ptb.valid.txt"), ("ptb.valid.txt", "ptb.valid.txt"),
                         ("ptb.test.txt", "ptb.test.txt")]:
        (directory / name).symlink_to(ptb / source)
    return str(directory)
