"""The TF2-native counterparts, observed once per session in a child process of their own (TF2
behaviour untouched, Keras 3), starting from this process's TF1 observations.

They are written for Keras 3, which TensorFlow 2.15 does not install (its ``keras`` is 2.15,
whose API differs): under 2.15 these tests are skipped, saying so.
"""
import json
import pathlib

import pytest

from tests import coverage
from tests.conftest import TF_MINOR
from tests.conftest import finish
from tests.conftest import start_python
from tests.reference.conftest import Observed
from tests.reference.conftest import runnable

HERE = pathlib.Path(__file__).resolve().parent
KERAS2 = ("the TF2-native counterparts are written for Keras 3; TensorFlow 2.15 installs "
          "Keras 2.15")


def pytest_collection_modifyitems(items):
    if TF_MINOR >= 16:
        return
    for item in items:
        if HERE in pathlib.Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=KERAS2))


@pytest.fixture(scope="session")
def native(tf1_as_recorded, tmp_path_factory):
    """``{counterpart: observation}`` of every counterpart whose TF1 idioms this TensorFlow
    runs (the same kernels crash both: a crash would end the shared child)."""
    runs = set(runnable("tf1"))
    names = [name for _, name, replaces, _ in coverage.counterparts()
             if all(idiom in runs for idiom in replaces)]
    path = tmp_path_factory.mktemp("native") / "tf1.json"
    path.write_text(json.dumps(tf1_as_recorded), encoding="utf-8")
    status, out, err = finish(start_python("-m", "reference.native", "--json", "--tf1", str(path),
                                           *names), timeout=300)
    assert status == 0, err
    return Observed(json.loads(out))
