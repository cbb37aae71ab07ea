"""Control dependencies the TF2 way: a tf.function runs its stateful ops in the order written.

Replaces ``reference/control_deps.py``. Automatic control dependencies order every read and
write of a variable in a ``tf.function`` as written, and run every stateful op in it, so a read
after the train step is the updated weight without ``tf.control_dependencies``, and the notes'
two cases where the context did nothing do not arise: reading the moving average after
``ema.apply`` sees the update with or without an ``identity`` (or the context at all), and a
variable read after an update in the same function waits for it. ``tf.control_dependencies``
remains for ops with no state; eagerly it does nothing (each op has run when written).
"""
import keras
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart


@counterpart(["identity_after_update"], "tf.GradientTape and Variable.assign_sub in a "
             "tf.function; a read written after the update runs after it")
def read_after_update(tf1):
    weight = tf.Variable(1.0, name="weight")

    @tf.function
    def train_step():
        before = weight.read_value()
        with tf.GradientTape() as tape:
            loss = weight * weight
        weight.assign_sub(0.25 * tape.gradient(loss, weight))  # plain SGD, learning rate 0.25
        return before, weight.read_value()

    steps = [[t.numpy() for t in train_step()] for _ in range(3)]
    return {"updated": [after for _, after in steps],
            "read_before_and_after": steps,
            "minize": error_of(lambda: keras.optimizers.SGD(0.25).minize),
            "optimizer_base": error_of(keras.optimizers.Optimizer)}


def _ema_of_update(form):
    """The notes' ema of ``update = assign_add(w, 1)`` in a tf.function, read in ``form``."""
    # update holds assign_add's value: ema.apply takes no tensors when eager execution is on;
    # its shadow starts at update's initial value, 0.0, as a tensor's did in TF1
    w, update = tf.Variable(1.0, name="w"), tf.Variable(0.0, name="update")
    ema = tf.train.ExponentialMovingAverage(0.9)
    seen = {}

    @tf.function
    def step():
        update.assign(w.assign_add(1.0))
        ema_op = ema.apply([update])
        if form == "in_order":  # no control_dependencies at all
            return ema.average(update).read_value()
        with tf.control_dependencies([ema_op]):
            average = ema.average(update)
            seen.update(is_variable=isinstance(average, tf.Variable), name=average.name)
            return tf.identity(average) if form == "identity" else average.read_value()

    return [[step().numpy()] for _ in range(3)], seen


@counterpart(["dependency_on_existing_tensor_is_ignored"], "tf.train.ExponentialMovingAverage "
             "in a tf.function: the average read after ema.apply, with or without identity")
def ema_read_in_order(tf1):
    broken, seen = _ema_of_update("average")
    return {"broken": broken, "fixed": _ema_of_update("identity")[0],
            "in_order": _ema_of_update("in_order")[0], "average": seen,
            "apply_to_a_tensor": error_of(tf.train.ExponentialMovingAverage(0.9).apply,
                                          [tf.constant(2.0)])}


@counterpart(["variable_inside_dependencies_drops_them"], "tf.Variable created eagerly; a "
             "tf.function that updates w and then reads w1 runs the update on every call")
def update_runs_before_the_read(tf1):
    w, w1 = tf.Variable(1.0, name="w"), tf.Variable(2.0, name="w1")

    @tf.function
    def read_w1():
        w.assign_add(1.0)  # the update, returned by nothing: it runs, before the read
        return w1.read_value()

    @tf.function
    def inside():
        w.assign_add(1.0)
        return tf.identity(tf.constant(5.0, name="outside"), name="inside")

    reads = [read_w1().numpy() for _ in range(3)]
    w_after_reads = w.numpy()
    inside()
    return {"w1_reads": reads, "w_after_reading_w1": w_after_reads,
            "w_after_running_identity": w.numpy(), "notes_program": _notes_case_2()}


def _notes_case_2():
    """The notes' case-2 program in a tf.function: update, ema.apply, then the average and w1
    read under control_dependencies([ema_op]) (w1 made eagerly: no variable in a function)."""
    w, update, w1 = (tf.Variable(v, name=n) for v, n in [(1.0, "w"), (0.0, "update"), (2.0, "w1")])
    ema = tf.train.ExponentialMovingAverage(0.9)

    @tf.function
    def step():
        update.assign(w.assign_add(1.0))
        ema_op = ema.apply([update])
        with tf.control_dependencies([ema_op]):
            return [ema.average(update).read_value(), w1.read_value()]

    printed = [[t.numpy() for t in step()] for _ in range(3)]
    return {"printed": printed, "w": w.numpy()}
