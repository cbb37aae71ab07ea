"""Gradients the TF2 way: ``tf.GradientTape`` for ``tf.gradients``, a Keras 3 optimizer's
``apply_gradients`` for ``minimize`` / ``compute_gradients`` + ``apply_gradients``.

Replaces ``reference/gradients.py``. ``grad_ys`` becomes the tape's ``output_gradients``; an
unconnected source still gets None (or zeros with ``unconnected_gradients``); nested tapes give
second derivatives. There is no ``minimize``/``compute_gradients`` in Keras 3: the tape computes
the gradients, the step processes them in Python and ``apply_gradients`` applies them, which
returns the optimizer's step counter, not an op. ``tf.trainable_variables()`` (a graph
collection) has no TF2 counterpart: a ``tf.Module`` lists what it holds, sorted by attribute
name. ``clip_by_global_norm`` is unchanged, and Keras optimizers also take ``global_clipnorm``.
An integer path has no gradient under a tape either, but its None comes back to Python instead
of failing a fetch. Keras 3's Adam takes the same steps as ``AdamOptimizer`` (with its epsilon,
1e-8; Keras's default is 1e-7); its state is ``<var>_momentum`` and ``<var>_velocity`` beside
the step counter and the learning rate, no beta powers.
"""
import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart


@counterpart(["gradients_with_grad_ys"], "tf.GradientTape.gradient(output_gradients=…, "
             "unconnected_gradients=tf.UnconnectedGradients.ZERO)")
def tape_with_output_gradients(tf1):
    # TF1 drew them with get_variable's initializer; the values do not enter the gradients
    w1, w2, w3, w4 = (tf.Variable(tf.zeros([3]), name=f"w{i}") for i in range(1, 5))
    with tf.GradientTape(persistent=True) as tape:
        z1, z2 = w1 + w2 + w3, w3 + w4
    grads = tape.gradient([z1, z2], [w1, w2, w3, w4],
                          output_gradients=[tf.constant([2., 2., 3.]), tf.constant([3., 2., 4.])])
    return {"grads": [g.numpy() for g in grads],
            "unconnected": [g is None for g in tape.gradient(z2, [w1, w4])],
            "zero": [g.numpy() for g in tape.gradient(
                z2, [w1], unconnected_gradients=tf.UnconnectedGradients.ZERO)]}


def _numpy(tensors):
    """A tensor, or a list of tensors and Nones, as NumPy."""
    return tf.nest.map_structure(lambda t: None if t is None else t.numpy(), tensors)


def _tape_matmul_gradients(dtype):
    """The notes' w1 = [[1, 2]], w2 = [[3, 4]], res = matmul(w1, [[2], [1]]) under a tape:
    its gradients for the "#wrong" xs [w1, w2] and the "# right" xs [w1]."""
    w1 = tf.Variable([[1, 2]], dtype=dtype, name="w1")
    w2 = tf.Variable([[3, 4]], dtype=dtype, name="w2")
    with tf.GradientTape(persistent=True) as tape:
        res = tf.matmul(w1, tf.constant([[2], [1]], dtype=dtype))
    got = {}
    for label, xs in (("wrong", [w1, w2]), ("right", [w1])):
        grads = tape.gradient(res, xs)
        got[f"{label}_is_none"] = [g is None for g in grads]
        got[label] = _numpy(grads)
    got["zero"] = _numpy(tape.gradient(res, [w1],
                                       unconnected_gradients=tf.UnconnectedGradients.ZERO))
    return got


@counterpart(["gradients_of_int32_are_none"], "tf.GradientTape.gradient of the notes' int32 "
             "and float32 matmul; None is returned, there is nothing to fetch")
def tape_of_int32_matmul(tf1):
    return {"int32": _tape_matmul_gradients(tf.int32),
            "float32": _tape_matmul_gradients(tf.float32)}


def _three_steps(step, before, after):
    """``before`` fetched from each of three ``step()`` calls, ``after`` read after each."""
    steps = {key: [] for key in [*before, "after"]}
    for _ in range(3):
        got = step()
        for key in before:
            steps[key].append(_numpy(got[key]))
        steps["after"].append(after())
    return steps


@counterpart(["stop_gradient_blocks_one_path"], "tf.stop_gradient under tf.GradientTape; "
             "keras.optimizers.SGD.apply_gradients of the gradients that are not None")
def stop_gradient_with_a_tape(tf1):
    w1, w2 = tf.Variable(2.0, name="w1"), tf.Variable(2.0, name="w2")
    opt = keras.optimizers.SGD(0.1)

    def step():
        with tf.GradientTape() as tape:
            b = tf.stop_gradient(w1 * 3.0) * w2
        grads = tape.gradient(b, [w1, w2])
        opt.apply_gradients([(g, v) for g, v in zip(grads, [w1, w2]) if g is not None])
        return {"b": b, "grads": grads, "grad_w2": grads[1]}

    first = step()
    with tf.GradientTape() as tape:
        stopped = tf.stop_gradient(w1 * 3.0)
    got = {"grad_is_none": [g is None for g in first["grads"]],
           "grad_w2": [first["grad_w2"].numpy()],
           "train_op_returns": opt.iterations.numpy(),  # apply_gradients returns the counter
           "after_step": [w1.numpy(), w2.numpy()],
           "all_stopped": error_of(keras.optimizers.SGD(0.1).apply_gradients,
                                   list(zip(tape.gradient(stopped, [w1, w2]), [w1, w2])))}
    w1.assign(2.0)  # from the start again, as the TF1 demo's initializer
    w2.assign(2.0)
    got["three_steps"] = _three_steps(step, ["b", "grad_w2"], lambda: [w1.numpy(), w2.numpy()])
    a, b = tf.Variable(1.0), tf.Variable(1.0)
    with tf.GradientTape() as tape:
        c, d = a + b, a + b
        e = tf.stop_gradient(c) + d
    got["e_grads"] = [g.numpy() for g in tape.gradient(e, [a, b])]
    return got


