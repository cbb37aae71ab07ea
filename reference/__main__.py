"""``python -m reference``: the catalogue of idioms, what each observes on this TensorFlow.

    python -m reference              every idiom: note section, claims, TF1 observation,
                                     where TF2 behaviour observes something else, and its
                                     TF2-native counterparts' observations (reference/native)
    python -m reference NAME ...     only these idioms
    python -m reference --list       names and note sections only
    python -m reference --errata     what the notes say that is wrong or outdated now
    python -m reference --json       observations as JSON, nothing else (used by the tests;
                                     TF1_REFERENCE_MODE=tf2 gives TF2 behaviour's)
    python -m reference --no-tf2     skip the TF2-behaviour and TF2-native processes
    python -m reference --ledger FILE
                                     the behaviour ledger: every family in its own child
                                     process, in both behaviours, with the environment
    python -m reference --diff OLD NEW
                                     what changed between two ledgers, one line per change
    python -m reference --doctor     where tf.keras and the TF1 layers and cells resolve in
                                     this environment (Keras 3 or tf_keras), and why

Exit status 2 for an unknown NAME or bad option.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from reference.catalogue import ledger
from reference.catalogue import ledger_diff
from reference.catalogue import modes

PROG = "python -m reference"


def _parser():
    parser = argparse.ArgumentParser(prog=PROG, description=(
        "The TF1 graph-mode idioms of the notes and what each observes on this TensorFlow."))
    parser.add_argument("names", nargs="*", metavar="NAME", help="idioms to run (default: all)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--list", action="store_true", help="list names and note sections")
    mode.add_argument("--errata", action="store_true", help="print the errata")
    mode.add_argument("--json", action="store_true", help="print observations as JSON")
    mode.add_argument("--ledger", metavar="FILE", help="write the behaviour ledger to FILE "
                      "(- for stdout)")
    mode.add_argument("--diff", nargs=2, metavar=("OLD", "NEW"),
                      help="print what changed from ledger OLD to ledger NEW")
    mode.add_argument("--doctor", action="store_true", help="where tf.keras, the TF1 layers "
                      "and cells resolve in this environment, and why")
    parser.add_argument("--no-tf2", action="store_true", help="skip the TF2-behaviour and "
                        "TF2-native processes")
    return parser


def tf2_observations(names):
    """Runs the idioms in a TF2-behaviour child process; returns {name: observation}."""
    env = dict(os.environ, **{modes.MODE_ENV: "tf2"})
    env.pop("TF_USE_LEGACY_KERAS", None)
    result = subprocess.run([sys.executable, "-m", "reference", "--json", *names], env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"the TF2-behaviour process failed:\n{result.stderr}")
    return json.loads(result.stdout)


def native_counterparts(observations):
    """``{idiom: [{"name", "how", "observed"}]}``: the TF2-native counterparts of the idioms,
    run in a child process (TF2 behaviour untouched) from these TF1 observations."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("TF_USE_LEGACY_KERAS", modes.MODE_ENV, modes.SWITCH_ENV)}
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as file:
        json.dump(observations, file)
        file.flush()
        result = subprocess.run([sys.executable, "-m", "reference.native", "--tf1", file.name,
                                 "--replacing", *observations], env=env, capture_output=True,
                                text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"the TF2-native process failed:\n{result.stderr}")
    return json.loads(result.stdout)


def _print_demo(item, observation, tf2_observation, counterparts=()):
    print(f"{item.name}  [{item.family}]  note {item.note}")
    for claim in item.claims:
        print(f"  claim: {claim}")
    print(f"  TF1: {json.dumps(observation, ensure_ascii=False)}")
    if tf2_observation is not None:
        differing = sorted(key for key in set(observation) | set(tf2_observation)
                           if key not in item.volatile
                           and observation.get(key) != tf2_observation.get(key))
        if differing:
            shown = {k: tf2_observation.get(k, "<absent>") for k in differing}
            print(f"  TF2 differs: {json.dumps(shown, ensure_ascii=False)}")
    for native in counterparts:
        print(f"  TF2-native {native['name']} ({native['how']}): "
              f"{json.dumps(native['observed'], ensure_ascii=False)}")
    print()


