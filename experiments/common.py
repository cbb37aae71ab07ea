"""What every experiment shares: the common flags and an absl entry point whose usage errors exit 2.

absl exits 1 on a bad flag and prints the module docstring on ``app.UsageError``;
``run`` turns both into one line on stderr naming the flag, and exit status 2
(the Unix convention for usage errors). Flags shared by several experiments are
defined here, once (a second definition raises ``DuplicateFlagError``).
"""
import contextlib
import os
import sys

from absl import app
from absl import flags

from pipelines import mnist_idx
from pipelines import mnist_input_data
from reference.tf1 import tf2

USAGE_EXIT = 2

DATA_PATH = flags.DEFINE_string(
    "data_path", None, "Directory holding the dataset files; without it the experiment "
    "trains on its embedded generated data.")
SAVE_PATH = flags.DEFINE_string(
    "save_path", None, "Model output directory (checkpoints, summaries); a rerun with the "
    "same directory resumes from its latest checkpoint.")
USE_FP16 = flags.DEFINE_bool("use_fp16", False, "Train using 16-bit floats instead of 32-bit floats.")
NUM_GPUS = flags.DEFINE_integer(
    "num_gpus", 1, "Number of GPUs to use; 1 (or 0) runs on one device, the CPU when there "
    "is no GPU.", lower_bound=0)


def num_visible_gpus():
    return len(tf2.config.list_physical_devices("GPU"))


def _check_num_gpus(value):
    available = num_visible_gpus()
    if value > max(1, available):
        raise flags.ValidationError(f"{value} GPUs asked for, but this machine has {available}")
    return True


flags.register_validator(NUM_GPUS, _check_num_gpus)


def _check_save_path(path):
    if path and os.path.exists(path) and not os.path.isdir(path):
        raise flags.ValidationError(f"{path!r} exists and is not a directory")
    return True


flags.register_validator(SAVE_PATH, _check_save_path)


def _usage_exit(program, message):
    sys.stderr.write(f"{program}: error: {message}\n")
    sys.exit(USAGE_EXIT)


def run(main, define_flags=None):
    """``app.run(main)``, with flag errors and ``app.UsageError`` as one line and exit 2.

    ``define_flags``: for scripts whose tests import them together with other scripts (so
    their flags cannot be defined at import, where two ``--seed`` would collide): called here,
    before parsing, and its result is passed to ``main`` as a second argument.
    """
    program = os.path.basename(sys.argv[0])
    if program == "__main__.py" or program.endswith(".py"):
        program = sys.modules["__main__"].__spec__.name if sys.modules["__main__"].__spec__ else program
    holders = define_flags() if define_flags else None

    def parse(argv):
        try:
            return flags.FLAGS(argv)
        except flags.Error as err:
            return _usage_exit(program, err)

    def guarded_main(argv):
        try:
            return main(argv, holders) if define_flags else main(argv)
        except app.UsageError as err:
            return _usage_exit(program, err)

    app.run(guarded_main, flags_parser=parse)


def preset_flags(configs, seed_help):
    """``--config`` (a key of ``configs``; ``test`` is the tests' tiny preset) and ``--seed``,
    for a ``define_flags`` function."""
    return (flags.DEFINE_enum("config", "default", list(configs),
                              "Hyperparameter preset (test: the tiny one the tests train)."),
            flags.DEFINE_integer("seed", 0, seed_help))


def check_no_arguments(argv):
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")


def check_generated_only(what):
    """A usage error when ``--data_path`` is given to a script that generates all its data."""
    if DATA_PATH.value:
        raise app.UsageError(f"--data_path: this script generates its {what} and reads no files")


@contextlib.contextmanager
def data_path_errors(*error_types):
    """Turns ``error_types`` raised inside (a missing or malformed data file) into a usage
    error naming ``--data_path``; the message says which file and what is wrong."""
    try:
        yield
    except error_types as err:
        raise app.UsageError(f"--data_path: {err}") from None


def read_mnist(one_hot=False, seed=0):
    """``mnist_input_data.read_data_sets`` of ``--data_path`` (generated digits without it)."""
    with data_path_errors(FileNotFoundError, mnist_idx.IdxFormatError):
        return mnist_input_data.read_data_sets(DATA_PATH.value, one_hot=one_hot, seed=seed)
