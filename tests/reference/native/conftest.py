"""The TF2-native counterparts, observed once per session in a child process of their own (TF2
behaviour untouched, Keras 3), starting from this process's TF1 observations."""
import json

import pytest

from tests.conftest import finish
from tests.conftest import start_python


@pytest.fixture(scope="session")
def native(tf1_as_recorded, tmp_path_factory):
    """``{counterpart: observation}`` of every counterpart."""
    path = tmp_path_factory.mktemp("native") / "tf1.json"
    path.write_text(json.dumps(tf1_as_recorded), encoding="utf-8")
    status, out, err = finish(start_python("-m", "reference.native", "--json", "--tf1", str(path)),
                              timeout=300)
    assert status == 0, err
    return json.loads(out)
