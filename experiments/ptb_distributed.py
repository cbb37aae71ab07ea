"""PTB by between-graph replication: ``--job_name``, ``--task_index``, ``--ps_hosts``,
``--worker_hosts``, ``--sync_replicas`` (``reference/distributed.py`` has the idioms).

Not an experiment: ``experiments.ptb`` hands over to ``serve`` (a ps) or ``train_worker``
here when ``--job_name`` is set, passing its own ``build_models`` and ``run_epoch``
(importing ``experiments.ptb`` from here would define its flags twice). Every task runs the
same command line with its own ``--job_name`` and ``--task_index``
(``python -m experiments.launch_local_cluster`` does that on one machine):

* a ps holds the variables and exits once every worker has said it is done;
* worker ``i`` trains on its share of the training words (the i-th of as many equal
  contiguous parts as there are workers) in a ``MonitoredTrainingSession``;
* worker 0 is the chief: it initializes the variables, or restores ``--save_path``'s latest
  checkpoint, checkpoints every epoch and at the end, and after training reports the Valid and
  Test perplexities. The other workers wait for its initialization. On a fresh start (no
  checkpoint to restore) there is a start barrier: every other worker reads the global step,
  then says it is ready, and the chief makes its first step only once every worker has: so
  each worker makes at least one step and none finds training over when it starts. A worker
  started again mid-run, or a chief restoring a checkpoint, joins at once (nobody waits for
  it), and the chief may then finish before it makes a step. Every wait ends after
  ``--startup_timeout`` seconds with an error naming what is missing;
* asynchronous by default: each worker applies its own gradients, and each of its batches is
  a global step. ``--sync_replicas`` wraps the optimizer in ``SyncReplicasOptimizer``: a
  global step averages one batch's gradient from every worker (stale ones are dropped).

Training ends when the global step reaches ``max_max_epoch`` epochs of global steps: an epoch
is ``epoch_size`` global steps with ``--sync_replicas`` (one batch of every worker each) and
``epoch_size * workers`` without, ``epoch_size`` being one worker's batches per pass over its
share. The learning rate follows the epoch of the global step, as in one process.
"""
import dataclasses

from absl import flags

from reference import distributed
from reference.tf1 import tf

JOB_NAME = flags.DEFINE_enum("job_name", None, [distributed.PS, distributed.WORKER],
                             "This task's job in a cluster (unset: one process, no cluster).")
TASK_INDEX = flags.DEFINE_integer("task_index", 0, "This task's index in its job; worker 0 is "
                                  "the chief.", lower_bound=0)
PS_HOSTS = flags.DEFINE_list("ps_hosts", [], "The ps tasks, host:port,host:port,...")
WORKER_HOSTS = flags.DEFINE_list("worker_hosts", [], "The worker tasks, host:port,...")
SYNC_REPLICAS = flags.DEFINE_bool("sync_replicas", False, "Aggregate one batch's gradient of "
                                  "every worker per global step (SyncReplicasOptimizer).")
STARTUP_TIMEOUT = flags.DEFINE_float(
    "startup_timeout", 120.0, "Seconds a worker waits for the ps tasks to listen, and a "
    "non-chief for the chief to initialize the model.", lower_bound=0.0)
# Seconds the chief's session waits at close for its sync-replicas queue runner, which may be
# blocked on gradients no worker will send (TensorFlow's default is 120).
STOP_GRACE_SECS = 2


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


flags.register_multi_flags_validator(
    ["job_name", "task_index", "ps_hosts", "worker_hosts", "sync_replicas"], _check_cluster)


def _cluster():
    return distributed.cluster_spec(PS_HOSTS.value, WORKER_HOSTS.value)


def serve(session_config=None, log=print):
    """The ps task: serves the variables until every worker is done."""
    index = TASK_INDEX.value
    cluster = _cluster()
    server = tf.train.Server(cluster, job_name=distributed.PS, task_index=index,
                             config=distributed.server_config(distributed.PS, index,
                                                              session_config))
    log(f"ps {index}: serving at {PS_HOSTS.value[index]}.")
    distributed.serve_until_done(server, cluster, index, log)
    log(f"ps {index}: all {cluster.num_tasks(distributed.WORKER)} workers are done; exiting.")


def _sync_optimizer(num_workers):
    """``learning_rate -> optimizer``: gradient descent averaging one gradient per worker."""
    def make(learning_rate):
        return tf.train.SyncReplicasOptimizer(
            tf.train.GradientDescentOptimizer(learning_rate),
            replicas_to_aggregate=num_workers, total_num_replicas=num_workers)
    return make


