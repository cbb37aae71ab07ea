"""Observations from other processes, started together once per session (TensorFlow's import
costs ~2 s a process): TF2 behaviour for every idiom, and the oneDNN-dependent conv idioms
with oneDNN on and off."""
import json
import subprocess
import sys

import pytest

from reference.catalogue import registry
from tests.conftest import ROOT
from tests.conftest import child_env

ONEDNN_IDIOMS = ("conv2d_transpose_output_shape", "conv2d_transpose_runtime_error")


def _start(names, **env):
    return subprocess.Popen([sys.executable, "-m", "reference", "--json", *names], cwd=ROOT,
                            env=child_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.fixture(scope="session")
def child_observations():
    """{"tf2": all idioms in TF2 mode, "onednn_on"/"onednn_off": the conv idioms in TF1 mode}."""
    started = {"tf2": _start([], TF1_REFERENCE_MODE="tf2"),
               "onednn_on": _start(ONEDNN_IDIOMS, TF_ENABLE_ONEDNN_OPTS="1"),
               "onednn_off": _start(ONEDNN_IDIOMS, TF_ENABLE_ONEDNN_OPTS="0")}
    results = {}
    for label, process in started.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{label}: {err}"
        results[label] = json.loads(out)
    return results


@pytest.fixture(scope="session")
def tf1_observations():
    """Every idiom observed in this process (faithful TF1 mode)."""
    return registry.observe_all()
