"""``tf.contrib.layers``' regularizers, re-created: ``l1_regularizer``, ``l2_regularizer``,
``sum_regularizer`` and ``apply_regularization``.

Replaces ``tf.contrib.layers.*`` of the same names (gone with contrib), with their arithmetic:
l1 is ``scale * sum(|w|)`` (tf_keras ``L1``), l2 is ``scale * sum(w**2) / 2``
(``tf.nn.l2_loss``; tf_keras ``L2(scale)`` has no 1/2, so it is ``L2(scale / 2)``).
"""
from reference.tf1 import tf


def l1_regularizer(scale):
    """Replaces ``tf.contrib.layers.l1_regularizer``: ``w -> scale * sum(|w|)``."""
    return tf.keras.regularizers.L1(scale)


def l2_regularizer(scale):
    """Replaces ``tf.contrib.layers.l2_regularizer``: ``w -> scale * sum(w**2) / 2``."""
    return tf.keras.regularizers.L2(scale / 2.0)


def sum_regularizer(regularizer_list):
    """Replaces ``tf.contrib.layers.sum_regularizer``: the sum of the given penalties."""
    def regularize(weights):
        return tf.add_n([regularizer(weights) for regularizer in regularizer_list])
    return regularize


def apply_regularization(regularizer, weights_list=None):
    """Replaces ``tf.contrib.layers.apply_regularization``.

    Sums ``regularizer(w)`` over ``weights_list`` (default: the ``GraphKeys.WEIGHTS``
    collection), adds the sum to ``GraphKeys.REGULARIZATION_LOSSES`` and returns it.

    Raises:
      ValueError: no weights to regularize.
    """
    weights_list = tf.get_collection(tf.GraphKeys.WEIGHTS) if weights_list is None else weights_list
    if not weights_list:
        raise ValueError("No weights to regularize: weights_list is empty and the "
                         "GraphKeys.WEIGHTS collection too")
    with tf.name_scope("get_regularization_penalty"):
        penalty = tf.add_n([regularizer(w) for w in weights_list])
    tf.add_to_collection(tf.GraphKeys.REGULARIZATION_LOSSES, penalty)
    return penalty
