"""``python -m reference.native``: the TF2-native counterparts and what they observe.

    python -m reference.native             every counterpart: what it replaces, how, and its
                                           observation
    python -m reference.native NAME ...    only these
    python -m reference.native --json      {name: observation} as JSON
    python -m reference.native --tf1 FILE  start from the TF1 observations in FILE (the JSON
                                           of python -m reference --json; used by the tests)
                                           instead of running them in a TF1 child process
    python -m reference.native --list      names, families and the TF1 idioms they replace
    python -m reference.native --replacing IDIOM ...
                                           as JSON, for each TF1 idiom its counterparts: name,
                                           how and observation (python -m reference shows them)

Exit status 2 for an unknown NAME.
"""
import argparse
import json
import os
import subprocess
import sys

from reference.catalogue import quiet
from reference.native import registry

PROG = "python -m reference.native"


def _tf1_observations(path, idioms):
    """The TF1 observations from ``path``, or from a faithful-TF1 child process."""
    if path:
        with open(path, encoding="utf-8") as file:
            try:
                found = json.load(file)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}: not JSON ({err.msg} at line {err.lineno})") from None
        if not isinstance(found, dict):
            raise ValueError(f"{path}: not the JSON of python -m reference --json (an object "
                             "of observations by idiom)")
        missing = [i for i in idioms if i not in found]
        if missing:
            raise ValueError(f"{path} has no observation of {', '.join(missing)}")
        return found
    env = {k: v for k, v in os.environ.items() if k != "TF1_REFERENCE_MODE"}
    result = subprocess.run([sys.executable, "-m", "reference", "--json", *idioms], env=env,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main(argv=None):
    parser = argparse.ArgumentParser(prog=PROG, description="The TF2-native counterparts of "
                                     "the TF1 idioms and what each observes.")
    parser.add_argument("names", nargs="*", metavar="NAME", help="counterparts (default: all)")
    parser.add_argument("--json", action="store_true", help="print observations as JSON")
    parser.add_argument("--list", action="store_true", help="list names only")
    parser.add_argument("--tf1", metavar="FILE", help="the TF1 observations to start from")
    parser.add_argument("--replacing", nargs="+", metavar="IDIOM", help="the counterparts of "
                        "these TF1 idioms, as JSON by idiom")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with quiet.startup_noise_filtered():  # TensorFlow's C++ start-up lines
        known = {c.name: c for c in registry.counterparts()}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        print(f"{PROG}: error: unknown counterpart {', '.join(unknown)} ({PROG} --list shows "
              f"the {len(known)} names)", file=sys.stderr)
        return 2
    if args.replacing:
        chosen = [name for name, item in known.items() if set(item.replaces) & set(args.replacing)]
    else:
        chosen = args.names or list(known)
    if args.list:
        for name in chosen:
            print(f"{name}  [{known[name].family}]  replaces {', '.join(known[name].replaces)}")
        return 0
    try:
        tf1 = _tf1_observations(args.tf1, sorted({i for n in chosen for i in known[n].replaces}))
    except OSError as err:
        print(f"{PROG}: error: --tf1: {args.tf1}: {err.strerror}", file=sys.stderr)
        return 2
    except ValueError as err:
        print(f"{PROG}: error: --tf1: {err}", file=sys.stderr)
        return 2
    observations = {name: registry.observe(name, tf1) for name in chosen}
    if args.replacing:
        print(json.dumps({idiom: [{"name": n, "how": known[n].how, "observed": observations[n]}
                                  for n in chosen if idiom in known[n].replaces]
                          for idiom in args.replacing}, ensure_ascii=False))
        return 0
    if args.json:
        print(json.dumps(observations, ensure_ascii=False))
        return 0
    for name in chosen:
        item = known[name]
        print(f"{name}  [{item.family}]  replaces {', '.join(item.replaces)}")
        print(f"  how: {item.how}")
        print(f"  observes: {json.dumps(observations[name], ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
