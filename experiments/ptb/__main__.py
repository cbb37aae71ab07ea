"""``python -m experiments.ptb``: the flags, their checks, and ``main``.

The only module of the package that defines or reads flags; everything else takes values.
"""
import dataclasses
import os

from absl import app
from absl import flags

from experiments.ptb import distributed as ptb_distributed
from experiments.ptb import training
from experiments.shared import cli
from experiments.shared import common
from experiments.shared import paths
from experiments.shared import ptb_config
from experiments.shared import ptb_data
from reference.training import distributed

CLUSTER_FLAGS = ["job_name", "task_index", "ps_hosts", "worker_hosts", "sync_replicas"]


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
    """The PTB flags of ``ptb_data`` and this script's own (the ConfigProto and tfdbg flags are
    ``experiments.shared.common``'s)."""
    holders = ptb_data.define_flags(
        rnn_mode=flags.DEFINE_enum(
            "rnn_mode", None, list(ptb_config.RNN_MODES),
            "LSTM implementation: basic (BasicLSTMCell, unrolled by hand), block (fused "
            "BlockLSTM) or fused (layer by layer, each layer's input projection one matmul). "
            "Default: the config's (basic)."),
        dtype=flags.DEFINE_enum(
            "dtype", "float32", list(ptb_config.COMPUTE_DTYPES), "Compute dtype: bfloat16 runs "
            "the matmuls and activations in bfloat16 with float32 master weights and a float32 "
            "loss (basic and fused modes; --use_fp16 keeps the tutorial's float16 everything)."),
        use_fp16=flags.DEFINE_bool("use_fp16", False, "Train using 16-bit floats instead of "
                                   "32-bit floats."),
        num_gpus=flags.DEFINE_integer(
            "num_gpus", 1, "Towers of the training phase, one per GPU; without GPUs they run on "
            "as many CPU devices (ConfigProto device_count). 1 (or 0): one device.",
            lower_bound=0),
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
    flags.register_validator(holders.num_gpus, _check_num_gpus)
    flags.register_multi_flags_validator(CLUSTER_FLAGS, _check_cluster)
    return holders


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
    cli.check_no_arguments(argv)
    config = _config(holders)
    job = holders.job_name.value
    if job and (holders.num_gpus.value > 1 or common.debug_wrapper()):
        raise app.UsageError("--job_name does not combine with --num_gpus > 1, --debug or "
                             "--dump_root in this version")
    if job == distributed.PS:
        return ptb_distributed.serve(_cluster_settings(holders), common.session_config())
    raw_data, true_perplexity = ptb_data.load(paths.DATA_PATH.value)
    config = ptb_data.with_epochs(config, holders.max_max_epoch.value, true_perplexity)
    save_path = paths.SAVE_PATH.value
    if job:
        ptb_data.run(lambda: ptb_distributed.train_worker(
            _cluster_settings(holders), config, raw_data, save_path=save_path,
            max_steps=holders.max_steps.value, seed=holders.seed.value,
            session_config=common.session_config()), save_path, true_perplexity)
    else:
        ptb_data.run(lambda: training.train(
            config, raw_data, save_path=save_path, max_steps=holders.max_steps.value,
            seed=holders.seed.value, session_config=common.session_config(),
            wrap=common.debug_wrapper(), num_towers=max(1, holders.num_gpus.value)),
            save_path, true_perplexity)
    return None


if __name__ == "__main__":
    common.run(main, define_flags)
