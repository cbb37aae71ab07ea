"""The catalogue itself: `python -m reference`, its errors, the coverage table in the docs."""
import json

import pytest

from reference.__main__ import main
from reference.catalogue import registry
from reference.catalogue import versions
from tests import coverage


def test_catalogue_has_every_family_and_unique_names():
    items = registry.demos()
    assert len(items) == 159
    assert [f for f in registry.FAMILIES if f not in {d.family for d in items}] == []
    assert all(item.claims and item.note for item in items)


def test_an_unknown_name_is_a_usage_error(capsys):
    assert main(["no_such_idiom"]) == 2
    assert capsys.readouterr().err == (
        "python -m reference: error: unknown idiom no_such_idiom "
        "(python -m reference --list shows the 159 names)\n")


def test_a_bad_mode_setting_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.setenv("TF1_REFERENCE_MODE", "tf3")
    assert main(["--list"]) == 2
    assert capsys.readouterr().err == (
        "python -m reference: error: TF1_REFERENCE_MODE='tf3': expected one of tf1, tf2\n")


def test_json_prints_the_observations(capsys):
    assert main(["--json", "fetch_several_ops", "feed_placeholders"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "fetch_several_ops": {"result": [12.0, 4.0]}, "feed_placeholders": {"result": [56.0]}}


@pytest.mark.slow
def test_one_idiom_shows_its_claims_the_tf2_difference_and_its_counterpart(capsys):
    assert main(["feed_a_variable_and_any_tensor"]) == 0  # starts the TF2 and native children
    assert capsys.readouterr().out.splitlines() == [
        'feed_a_variable_and_any_tensor  [feeds]  note 003 "sess.run()中的feed_dict"',
        "  claim: feeding a variable replaces its value for that run: identity(y) fed {y: 3} "
        "gives 3",
        "  claim: feed_dict={y.name: 3} is the same feed",
        "  claim: the feed lasts one run: next run gives 1",
        "  claim: any tensor can be fed, cutting off what computes it",
        '  TF1: {"fed_variable": 3, "fed_by_name": 3, "next_run": 1, "variable_tensor_name": '
        '"Variable:0", "fed_intermediate": 20.0}',
        '  TF2 differs: {"fed_by_name": {"raised": {"type": "KeyError", "message": "20"}}, '
        '"fed_variable": 1}',
        "  TF2-native arguments_instead_of_feeds (a value passed as a tf.function argument "
        "instead of a feed; the graph split into two tf.functions to feed c): "
        '{"fed_variable": 3, "next_run": 1, "variable_tensor_name": "Variable:0", '
        '"fed_intermediate": 20.0, "whole": 10.0}',
        ""]


def test_list_and_errata(capsys):
    assert main(["--list", "pad_modes"]) == 0
    assert capsys.readouterr().out == (
        'pad_modes  [transforms]  note 003 pad example ("mode：CONSTANT表示填0，REFLECT表示反射'
        '填充，SYMMETRIC表示对称填充")\n')
    assert main(["--errata"]) == 0
    assert capsys.readouterr().out.count("  notes say: ") == 92


def test_readme_tables_match_the_code():
    assert coverage.readme_section("coverage") == coverage.table()
    assert coverage.readme_section("errata") == coverage.errata_table()
    assert coverage.readme_section("versions") == versions.table()
    assert coverage.readme_section("switches") == coverage.switches_table()
    assert coverage.readme_section("counterparts") == coverage.counterparts_table()
    assert "**none**" not in coverage.table()  # every idiom has a test


def test_claims_per_note_file():
    assert coverage.claims_per_note() == {"000": 58, "001": 67, "003": 447, "004": 16}
