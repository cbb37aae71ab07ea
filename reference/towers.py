"""In-graph towers: one model copy per device, gradients averaged, applied once.

Reproduces: note 003's multi-GPU section -- ``multi_gpu_model(num_gpus)``: for each ``i``,
``tf.device("/gpu:%d" % i)`` and ``tf.name_scope("tower_%d" % i)``, a model whose loss,
prediction and merged summary go to the collections ``"loss"``, ``"predict"`` and
``"merge_summary"`` (and the model itself to ``"train_model"``), its gradients by
``tf.gradients``; then on ``cpu:0`` ``average_gradients`` (the note's second version, a
``reduce_mean`` over each variable's tower gradients) and one ``apply_gradients``.

Towers share the variables: the first tower creates them, the others reuse them (the note
leaves this to the model's ``variable_scope``). Without GPUs the towers go to CPU devices
``/cpu:0 .. /cpu:N-1``, which exist when the session's ``ConfigProto(device_count={"CPU": N})``
asks for them (logical-device configuration does not reach TF1 sessions).
"""
from reference.tf1 import tf
from reference.tf1 import tf2

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import missing

COLLECTIONS = ("train_model", "loss", "predict", "merge_summary")


def average_gradients(grads):
    """The note's ``average_gradients``: ``grads`` is one list per tower, each with one
    gradient per variable; returns the per-variable means (sparse gradients made dense)."""
    return [tf.reduce_mean(tf.stack([tf.convert_to_tensor(g) for g in per_var]), 0)
            for per_var in zip(*grads)]


def tower_devices(num_towers):
    """``/gpu:i`` when the machine has that many GPUs, else ``/cpu:i``."""
    kind = "gpu" if len(tf2.config.list_physical_devices("GPU")) >= num_towers else "cpu"
    return [f"/{kind}:{i}" for i in range(num_towers)]


def cpu_towers_config(num_towers, config=None):
    """``config`` (a new ``ConfigProto`` by default) with ``num_towers`` CPU devices."""
    config = config or tf.ConfigProto()
    config.device_count["CPU"] = num_towers
    return config


def multi_tower_train_op(optimizer, build_tower, num_towers, devices=None, global_step=None,
                         var_list=None, process_gradients=None):
    """Builds ``num_towers`` towers and the op that applies their averaged gradients.

    Args:
      optimizer: a ``tf.train.Optimizer``.
      build_tower: ``i -> dict`` with at least ``loss`` (and optionally ``predict``,
        ``merge_summary``); called under the tower's device, name scope and variable reuse.
      num_towers: how many copies.
      devices: one device string per tower (default ``tower_devices``).
      global_step: incremented by the train op.
      var_list: the variables to train (default: the trainable ones the towers' loss uses).
      process_gradients: ``list -> list`` applied to the averaged gradients before they are
        applied (e.g. clipping by global norm).

    Returns:
      ``(train_op, towers)``: the op, and the dicts ``build_tower`` returned.
    """
    devices = devices or tower_devices(num_towers)
    grads, towers = [], []
    for i, device in enumerate(devices[:num_towers]):
        with tf.device(device), tf.name_scope(f"tower_{i}"), tf.variable_scope(
                tf.get_variable_scope(), reuse=i > 0, auxiliary_name_scope=False):
            tower = build_tower(i)
            variables = var_list or tf.trainable_variables()
            grads.append(tf.gradients(tower["loss"], variables))
        tf.add_to_collection("train_model", tower)
        for key in ("loss", "predict", "merge_summary"):
            if key in tower:
                tf.add_to_collection(key, tower[key])
        towers.append(tower)
    used = [i for i, g in enumerate(grads[0]) if g is not None]
    grads = [[tower_grads[i] for i in used] for tower_grads in grads]
    with tf.device("/cpu:0"):
        averaged = average_gradients(grads)
        if process_gradients:
            averaged = process_gradients(averaged)
        train_op = optimizer.apply_gradients(
            zip(averaged, [variables[i] for i in used]), global_step=global_step)
    return train_op, towers


def _regression_tower(x, y):
    w = tf.get_variable("w", [3, 1], initializer=tf.constant_initializer([[0.5], [-1.0], [2.0]]))
    predict = tf.matmul(x, w, name="predict")
    loss = tf.reduce_mean(tf.square(predict - y), name="loss")
    return {"loss": loss, "predict": predict,
            "merge_summary": tf.summary.merge([tf.summary.scalar("loss", loss)])}


