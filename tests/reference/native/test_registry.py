"""The counterparts' registry: every idiom of a family that has a native module is replaced
(or the module names the closest replacement), and the runner's errors."""
import re

import pytest

from reference.catalogue import registry
from tests.conftest import finish
from tests.conftest import run_python
from tests.conftest import start_python


@pytest.fixture(scope="module")
def listed():
    status, out, err = finish(start_python("-m", "reference.native", "--list"))
    assert status == 0, err
    found = {}
    for line in out.splitlines():
        name, family, replaces = re.fullmatch(r"(\S+)  \[(\S+)\]  replaces (.+)", line).groups()
        found[name] = (family, replaces.split(", "))
    return found


def test_every_idiom_of_a_family_with_counterparts_is_replaced(listed):
    families = {family for family, _ in listed.values()}
    replaced = {idiom for _, idioms in listed.values() for idiom in idioms}
    idioms = {d.name for d in registry.demos() if d.family in families}
    assert sorted(idioms - replaced) == []
    assert sorted(replaced - {d.name for d in registry.demos()}) == []  # no unknown names


def test_counterparts_refuse_a_process_with_the_tf1_bootstrap():
    result = run_python("-c", "import reference.tf1; from reference.native import registry; "
                        "registry.counterparts()")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "reference.native.registry.BehaviourError: the TF2-native counterparts need TensorFlow "
        "2's behaviour, and this process imported reference.tf1 (which disables it): run them "
        "with python -m reference.native")


def test_unknown_names_and_a_bad_tf1_file_are_usage_errors(tmp_path):
    unknown = start_python("-m", "reference.native", "no_such_counterpart")
    bad = tmp_path / "tf1.json"
    bad.write_text("{}")
    missing = start_python("-m", "reference.native", "--json", "--tf1", str(bad),
                           "argmax_axis")
    status, _, err = finish(unknown)
    assert (status, err.splitlines()[-1].split(" (")[0]) == (
        2, "python -m reference.native: error: unknown counterpart no_such_counterpart")
    not_json, a_list = tmp_path / "text.json", tmp_path / "list.json"
    not_json.write_text("observations")
    a_list.write_text("[1]")
    others = [start_python("-m", "reference.native", "--json", "--tf1", str(path), "argmax_axis")
              for path in (tmp_path / "absent.json", not_json, a_list)]
    status, _, err = finish(missing)
    assert (status, err.splitlines()[-1]) == (
        2, f"python -m reference.native: error: --tf1: {bad} has no observation of "
           "argmax_axis_and_dimension")
    assert [finish(process)[::2] for process in others] == [
        (2, f"python -m reference.native: error: --tf1: {tmp_path}/absent.json: No such file "
            "or directory\n"),
        (2, f"python -m reference.native: error: --tf1: {not_json}: not JSON (Expecting value "
            "at line 1)\n"),
        (2, f"python -m reference.native: error: --tf1: {a_list}: not the JSON of python -m "
            "reference --json (an object of observations by idiom)\n")]
