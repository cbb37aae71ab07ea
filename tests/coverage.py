"""The coverage table: note section → idiom (module.function) → claims → test.

``python -m tests.coverage`` prints the table that ``reference/README.md`` holds (a test
keeps the two equal; ``--update`` rewrites it there) and, last, the count of claims per note
file. Tests are found by reading ``tests/reference/test_*.py`` for the test functions that
name an idiom in a string (``observe("<name>")``, or a key of a child process's observations).
"""
import ast
import collections
import pathlib

from absl import app
from absl import flags

from experiments.shared import cli
from reference.catalogue import errata
from reference.catalogue import ledger
from reference.catalogue import registry
from reference.catalogue import switches
from reference.catalogue import versions

ROOT = pathlib.Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "reference"


NATIVE = ROOT / "reference" / "native"


def _tests_naming(names, paths):
    """{name: ["test_file.py::test_name", ...]} for the test functions of ``paths`` that name
    one of ``names`` in a string."""
    found = collections.defaultdict(list)
    for path in paths:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_"):
                continue
            named = {c.value for c in ast.walk(node) if isinstance(c, ast.Constant)} & names
            for name in sorted(named):
                found[name].append(f"{path.relative_to(TESTS).as_posix()}::{node.name}")
    return found


def tests_by_idiom():
    """{idiom name: ["test_file.py::test_name", ...]} from the test sources (the counterparts'
    tests, which compare against the idioms, are indexed apart)."""
    return _tests_naming({item.name for item in registry.demos()},
                         sorted(p for p in TESTS.rglob("test_*.py") if p.parent.name != "native"))


def counterparts():
    """``[(family, name, replaces, how)]`` of the TF2-native counterparts, read from the
    sources of ``reference/native/`` (importing them needs a TF2-behaviour process)."""
    found = []
    for path in sorted(NATIVE.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            for decorator in getattr(node, "decorator_list", []):
                if (isinstance(decorator, ast.Call)
                        and getattr(decorator.func, "id", None) == "counterpart"):
                    replaces, how = (ast.literal_eval(arg) for arg in decorator.args)
                    found.append((path.stem, node.name, replaces, how))
    return found


def counterparts_table():
    """The markdown table of the counterparts, one row each."""
    tests = _tests_naming({name for _, name, _, _ in counterparts()},
                          sorted((TESTS / "native").glob("test_*.py")))
    rows = ["| family | counterpart (`reference/native/…`) | replaces | how | test "
            "(`tests/reference/…`) |", "|---|---|---|---|---|"]
    for family, name, replaces, how in counterparts():
        where = "<br>".join(f"`{t}`" for t in tests.get(name, [])) or "**none**"
        rows.append(f"| {family} | `{family}.{name}` | {', '.join(f'`{r}`' for r in replaces)} "
                    f"| {how.replace('|', '/')} | {where} |")
    return "\n".join(rows)


def note_file(item):
    """The seed note a demonstration's claims are counted under ("003", "001", "000")."""
    return item.note[:3]


def table():
    """The markdown table, one row per idiom."""
    tests = tests_by_idiom()
    rows = ["| note section | idiom (`reference/…`) | claims | test (`tests/reference/…`) |",
            "|---|---|---|---|"]
    for item in registry.demos():
        claims = "; ".join(item.claims).replace("|", "\\|")
        where = "<br>".join(f"`{t}`" for t in tests.get(item.name, [])) or "**none**"
        rows.append(f"| {item.note.replace('|', '/')} | `{item.family}.{item.name}` "
                    f"| {len(item.claims)}: {claims} | {where} |")
    return "\n".join(rows)


def errata_table():
    """The markdown table of the errata."""
    rows = ["| erratum | note | the notes say | true now | use |", "|---|---|---|---|---|"]
    for entry in errata.ERRATA:
        cells = [entry.name, entry.note, entry.notes_say, entry.true_now, entry.modern]
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(rows)


def claims_per_note():
    """{note file: number of claims} over all demonstrations."""
    counts = collections.Counter()
    for item in registry.demos():
        counts[note_file(item)] += len(item.claims)
    return dict(sorted(counts.items()))


def switches_table():
    """The TF1/TF2 differences with their switches, values from the committed 2.21 ledger."""
    document = ledger.load(dict(versions.committed())[versions.REFERENCE])
    return switches.table(ledger.observations(document, "tf1"),
                          ledger.observations(document, "tf2"))


README = ROOT / "reference" / "README.md"
SECTIONS = {"coverage": table, "errata": errata_table, "versions": versions.table,
            "switches": switches_table, "counterparts": counterparts_table}


def markers(section):
    """The lines that enclose a generated section of reference/README.md."""
    return f"<!-- {section}:start -->\n", f"\n<!-- {section}:end -->"


def readme_section(section):
    """The generated section as reference/README.md has it now."""
    start, end = markers(section)
    return README.read_text(encoding="utf-8").split(start)[1].split(end)[0]


def update_readme():
    """Rewrites the generated sections of reference/README.md."""
    text = README.read_text(encoding="utf-8")
    for section, build in SECTIONS.items():
        start, end = markers(section)
        head, rest = text.split(start)
        text = head + start + build() + end + rest.split(end)[1]
    README.write_text(text, encoding="utf-8")


def define_flags():
    return flags.DEFINE_bool("update", False, "Rewrite the generated sections of "
                             "reference/README.md instead of printing the table.")


def main(argv, update):
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
    if update.value:
        update_readme()
    else:
        print(table())
        print()
        print("claims per note file:", claims_per_note())


if __name__ == "__main__":
    cli.run(main, define_flags)
