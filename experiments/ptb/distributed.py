"""PTB by between-graph replication (``reference/training/distributed.py`` has the idioms).

Every task runs the same command line with its own ``--job_name`` and ``--task_index``
(``python -m experiments.tools.launch_local_cluster`` does that on one machine):

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
  ``startup_timeout`` seconds with an error naming what is missing;
* asynchronous by default: each worker applies its own gradients, and each of its batches is
  a global step. ``sync_replicas`` wraps the optimizer in ``SyncReplicasOptimizer``: a
  global step averages one batch's gradient from every worker (stale ones are dropped).

Training ends when the global step reaches ``max_max_epoch`` epochs of global steps: an epoch
is ``epoch_size`` global steps with ``sync_replicas`` (one batch of every worker each) and
``epoch_size * workers`` without, ``epoch_size`` being one worker's batches per pass over its
share. The learning rate follows the epoch of the global step, as in one process.
"""
import dataclasses

from reference.tf1 import tf

from experiments.ptb import training
from reference.training import checkpoints
from reference.training import distributed

# Seconds the chief's session waits at close for its sync-replicas queue runner, which may be
# blocked on gradients no worker will send (TensorFlow's default is 120).
STOP_GRACE_SECS = 2


@dataclasses.dataclass(frozen=True)
class ClusterSettings:
    """This task's place in the cluster: ``job_name`` (ps or worker), ``task_index``, the
    ``host:port`` lists, ``sync_replicas``, and the seconds a task waits for the others."""
    job_name: str
    task_index: int
    ps_hosts: tuple
    worker_hosts: tuple
    sync_replicas: bool = False
    startup_timeout: float = 120.0

    @property
    def is_chief(self):
        return self.job_name == distributed.WORKER and self.task_index == 0

    def cluster_spec(self):
        return distributed.cluster_spec(list(self.ps_hosts), list(self.worker_hosts))


def serve(settings, session_config=None, log=print):
    """The ps task: serves the variables until every worker is done."""
    index, cluster = settings.task_index, settings.cluster_spec()
    server = tf.train.Server(cluster, job_name=distributed.PS, task_index=index,
                             config=distributed.server_config(distributed.PS, index,
                                                              session_config))
    log(f"ps {index}: serving at {settings.ps_hosts[index]}.")
    distributed.serve_until_done(server, cluster, index, log)
    log(f"ps {index}: all {cluster.num_tasks(distributed.WORKER)} workers are done; exiting.")


def _sync_optimizer(num_workers):
    """``learning_rate -> optimizer``: gradient descent averaging one gradient per worker."""
    def make(learning_rate):
        return tf.train.SyncReplicasOptimizer(
            tf.train.GradientDescentOptimizer(learning_rate),
            replicas_to_aggregate=num_workers, total_num_replicas=num_workers)
    return make


def train_worker(settings, config, raw_data, save_path=None, max_steps=None, seed=None,
                 session_config=None, log=print):
    """This worker's part of training; returns its metrics (``train_perplexity`` per epoch it
    ran, ``worker_steps``, ``global_step``, and on the chief ``valid_perplexity`` and
    ``test_perplexity``).

    Raises:
      reference.training.distributed.ClusterTimeout: a ps or the chief did not answer in time.
    """
    index, cluster = settings.task_index, settings.cluster_spec()
    num_workers = cluster.num_tasks(distributed.WORKER)
    config = dataclasses.replace(config, vocab_size=raw_data[3])
    session_config = distributed.server_config(distributed.WORKER, index, session_config)
    server = tf.train.Server(cluster, job_name=distributed.WORKER, task_index=index,
                             config=session_config)
    timeout = settings.startup_timeout
    distributed.wait_for_ports(list(settings.ps_hosts), timeout, what="ps task")
    chief_dir, resumed = (save_path if settings.is_chief else None), None

    def barrier():  # after the global step was read, before the first training step
        if resumed is None:  # a fresh start (a chief restoring a checkpoint joins at once)
            distributed.start_barrier(server.target, cluster, index, timeout, session_config)

    train, valid, test, vocab = raw_data
    share = len(train) // num_workers
    own = (train[index * share:(index + 1) * share], valid, test, vocab)
    make_optimizer = _sync_optimizer(num_workers) if settings.sync_replicas else None
    with tf.Graph().as_default():
        if seed is not None:
            tf.set_random_seed(seed)
        with distributed.replica_device(cluster, index):
            models = training.build_models(config, own, max_steps, make_optimizer=make_optimizer)
            done = distributed.done_signal(cluster, index)
        if chief_dir:
            checkpoints.remove_stale_tempstate(chief_dir, log)
            resumed = checkpoints.newest_restorable(chief_dir, checkpoints.variable_shapes(),
                                                    log)
        hooks, release = [], None
        if settings.sync_replicas:
            hooks.append(models[0].optimizer.make_session_run_hook(settings.is_chief))
            if settings.is_chief:  # tokens that free workers blocked on a step nobody aggregates
                release = models[0].optimizer.get_init_tokens_op(num_workers)
                distributed.quiet_cancelled_runners()
        steps_per_epoch = models[0].input.epoch_size * (
            1 if settings.sync_replicas else num_workers)
        if not settings.is_chief:
            ready = tf.report_uninitialized_variables(tf.global_variables())
            with tf.Session(server.target, config=session_config) as session:
                distributed.wait_for_chief(session, ready, timeout)
        with checkpoints.writes_reported(chief_dir), tf.train.MonitoredTrainingSession(
                master=server.target, is_chief=settings.is_chief, hooks=hooks,
                config=session_config, checkpoint_dir=chief_dir,
                save_checkpoint_steps=steps_per_epoch, save_checkpoint_secs=None,
                save_summaries_steps=None, save_summaries_secs=None,
                stop_grace_period_secs=STOP_GRACE_SECS) as session:
            metrics = _train(session, index, config, models, steps_per_epoch, release, barrier,
                             log)
        with tf.Session(server.target, config=session_config) as session:
            session.run(done)
    return metrics


def _train(session, index, config, models, steps_per_epoch, release, barrier, log):
    """Worker ``index``'s epochs until the global step reaches the target, after
    ``barrier()``; the chief then releases blocked workers and evaluates."""
    m, mvalid, mtest = models
    target = config.max_max_epoch * steps_per_epoch
    global_step, steps = int(session.run(tf.train.get_global_step())), 0
    log(f"Worker {index}: global step {global_step} of {target}.")
    barrier()
    metrics = {"train_perplexity": []}
    while global_step < target:
        epoch = global_step // steps_per_epoch
        training.start_epoch(session, m, config, epoch, log)
        ran = training.run_epoch(session, m, eval_op=m.train_op, log=log, until_step=target)
        metrics["train_perplexity"].append(ran.perplexity)
        steps, global_step = steps + ran.steps, ran.global_step
        log("Epoch: %d Train Perplexity: %.3f" % (epoch + 1, ran.perplexity))
    if release is not None:
        session.run(release)
    if index == 0:
        metrics["valid_perplexity"] = training.run_epoch(session, mvalid).perplexity
        log("Valid Perplexity: %.3f" % metrics["valid_perplexity"])
        metrics["test_perplexity"] = training.run_epoch(session, mtest).perplexity
        log("Test Perplexity: %.3f" % metrics["test_perplexity"])
    metrics["global_step"] = int(session.run(tf.train.get_global_step()))
    metrics["worker_steps"] = steps
    log(f"Worker {index}: done after {steps} training steps; global step "
        f"{metrics['global_step']}.")
    return metrics
