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
accumulating in float32 inside, and its result is cast back as ``tf.cast``'s gradient is. A
kernel split by rows (``tf.split(kernel, [depth, units])``: ``layerwise_lstm``'s input and
recurrent weights) gets each part's gradient so, the two concatenated as the split's gradient is.
"""
from reference.tf1 import tf

from reference.training import transposed_weights


def _consumers(tensor):
    return [op for op in tensor.consumers() if not transposed_weights.is_transposed_copy(op)]


def _parts(variable):
    """``(parts, cast_dtype)``: what the model multiplies by: the variable's read (or its one
    consumer, a cast), or the outputs of the one row-wise split it feeds (a kernel split into
    the input's and the hidden state's rows, ``layerwise_lstm``)."""
    read, cast_dtype = variable.value(), None
    ops = _consumers(read)
    if len(ops) == 1 and ops[0].type == "Cast":
        read, cast_dtype = ops[0].outputs[0], ops[0].outputs[0].dtype
        ops = _consumers(read)
    if (len(ops) == 1 and ops[0].type == "SplitV"
            and tf.get_static_value(ops[0].inputs[2]) == 0):
        return list(ops[0].outputs), cast_dtype
    return [read], cast_dtype


def _matmul_uses(tensor):
    """The MatMul ops taking ``tensor`` as their untransposed right operand, or None when it
    has any other consumer (but the copies ``transposed_weights`` makes)."""
    uses = []
    for op in _consumers(tensor):
        if (op.type != "MatMul" or op.inputs[1] is not tensor or op.inputs[0] is tensor
                or op.get_attr("transpose_a") or op.get_attr("transpose_b")):
            return None
        uses.append(op)
    return uses


def _one_matmul(uses, grads):
    """The sum of the uses' weight gradients, ``x_u^T @ dy_u``, as one matmul (None when no
    use reaches the cost)."""
    pairs = [(op.inputs[0], dy) for op, dy in zip(uses, grads) if dy is not None]
    if not pairs:
        return None
    return tf.matmul(tf.concat([x for x, _ in pairs], 0), tf.concat([dy for _, dy in pairs], 0),
                     transpose_a=True)


def gradients(cost, variables):
    """What ``tf.gradients(cost, variables)`` returns, each shared matmul weight's entry made
    as one matmul (see the module docstring); None for a variable ``cost`` does not reach."""
    plans, asked = [], []  # per variable: None (tf.gradients' own) or its parts' uses
    for variable in variables:
        parts, cast_dtype = _parts(variable)
        uses = [_matmul_uses(part) for part in parts]
        if not any(u and len(u) > 1 for u in uses):
            plans.append(None)
            asked.append(variable)
            continue
        plan = []
        for part, part_uses in zip(parts, uses):
            if part_uses and len(part_uses) > 1:  # the uses' outputs, for one matmul
                plan.append((part, part_uses))
                asked += [op.outputs[0] for op in part_uses]
            else:  # a part used once (or otherwise): its own gradient
                plan.append((part, None))
                asked.append(part)
        plans.append((plan, cast_dtype))
    grads = iter(tf.gradients(cost, asked))
    result = []
    for variable, plan in zip(variables, plans):
        if plan is None:
            result.append(next(grads))
            continue
        parts, cast_dtype = plan
        with tf.name_scope("batched_gradient"):
            pieces = [next(grads) if uses is None else
                      _one_matmul(uses, [next(grads) for _ in uses]) for _, uses in parts]
            if all(p is None for p in pieces):
                result.append(None)
                continue
            pieces = [tf.zeros_like(part) if p is None else p
                      for (part, _), p in zip(parts, pieces)]
            grad = pieces[0] if len(pieces) == 1 else tf.concat(pieces, 0)
            if cast_dtype is not None:
                grad = tf.cast(grad, variable.dtype.base_dtype)
        result.append(grad)
    return result
