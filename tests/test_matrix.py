"""The version matrix runner: its versions, its table, and its usage errors."""
from reference.catalogue import ledger
from reference.catalogue import versions
from tests import conftest
from tests import matrix


def test_every_version_with_a_constraints_file_is_supported_oldest_first():
    assert matrix.supported() == ["2.15", "2.16", "2.17", "2.18", "2.19", "2.20", "2.21"]
    assert matrix.venv_of("2.21").name == ".venv"
    assert matrix.venv_of("2.16").name == ".venv-tf2.16"


def test_counts_read_a_junit_report(tmp_path):
    report = tmp_path / "junit.xml"
    report.write_text(
        '<testsuites><testsuite><testcase classname="a" name="ok"/>'
        '<testcase classname="a" name="bad"><failure message="x"/></testcase>'
        '<testcase classname="a" name="broken"><error message="y"/></testcase>'
        '<testcase classname="a" name="later"><skipped message="z"/></testcase>'
        '</testsuite></testsuites>')
    assert matrix.counts(report) == (1, 2, 1)
    assert matrix.counts(tmp_path / "missing.xml") is None


def test_a_row_counts_the_changed_idioms_and_names_the_crashes():
    found = dict(versions.committed())
    reference, crashing = ledger.load(found["2.21.0"]), ledger.load(found["2.18.1"])
    changed = matrix.changed_idioms(reference, crashing)
    assert "conv" in changed and "cells_match_numpy" in changed  # the crash, NumPy 2's float64
    assert "tensors" not in changed and "creation_ops" not in changed
    assert matrix.crashed_families(crashing) == ["conv"]
    assert matrix.row("2.18.1", (369, 0, 11), ["conv", "h"], ["conv"], 301.4) == (
        "| 2.18.1 | 369 | 0 | 11 | 2 | conv | 301 s |")
    assert matrix.row("2.17.1", None, [], [], 5) == "| 2.17.1 | no report |  |  | 0 | none | 5 s |"


def test_an_unknown_version_is_one_line_and_exit_2():
    code, out, err = conftest.run_module("tests.matrix", "--versions=2.14,2.21")
    assert (code, out) == (2, "")
    assert err == ("tests.matrix: error: --versions: no constraints file for 2.14 (supported: "
                   "2.15, 2.16, 2.17, 2.18, 2.19, 2.20, 2.21)\n")
