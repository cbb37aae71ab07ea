"""The behaviour ledger: one child per family and behaviour, crashes recorded, and its diff."""
import json
import sys

import pytest

from reference.catalogue import ledger
from reference.catalogue import ledger_diff
from reference.catalogue import registry
from reference.catalogue import versions
from tests import conftest
from tests.reference import versioned

GRAPH_COLLECTIONS = [d.name for d in registry.demos() if d.family == "graph_collections"]


def _ledger(tf1, tf2=None, tensorflow="2.21.0"):
    return {"schema": ledger.SCHEMA,
            "environment": {"packages": {"tensorflow": tensorflow}},
            "modes": {"tf1": tf1, "tf2": tf2 or {}}}


def test_a_family_is_observed_in_a_child_of_each_behaviour_as_in_this_process():
    lines = []
    document = ledger.build({"graph_collections": GRAPH_COLLECTIONS}, progress=lines.append)
    assert {name: versioned.as_reference("tf1", name, observed) for name, observed in
            document["modes"]["tf1"]["graph_collections"].items()} == {
        name: versioned.observe(name) for name in GRAPH_COLLECTIONS}
    assert set(document["modes"]["tf2"]["graph_collections"]) == set(GRAPH_COLLECTIONS)
    # the two children end in either order
    assert sorted(line.split("] ")[1] for line in lines) == [
        "tf1 graph_collections: ok", "tf2 graph_collections: ok"]
    assert sorted(line.split("] ")[0] for line in lines) == ["[1/2", "[2/2"]
    assert document["environment"]["packages"]["tensorflow"] == versioned.installed()
    assert document["schema"] == 1


def test_a_child_killed_by_a_signal_is_recorded_with_its_last_stderr_line():
    crash = ("import os, signal, sys; sys.stderr.write('about to fault\\n'); sys.stderr.flush(); "
             "os.kill(os.getpid(), signal.SIGILL)")
    assert ledger.run_child([sys.executable, "-c", crash], None, deadline=60) == {
        "crashed": "SIGILL", "stderr": "about to fault"}


def test_a_child_that_hangs_is_stopped_at_the_deadline():
    hang = "import signal; signal.pause()"
    assert ledger.run_child([sys.executable, "-c", hang], None, deadline=1) == {
        "crashed": "no answer within 1 s", "stderr": ""}


def test_an_exit_status_and_output_that_is_not_json_are_crashes_too():
    assert ledger.run_child([sys.executable, "-c", "import sys; sys.exit('bad')"], None, 60) == {
        "crashed": "exit status 1", "stderr": "bad"}
    assert ledger.run_child([sys.executable, "-c", "print('{')"], None, 60) == {
        "crashed": "output is not JSON", "stderr": ""}


def test_volatile_keys_stay_out_of_the_ledger():
    race = registry.get("decay_fetch_race_and_fix")
    document = ledger.build({"lr_decay": [race.name]}, {race.name: race.volatile})
    for mode in ("tf1", "tf2"):
        observed = document["modes"][mode]["lr_decay"][race.name]
        assert race.volatile and set(race.volatile).isdisjoint(observed)
        assert observed == race.stable(registry.observe(race.name))


def test_diff_names_every_kind_of_change():
    old = _ledger({
        "cells": {"lstm": {"h": [0.23105858266353607, 0.5], "name": "rnn/basic_lstm_cell"},
                  "gone": {"x": 1}},
        "conv": {"bad_shape": {"error": {"type": "InvalidArgumentError", "message": "old"}},
                 "works": {"y": 2}},
        "fragile": {"a": {"v": 1}}}, tensorflow="2.16.2")
    new = _ledger({
        "cells": {"lstm": {"h": [0.23105856776237488, 0.5], "name": "rnn/lstm_cell"},
                  "added": {"x": 1}},
        "conv": {"bad_shape": {"error": {"type": "AbortedError", "message": "new"}},
                 "works": {"raised": {"type": "ValueError", "message": "no"}}},
        "fragile": {"crashed": "SIGILL", "stderr": "Illegal instruction"}})
    assert [c.line() for c in ledger_diff.diff(old, new)] == [
        "tf1 added: idiom: <absent> -> {'x': 1}",
        "tf1 gone: idiom: {'x': 1} -> <absent>",
        "tf1 lstm h: values: 1 of 2 values of shape [2], largest difference 1.49e-08 "
        "(at most 1 ulp float32)",
        "tf1 lstm name: value: 'rnn/basic_lstm_cell' -> 'rnn/lstm_cell'",
        "tf1 bad_shape error: error type: 'InvalidArgumentError' -> 'AbortedError'",
        "tf1 bad_shape error: error message: 'old' -> 'new'",
        "tf1 works: newly fails: {'y': 2} -> {'raised': {'type': 'ValueError', 'message': 'no'}}",
        "tf1 fragile: crash: <absent> -> 'SIGILL' (Illegal instruction)"]


def test_a_scalar_float_change_counts_ulps():
    old, new = _ledger({"f": {"i": {"v": 1.0}}}), _ledger({"f": {"i": {"v": 1.0000001192092896}}})
    (change,) = ledger_diff.diff(old, new)
    assert change.line() == "tf1 i v: value: 1.0 -> 1.0000001192092896 (1 ulp float32)"


