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
from tests.reference import versioned

ONEDNN_IDIOMS = ("conv2d_transpose_output_shape", "conv2d_transpose_runtime_error")


def _runs(mode, name):
    """False for an idiom whose family this TensorFlow's ledger records as crashed."""
    recorded = versioned.recorded(mode, name)
    return not (isinstance(recorded, dict) and "crashed" in recorded)


def runnable(mode, names=None):
    """``names`` (default: every idiom) without those of crashed families."""
    return [n for n in (names or [d.name for d in registry.demos()]) if _runs(mode, n)]


def _start(names, **env):
    return subprocess.Popen([sys.executable, "-m", "reference", "--json", *names], cwd=ROOT,
                            env=child_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.fixture(scope="session")
def child_observations():
    """{"tf2": all idioms in TF2 mode, "onednn_on"/"onednn_off": the conv idioms in TF1 mode}."""
    started = {"tf2": _start(runnable("tf2"), TF1_REFERENCE_MODE="tf2"),
               "onednn_off": _start(ONEDNN_IDIOMS, TF_ENABLE_ONEDNN_OPTS="0")}
    if runnable("tf1", ONEDNN_IDIOMS):  # the ledger's TF1 observations are oneDNN's (default)
        started["onednn_on"] = _start(ONEDNN_IDIOMS, TF_ENABLE_ONEDNN_OPTS="1")
    ledger_mode = {"tf2": "tf2", "onednn_on": "tf1"}
    results = {}
    for label, process in started.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{label}: {err}"
        observed = json.loads(out)
        if label == "tf2":
            results["tf2_as_recorded"] = observed  # this TensorFlow's own terms
        if label in ledger_mode:
            observed = {name: versioned.as_reference(ledger_mode[label], name, value)
                        for name, value in observed.items()}
        results[label] = observed
    return results


class Observed(dict):
    """Observations by name; asking for one that was left out (its family crashes this
    TensorFlow, as its ledger records) skips the test."""

    def __missing__(self, name):
        pytest.skip(f"{name} was not run: it or the idiom it replaces belongs to a family that "
                    f"crashes TensorFlow {versioned.installed()} (see its ledger)")


@pytest.fixture(scope="session")
def tf1_as_recorded():
    """Every idiom observed in this process (faithful TF1 mode) in this TensorFlow's own terms;
    the idioms of a family that crashes this TensorFlow are left out."""
    return Observed(registry.observe_all(runnable("tf1")))


@pytest.fixture(scope="session")
def tf1_observations(tf1_as_recorded):
    """The same in 2.21 terms (``versioned.as_reference``)."""
    return {name: versioned.as_reference("tf1", name, observed)
            for name, observed in tf1_as_recorded.items()}
