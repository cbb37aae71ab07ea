"""``in_tf2_child``: the TF2 jobs of a test module, run in one child process (``tf2_child``)."""
import json

from tests.conftest import finish
from tests.conftest import start_python


def in_tf2_child(directory, jobs, timeout=600, env=None):
    """The results of ``jobs`` (see ``tf2_child``), run in one TF2 child (with ``env`` added to
    its environment); its job file goes in ``directory``."""
    path = directory / "tf2_jobs.json"
    path.write_text(json.dumps(jobs), encoding="utf-8")
    status, out, err = finish(start_python("-m", "tests.experiments.ptb_tf2.tf2_child",
                                           str(path), env=env), timeout=timeout)
    assert status == 0, err
    return json.loads(out)