@pytest.fixture(scope="module")
def ledger_files(tmp_path_factory):
    base = tmp_path_factory.mktemp("ledgers")
    files = {"good": _ledger({"f": {"i": {"v": 1}}}), "bad_schema": dict(_ledger({}), schema=0),
             "not_a_ledger": {"a": 1}}
    for name, document in files.items():
        (base / f"{name}.json").write_text(json.dumps(document))
    (base / "broken.json").write_text("{")
    return base


@pytest.mark.parametrize("other, message", [
    ("missing.json", "missing.json: No such file or directory"),
    ("broken.json", "broken.json: not JSON (Expecting property name enclosed in double quotes "
                    "at line 1)"),
    ("not_a_ledger.json", "not_a_ledger.json: not a ledger (no schema and modes)"),
    ("bad_schema.json", "bad_schema.json: ledger schema 0, this version reads schema 1"),
], ids=["missing", "not_json", "not_a_ledger", "other_schema"])
def test_diff_of_a_bad_file_is_one_line_and_exit_2(ledger_files, other, message):
    code, out, err = _main("--diff", str(ledger_files / "good.json"), str(ledger_files / other))
    assert (code, out) == (2, "")
    assert err == f"python -m reference: error: --diff: {ledger_files}/{message}\n"


def test_diff_of_a_ledger_with_itself_finds_nothing(ledger_files):
    good = str(ledger_files / "good.json")
    assert _main("--diff", good, good) == (0, "0 changes from TensorFlow 2.21.0 to 2.21.0\n", "")


@pytest.mark.parametrize("target, message", [
    ("{tmp}", "{tmp}: is a directory"),
    ("{tmp}/no/such/tf.json", "{tmp}/no/such/tf.json: no folder {tmp}/no/such"),
], ids=["directory", "missing_folder"])
def test_a_ledger_path_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, target, message):
    code, out, err = _main("--ledger", target.format(tmp=tmp_path))
    assert (code, out) == (2, "")
    assert err == f"python -m reference: error: --ledger: {message.format(tmp=tmp_path)}\n"


def _main(*args):
    result = conftest.run_python("-m", "reference", *args)
    return result.returncode, result.stdout, result.stderr


def test_the_versions_table_has_a_row_per_idiom_and_names_a_crashed_family(tmp_path):
    paths = []
    for version, tf1 in [("2.16.2", {"conv": {"c": {"v": 1}}, "cells": {"h": {"x": [1.0, 2.0]}}}),
                         ("2.18.1", {"conv": {"crashed": "SIGILL", "stderr": "descriptor"},
                                     "cells": {"h": {"x": [1.0, 2.0000002384185791]}}}),
                         ("2.20.0", {"conv": {"c": {"v": 1}},
                                     "cells": {"h": {"x": [1.0, 2.0000002384185791]}}})]:
        paths.append((version, tmp_path / f"tf-{version}.json"))
        paths[-1][1].write_text(json.dumps(_ledger(tf1, tf1, tensorflow=version)))
    assert versions.table(paths).splitlines() == [
        "| from → to | idiom | behaviour | what changed |", "|---|---|---|---|",
        "| 2.16.2 → 2.18.1 | `conv` (family) | tf1, tf2 | crashes: SIGILL (descriptor) |",
        "| 2.16.2 → 2.18.1 | `h` | tf1, tf2 | last bits of 1 key (≤ 1 ulp float32) |",
        "| 2.18.1 → 2.20.0 | `conv` (family) | tf1, tf2 | no longer crashes (SIGILL) |"]


def test_the_committed_ledgers_are_of_this_schema_and_name_their_tensorflow():
    found = versions.committed()
    assert [version for version, _ in found] == ["2.15.1", "2.16.2", "2.17.1", "2.18.1", "2.19.1",
                                             "2.20.0", "2.21.0"]
    for version, path in found:
        assert ledger.load(path)["environment"]["packages"]["tensorflow"] == version


def _by_family(observations):
    families = {}
    for item in registry.demos():
        if item.name in observations:
            families.setdefault(item.family, {})[item.name] = item.stable(
                observations[item.name])
    return families


@pytest.mark.slow
def test_this_tensorflow_behaves_as_its_committed_ledger(tf1_as_recorded, child_observations):
    live = _ledger(_by_family(tf1_as_recorded), _by_family(child_observations["tf2_as_recorded"]),
                   tensorflow=versioned.installed())
    recorded = versioned.committed_ledger(versioned.installed())
    if recorded is None:
        newest, path = versions.committed()[-1]
        changes = "\n".join(c.line() for c in ledger_diff.diff(ledger.load(path), live))
        pytest.fail(f"TensorFlow {versioned.installed()} has no committed ledger. What it does "
                    f"differently from {newest}:\n{changes}\nOnce a person has reviewed this: "
                    f"python -m reference --ledger reference/catalogue/ledgers/tf-"
                    f"{versioned.installed()}.json", pytrace=False)
    expected = {"modes": {mode: {family: observed for family, observed in families.items()
                                 if "crashed" not in observed}
                          for mode, families in recorded["modes"].items()}}
    assert [c.line() for c in ledger_diff.diff(expected, live)] == []
