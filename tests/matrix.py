"""The suite on every supported TensorFlow: a venv each, its ledger, its test run, one table.

    python -m tests.matrix                          # every version of .ci/constraints/
    python -m tests.matrix --versions=2.16,2.21 -- tests/reference   # some, some tests

For each version ``make`` installs (or reuses) its venv from its constraints file (``.venv``
for 2.21, ``.venv-tf2.NN`` for the others), ``python -m reference --ledger`` writes its
ledger into ``--out`` (default: a new temporary folder, named at the start), and pytest runs
the tests (arguments after ``--``; default: all) with a junit report there too. A line per
step goes to stderr; at the end one table: the TensorFlow installed, tests passed, failed and
skipped, the idioms whose observations differ from the committed 2.21.0 ledger, the families
that crash, and the wall time. Exit status 0 when every run passed, 1 otherwise, 2 on a usage
error. ``make matrix`` runs it; it is not part of ``make test``.
"""
import pathlib
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

from absl import app
from absl import flags

from experiments.shared import cli
from reference.catalogue import ledger
from reference.catalogue import ledger_diff
from reference.catalogue import versions

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / ".ci" / "constraints"
DEFAULT_VERSION = "2.21"
HEADER = ("| TensorFlow | passed | failed | skipped | idioms changed vs 2.21.0 | crashes | wall |\n"
          "|---|---|---|---|---|---|---|")


def supported():
    """The minor versions that have a constraints file, oldest first."""
    found = [p.stem.removeprefix("tf-") for p in CONSTRAINTS.glob("tf-*.txt")]
    return sorted(found, key=lambda v: tuple(int(p) for p in v.split(".")))


def venv_of(minor):
    return ROOT / (".venv" if minor == DEFAULT_VERSION else f".venv-tf{minor}")


def counts(report_path):
    """``(passed, failed, skipped)`` of a junit report; None when it is missing or unreadable."""
    try:
        cases = list(ElementTree.parse(report_path).getroot().iter("testcase"))
    except (OSError, ElementTree.ParseError):
        return None
    failed = sum(c.find("failure") is not None or c.find("error") is not None for c in cases)
    skipped = sum(c.find("skipped") is not None for c in cases)
    return len(cases) - failed - skipped, failed, skipped


def changed_idioms(reference, other):
    """The idioms (or crashed families) whose observations differ between two ledgers."""
    return sorted({change.idiom for change in ledger_diff.diff(reference, other)})


def crashed_families(document):
    return sorted({f"{family}" for families in document["modes"].values()
                   for family, result in families.items() if "crashed" in result})


def row(version, tests, changed, crashes, seconds):
    passed, failed, skipped = tests if tests else ("no report", "", "")
    return (f"| {version} | {passed} | {failed} | {skipped} | {len(changed)} | "
            f"{', '.join(crashes) or 'none'} | {seconds:.0f} s |")


def _run(argv, log_path):
    with open(log_path, "w", encoding="utf-8") as log:
        return subprocess.call(argv, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)


def run_version(minor, out, pytest_args, reference, log):
    """Installs, records and tests one version; returns ``(table row, passed everything)``."""
    started = time.monotonic()
    python = venv_of(minor) / "bin" / "python"
    log(f"[{minor}] installing into {venv_of(minor).name}")
    if _run(["make", "-s", f"TF={minor}", f"{venv_of(minor).name}/.installed"],
            out / f"install-{minor}.log"):
        log(f"[{minor}] the install failed; see {out / f'install-{minor}.log'}")
        return f"| {minor} | install failed | | | | | {time.monotonic() - started:.0f} s |", False
    installed = subprocess.run([str(python), "-c", "import importlib.metadata as m; "
                                "print(m.version('tensorflow'))"], capture_output=True,
                               text=True, check=False).stdout.strip() or minor
    ledger_path = out / f"tf-{installed}.json"
    log(f"[{minor}] TensorFlow {installed}: writing its ledger")
    _run([str(python), "-m", "reference", "--ledger", str(ledger_path)],
         out / f"ledger-{minor}.log")
    try:
        document = ledger.load(ledger_path)
        changed, crashes = changed_idioms(reference, document), crashed_families(document)
    except ledger.LedgerError:
        changed, crashes = [], ["<no ledger>"]
    log(f"[{minor}] running the tests")
    report = out / f"junit-{minor}.xml"
    status = _run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                   f"--junitxml={report}", *pytest_args], out / f"tests-{minor}.log")
    tests = counts(report)
    line = row(installed, tests, changed, crashes, time.monotonic() - started)
    log(f"[{minor}] {line}")
    return line, status == 0 and tests is not None


def define_flags():
    return (flags.DEFINE_list("versions", None, "TensorFlow minor versions to run (default: "
                              "every one with a constraints file)."),
            flags.DEFINE_string("out", None, "Folder for ledgers, reports and logs (default: a "
                                "new temporary folder)."))


def main(argv, holders):
    versions_flag, out_flag = holders
    known = supported()
    chosen = versions_flag.value or known
    unknown = [v for v in chosen if v not in known]
    if unknown:
        raise app.UsageError(f"--versions: no constraints file for {', '.join(unknown)} "
                             f"(supported: {', '.join(known)})")
    out = pathlib.Path(out_flag.value or tempfile.mkdtemp(prefix="tf1ref-matrix-"))
    out.mkdir(parents=True, exist_ok=True)
    reference = ledger.load(dict(versions.committed())[versions.REFERENCE])

    def log(line):
        print(line, file=sys.stderr, flush=True)

    log(f"matrix of {', '.join(chosen)}; ledgers, reports and logs in {out}")
    started = time.monotonic()
    results = [run_version(minor, out, argv[1:], reference, log) for minor in chosen]
    print(HEADER)
    for line, _ in results:
        print(line)
    print(f"total {time.monotonic() - started:.0f} s")
    sys.exit(0 if all(ok for _, ok in results) else 1)


if __name__ == "__main__":
    cli.run(main, define_flags)
