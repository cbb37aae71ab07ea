"""control_dependencies: the intended use and the notes' two cases where it does not work.

Reproduces: note 003 "tf.control_dependencies()设计是用来控制计算流图的" (identity after a
train op gives the updated weight) and "下面说明两种control_dependencies 不 work 的情况":
(1) ``ema.average(update)`` under the context returns the existing shadow variable, not a new
op, so nothing waits for ``ema_op``; an ``identity`` fixes it; (2) a ``tf.Variable`` made
inside the context drops the dependencies (``ops.control_dependencies(None)`` in its
constructor).
"""
from reference.tf1 import tf

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import outcome


@demo('003 "tf.control_dependencies()设计是用来控制计算流图的"',
      ["identity(weight) under control_dependencies([train_op]) gives the weight after each "
       "update: 0.5, 0.25, 0.125 for w=1, loss=w*w, learning rate 0.25",
       "the notes' Optimizer().minize is a typo for minimize",
       "and tf.train.Optimizer() itself, the abstract base, cannot be built without use_locking "
       "and name: TypeError"])
def identity_after_update():
    with fresh_session() as session:
        weight = tf.Variable(1.0, name="weight")
        opt = tf.train.GradientDescentOptimizer(0.25).minimize(weight * weight)
        with tf.control_dependencies([opt]):
            updated_weight = tf.identity(weight)
        session.run(tf.global_variables_initializer())
        return {"updated": [session.run(updated_weight) for _ in range(3)],
                "minize": error_of(lambda: tf.train.GradientDescentOptimizer(0.1).minize),
                "optimizer_base": error_of(tf.train.Optimizer)}


def _ema_of_update():
    w = tf.Variable(1.0, name="w")
    ema = tf.train.ExponentialMovingAverage(0.9)
    update = tf.assign_add(w, 1.0)
    return ema, update, ema.apply([update])


@demo('003 control_dependencies 不 work 的情况 1 (ema.average under the context)',
      ["ema.average(update) inside control_dependencies([ema_op]) is the shadow variable "
       "itself, so running it never runs ema_op: it stays 0.0 (a tensor's shadow starts at 0)",
       "wrapping it in tf.identity makes the dependency real: the shadow moves every run",
       "a tensor's shadow starts at 0 (zero_debias is off by default): 0.2, 0.48, 0.832 for "
       "updates 2, 3, 4"])
def dependency_on_existing_tensor_is_ignored():
    got = {}
    with fresh_session() as session:
        ema, update, ema_op = _ema_of_update()
        with tf.control_dependencies([ema_op]):
            ema_val = ema.average(update)
        session.run(tf.global_variables_initializer())
        got["average_is_variable"] = ema_val.op.type
        got["broken"] = [session.run([ema_val]) for _ in range(3)]
    with fresh_session() as session:
        ema, update, ema_op = _ema_of_update()
        with tf.control_dependencies([ema_op]):
            ema_val = tf.identity(ema.average(update))
        session.run(tf.global_variables_initializer())
        got["fixed"] = [session.run([ema_val]) for _ in range(3)]
    return got


@demo('003 control_dependencies 不 work 的情况 2 (a Variable made inside the context)',
      ["w1 = tf.Variable(2.0) made inside control_dependencies([update]) gets an initializer "
       "and a value with no control inputs: Variable clears the dependencies "
       "(ops.control_dependencies(None) in its constructor)",
       "so reading w1 never runs update, while an identity made in the same block does",
       "the notes' own program (w1 = tf.Variable(2.0) and ema_val = ema.average(update) inside "
       "control_dependencies([ema_op])): three runs of [ema_val, w1] print [0.0, 2.0], and w "
       "stays 1.0: neither read runs ema_op, so update never runs"])
def variable_inside_dependencies_drops_them():
    with fresh_session() as session:
        w = tf.Variable(1.0, name="w")
        update = tf.assign_add(w, 1.0)
        outside = tf.constant(5.0, name="outside")
        with tf.control_dependencies([update]):
            w1 = tf.Variable(2.0, name="w1")
            inside = tf.identity(outside, name="inside")
        session.run(tf.global_variables_initializer())
        reads = [session.run(w1) for _ in range(3)]
        w_after_reads = session.run(w)
        session.run(inside)
        return {"w1_initializer_control_inputs": [op.name for op in
                                                  w1.initializer.control_inputs],
                "identity_control_inputs": [op.name for op in inside.op.control_inputs],
                "w1_reads": reads, "w_after_reading_w1": w_after_reads,
                "w_after_running_identity": session.run(w),
                "notes_program": outcome(_notes_case_2)}


def _notes_case_2():
    """The notes' case-2 program as written: [ema_val, w1] printed three times, then w."""
    with fresh_session() as session:
        ema, update, ema_op = _ema_of_update()
        with tf.control_dependencies([ema_op]):
            w1 = tf.Variable(2.0)
            ema_val = ema.average(update)
        session.run(tf.global_variables_initializer())
        printed = [session.run([ema_val, w1]) for _ in range(3)]
        return {"printed": printed, "w": session.run("w:0")}
