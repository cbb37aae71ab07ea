"""The PTB loss alone: the step time that no matmul speed-up can remove.

``experiments.ptb``'s loss (``reference/contrib/sequence_loss.logsumexp_cross_entropy``) reads the
``[T * B, vocabulary]`` logits a few times forward and backward (a max, one exponential per
logit, a sum, the gradient's scaling and its scatter at the labels). None of that is matmul
work, and TensorFlow has no CPU kernel that fuses it into the softmax matmul, so a training
step takes at least its matmuls at the roof's speed plus this. ``loss_ms`` times the same ops,
forward and backward, on float32 logits of the model's shape with nothing else running; the
ceiling it gives (``ceiling_share``) is the most of the roof the model can reach.
"""
import time

from reference.tf1 import tf

import numpy as np

from reference.contrib import sequence_loss


def loss_step(rows, vocab, seed=0):
    """The loss's forward and backward on a ``[rows, vocab]`` variable of logits, in the
    default graph: ``(initializer, step)``, where ``step`` is the first element of the
    logits' gradient (something must be fetched: grappler prunes work that is only grouped
    by control edges)."""
    rng = np.random.default_rng(seed)
    logits = tf.Variable(rng.standard_normal((rows, vocab)).astype(np.float32))
    labels = tf.constant(rng.integers(0, vocab, rows).astype(np.int32))
    loss = sequence_loss.logsumexp_cross_entropy(labels=labels, logits=logits)
    gradient, = tf.gradients(tf.reduce_sum(loss), [logits])
    return tf.global_variables_initializer(), gradient[0, 0]


def loss_ms(rows, vocab, trials=15):
    """Best milliseconds of ``loss_step`` over ``trials`` runs after 3 warm-up runs."""
    with tf.Graph().as_default():
        init, step = loss_step(rows, vocab)
        with tf.Session() as session:
            session.run(init)
            run = session.make_callable(step)
            for _ in range(3):
                run()
            best = float("inf")
            for _ in range(trials):
                start = time.perf_counter()
                run()
                best = min(best, time.perf_counter() - start)
    return 1000.0 * best


def ceiling_share(flops_per_step, roof_gflops, loss_milliseconds):
    """The share of the roof a step reaches if its matmuls run at the roof's speed and
    nothing but the loss runs beside them: ``matmul time / (matmul time + loss time)``."""
    matmul_ms = flops_per_step / roof_gflops / 1e6
    return matmul_ms / (matmul_ms + loss_milliseconds)
