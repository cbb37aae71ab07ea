"""MatMul's input gradient on a weight transposed once, in place of a ``transpose_b`` matmul.

Serves: note 003 "PTBModel" (the unrolled ``BasicLSTMCell`` loop and the softmax, trained by
``tf.gradients``).

The gradient of ``y = x @ W`` with respect to ``x`` is ``dy @ W^T``, which ``tf.gradients`` makes
as ``MatMul(dy, W, transpose_b=True)``. On oneDNN (TensorFlow's CPU matmul) that product runs at
half the speed of the same one on a ``W^T`` laid out in memory when ``dy`` has few rows, as an
RNN's per-step gradient has (BUILD_NOTES.md: 20 x 2,600 by 2,600 x 1,300, medium PTB, 53 against
109 GFLOP/s). Inside ``weight_transposed_once()`` every MatMul made gets the gradient
``_matmul_gradient``: ``dy @ T`` with ``T`` one ``Transpose`` of ``W`` per weight and device,
made at the first gradient that needs it and shared by every later one (an unrolled loop's time
steps), and the weight's gradient as ``tf.gradients`` makes it. The products are the same, in
another summation order (equal to float rounding).

Grappler's arithmetic optimizer folds a ``Transpose`` feeding a MatMul back into
``transpose_b`` (``FoldTransposeIntoMatMul``), which would undo this: it folds only a constant
permutation, so ``T``'s is a ``PlaceholderWithDefault`` (never fed). The forward graph is
untouched; the ops made inside keep a ``_gradient_op_type`` attribute naming this gradient.
"""
import contextlib
import re

from reference.tf1 import tf

GRADIENT = "MatMulOnTransposedWeight"
NAME = re.compile(r"/transposed_for_gradient(_\d+)?$")  # _1, ...: another device's


def is_transposed_copy(op):
    """Whether ``op`` is one of the transposes this module makes (for code that inspects a
    weight's consumers, as ``batched_gradients`` does)."""
    return op.type == "Transpose" and NAME.search(op.name) is not None


def _transposed(weight, device):
    """The weight's transpose on ``device``: the one made already, or a new one."""
    for consumer in weight.consumers():
        if is_transposed_copy(consumer) and consumer.device == device:
            return consumer.outputs[0]
    with tf.device(device), tf.name_scope(None):
        never_fed = tf.raw_ops.PlaceholderWithDefault(
            input=[1, 0], shape=[2], name=f"{weight.op.name}/transpose_permutation")
        transposed = tf.transpose(weight, never_fed,
                                  name=f"{weight.op.name}/transposed_for_gradient")
    transposed.set_shape(weight.shape[::-1])
    return transposed


def _matmul_gradient(op, grad):
    """MatMul's gradients; the input's of an untransposed product on the weight's transpose."""
    x, weight = op.inputs
    transpose_a, transpose_b = op.get_attr("transpose_a"), op.get_attr("transpose_b")
    if transpose_a or transpose_b:  # what tf.gradients makes for these (math_grad.py)
        if not transpose_a:
            return tf.matmul(grad, weight), tf.matmul(grad, x, transpose_a=True)
        if not transpose_b:
            return tf.matmul(weight, grad, transpose_b=True), tf.matmul(x, grad)
        return (tf.matmul(weight, grad, transpose_a=True, transpose_b=True),
                tf.matmul(grad, x, transpose_a=True, transpose_b=True))
    return (tf.matmul(grad, _transposed(weight, op.device)),
            tf.matmul(x, grad, transpose_a=True))


tf.RegisterGradient(GRADIENT)(_matmul_gradient)


@contextlib.contextmanager
def weight_transposed_once():
    """Gives the MatMuls made inside ``_matmul_gradient`` (see the module docstring)."""
    with tf.get_default_graph().gradient_override_map({"MatMul": GRADIENT}):
        yield
