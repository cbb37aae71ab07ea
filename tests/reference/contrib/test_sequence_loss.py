"""sequence_loss_by_example, re-created: the removed API's arithmetic, and its fast loss."""
from reference.tf1 import tf

import numpy as np

from reference.contrib import sequence_loss


def test_sequence_loss_by_example_matches_the_formula(session):
    logits = tf.constant([[0.0, np.log(3.0)], [np.log(4.0), 0.0]])
    loss = sequence_loss.sequence_loss_by_example(
        [logits, logits], [tf.constant([1, 1]), tf.constant([0, 0])],
        [tf.constant([1.0, 1.0]), tf.constant([1.0, 0.0])])
    # example 0: (-ln 3/4 - ln 1/4) / 2; example 1: (-ln 1/5 * 1 + -ln 4/5 * 0) / 1
    np.testing.assert_allclose(session.run(loss), [(np.log(4 / 3) + np.log(4)) / 2, np.log(5)],
                               rtol=1e-6)
    assert loss.op.name == "sequence_loss_by_example/truediv"


def test_logsumexp_cross_entropy_equals_the_sparse_softmax_loss(session):
    logits = tf.constant([[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]])
    labels = tf.constant([2, 1])
    ours, library = session.run([
        sequence_loss.logsumexp_cross_entropy(labels=labels, logits=logits),
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)])
    np.testing.assert_allclose(ours, library, rtol=1e-6)
    rows = np.array([[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]])  # log(sum(exp(row))) - row[label]
    np.testing.assert_allclose(ours, np.log(np.exp(rows).sum(1)) - rows[[0, 1], [2, 1]],
                               rtol=1e-6)
