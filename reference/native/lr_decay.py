"""Learning-rate decay the TF2 way: a Keras 3 ``LearningRateSchedule`` called on the step, and
given to the optimizer, which counts its own steps.

Replaces ``reference/lr_decay.py``. ``tf.train.exponential_decay`` becomes
``keras.optimizers.schedules.ExponentialDecay`` (same arguments and arithmetic); the
``global_step`` variable becomes the optimizer's ``iterations``, which ``apply_gradients``
increments, and ``optimizer.learning_rate`` is the schedule at that step. The notes' racy fetch
of ``[add_global, learning_rate]`` has no TF2 form: in a ``tf.function`` the increment and the
rate run in the order written, so the rate is always the one after the increment (the TF1
fix's value).
"""
import keras
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.catalogue.observed import plain
from reference.native.registry import counterpart

RACE_RUNS = 200  # as reference/lr_decay.py's


@counterpart(["exponential_decay_values"], "keras.optimizers.schedules.ExponentialDecay("
             "0.1, 10, 0.9) and (0.1, 100, 0.96, staircase=True) called on the step")
def exponential_decay_schedule(tf1):
    smooth = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.9)
    stairs = keras.optimizers.schedules.ExponentialDecay(0.1, 100, 0.96, staircase=True)
    return {"smooth": [smooth(tf.constant(s, tf.int64)).numpy() for s in (0, 5, 10, 20)],
            "staircase": [stairs(tf.constant(s, tf.int64)).numpy()
                          for s in (0, 99, 100, 199, 200)]}


@counterpart(["decay_fetch_race_and_fix"], "a tf.function incrementing the step, then the "
             "schedule of it; keras.optimizers.SGD(learning_rate=ExponentialDecay(…)) with "
             "tf.GradientTape, its iterations for global_step")
def schedule_in_order_and_in_the_optimizer(tf1):
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9)
    global_step = tf.Variable(0, dtype=tf.int64, trainable=False, name="global_step")

    @tf.function
    def add_global_then_rate():
        global_step.assign_add(10)
        return [global_step.read_value(), schedule(global_step)]

    fixed = {}
    for _ in range(RACE_RUNS):
        global_step.assign(0)
        value = repr(plain([t.numpy() for t in add_global_then_rate()]))
        fixed[value] = fixed.get(value, 0) + 1
    w = tf.Variable(1.0)
    opt = keras.optimizers.SGD(learning_rate=schedule)
    three_steps = {"loss": [], "gradient": [], "learning_rate": [], "w": []}
    for _ in range(3):
        with tf.GradientTape() as tape:
            loss = tf.square(w)
        gradient = tape.gradient(loss, w)
        three_steps["learning_rate"].append(opt.learning_rate.numpy())  # at iterations
        opt.apply_gradients([(gradient, w)])
        three_steps["loss"].append(loss.numpy())
        three_steps["gradient"].append(gradient.numpy())
        three_steps["w"].append(w.numpy())
    return {"fixed": fixed, "global_step_after_3": opt.iterations.numpy(),
            "minimise": error_of(lambda: opt.minimise), "three_steps": three_steps}
