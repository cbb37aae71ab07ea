"""The absl entry point of every script: usage errors are one line on stderr and exit 2.

absl exits 1 on a bad flag and prints the module docstring on ``app.UsageError``; ``run``
turns both into one line naming the flag, with exit status 2 (the Unix convention for
usage errors), and chosen failure types into one line with exit status 1. A ``--save_path``
whose checkpoints do not restore into the model (``checkpoints.CheckpointError``) is a usage
error too; a diverged loss and a failed save (``checkpoints.SaveFailed``) are failures in every
script. It imports no
TensorFlow, so a launcher that only starts other processes starts at once;
``experiments.shared.common.run`` adds the experiments' session defaults.
"""
import os
import sys

from absl import app
from absl import flags

from reference.training import checkpoints

USAGE_EXIT = 2
FAILURE_EXIT = 1


class TrainingDiverged(RuntimeError):
    """The loss became NaN or infinite; the message names the step and the kept checkpoint.
    Every training script reports it in one line, exit status 1."""


def check_no_arguments(argv):
    """A usage error for positional arguments (every script takes flags only)."""
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")


def program_name():
    """The name a user typed: the module of ``python -m`` or the script's file name."""
    program = os.path.basename(sys.argv[0])
    main = sys.modules["__main__"]
    if (program == "__main__.py" or program.endswith(".py")) and getattr(main, "__spec__", None):
        name = main.__spec__.name  # a package run with -m runs its __main__ module
        return name[:-len(".__main__")] if name.endswith(".__main__") else name
    return program


def _exit(program, message, status):
    sys.stderr.write(f"{program}: error: {message}\n")
    sys.exit(status)


def run(main, define_flags, failures=()):
    """``app.run``: ``define_flags()``, then parsing, then ``main(argv, holders)`` with the flag
    holders ``define_flags`` returned; flag errors, ``app.UsageError`` and
    ``checkpoints.CheckpointError`` are one line and exit 2; ``TrainingDiverged``,
    ``checkpoints.SaveFailed`` and the types in ``failures`` one line and exit 1.

    Every script defines its own flags in ``define_flags`` rather than at import, so that tests
    can import several scripts (two of them may both have a ``--seed``) and run them one after
    the other in one process under absl's ``flagsaver``, which removes the flags defined inside
    it. Flags shared by many scripts are defined once at import by
    ``experiments.shared.common``.
    """
    program = program_name()
    holders = define_flags()

    def parse(argv):
        try:
            return flags.FLAGS(argv)
        except flags.Error as err:
            return _exit(program, err, USAGE_EXIT)

    def guarded_main(argv):
        try:
            return main(argv, holders)
        except (app.UsageError, checkpoints.CheckpointError) as err:
            return _exit(program, err, USAGE_EXIT)
        except (TrainingDiverged, checkpoints.SaveFailed, *failures) as err:
            return _exit(program, err, FAILURE_EXIT)

    app.run(guarded_main, flags_parser=parse)
