"""Learning-rate decay: exponential_decay, staircase, and the notes' racy fetch.

Reproduces: note 003 "learning rate decay" (``decayed_learning_rate = learning_rate *
decay_rate ^ (global_step / decay_steps)``; the 0.1 / 100 / 0.96 staircase example; the loop
fetching ``[add_global, learning_rate]``; the ``minimize(..., global_step=global_step)``
example, whose ``opt.minimise`` and ``print(rate)`` are typos).
"""
from reference.tf1 import tf

from reference.catalogue.registry import count_outcomes
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import plain

RACE_RUNS = 200


@demo('003 "tf.train.exponential_decay(learning_rate, global_step,decay_steps, decay_rate, '
      'staircase=False, name=None)"',
      ["the rate is 0.1 * 0.9 ** (global_step / 10): 0.1 at 0, 0.09 at 10, 0.0948683 at 5",
       "staircase=True floors global_step / decay_steps: 0.1 up to step 99, 0.096 from 100, "
       "0.09216 from 200"])
def exponential_decay_values():
    with fresh_session() as session:
        step = tf.placeholder(tf.int64, [])
        smooth = tf.train.exponential_decay(0.1, step, decay_steps=10, decay_rate=0.9)
        stairs = tf.train.exponential_decay(0.1, step, 100, 0.96, staircase=True)
        return {"smooth": [session.run(smooth, {step: s}) for s in (0, 5, 10, 20)],
                "staircase": [session.run(stairs, {step: s}) for s in (0, 99, 100, 199, 200)]}


@demo('003 learning-rate loop "_, rate = sess.run([add_global, learning_rate])"',
      ["fetching [add_global, learning_rate] in one run races: the rate is computed from the "
       "step before or after the increment", "fix: compute the rate under "
       "control_dependencies([add_global]), or fetch it in its own run",
       "minimize(loss, global_step=global_step) increments the step once per run",
       "the notes' opt.minimise is an AttributeError"], volatile=("raced_counts",))
def decay_fetch_race_and_fix():
    with fresh_session() as session:
        global_step = tf.Variable(0, trainable=False, name="global_step")
        add_global = tf.assign_add(global_step, 10)
        learning_rate = tf.train.exponential_decay(0.1, global_step, 10, 0.9)
        with tf.control_dependencies([add_global]):
            after = tf.train.exponential_decay(0.1, tf.identity(global_step), 10, 0.9)
        resets = [global_step.initializer]
        counts = count_outcomes(session, resets, [add_global, learning_rate], RACE_RUNS)
        fixed = count_outcomes(session, resets, [add_global, after], RACE_RUNS)
        session.run(global_step.initializer)
        rate_at_0 = session.run(learning_rate)
        session.run(add_global)
        allowed = {repr(plain([10, rate_at_0])), repr(plain([10, session.run(learning_rate)]))}
    with fresh_session() as session:
        w = tf.Variable(1.0)
        step = tf.Variable(0, trainable=False)
        rate = tf.train.exponential_decay(0.1, step, decay_steps=10, decay_rate=0.9)
        opt = tf.train.GradientDescentOptimizer(rate)
        loss = tf.square(w)
        train_op = opt.minimize(loss, global_step=step)
        before = {"loss": loss, "gradient": tf.gradients(loss, w)[0], "learning_rate": rate}
        session.run(tf.global_variables_initializer())
        three_steps = {key: [] for key in [*before, "w"]}  # for the TF2 counterpart
        for _ in range(3):
            for key, value in session.run(before).items():
                three_steps[key].append(value)
            session.run(train_op)
            three_steps["w"].append(session.run(w))
        steps = session.run(step)
    return {"raced_counts": counts,
            "raced_values_allowed": set(counts) <= allowed,
            "fixed": fixed, "global_step_after_3": steps,
            "minimise": error_of(lambda: opt.minimise), "three_steps": three_steps}
