"""What every TF1 experiment shares: the common flags and an absl entry point (usage errors exit 2).

``run`` is ``cli.run`` (a bad flag or ``app.UsageError``: one line on stderr naming the
flag, exit status 2) with the experiments' failure types and session defaults. Flags
shared by several TF1 experiments are defined here, once (a second definition raises
``DuplicateFlagError``); ``--data_path`` and ``--save_path`` in ``paths``, which the TF2-native
scripts share too.
"""

from reference.tf1 import tf
from reference.tf1 import tf2

from absl import app
from absl import flags

from experiments.shared import cli
from experiments.shared import loop
from experiments.shared import paths
from pipelines import mnist_idx
from pipelines import mnist_input_data
from reference import tfdbg
from reference.training import distributed

LOG_DEVICE_PLACEMENT = flags.DEFINE_bool(
    "log_device_placement", False, "ConfigProto.log_device_placement: log the device of every op.")
ALLOW_SOFT_PLACEMENT = flags.DEFINE_bool(
    "allow_soft_placement", True, "ConfigProto.allow_soft_placement: put an op pinned to a "
    "missing device on one that exists.")
INTRA_OP_THREADS = flags.DEFINE_integer(
    "intra_op_threads", 0, "ConfigProto.intra_op_parallelism_threads (0: TensorFlow picks).",
    lower_bound=0)
INTER_OP_THREADS = flags.DEFINE_integer(
    "inter_op_threads", 0, "ConfigProto.inter_op_parallelism_threads (0: TensorFlow picks).",
    lower_bound=0)
GPU_ALLOW_GROWTH = flags.DEFINE_bool(
    "gpu_allow_growth", False, "GPUOptions.allow_growth: take GPU memory as needed.")
GPU_MEMORY_FRACTION = flags.DEFINE_float(
    "gpu_memory_fraction", None, "GPUOptions.per_process_gpu_memory_fraction, in (0, 1].",
    lower_bound=0.0, upper_bound=1.0)
DEBUG = flags.DEFINE_bool(
    "debug", False, "Run training steps under tfdbg's LocalCLIDebugWrapperSession (readline "
    "CLI; the has_inf_or_nan filter is registered).")
DUMP_ROOT = flags.DEFINE_string(
    "dump_root", None, "Run training steps under tfdbg's DumpingDebugWrapperSession, dumping "
    "every run's tensors below this folder (non-interactive).")


def session_config():
    """The ``tf.ConfigProto`` the ConfigProto flags describe (note 003 "tf.ConfigProto")."""
    config = tf.ConfigProto(log_device_placement=LOG_DEVICE_PLACEMENT.value,
                            allow_soft_placement=ALLOW_SOFT_PLACEMENT.value,
                            intra_op_parallelism_threads=INTRA_OP_THREADS.value,
                            inter_op_parallelism_threads=INTER_OP_THREADS.value)
    if GPU_ALLOW_GROWTH.value:
        config.gpu_options.allow_growth = True
    if GPU_MEMORY_FRACTION.value:
        config.gpu_options.per_process_gpu_memory_fraction = GPU_MEMORY_FRACTION.value
    return config


def debug_wrapper():
    """The tfdbg wrapper the debug flags ask for, as ``session -> session`` (None: none)."""
    if DEBUG.value and DUMP_ROOT.value:
        raise app.UsageError("--debug and --dump_root exclude each other (interactive CLI or "
                             "dumps)")
    if DEBUG.value:
        return tfdbg.cli_wrapper
    if DUMP_ROOT.value:
        return lambda session: tfdbg.dump_wrapper(session, DUMP_ROOT.value)
    return None


def num_visible_gpus():
    return len(tf2.config.list_physical_devices("GPU"))


def session_defaults():
    """``loop.SessionDefaults`` of the shared flags: the session config and tfdbg wrapper."""
    return loop.SessionDefaults(session_config(), debug_wrapper())


def run(main, define_flags):
    """``cli.run(main, define_flags)`` for an experiment: usage errors exit 2; a diverged
    training run or a cluster task that does not answer is one line and exit 1."""
    cli.run(main, define_flags, failures=(distributed.ClusterTimeout,))


def preset_flags(configs, seed_help):
    """``--config`` (a key of ``configs``; ``test`` is the tests' tiny preset) and ``--seed``,
    for a ``define_flags`` function."""
    return (flags.DEFINE_enum("config", "default", list(configs),
                              "Hyperparameter preset (test: the tiny one the tests train)."),
            flags.DEFINE_integer("seed", 0, seed_help))


def check_generated_only(what):
    """A usage error when ``--data_path`` is given to a script that generates all its data."""
    if paths.DATA_PATH.value:
        raise app.UsageError(f"--data_path: this script generates its {what} and reads no files")


def read_mnist(one_hot=False, seed=0):
    """``mnist_input_data.read_data_sets`` of ``--data_path`` (generated digits without it)."""
    with paths.data_path_errors(FileNotFoundError, mnist_idx.IdxFormatError):
        return mnist_input_data.read_data_sets(paths.DATA_PATH.value, one_hot=one_hot, seed=seed)
