"""The absl entry point of every script: usage errors are one line on stderr and exit 2.

absl exits 1 on a bad flag and prints the module docstring on ``app.UsageError``; ``run``
turns both into one line naming the flag, with exit status 2 (the Unix convention for
usage errors), and chosen failure types into one line with exit status 1. It imports no
TensorFlow, so a launcher that only starts other processes starts at once;
``experiments.common.run`` adds the experiments' session defaults.
"""
import os
import sys

from absl import app
from absl import flags

USAGE_EXIT = 2
FAILURE_EXIT = 1


def program_name():
    """The name a user typed: the module of ``python -m`` or the script's file name."""
    program = os.path.basename(sys.argv[0])
    main = sys.modules["__main__"]
    if (program == "__main__.py" or program.endswith(".py")) and getattr(main, "__spec__", None):
        return main.__spec__.name
    return program


def _exit(program, message, status):
    sys.stderr.write(f"{program}: error: {message}\n")
    sys.exit(status)


def run(main, define_flags=None, failures=(), setup=None):
    """``app.run(main)``, with flag errors and ``app.UsageError`` as one line and exit 2, and
    exceptions of the types in ``failures`` as one line and exit 1.

    ``define_flags``: for scripts whose tests import them together with other scripts (so
    their flags cannot be defined at import, where two ``--seed`` would collide): called here,
    before parsing, and its result is passed to ``main`` as a second argument. ``setup``: called
    after parsing, before ``main``.
    """
    program = program_name()
    holders = define_flags() if define_flags else None

    def parse(argv):
        try:
            return flags.FLAGS(argv)
        except flags.Error as err:
            return _exit(program, err, USAGE_EXIT)

    def guarded_main(argv):
        try:
            if setup:
                setup()
            return main(argv, holders) if define_flags else main(argv)
        except app.UsageError as err:
            return _exit(program, err, USAGE_EXIT)
        except failures as err:
            return _exit(program, err, FAILURE_EXIT)

    app.run(guarded_main, flags_parser=parse)
