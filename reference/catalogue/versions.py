"""What changes between the TensorFlow versions the committed ledgers record.

The ledgers of ``reference/catalogue/ledgers/tf-<version>.json`` are written by
``python -m reference --ledger`` under each supported TensorFlow. ``table()`` diffs each
version against the next and summarizes, idiom by idiom, what a user of the TF1 idioms sees
change; ``reference/README.md`` holds the table (``python -m tests.coverage --update`` rewrites
it, a test keeps the two equal).
"""
import pathlib
import re

from reference.catalogue import ledger
from reference.catalogue import ledger_diff

LEDGERS = pathlib.Path(__file__).resolve().parent / "ledgers"
REFERENCE = "2.21.0"  # the version whose values the tests and the docs state
_VERSION = re.compile(r"^tf-(\d+)\.(\d+)\.(\d+)\.json$")
_ULPS = re.compile(r"(\d+) ulp")


def committed():
    """``[(version, path)]`` of the committed ledgers, oldest first."""
    found = []
    for path in LEDGERS.glob("tf-*.json"):
        match = _VERSION.match(path.name)
        if match:
            found.append((tuple(int(p) for p in match.groups()), path))
    return [(".".join(map(str, v)), path) for v, path in sorted(found)]


def _summary(changes):
    """One cell: what changed in one idiom, most telling first."""
    parts = []
    crashes = [c for c in changes if c.kind == "crash"]
    for c in crashes:
        parts.append(f"crashes: {c.new} ({c.ulp})" if c.new != ledger_diff.ABSENT
                     else f"no longer crashes ({c.old})")
    whole = [c for c in changes if c.kind in ("idiom", "newly fails", "newly passes")]
    parts += [c.kind if c.kind != "idiom" else
              ("new idiom" if c.old is ledger_diff.ABSENT else "idiom removed") for c in whole]
    for c in changes:
        if c.kind == "error type":
            parts.append(f"`{c.path}`: {c.old} → {c.new}")
    worded = sorted({c.path for c in changes if c.kind == "error message"})
    if worded:
        parts.append("error reworded: " + ", ".join(f"`{p}`" for p in worded))
    for dtype, label in (("float32", "last bits of"), ("float64", "float64 results of")):
        values = [c for c in changes if c.kind in ("values", "value") and c.ulp.endswith(dtype)]
        if values:
            ulps = max(int(_ULPS.search(c.ulp).group(1)) for c in values)
            keys = "key" if len(values) == 1 else "keys"
            parts.append(f"{label} {len(values)} {keys} (≤ {ulps} ulp {dtype})")
    other = sorted({c.path for c in changes if c.kind in ("value", "key", "shape", "error node")
                    and not c.ulp})
    if other:
        parts.append("changed: " + ", ".join(f"`{p}`" for p in other))
    return "; ".join(parts)


def table(found=None):
    """The markdown table of every version step's changes, one row per idiom."""
    found = committed() if found is None else found
    rows = ["| from → to | idiom | behaviour | what changed |", "|---|---|---|---|"]
    for (old_version, old_path), (new_version, new_path) in zip(found, found[1:]):
        changes = ledger_diff.diff(ledger.load(old_path), ledger.load(new_path))
        by_idiom = {}
        for change in changes:
            by_idiom.setdefault(change.idiom, {}).setdefault(change.mode, []).append(change)
        if not by_idiom:
            rows.append(f"| {old_version} → {new_version} | (none) | | nothing |")
        crashed = {c.idiom for c in changes if c.kind == "crash"}
        for idiom in sorted(by_idiom):
            summaries = {mode: _summary(c) for mode, c in sorted(by_idiom[idiom].items())}
            if len(set(summaries.values())) == 1:
                summaries = {", ".join(summaries): next(iter(summaries.values()))}
            for modes_, summary in summaries.items():
                name = f"`{idiom}` (family)" if idiom in crashed else f"`{idiom}`"
                rows.append(f"| {old_version} → {new_version} | {name} | {modes_} | {summary} |")
    return "\n".join(rows)
