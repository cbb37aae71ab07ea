"""ExponentialMovingAverage: values, average_name, variables_to_restore, shadow evaluation.

Reproduces: note 003 "# ExponentialMovingAverage" (``mv_t = decay * mv_{t-1} + (1 - decay) *
a_t``; the 1.1, 1.29, 1.561 example with ``ema.apply`` under ``control_dependencies``; shadow
variables created with ``trainable=False``), the "official usage" block with
``tf.group(maintain_averages_op)`` and "使用 ExponentialMovingAveraged parameters"
(``average_name``, ``variables_to_restore``, restoring shadow values into the variables).
"""
import os
import tempfile

from reference.tf1 import tf

from reference.catalogue.registry import count_outcomes
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import outcome
from reference.catalogue.registry import three_steps

RACE_RUNS = 200


@demo('003 "tensorflow中的ExponentialMovingAverage" (w = 1, assign_add 1, decay 0.9)',
      ["three runs of ema_op print 1.1, 1.29, 1.561 (the series 2, 3, 4 averaged from 1)",
       "the shadow variable is named w/ExponentialMovingAverage and is not trainable",
       "ema.average takes one variable, not a list",
       "ema.apply and ema.average cannot swap order (这句和下面那句不能调换顺序): before apply, "
       "average(w) is None, and running it is a TypeError"])
def ema_values():
    with fresh_session() as session:
        w = tf.Variable(1.0, name="w")
        ema = tf.train.ExponentialMovingAverage(0.9)
        update = tf.assign_add(w, 1.0)
        with tf.control_dependencies([update]):
            ema_op = ema.apply([w])
        ema_val = ema.average(w)
        session.run(tf.global_variables_initializer())
        printed = []
        for _ in range(3):
            session.run(ema_op)
            printed.append(session.run(ema_val))
        return {"printed": printed, "shadow": ema_val.op.name,
                "trainable": [v.op.name for v in tf.trainable_variables()],
                "moving_average_variables": [v.op.name for v in tf.moving_average_variables()],
                "average_of_list": error_of(ema.average, [w]),
                "average_before_apply": _average_before_apply()}


def _average_before_apply():
    """The notes' two lines swapped: ema.average(w) first, then ema.apply([w])."""
    with fresh_session() as session:
        w = tf.Variable(1.0, name="w")
        ema = tf.train.ExponentialMovingAverage(0.9)
        ema_val = ema.average(w)
        ema.apply([w])
        session.run(tf.global_variables_initializer())
        return {"average": ema_val, "run": error_of(session.run, ema_val)}


def _official_usage(apply_after_step):
    """The notes' block; with ``apply_after_step`` ema.apply moves inside the dependencies."""
    var0 = tf.Variable(0.0, name="var0")
    loss = -var0
    opt_op = tf.train.GradientDescentOptimizer(1.0).minimize(loss)  # var0 += 1 per step
    ema = tf.train.ExponentialMovingAverage(decay=0.5)
    if not apply_after_step:
        maintain_averages_op = ema.apply([var0])
    with tf.control_dependencies([opt_op]):
        if apply_after_step:
            maintain_averages_op = ema.apply([var0])
        training_op = tf.group(maintain_averages_op)
        get_var0_average_op = ema.average(var0)
    with tf.control_dependencies([training_op]):
        after = tf.identity(get_var0_average_op)
    resets = [var0.initializer, get_var0_average_op.initializer]  # in this order: no race
    return var0, ema, training_op, get_var0_average_op, after, resets, loss



@demo('003 ExponentialMovingAverage "official usage" (training_op = tf.group(...))',
      ["get_var0_average_op = ema.average(var0) inside the block is the shadow variable: "
       "fetching [training_op, it] reads it before or after the update (race)",
       "ema.apply made before the block does not wait for opt_op either: identity under "
       "control_dependencies([training_op]) still gives 0.0 or 0.5",
       "deterministic: ema.apply inside control_dependencies([opt_op]) and the average read "
       "through identity after training_op: always 0.5 after one step of var0 from 0 to 1"],
      volatile=("raced_counts", "maintain_race_counts"))
def ema_official_usage_race():
    allowed = {"[None, 0.0]", "[None, 0.5]"}
    with fresh_session() as session:
        var0, ema, training_op, average, after, resets, _ = _official_usage(False)
        raced = count_outcomes(session, resets, [training_op, average], RACE_RUNS)
        maintain_raced = count_outcomes(session, resets, [training_op, after], RACE_RUNS)
        name = ema.average_name(var0)
    with fresh_session() as session:
        var0, ema, training_op, average, after, resets, loss = _official_usage(True)
        fixed = count_outcomes(session, resets, [training_op, after], RACE_RUNS)
        for reset in resets:
            session.run(reset)
        session.run(training_op)
        separate = session.run([var0, average])
        steps = three_steps(session, training_op,
                            {"loss": loss, "gradient": tf.gradients(loss, var0)[0]},
                            [var0, average], resets)
    return {"raced_counts": raced, "raced_values_allowed": set(raced) <= allowed,
            "maintain_race_counts": maintain_raced,
            "maintain_race_values_allowed": set(maintain_raced) <= allowed,
            "fixed": fixed, "separate_runs": separate, "average_name": name,
            "three_steps": steps}


@demo('003 "使用 ExponentialMovingAveraged parameters"',
      ["average_name(var0) is 'var0/ExponentialMovingAverage'",
       "variables_to_restore() maps shadow names to the variables (and plain names for the rest)",
       "Saver({average_name: var}) restores the shadow value into the variable, for evaluation"])
def restore_shadow_values():
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "model.ckpt")
        with fresh_session() as session:
            var0 = tf.Variable(10.0, name="var0")
            tf.Variable(0, name="step", trainable=False)
            ema = tf.train.ExponentialMovingAverage(decay=0.75)
            maintain = ema.apply([var0])
            session.run(tf.global_variables_initializer())
            session.run(tf.assign(var0, 20.0))
            session.run(maintain)
            saved = session.run([var0, ema.average(var0)])
            tf.train.Saver().save(session, path)
            to_restore = {k: v.op.name for k, v in ema.variables_to_restore().items()}
            name = ema.average_name(var0)
        with fresh_session() as session:
            var0 = tf.Variable(0.0, name="var0")
            tf.train.Saver({name: var0}).restore(session, path)
            restored = session.run(var0)
    return {"saved_var_and_average": saved, "average_name": name,
            "variables_to_restore": to_restore, "restored_into_var0": restored}


@demo('003 ExponentialMovingAverage: the shadow variable\'s initializer',
      ["ema.apply([var0]) initializes the shadow from var0.initialized_value(): run before "
       "var0's own initializer it still gives var0's initial value 10.0 (a cond that does not "
       "read the uninitialized variable)", "run again after var0's initializer: 10.0"])
def ema_shadow_initialized_first():
    with fresh_session() as session:
        var0 = tf.Variable(10.0, name="var0")
        ema = tf.train.ExponentialMovingAverage(decay=0.75)
        ema.apply([var0])
        shadow = ema.average(var0)

        def initialize_shadow():
            session.run(shadow.initializer)
            return session.run(shadow)

        first = outcome(initialize_shadow)
        session.run(var0.initializer)
        return {"shadow_first": first, "after_var0": initialize_shadow()}
