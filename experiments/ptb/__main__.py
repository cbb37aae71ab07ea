"""``python -m experiments.ptb``: the flags, their checks, and ``main``.

The only module of the package that defines or reads flags; everything else takes values.
"""
import dataclasses
import os
import sys
import types

from absl import app
from absl import flags

from experiments.ptb import config as ptb_config
from experiments.ptb import distributed as ptb_distributed
from experiments.ptb import training
from experiments.shared import common
from pipelines import ptb_reader
from pipelines import synthetic_text
from reference.training import distributed

INTERRUPTED_EXIT = 130  # 128 + SIGINT, as shells report it
CLUSTER_FLAGS = ["job_name", "task_index", "ps_hosts", "worker_hosts", "sync_replicas"]


def _check_data_path(path):
    if path is None:
        return True
    missing = [f for f in ptb_reader.FILENAMES if not os.path.isfile(os.path.join(path, f))]
    if missing:
        raise flags.ValidationError(f"{path!r} has no {', '.join(missing)}")
    return True


def _check_num_gpus(value):
    available, cores = common.num_visible_gpus(), os.cpu_count() or 1
    if available and value > available:
        raise flags.ValidationError(f"{value} GPUs asked for, but this machine has {available}")
    if not available and value > cores:
        raise flags.ValidationError(f"{value} towers asked for, but this machine has no GPU "
                                    f"and {cores} CPU cores to run them on")
    return True


def _check_cluster(values):
    job, index = values["job_name"], values["task_index"]
    hosts = {distributed.PS: values["ps_hosts"], distributed.WORKER: values["worker_hosts"]}
    if job is None:
        if hosts[distributed.PS] or hosts[distributed.WORKER] or values["sync_replicas"]:
            raise flags.ValidationError("--ps_hosts, --worker_hosts and --sync_replicas need "
                                        "--job_name (ps or worker)")
        return True
    if not hosts[distributed.PS] or not hosts[distributed.WORKER]:
        raise flags.ValidationError(f"--job_name={job} needs --ps_hosts and --worker_hosts")
    for name in ("ps", "worker"):
        for host in hosts[name]:
            try:
                distributed.parse_host(host, f"{name}_hosts")
            except ValueError as err:
                raise flags.ValidationError(str(err)) from None
    if index >= len(hosts[job]):
        raise flags.ValidationError(f"--task_index={index}, but --{job}_hosts lists "
                                    f"{len(hosts[job])} {job} task(s)")
    return True


def define_flags():
    """The PTB script's own flags (the shared ones are ``experiments.shared.common``'s)."""
    holders = types.SimpleNamespace(
        model=flags.DEFINE_enum("model", "small", list(ptb_config.CONFIGS),
                                "Model config (tutorial name)."),
        rnn_mode=flags.DEFINE_enum(
            "rnn_mode", None, list(ptb_config.RNN_MODES),
            "LSTM implementation: basic (BasicLSTMCell, unrolled by hand) or block (fused "
            "BlockLSTM). Default: the config's (basic)."),
        max_max_epoch=flags.DEFINE_integer("max_max_epoch", None, "Override the config's "
                                           "number of epochs.", lower_bound=1),
        dtype=flags.DEFINE_enum(
            "dtype", "float32", list(ptb_config.COMPUTE_DTYPES), "Compute dtype: bfloat16 runs "
            "the matmuls and activations in bfloat16 with float32 master weights and a float32 "
            "loss (basic mode; --use_fp16 keeps the tutorial's float16 everything)."),
        use_fp16=flags.DEFINE_bool("use_fp16", False, "Train using 16-bit floats instead of "
                                   "32-bit floats."),
        num_gpus=flags.DEFINE_integer(
            "num_gpus", 1, "Towers of the training phase, one per GPU; without GPUs they run on "
            "as many CPU devices (ConfigProto device_count). 1 (or 0): one device.",
            lower_bound=0),
        seed=flags.DEFINE_integer("seed", None, "Graph-level random seed; unset, every run "
                                  "differs."),
        max_steps=flags.DEFINE_integer("max_steps", None, "Cap the batches of every epoch "
                                       "(smoke runs, benchmarks).", lower_bound=1),
        job_name=flags.DEFINE_enum("job_name", None, [distributed.PS, distributed.WORKER],
                                   "This task's job in a cluster (unset: one process, no "
                                   "cluster)."),
        task_index=flags.DEFINE_integer("task_index", 0, "This task's index in its job; "
                                        "worker 0 is the chief.", lower_bound=0),
        ps_hosts=flags.DEFINE_list("ps_hosts", [], "The ps tasks, host:port,host:port,..."),
        worker_hosts=flags.DEFINE_list("worker_hosts", [], "The worker tasks, host:port,..."),
        sync_replicas=flags.DEFINE_bool("sync_replicas", False, "Aggregate one batch's "
                                        "gradient of every worker per global step "
                                        "(SyncReplicasOptimizer)."),
        startup_timeout=flags.DEFINE_float(
            "startup_timeout", 120.0, "Seconds a worker waits for the ps tasks to listen, and "
            "a non-chief for the chief to initialize the model.", lower_bound=0.0))
    flags.register_validator(common.DATA_PATH, _check_data_path)
    flags.register_validator(holders.num_gpus, _check_num_gpus)
    flags.register_multi_flags_validator(CLUSTER_FLAGS, _check_cluster)
    return holders


