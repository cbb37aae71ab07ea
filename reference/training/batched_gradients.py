"""``tf.gradients(cost, variables)`` with a shared weight's gradient as one matmul over its uses.

Serves: note 003 "PTBModel" (``grads, _ = tf.clip_by_global_norm(tf.gradients(cost, tvars),
max_grad_norm)`` over a hand-unrolled ``BasicLSTMCell`` loop).

An unrolled RNN multiplies by the same kernel ``W`` at every time step: ``y_t = x_t @ W``.
``tf.gradients`` differentiates each use on its own and sums: ``num_steps`` matmuls
``x_t^T @ dy_t`` of ``[input, batch] x [batch, output]`` (``batch`` deep, too shallow to run
fast) whose ``[input, output]`` results an ``AddN`` then reads back, per layer. The sum is one
matmul: ``concat_t(x_t)^T @ concat_t(dy_t)``, ``num_steps * batch`` deep, no partial results.
``gradients`` asks ``tf.gradients`` for the ``dy_t`` (the gradients of the uses' outputs) in
place of the kernel's gradient, so the per-step weight gradients are never built, and makes that
one matmul. Other variables, and any kernel with a use that is not such a matmul (or used once),
get ``tf.gradients``'s own result. The forward graph is untouched; the gradient is the same sum,
in another order (equal to float rounding). A variable read through a ``tf.cast`` (bfloat16
compute on float32 master weights) is handled the same way: the matmul runs in the compute dtype,
accumulating in float32 inside, and its result is cast back as ``tf.cast``'s gradient is.
"""
from reference.tf1 import tf


def _matmul_uses(variable):
    """``(uses, cast_dtype)``: the MatMul ops taking ``variable`` (or its one consumer, a cast)
    as their untransposed right operand, or ``(None, None)`` when it has any other consumer."""
    read = variable.value()
    uses, cast_dtype = [], None
    consumers = read.consumers()
    if len(consumers) == 1 and consumers[0].type == "Cast":
        read, cast_dtype = consumers[0].outputs[0], consumers[0].outputs[0].dtype
        consumers = read.consumers()
    for op in consumers:
        if (op.type != "MatMul" or op.inputs[1] is not read or op.inputs[0] is read
                or op.get_attr("transpose_a") or op.get_attr("transpose_b")):
            return None, None
        uses.append(op)
    return uses, cast_dtype


def gradients(cost, variables):
    """What ``tf.gradients(cost, variables)`` returns, each shared matmul weight's entry made
    as one matmul (see the module docstring); None for a variable ``cost`` does not reach."""
    batched = {}
    for index, variable in enumerate(variables):
        uses, cast_dtype = _matmul_uses(variable)
        if uses and len(uses) > 1:
            batched[index] = (uses, cast_dtype)
    others = [v for i, v in enumerate(variables) if i not in batched]
    outputs = [op.outputs[0] for uses, _ in batched.values() for op in uses]
    grads = tf.gradients(cost, others + outputs)
    plain, use_grads = iter(grads[:len(others)]), iter(grads[len(others):])
    result = []
    for index in range(len(variables)):
        if index not in batched:
            result.append(next(plain))
            continue
        uses, cast_dtype = batched[index]
        pairs = [(op.inputs[0], next(use_grads)) for op in uses]
        pairs = [(x, dy) for x, dy in pairs if dy is not None]  # uses cost does not reach
        if not pairs:
            result.append(None)
            continue
        with tf.name_scope("batched_gradient"):
            grad = tf.matmul(tf.concat([x for x, _ in pairs], 0),
                             tf.concat([dy for _, dy in pairs], 0), transpose_a=True)
            if cast_dtype is not None:
                grad = tf.cast(grad, variables[index].dtype.base_dtype)
        result.append(grad)
    return result
