"""``sequence_loss_by_example``, re-created: ``tf.contrib.legacy_seq2seq`` is gone.

Reproduces: note 003 "PTBModel" (``tf.contrib.legacy_seq2seq.sequence_loss_by_example``
turns the logits into the per-example loss whose sum over the batch, divided by
batch_size, is the model's cost). Same arguments and arithmetic as the removed API.
"""
from reference.tf1 import tf


def sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True,
                             softmax_loss_function=None, name=None):
    """Weighted cross-entropy of a sequence of logits, one value per example.

    Replaces ``tf.contrib.legacy_seq2seq.sequence_loss_by_example`` (TF 1.x).

    Args:
      logits: list of 2-D float tensors ``[batch, num_classes]``, one per time step.
      targets: list of 1-D int tensors ``[batch]``, same length as ``logits``.
      weights: list of 1-D float tensors ``[batch]``, same length as ``logits``.
      average_across_timesteps: divide each example's sum by its total weight
        (plus 1e-12, as the original does).
      softmax_loss_function: ``f(labels=..., logits=...)`` used instead of sparse
        softmax cross-entropy.
      name: name scope (default ``sequence_loss_by_example``).

    Returns:
      1-D float tensor ``[batch]``: the log-perplexity of each example.

    Raises:
      ValueError: the three lists differ in length.
    """
    if len(targets) != len(logits) or len(weights) != len(logits):
        raise ValueError(f"lengths of logits, weights and targets must match: "
                         f"{len(logits)} {len(weights)} {len(targets)}")
    with tf.name_scope(name, "sequence_loss_by_example", logits + targets + weights):
        log_perp_list = []
        for logit, target, weight in zip(logits, targets, weights):
            if softmax_loss_function is None:
                crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(
                    labels=target, logits=logit)
            else:
                crossent = softmax_loss_function(labels=target, logits=logit)
            log_perp_list.append(crossent * weight)
        log_perps = tf.add_n(log_perp_list)
        if average_across_timesteps:
            total_size = tf.add_n(weights) + 1e-12
            log_perps /= total_size
    return log_perps


def logsumexp_cross_entropy(labels, logits):
    """``sparse_softmax_cross_entropy_with_logits`` as ``logsumexp(logits) - logits[label]``.

    The same loss and gradient, ``softmax(logits) - onehot(label)``, to float rounding; for
    ``sequence_loss_by_example``'s ``softmax_loss_function``. The forward pass keeps the
    shifted exponentials of its logsumexp, and the gradient (``tf.custom_gradient``) scales
    them by ``dy / sum`` and subtracts ``dy`` at each label in place: two passes over the
    ``[batch, classes]`` logits backward, where automatic differentiation of the same forward
    made five and a dense scatter; the fused sparse-softmax kernel runs single-threaded
    (BUILD_NOTES.md compares the three). Labels must be in range (the fused kernel's range check
    is not repeated).
    """
    logits = tf.convert_to_tensor(logits)
    labels = tf.convert_to_tensor(labels)

    @tf.custom_gradient
    def cross_entropy(logits):
        top = tf.reduce_max(logits, axis=1, keepdims=True)
        exps = tf.exp(logits - top)
        sums = tf.reduce_sum(exps, axis=1)
        picked = tf.gather(logits, labels, axis=1, batch_dims=1)

        def grad(dy):
            rows = tf.range(tf.shape(labels, out_type=labels.dtype)[0], dtype=labels.dtype)
            return tf.tensor_scatter_nd_sub(exps * tf.expand_dims(dy / sums, 1),
                                            tf.stack([rows, labels], axis=1), dy)
        return tf.squeeze(top, 1) + tf.math.log(sums) - picked, grad
    return cross_entropy(logits)