def _load_data():
    """The PTB files of --data_path, or the generated corpus; returns (raw_data, true
    perplexity)."""
    if common.DATA_PATH.value:
        with common.data_path_errors(ptb_reader.PTBDataError):
            return ptb_reader.ptb_raw_data(common.DATA_PATH.value), None
    try:
        directory, true_perplexity = synthetic_text.write_corpus()
    except OSError as err:
        raise app.UsageError(
            f"cannot write the generated corpus under {synthetic_text.default_cache_dir()}: "
            f"{err.strerror} ({err.filename}); set TF1_REFERENCE_CACHE to a writable "
            "folder") from None
    print(f"No --data_path: training on the generated corpus in {directory}; "
          f"the source's true perplexity is {true_perplexity:.3f}.")
    return ptb_reader.ptb_raw_data(directory), true_perplexity


def _config(holders):
    overrides = {"use_fp16": holders.use_fp16.value, "compute_dtype": holders.dtype.value}
    if holders.rnn_mode.value:
        overrides["rnn_mode"] = holders.rnn_mode.value
    try:
        return dataclasses.replace(ptb_config.CONFIGS[holders.model.value], **overrides)
    except ValueError as err:
        raise app.UsageError(f"--dtype={holders.dtype.value}: {err}") from None


def _cluster_settings(holders):
    return ptb_distributed.ClusterSettings(
        holders.job_name.value, holders.task_index.value, tuple(holders.ps_hosts.value),
        tuple(holders.worker_hosts.value), holders.sync_replicas.value,
        holders.startup_timeout.value)


def main(argv, holders):
    common.check_no_arguments(argv)
    config = _config(holders)
    job = holders.job_name.value
    if job and (holders.num_gpus.value > 1 or common.debug_wrapper()):
        raise app.UsageError("--job_name does not combine with --num_gpus > 1, --debug or "
                             "--dump_root in this version")
    if job == distributed.PS:
        return ptb_distributed.serve(_cluster_settings(holders), common.session_config())
    raw_data, true_perplexity = _load_data()
    if holders.max_max_epoch.value:
        config = dataclasses.replace(config, max_max_epoch=holders.max_max_epoch.value)
    elif true_perplexity:
        config = dataclasses.replace(config, max_max_epoch=min(config.max_max_epoch,
                                                               ptb_config.GENERATED_EPOCHS))
        print(f"Training with max_max_epoch={config.max_max_epoch}, enough for the "
              "generated corpus (--max_max_epoch to change).")
    save_path = common.SAVE_PATH.value
    try:
        if job:
            metrics = ptb_distributed.train_worker(
                _cluster_settings(holders), config, raw_data, save_path=save_path,
                max_steps=holders.max_steps.value, seed=holders.seed.value,
                session_config=common.session_config())
        else:
            metrics = training.train(
                config, raw_data, save_path=save_path, max_steps=holders.max_steps.value,
                seed=holders.seed.value, session_config=common.session_config(),
                wrap=common.debug_wrapper(), num_towers=max(1, holders.num_gpus.value))
    except KeyboardInterrupt:
        resume = " (rerun with the same --save_path to resume)" if save_path else ""
        print(f"Interrupted{resume}.", file=sys.stderr)
        sys.exit(INTERRUPTED_EXIT)
    if true_perplexity and "test_perplexity" in metrics:
        print("Test perplexity is %.3fx the source's true perplexity %.3f." % (
            metrics["test_perplexity"] / true_perplexity, true_perplexity))
    return None


if __name__ == "__main__":
    common.run(main, define_flags)