def _first_and_second(func, a):
    with tf.GradientTape() as outer:
        outer.watch(a)
        with tf.GradientTape() as inner:
            inner.watch(a)
            y = func(a)
        first = inner.gradient(y, a)
    return first, outer.gradient(first, a)


@counterpart(["higher_order_gradients"], "nested tf.GradientTape, each watching the constant")
def nested_tapes(tf1):
    a = tf.constant(1.0)
    first, second = _first_and_second(lambda x: tf.pow(x, 2), a)
    add_first, add_second = _first_and_second(lambda x: tf.add(x, x), a)
    square_first, square_second = _first_and_second(lambda x: tf.add(x * x, x), a)
    return {"first_second": [first.numpy(), second.numpy()], "add_first": add_first.numpy(),
            "add_second_is_none": add_second is None,
            "add_of_square_first_second": [square_first.numpy(), square_second.numpy()]}


@counterpart(["compute_clip_apply"], "tf.Module; tf.GradientTape; tf.clip_by_value in Python; "
             "keras.optimizers.SGD.apply_gradients")
def tape_clip_apply(tf1):
    model = tf.Module()
    model.w, model.unused = tf.Variable(3.0, name="w"), tf.Variable(1.0, name="unused")
    variables, opt = [model.w, model.unused], keras.optimizers.SGD(0.5)

    def step():
        with tf.GradientTape() as tape:
            loss = tf.square(model.w)
        raw = tape.gradient(loss, variables)
        capped = [(tf.clip_by_value(g, -1.0, 1.0), v) for g, v in zip(raw, variables)
                  if g is not None]
        opt.apply_gradients(capped)
        return {"loss": loss, "raw": raw, "raw_gradient": raw[0], "clipped": capped[0][0]}

    first = step()
    got = {"pairs": [(g is not None, v.name) for g, v in zip(first["raw"], variables)],
           "raw_gradient": first["raw_gradient"].numpy(), "w_after": model.w.numpy(),
           "module_trainable_variables": [v.name for v in model.trainable_variables],
           "apply_grandient": error_of(lambda: opt.apply_grandient)}
    model.w.assign(3.0)
    got["three_steps"] = _three_steps(step, ["loss", "raw_gradient", "clipped"], model.w.numpy)
    return got


@counterpart(["clip_by_global_norm_formula"], "tf.clip_by_global_norm eagerly; "
             "keras.optimizers.SGD(global_clipnorm=…)")
def clip_by_global_norm_eager(tf1):
    t_list = [tf.constant([3.0, 4.0]), tf.constant([12.0])]
    clipped, norm = tf.clip_by_global_norm(t_list, 5.0)
    unclipped, _ = tf.clip_by_global_norm(t_list, 20.0)
    zeros = [tf.Variable(tf.zeros_like(t)) for t in t_list]
    keras.optimizers.SGD(1.0, global_clipnorm=5.0).apply_gradients(zip(t_list, zeros))
    return {"clipped": [t.numpy() for t in clipped], "norm": norm.numpy(),
            "unclipped": [t.numpy() for t in unclipped],
            "by_formula": [np.array(t) * 5.0 / max(13.0, 5.0) for t in ([3.0, 4.0], [12.0])],
            "keras_global_clipnorm": [-v.numpy() for v in zeros]}  # 0 - 1.0 * clipped


def _adam(clip_norm, **adam):
    """Fresh w = [3, 4], b = [12] and a step of ``keras.optimizers.Adam(0.001, **adam)`` on
    (|w|^2 + |b|^2) / 2, its gradients clipped by ``tf.clip_by_global_norm`` to ``clip_norm``
    (unless None)."""
    train_vars = [tf.Variable([3.0, 4.0], name="w"), tf.Variable([12.0], name="b")]
    opt = keras.optimizers.Adam(0.001, **adam)

    def step():
        with tf.GradientTape() as tape:
            loss = tf.add_n([tf.reduce_sum(tf.square(v)) for v in train_vars]) / 2
        grads = tape.gradient(loss, train_vars)
        if clip_norm is not None:
            grads, _ = tf.clip_by_global_norm(grads, clip_norm)
        opt.apply_gradients(zip(grads, train_vars))
        return {"loss": loss, "grads": grads}

    return train_vars, opt, step


def _adam_observed(clip_norm):
    train_vars, opt, step = _adam(clip_norm, epsilon=1e-8)
    got = {"grads": _numpy(step()["grads"]),
           "update_returns": opt.iterations.numpy(),  # apply_gradients returns the counter
           "after_step": _numpy(train_vars),
           "variables": [v.name for v in opt.variables],
           "slots_and_powers": {v.name: v.numpy() for v in opt.variables},
           "apply_grandient": error_of(lambda: opt.apply_grandient)}
    train_vars, _, step = _adam(clip_norm, epsilon=1e-8)  # from the start again
    got["three_steps"] = _three_steps(step, ["loss", "grads"], lambda: _numpy(train_vars))
    return got


@counterpart(["clipped_adam_step"], "tf.clip_by_global_norm of tf.GradientTape.gradient; "
             "keras.optimizers.Adam(lr, epsilon=1e-8).apply_gradients, or Adam(global_clipnorm=…)")
def keras_adam_of_clipped_gradients(tf1):
    train_vars, _, step = _adam(None, epsilon=1e-8, global_clipnorm=5.0)
    step()
    return {"clipped": _adam_observed(5.0), "unclipped": _adam_observed(None),
            "keras_global_clipnorm_after_step": _numpy(train_vars)}
