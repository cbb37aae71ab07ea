"""Gradients: tf.gradients, grad_ys, stop_gradient, higher order, compute/clip/apply.

Reproduces: note 003's gradient sections (``tf.gradients`` of the notes' int32 matmul, which
has no gradient now, and of its float twin, giving [[2., 1.]]; of [z1, z2] with grad_ys
giving [2,2,3] [2,2,3] [5,4,7] [3,2,4]; ``tf.stop_gradient`` in a training step and in
e = c + d; "高阶导数"; compute_gradients / "Process the gradients as you wish" /
apply_gradients) and note 000 "修剪梯度避免梯度消失和暴增" (clip_by_global_norm's formula, and
``clip_by_global_norm(tf.gradients(loss, train_vars), 5.0)`` feeding "更新参数值"'s
``AdamOptimizer(lr)``).
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import outcome
from reference.catalogue.registry import three_steps

LR = 0.001  # note 004's lr for its tf.train.AdamOptimizer(lr); note 000 gives none


def _notes_matmul_gradients(session, dtype):
    """The notes' w1 = [[1, 2]], w2 = [[3, 4]], res = matmul(w1, [[2], [1]]) (int32 as written,
    or ``dtype``) with the lines the notes lost: grads = tf.gradients(res, xs) and
    re = sess.run(grads), for the "#wrong" xs [w1, w2] and the "# right" xs [w1]."""
    w1 = tf.Variable([[1, 2]], dtype=dtype, name="w1")
    w2 = tf.Variable([[3, 4]], dtype=dtype, name="w2")
    res = tf.matmul(w1, tf.constant([[2], [1]], dtype=dtype))
    session.run(tf.global_variables_initializer())
    got = {}
    for label, xs in (("wrong", [w1, w2]), ("right", [w1])):
        grads = tf.gradients(res, xs)
        got[f"{label}_is_none"] = [g is None for g in grads]
        got[label] = outcome(session.run, grads)
    got["zero"] = session.run(tf.gradients(res, [w1], unconnected_gradients="zero"))
    return got


@demo('003 tf.gradients "#wrong" / "# right" (w1 = tf.Variable([[1,2]]), res = tf.matmul(w1, '
      '[[2],[1]]), "#  [array([[2, 1]],dtype=int32)]")',
      ["an int32 res has no gradient now: tf.gradients(res, [w1]) is [None], so the notes' "
       "right example fails to fetch like the wrong one: TypeError 'Argument `fetch` = None "
       "has invalid type'", "the notes' printed [[2, 1]] int32 gradient is gone: "
       "unconnected_gradients='zero' gives [[0, 0]], an integer path counting as unconnected",
       "in float32 the right example prints [[2., 1.]]; the wrong one ([w1, w2]) still fails "
       "to fetch: w2's gradient is None"])
def gradients_of_int32_are_none():
    with fresh_session() as session:
        int32 = _notes_matmul_gradients(session, tf.int32)
    with fresh_session() as session:
        float32 = _notes_matmul_gradients(session, tf.float32)
    return {"int32": int32, "float32": float32}


@demo('003 tf.gradients example (w1..w4, z1 = w1 + w2 + w3, z2 = w3 + w4, grad_ys)',
      ["gradients([z1, z2], [w1, w2, w3, w4], grad_ys) sums each path weighted by grad_ys: "
       "[2,2,3] [2,2,3] [5,4,7] [3,2,4]",
       "the gradient of an unconnected tensor is None",
       "unconnected_gradients='zero' gives zeros instead"])
def gradients_with_grad_ys():
    with fresh_session() as session:
        w1, w2, w3, w4 = (tf.get_variable(f"w{i}", shape=[3]) for i in range(1, 5))
        z1, z2 = w1 + w2 + w3, w3 + w4
        grads = tf.gradients([z1, z2], [w1, w2, w3, w4],
                             grad_ys=[tf.convert_to_tensor([2., 2., 3.]),
                                      tf.convert_to_tensor([3., 2., 4.])])
        session.run(tf.global_variables_initializer())
        return {"grads": session.run(grads),
                "unconnected": [g is None for g in tf.gradients(z2, [w1, w4])],
                "zero": session.run(tf.gradients(z2, [w1], unconnected_gradients="zero"))}


@demo('003 tf.stop_gradient examples (a_stoped, c_stoped)',
      ["b = stop_gradient(w1 * 3) * w2 has no gradient for w1 (None) and 6.0 for w2",
       "minimize still runs and only w2 moves: [2.0, 1.4] after one step of rate 0.1",
       "e = stop_gradient(c) + d with c = d = a + b: the gradients are [1.0, 1.0]",
       "minimize with no gradient at all is a ValueError"])
def stop_gradient_blocks_one_path():
    got = {}
    with fresh_session() as session:
        w1, w2 = tf.Variable(2.0, name="w1"), tf.Variable(2.0, name="w2")
        a = tf.multiply(w1, 3.0)
        b = tf.multiply(tf.stop_gradient(a), w2)
        got["grad_is_none"] = [g is None for g in tf.gradients(b, [w1, w2])]
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(b)
        session.run(tf.global_variables_initializer())
        grad_w2 = tf.gradients(b, [w2])
        got["grad_w2"] = session.run(grad_w2)
        got["train_op_returns"] = session.run(train_op)
        got["after_step"] = session.run([w1, w2])
        got["all_stopped"] = error_of(tf.train.GradientDescentOptimizer(0.1).minimize,
                                      tf.stop_gradient(a))
        got["three_steps"] = three_steps(session, train_op, {"b": b, "grad_w2": grad_w2[0]},
                                         [w1, w2])
    with fresh_session() as session:
        a, b = tf.Variable(1.0), tf.Variable(1.0)
        c, d = tf.add(a, b), tf.add(a, b)
        e = tf.add(tf.stop_gradient(c), d)
        session.run(tf.global_variables_initializer())
        got["e_grads"] = session.run(tf.gradients(e, [a, b]))
    return got


@demo('003 "高阶导数"',
      ["the second derivative of a**2 at a = 1 is 2.0 (first is 2.0)",
       "a gradient that no longer depends on the input differentiates to None (the notes' "
       "tf.add case): the first gradient of tf.add(a, a) is the constant 2.0",
       "tf.add has higher-order gradients: tf.add(a * a, a) at a = 1 gives 3.0 (2a + 1), then "
       "2.0, so the None comes from the constant first gradient, not from tf.add"])
def higher_order_gradients():
    with fresh_session() as session:
        a = tf.constant(1.)
        b = tf.pow(a, 2)
        first = tf.gradients(b, a)[0]
        second = tf.gradients(first, a)[0]
        add_first = tf.gradients(tf.add(a, a), a)[0]
        square_first = tf.gradients(tf.add(a * a, a), a)[0]
        return {"first_second": session.run([first, second]),
                "add_first": session.run(add_first),
                "add_second_is_none": tf.gradients(add_first, a)[0] is None,
                "add_of_square_first_second": session.run(
                    [square_first, tf.gradients(square_first, a)[0]])}


@demo('003 compute_gradients / "Process the gradients" / apply_gradients; 000 "更新参数值"',
      ["compute_gradients returns (gradient, variable) pairs for the trainable variables, "
       "None for an unused one", "the processed gradients go to apply_gradients: w moves by "
       "rate times the clipped gradient", "tf.trainable_variables() lists what was created",
       "note 000's optimizer.apply_grandient is a typo for apply_gradients"])
def compute_clip_apply():
    with fresh_session() as session:
        w = tf.Variable(3.0, name="w")
        tf.Variable(1.0, name="unused")
        loss = tf.square(w)
        opt = tf.train.GradientDescentOptimizer(0.5)
        grads_and_vars = opt.compute_gradients(loss)
        capped = [(tf.clip_by_value(g, -1.0, 1.0), v) for g, v in grads_and_vars if g is not None]
        train_op = opt.apply_gradients(capped)
        session.run(tf.global_variables_initializer())
        raw = session.run(grads_and_vars[0][0])
        session.run(train_op)
        w_after = session.run(w)
        return {"pairs": [(g is not None, v.op.name) for g, v in grads_and_vars],
                "raw_gradient": raw, "w_after": w_after,
                "trainable": [v.op.name for v in tf.trainable_variables()],
                "apply_grandient": error_of(lambda: opt.apply_grandient),
                "three_steps": three_steps(session, train_op, {
                    "loss": loss, "raw_gradient": grads_and_vars[0][0],
                    "clipped": capped[0][0]}, w)}


@demo('000 "修剪梯度避免梯度消失和暴增" (clip_by_global_norm)',
      ["global_norm = sqrt(sum of every element squared): 13 for [3, 4] and [12]",
       "each tensor becomes t * clip_norm / max(global_norm, clip_norm)",
       "below the clip norm nothing changes"])
def clip_by_global_norm_formula():
    with fresh_session() as session:
        t_list = [tf.constant([3.0, 4.0]), tf.constant([12.0])]
        clipped, norm = tf.clip_by_global_norm(t_list, 5.0)
        unclipped, _ = tf.clip_by_global_norm(t_list, 20.0)
        got = session.run({"clipped": clipped, "norm": norm, "unclipped": unclipped})
    got["by_formula"] = [np.array(t) * 5.0 / max(13.0, 5.0) for t in ([3.0, 4.0], [12.0])]
    return got


def _adam_steps(clip_norm):
    """The notes' ``clip_by_global_norm(tf.gradients(loss, train_vars), clip_norm)`` (none when
    ``clip_norm`` is None) and ``AdamOptimizer(lr).apply_gradients(zip(grads, train_vars))``
    on w = [3, 4], b = [12] with loss (|w|^2 + |b|^2) / 2, whose gradients are w and b (global
    norm 13, as in ``clip_by_global_norm_formula``): one step, then three from the start."""
    with fresh_session() as session:
        train_vars = [tf.Variable([3.0, 4.0], name="w"), tf.Variable([12.0], name="b")]
        loss = tf.add_n([tf.reduce_sum(tf.square(v)) for v in train_vars]) / 2
        grads = tf.gradients(loss, train_vars)
        if clip_norm is not None:
            grads, _ = tf.clip_by_global_norm(grads, clip_norm)
        optimizer = tf.train.AdamOptimizer(LR)
        update = optimizer.apply_gradients(zip(grads, train_vars))
        session.run(tf.global_variables_initializer())
        got = {"grads": session.run(grads), "update_returns": session.run(update),
               "after_step": session.run(train_vars),
               "variables": [v.op.name for v in tf.global_variables()],
               "slots_and_powers": {v.op.name: session.run(v) for v in tf.global_variables()
                                    if v not in train_vars}}
        got["three_steps"] = three_steps(session, update, {"loss": loss, "grads": grads},
                                         train_vars)
        got["apply_grandient"] = error_of(lambda: optimizer.apply_grandient)
    return got


@demo('000 "修剪梯度避免梯度消失和暴增" / "更新参数值" (grads, norm = tf.clip_by_global_norm('
      'tf.gradients(self.loss, self.trainable_vars), 5.0); tf.train.AdamOptimizer(lr))',
      ["clip_by_global_norm(tf.gradients(loss, train_vars), 5.0) scales the gradients [3, 4] "
       "and [12] (global norm 13) by 5 / 13", "AdamOptimizer(lr).apply_gradients(zip(grads, "
       "train_vars)) moves each element by lr * g / (|g| + epsilon / sqrt(1 - beta2)) on its "
       "first step: about lr = 0.001 whatever the gradient's size, [3, 4] -> [2.999, 3.999]",
       "so clipping does not change Adam's steps here: the clipped and unclipped gradients "
       "give the same float32 weights for three steps", "Adam adds the slots <var>/Adam "
       "(m = (1 - beta1) g) and <var>/Adam_1 (v = (1 - beta2) g^2) and beta1_power, "
       "beta2_power (0.9 * 0.9 and 0.999 * 0.999 after one step)",
       "note 000's optimizer.apply_grandient is an AttributeError on AdamOptimizer too"])
def clipped_adam_step():
    return {"clipped": _adam_steps(5.0), "unclipped": _adam_steps(None)}