def _print_errata(errata):
    for entry in errata.ERRATA:
        print(f"{entry.name}  note {entry.note}  (checked by {entry.demo})")
        print(f"  notes say: {entry.notes_say}")
        print(f"  true now:  {entry.true_now}")
        print(f"  modern:    {entry.modern}")
        print()


def _diff(old_path, new_path):
    try:
        old, new = ledger.load(old_path), ledger.load(new_path)
    except ledger.LedgerError as err:
        print(f"{PROG}: error: --diff: {err}", file=sys.stderr)
        return 2
    changes = ledger_diff.diff(old, new)
    for change in changes:
        print(change.line())
    versions = [l_["environment"]["packages"].get("tensorflow") for l_ in (old, new)]
    print(f"{len(changes)} changes from TensorFlow {versions[0]} to {versions[1]}")
    return 0


def _unwritable(path):
    """Why a ledger cannot be written at ``path``, or None."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        return "is a directory"
    if not os.path.isdir(folder):
        return f"no folder {folder}"
    if not os.access(folder, os.W_OK):
        return f"folder {folder} is not writable"
    return None


def _write_ledger(path, known):
    families = {}
    for item in known.values():
        families.setdefault(item.family, []).append(item.name)
    volatile = {item.name: item.volatile for item in known.values() if item.volatile}
    document = ledger.build(families, volatile,
                            progress=lambda line: print(line, file=sys.stderr))
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if path == "-":
        sys.stdout.write(text)
    else:
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
    crashed = [f"{mode} {family}" for mode, families_ in document["modes"].items()
               for family, result in families_.items() if "crashed" in result]
    print(f"ledger of {len(known)} idioms in {len(families)} families written to {path}"
          + (f"; crashed: {', '.join(crashed)}" if crashed else ""), file=sys.stderr)
    return 0


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.diff:
        return _diff(*args.diff)
    if args.doctor:  # before anything imports reference.tf1, which sets the switch
        from reference.catalogue import doctor  # pylint: disable=import-outside-toplevel
        return doctor.main()
    if args.ledger and args.ledger != "-":
        problem = _unwritable(args.ledger)
        if problem:  # before the minute the children take
            print(f"{PROG}: error: --ledger: {args.ledger}: {problem}", file=sys.stderr)
            return 2
    try:
        mode, _ = modes.read_mode(), modes.read_switches()
    except modes.ModeError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    from reference.catalogue import errata  # pylint: disable=import-outside-toplevel
    from reference.catalogue import registry  # pylint: disable=import-outside-toplevel
    known = {d.name: d for d in registry.demos()}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        print(f"{PROG}: error: unknown idiom {', '.join(unknown)} "
              f"({PROG} --list shows the {len(known)} names)", file=sys.stderr)
        return 2
    chosen = args.names or list(known)
    if args.list:
        for name in chosen:
            print(f"{name}  [{known[name].family}]  note {known[name].note}")
        return 0
    if args.errata:
        _print_errata(errata)
        return 0
    if args.ledger:
        return _write_ledger(args.ledger, {name: known[name] for name in chosen})
    observations = registry.observe_all(chosen)
    if args.json:
        print(json.dumps(observations, ensure_ascii=False))
        return 0
    tf2 = None if args.no_tf2 or mode == "tf2" else tf2_observations(chosen)
    native = {} if args.no_tf2 or mode == "tf2" else native_counterparts(observations)
    for name in chosen:
        _print_demo(known[name], observations[name], tf2 and tf2[name], native.get(name, ()))
    if not args.names:
        print(f"{len(chosen)} idioms, {len(errata.ERRATA)} errata (python -m reference --errata)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into head: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