@demo('003 multi-GPU "multi_gpu_model(num_gpus)" and "average_gradients(grads)"',
      ["the averaged gradient of 2 towers on two half-batches equals the single-device "
       "gradient on the whole batch (mean-reduced losses, equal halves)",
       "each tower's loss, predict and merge_summary are found in the note's collections, "
       "under name scopes tower_0 and tower_1",
       "the towers share one variable; without GPUs they run on /cpu:0 and /cpu:1 of a "
       "session configured with device_count={'CPU': 2}",
       "one apply_gradients moves the shared weights by the averaged gradient"])
def towers_average_gradients():
    data = np.arange(24, dtype=np.float32).reshape(8, 3) / 10
    target = data.sum(1, keepdims=True)
    with fresh_session(config=cpu_towers_config(2)) as session:
        x, y = tf.constant(data), tf.constant(target)
        with tf.variable_scope("single"):
            single = _regression_tower(x, y)
            (single_grad,) = tf.gradients(single["loss"], tf.trainable_variables("single"))
        with tf.variable_scope("model"):
            opt = tf.train.GradientDescentOptimizer(0.1)
            train_op, towers = multi_tower_train_op(
                opt, lambda i: _regression_tower(x[4 * i:4 * i + 4], y[4 * i:4 * i + 4]), 2,
                devices=["/cpu:0", "/cpu:1"])
        variables = tf.trainable_variables("model")
        tower_grads = [tf.gradients(t["loss"], variables)[0] for t in towers]
        session.run(tf.global_variables_initializer())
        before, expected, per_tower = session.run([variables[0], single_grad, tower_grads])
        after_steps = []
        for _ in range(3):  # a read in the step's own run could see w before or after it
            session.run(train_op)
            after_steps.append(session.run(variables[0]))
        after = after_steps[0]
        return {"variables": [v.op.name for v in variables],
                "collections": {key: [getattr(t, "name", None) or type(t).__name__
                                      for t in tf.get_collection(key)] for key in COLLECTIONS},
                "tower_devices": [t["loss"].device for t in towers],
                "step": before - after, "full_batch_gradient": expected,
                # for the TF2 counterpart: each tower's gradient, w after steps 1, 2 and 3
                "tower_gradients": per_tower, "weights_after_steps": after_steps}


def _notes_average_first(grads):
    """The note's first ``average_gradients`` with its two typos mended (``expand_dims``,
    ``concat``): each tower's gradient given a leading axis, concatenated, averaged."""
    return [tf.reduce_mean(tf.concat([tf.expand_dims(g, 0) for g in per_var], 0), 0)
            for per_var in zip(*grads)]


def _notes_average_second(grads):
    """The note's second version, as written: ``reduce_mean`` of the tuple of tower gradients
    (packed into one tensor)."""
    return [tf.reduce_mean(per_var, 0) for per_var in zip(*grads)]


@demo('003 multi-GPU: the two "def average_gradients(grads)" listings; '
      '"with tf.device("cpu:0")"; "opt.apply_gradients(zip(average_gradients, '
      'tf.trainable_variables()))"',
      ["the first listing's tf.expanded_dim and tf.concat_v2 do not exist (AttributeError); "
       "mended (expand_dims, concat) it gives the same means as the second listing, whose "
       "reduce_mean packs the tuple of tower gradients",
       "tf.device('cpu:0'), without the leading slash, places the ops on /device:CPU:0",
       "apply_gradients(zip(average_gradients, ...)) zips the function, not its result "
       "averaged_gradients: TypeError"])
def average_gradients_listings():
    grads = [[[1.0, 2.0], 3.0], [[3.0, 6.0], 5.0]]  # two towers, two variables
    with fresh_session() as session:
        tensors = [[tf.constant(g) for g in tower] for tower in grads]
        with tf.device("cpu:0"):
            first, second = _notes_average_first(tensors), _notes_average_second(tensors)
        got = session.run({"first": first, "second": second})
        got["devices"] = sorted({t.device for t in first + second})
        variables = [tf.Variable([0.0, 0.0]), tf.Variable(0.0)]
        opt = tf.train.GradientDescentOptimizer(0.1)
        got["zip_the_function"] = error_of(
            lambda: opt.apply_gradients(zip(_notes_average_second, variables)))
    got["removed"] = missing(tf, "expanded_dim", "concat_v2")
    return got