def train_worker(build_models, run_epoch, config, raw_data, save_path=None, max_steps=None,
                 seed=None, session_config=None, log=print):
    """Worker ``--task_index``'s part of training; returns its metrics (``train_perplexity``
    per epoch it ran, ``worker_steps``, ``global_step``, and on the chief
    ``valid_perplexity`` and ``test_perplexity``).

    Raises:
      reference.distributed.ClusterTimeout: a ps or the chief did not answer in time.
    """
    index, cluster = TASK_INDEX.value, _cluster()
    num_workers, is_chief = cluster.num_tasks(distributed.WORKER), TASK_INDEX.value == 0
    config = dataclasses.replace(config, vocab_size=raw_data[3])
    session_config = distributed.server_config(distributed.WORKER, index, session_config)
    server = tf.train.Server(cluster, job_name=distributed.WORKER, task_index=index,
                             config=session_config)
    timeout = STARTUP_TIMEOUT.value
    distributed.wait_for_ports(PS_HOSTS.value, timeout, what="ps task")
    fresh = not (is_chief and save_path and tf.train.latest_checkpoint(save_path))

    def barrier():  # after the global step was read, before the first training step
        if fresh:
            distributed.start_barrier(server.target, cluster, index, timeout, session_config)

    train, valid, test, vocab = raw_data
    share = len(train) // num_workers
    own = (train[index * share:(index + 1) * share], valid, test, vocab)
    make_optimizer = _sync_optimizer(num_workers) if SYNC_REPLICAS.value else None
    with tf.Graph().as_default():
        if seed is not None:
            tf.set_random_seed(seed)
        with distributed.replica_device(cluster, index):
            models = build_models(config, own, max_steps, make_optimizer=make_optimizer)
            done = distributed.done_signal(cluster, index)
        hooks, release = [], None
        if SYNC_REPLICAS.value:
            hooks.append(models[0].optimizer.make_session_run_hook(is_chief))
            if is_chief:  # tokens that free workers blocked on a step nobody will aggregate
                release = models[0].optimizer.get_init_tokens_op(num_workers)
                distributed.quiet_cancelled_runners()
        steps_per_epoch = models[0].input.epoch_size * (1 if SYNC_REPLICAS.value else num_workers)
        if not is_chief:
            ready = tf.report_uninitialized_variables(tf.global_variables())
            with tf.Session(server.target, config=session_config) as session:
                distributed.wait_for_chief(session, ready, timeout)
        with tf.train.MonitoredTrainingSession(
                master=server.target, is_chief=is_chief, hooks=hooks, config=session_config,
                checkpoint_dir=save_path if is_chief else None,
                save_checkpoint_steps=steps_per_epoch, save_checkpoint_secs=None,
                save_summaries_steps=None, save_summaries_secs=None,
                stop_grace_period_secs=STOP_GRACE_SECS) as session:
            metrics = _train(session, run_epoch, config, models, steps_per_epoch, release,
                             barrier, log)
        with tf.Session(server.target, config=session_config) as session:
            session.run(done)
    return metrics


def _train(session, run_epoch, config, models, steps_per_epoch, release, barrier, log):
    """The worker's epochs until the global step reaches the target, after ``barrier()``; the
    chief then releases blocked workers and evaluates."""
    m, mvalid, mtest = models
    target = config.max_max_epoch * steps_per_epoch
    tally = {"steps": 0, "global_step": int(session.run(tf.train.get_global_step()))}
    log(f"Worker {TASK_INDEX.value}: global step {tally['global_step']} of {target}.")
    barrier()
    metrics = {"train_perplexity": []}
    while tally["global_step"] < target:
        epoch = tally["global_step"] // steps_per_epoch
        lr_decay = config.lr_decay ** max(epoch + 1 - config.max_epoch, 0.0)
        m.assign_lr(session, config.learning_rate * lr_decay)
        log("Epoch: %d Learning rate: %.3f" % (epoch + 1, config.learning_rate * lr_decay))
        metrics["train_perplexity"].append(run_epoch(
            session, m, eval_op=m.train_op, verbose=True, log=log, until_step=target,
            tally=tally))
        log("Epoch: %d Train Perplexity: %.3f" % (epoch + 1, metrics["train_perplexity"][-1]))
    if release is not None:
        session.run(release)
    if TASK_INDEX.value == 0:
        metrics["valid_perplexity"] = run_epoch(session, mvalid)
        log("Valid Perplexity: %.3f" % metrics["valid_perplexity"])
        metrics["test_perplexity"] = run_epoch(session, mtest)
        log("Test Perplexity: %.3f" % metrics["test_perplexity"])
    metrics["global_step"] = int(session.run(tf.train.get_global_step()))
    metrics["worker_steps"] = tally["steps"]
    log(f"Worker {TASK_INDEX.value}: done after {tally['steps']} training steps; global step "
        f"{metrics['global_step']}.")
    return metrics
