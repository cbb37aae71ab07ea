"""Moving averages the TF2 way: ``tf.train.ExponentialMovingAverage`` in a ``tf.function`` step,
restored for evaluation through an object-based ``tf.train.Checkpoint``.

Replaces ``reference/ema.py``. ``ema.apply`` creates each shadow variable from the variable's
value when it first runs: inside a ``tf.function`` that is when the step is traced, before its
first update, as TF1's initializer did; eagerly after the update before it, so the notes' loop
written eagerly averages from 2 (``eager_printed``); an eager variable holds its value from
creation, so there is no initializer order to get wrong. In a ``tf.function`` the optimizer step,
``ema.apply`` and the reads run in the order written (automatic control dependencies): the
official usage's race has no TF2 form, and a read placed before or after the step gives one
of its two values every time. An object-based checkpoint restores the shadow's value into
the variable by the attribute it was saved under, where TF1 mapped the shadow's name
(``variables_to_restore``, which eagerly lists only what ``ema.apply`` put in the collection
below, not the non-trainable ``step``).

Eagerly the shadows are named, and listed in ``MOVING_AVERAGE_VARIABLES``, in the process-wide
default graph: a second average of a variable called ``var0`` is
``var0/ExponentialMovingAverage_1``. Each counterpart starts with ``keras.utils.clear_session()``
(which resets that graph), so it observes what a fresh process would.
"""
import os
import tempfile

import keras
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.catalogue.observed import plain
from reference.native.registry import counterpart

RACE_RUNS = 200  # as reference/ema.py's


@counterpart(["ema_values"], "tf.train.ExponentialMovingAverage(0.9).apply in a tf.function "
             "after w.assign_add; the same loop eagerly")
def ema_in_a_function_step(tf1):
    keras.utils.clear_session()
    w = tf.Variable(1.0, name="w")
    ema = tf.train.ExponentialMovingAverage(0.9)

    @tf.function
    def step():
        w.assign_add(1.0)
        ema.apply([w])
        return ema.average(w).read_value()

    printed = [step().numpy() for _ in range(3)]
    eager_w, eager_ema = tf.Variable(1.0, name="w"), tf.train.ExponentialMovingAverage(0.9)
    eager_printed = []
    for _ in range(3):
        eager_w.assign_add(1.0)
        eager_ema.apply([eager_w])  # the first call creates the shadow from w = 2
        eager_printed.append(eager_ema.average(eager_w).numpy())
    unapplied = tf.train.ExponentialMovingAverage(0.9)  # average before apply: no shadow yet
    return {"printed": printed, "eager_printed": eager_printed, "shadow": ema.average(w).name,
            "shadow_trainable": ema.average(w).trainable,
            "average_of_list": error_of(ema.average, [w]),
            "average_before_apply": {"average": unapplied.average(tf.Variable(1.0, name="w"))}}


@counterpart(["ema_official_usage_race"], "tf.function step: tf.GradientTape, "
             "keras.optimizers.SGD(1.0).apply_gradients, then ema.apply, in the order written")
def ema_step_in_order(tf1):
    keras.utils.clear_session()
    var0 = tf.Variable(0.0, name="var0")
    opt, ema = keras.optimizers.SGD(1.0), tf.train.ExponentialMovingAverage(decay=0.5)
    ema.apply([var0])  # creates the shadow from var0 = 0 (and leaves it at 0)

    @tf.function
    def training_step():
        read_before = ema.average(var0).read_value()
        with tf.GradientTape() as tape:
            loss = -var0
        gradient = tape.gradient(loss, var0)
        opt.apply_gradients([(gradient, var0)])
        ema.apply([var0])
        return {"loss": loss, "gradient": gradient, "read_before": read_before,
                "average": ema.average(var0).read_value()}

    def reset():
        var0.assign(0.0)
        ema.average(var0).assign(0.0)

    counts = {}
    for _ in range(RACE_RUNS):
        reset()
        value = repr(plain(training_step()["average"].numpy()))
        counts[value] = counts.get(value, 0) + 1
    reset()
    first = training_step()
    got = {"in_order_counts": counts, "read_before_step": first["read_before"].numpy(),
           "separate_runs": [var0.numpy(), ema.average(var0).numpy()],
           "average_name": ema.average_name(var0)}
    reset()
    steps = {"loss": [], "gradient": [], "after": []}
    for _ in range(3):
        out = training_step()
        steps["loss"].append(out["loss"].numpy())
        steps["gradient"].append(out["gradient"].numpy())
        steps["after"].append([var0.numpy(), ema.average(var0).numpy()])
    return dict(got, three_steps=steps)


@counterpart(["restore_shadow_values"], "ema.apply eagerly; tf.train.Checkpoint(var0=…, "
             "var0_average=ema.average(var0)).save, then Checkpoint(var0_average=fresh).restore")
def restore_average_with_checkpoint(tf1):
    keras.utils.clear_session()
    var0 = tf.Variable(10.0, name="var0")
    step = tf.Variable(0, name="step", trainable=False)
    ema = tf.train.ExponentialMovingAverage(decay=0.75)
    ema.apply([var0])  # creates the shadow from 10; averaging 10 with 10 leaves it there
    var0.assign(20.0)
    ema.apply([var0])
    with tempfile.TemporaryDirectory() as directory:
        path = tf.train.Checkpoint(var0=var0, var0_average=ema.average(var0), step=step).save(
            os.path.join(directory, "ckpt"))
        keys = sorted(name for name, _ in tf.train.list_variables(path))
        fresh = tf.Variable(0.0, name="var0")
        tf.train.Checkpoint(var0_average=fresh).restore(path).expect_partial()
    return {"saved_var_and_average": [var0.numpy(), ema.average(var0).numpy()],
            "average_name": ema.average_name(var0),
            "variables_to_restore": {k: v.name for k, v in ema.variables_to_restore().items()},
            "variables_to_restore_of_both": {k: v.name for k, v in ema.variables_to_restore(
                [var0, step]).items()}, "checkpoint_keys": keys,
            "restored_into_var0": fresh.numpy(), "second_average": _second_average("var0")}


def _second_average(name):
    """The name of another average of another variable called ``name``."""
    variable, other = tf.Variable(0.0, name=name), tf.train.ExponentialMovingAverage(0.5)
    other.apply([variable])
    return other.average(variable).name


@counterpart(["ema_shadow_initialized_first"], "eager tf.Variable (initialized when created), "
             "then ema.apply: the shadow is created from the variable's value at that moment")
def shadow_created_from_the_value(tf1):
    keras.utils.clear_session()
    var0 = tf.Variable(10.0, name="var0")  # no initializer to run, before or after
    ema = tf.train.ExponentialMovingAverage(decay=0.75)
    ema.apply([var0])
    shadow_first = ema.average(var0).numpy()
    var0.assign(10.0)  # what running var0's initializer again did
    updated, later = tf.Variable(10.0, name="updated"), tf.train.ExponentialMovingAverage(0.75)
    updated.assign(20.0)
    later.apply([updated])
    return {"shadow_first": shadow_first, "after_var0": ema.average(var0).numpy(),
            "created_after_an_update": later.average(updated).numpy()}
