"""Which switch of ``disable_v2_behavior()`` causes each TF1/TF2 difference.

One child process per switch (and per combination a cause needs) runs, in TF1 mode with that
switch set the TF2 way, every idiom that differs under TF2 behaviour and the pitfalls'.
Observations are compared in this TensorFlow's own terms, so the attribution is checked on
every supported version.
"""
import json
import subprocess
import sys

import pytest

from reference.catalogue import modes
from reference.catalogue import registry
from reference.catalogue import switches
from tests.conftest import ROOT
from tests.conftest import child_env
from tests.reference.catalogue.test_modes import TF2_DIFFERS
from tests.reference.catalogue.test_modes import TF2_LAST_BITS
from tests.reference.conftest import runnable

NAMES = sorted(set(switches.CAUSES) | set(switches.PITFALLS))
COMBINATIONS = [(s,) for s in modes.SWITCHES] + sorted(
    {c.switches for c in switches.CAUSES.values() if c.together})


@pytest.fixture(scope="module")
def switched():
    """``{switches: {idiom: observation}}``, one child process each, started together."""
    names = runnable("tf1", NAMES)
    started = {combo: subprocess.Popen(
        [sys.executable, "-m", "reference", "--json", *names], cwd=ROOT,
        env=child_env(**{modes.SWITCH_ENV: ",".join(combo)}), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for combo in COMBINATIONS}
    results = {}
    for combo, process in started.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{combo}: {err}"
        results[combo] = json.loads(out)
    return results


def _both(name, tf1_as_recorded, child_observations):
    item = registry.get(name)
    return (item.stable(tf1_as_recorded[name]),
            item.stable(child_observations["tf2_as_recorded"][name]))


def test_every_difference_under_tf2_behaviour_has_a_cause():
    assert sorted(switches.CAUSES) == sorted(set(TF2_DIFFERS) | set(TF2_LAST_BITS))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(switches.CAUSES))
def test_the_switch_that_gives_tf2s_observation(name, switched, tf1_as_recorded,
                                                child_observations):
    tf1, tf2 = _both(name, tf1_as_recorded, child_observations)
    cause = switches.CAUSES[name]
    alone = tuple(s for s in modes.SWITCHES
                  if switches.gives_tf2(tf1, tf2, registry.get(name).stable(switched[(s,)][name])))
    if cause.together:
        assert alone == ()
        assert switches.gives_tf2(tf1, tf2,
                                  registry.get(name).stable(switched[cause.switches][name]))
    else:
        assert alone == cause.switches


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(switches.PITFALLS))
def test_one_switch_alone_fails_where_neither_behaviour_does(name, switched, tf1_as_recorded,
                                                             child_observations):
    tf1, tf2 = _both(name, tf1_as_recorded, child_observations)
    assert tf1 == tf2
    assert switched[switches.PITFALL_SWITCHES][name] == switches.PITFALLS[name]
    others = [combo for combo in COMBINATIONS if combo != switches.PITFALL_SWITCHES]
    assert [c for c in others if switched[c][name] != tf1] == []


def test_the_table_shows_the_differing_keys_only():
    tf1 = {"idiom": {"same": 1, "value": 3, "error": {"type": "E", "message": "x" * 20 + "one"}}}
    tf2 = {"idiom": {"same": 1, "value": 1, "error": {"type": "E", "message": "x" * 20 + "two"}}}
    causes = {"idiom": switches.Cause(("resource_variables",), "assign it")}
    assert switches.table(tf1, tf2, causes, pitfalls={}).splitlines()[2:] == [
        "| `idiom` | error.message: …xxxxxxxxxxxxone; value: 3 | error.message: "
        "…xxxxxxxxxxxxtwo; value: 1 | `resource_variables` | assign it |"]
