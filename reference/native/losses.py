"""Losses the TF2 way: the same ``tf.nn`` cross-entropies eagerly, and Keras 3 loss objects.

Replaces ``reference/losses.py``. ``tf.nn.softmax_cross_entropy_with_logits`` is the v2 op now
(the labels may carry gradients; ``_v2`` is gone), and its positional order is still (labels,
logits), so the notes' positional call still swaps them silently, as does the sigmoid one's.
``keras.losses.*(from_logits=True)`` compute the same per-example values and reduce them
(``reduction="sum"``, or ``None`` to keep one per example). ``nce_loss`` and
``sampled_softmax_loss`` keep their arguments; given the TF1 run's sampled candidates
(``sampled_values``) and weights they give its values. ``tf.contrib.legacy_seq2seq`` has no
TF2 counterpart: ``sequence_loss_by_example`` is the stacked sparse cross-entropy weighted and
summed over time by hand.
"""
import inspect

import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.catalogue.observed import missing
from reference.native.registry import counterpart

LOGITS = np.array([[1.0, 2.0, 3.0]] * 3, np.float32)
ONE_HOT = np.array([[0.0, 0.0, 1.0]] * 3, np.float32)


@counterpart(["softmax_cross_entropy"], "tf.nn.softmax / softmax_cross_entropy_with_logits "
             "eagerly; keras.losses.CategoricalCrossentropy(from_logits=True, reduction='sum')")
def softmax_cross_entropy_eager(tf1):
    y = tf.nn.softmax(LOGITS)
    per_row = tf.nn.softmax_cross_entropy_with_logits(labels=ONE_HOT, logits=LOGITS)
    keras_sum = keras.losses.CategoricalCrossentropy(from_logits=True, reduction="sum")
    return {"softmax": y[0].numpy(), "by_hand": (-tf.reduce_sum(ONE_HOT * tf.math.log(y))).numpy(),
            "one_step": tf.reduce_sum(per_row).numpy(),
            "positional": tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(
                LOGITS, ONE_HOT)).numpy(),
            "v2_per_row": per_row.numpy(), "keras_sum": np.asarray(keras_sum(ONE_HOT, LOGITS)),
            "per_row": per_row.numpy(), "mean": tf.reduce_mean(per_row).numpy(),
            "dim_last": error_of(tf.nn.softmax_cross_entropy_with_logits, labels=ONE_HOT,
                                 logits=LOGITS, dim=-1),  # TF2 names it axis
            "axis_last": tf.nn.softmax_cross_entropy_with_logits(labels=ONE_HOT, logits=LOGITS,
                                                                 axis=-1).numpy(),
            "sparse_same_class": tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=[2, 2, 2], logits=LOGITS).numpy(),
            "signature": str(inspect.signature(tf.nn.softmax_cross_entropy_with_logits))}


@counterpart(["soft_and_sparse_labels"], "tf.nn.softmax_cross_entropy_with_logits / "
             "sparse_softmax_cross_entropy_with_logits; keras.losses."
             "SparseCategoricalCrossentropy(from_logits=True, reduction=None)")
def soft_and_sparse_labels_eager(tf1):
    labels = np.array([[0.2, 0.3, 0.5], [0.1, 0.6, 0.3]], np.float32)
    logits = np.array([[2, 0.5, 1], [0.1, 1, 3]], np.float32)
    scaled = tf.nn.softmax(logits)
    sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 2], logits=logits)
    keras_sparse = keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=None)
    return {"result1": tf.nn.softmax_cross_entropy_with_logits(labels=labels,
                                                               logits=logits).numpy(),
            "result2": (-tf.reduce_sum(labels * tf.math.log(scaled), 1)).numpy(),
            "result3": tf.nn.softmax_cross_entropy_with_logits(labels=labels,
                                                               logits=scaled).numpy(),
            "sparse": sparse.numpy(), "sparse_shape_dtype": [sparse.shape.as_list(),
                                                             sparse.dtype.name],
            "keras_sparse": np.asarray(keras_sparse(np.array([0, 2]), logits)),
            "one_hot_dense": tf.nn.softmax_cross_entropy_with_logits(
                labels=tf.one_hot([0, 2], 3), logits=logits).numpy(),
            "sparse_positional": error_of(tf.nn.sparse_softmax_cross_entropy_with_logits,
                                          logits, [0, 2]),
            "echo_positional": error_of(tf.nn.sparse_softmax_cross_entropy_with_logits,
                                        tf.zeros([5, 2]), tf.zeros([5], tf.int32)),
            "sparse_signature": str(inspect.signature(
                tf.nn.sparse_softmax_cross_entropy_with_logits))}


@counterpart(["softmax_cross_entropy_checks"], "tf.nn.softmax_cross_entropy_with_logits "
             "eagerly: the same checks, the shape one at run time")
def softmax_cross_entropy_checks_eager(tf1):
    not_distribution = np.array([[0.5, 0.5, 0.5]], np.float32)
    return {"shape_mismatch": error_of(tf.nn.softmax_cross_entropy_with_logits,
                                       labels=[[0.0, 1.0]] * 3, logits=LOGITS),
            "int_logits": error_of(tf.nn.softmax_cross_entropy_with_logits,
                                   labels=[[0, 0, 1]] * 3, logits=[[1, 2, 3]] * 3),
            "not_distribution": tf.nn.softmax_cross_entropy_with_logits(
                labels=not_distribution, logits=LOGITS[:1]).numpy(),
            "by_hand": (-tf.reduce_sum(not_distribution * tf.math.log(
                tf.nn.softmax(LOGITS[:1])), 1)).numpy()}


def _notes_cross_entropies(y_actual, y_predict, logits):
    per_example = tf.nn.softmax_cross_entropy_with_logits(labels=y_actual, logits=logits)
    return {"notes_mean": tf.reduce_mean(-tf.reduce_sum(y_actual * tf.math.log(y_predict),
                                                        axis=1)).numpy(),
            "notes_sum": (-tf.reduce_sum(y_actual * tf.math.log(y_predict))).numpy(),
            "v2_mean": tf.reduce_mean(per_example).numpy(),
            "v2_sum": tf.reduce_sum(per_example).numpy()}


@counterpart(["notes_mnist_cross_entropy"], "eager tf.Variable zeros, tf.nn.softmax and the "
             "by-hand forms with axis= (reduction_indices is gone); a TensorSpec for the "
             "placeholder's dtype")
def notes_mnist_cross_entropy_eager(tf1):
    images = np.stack([np.linspace(0.0, 1.0, 784), np.linspace(1.0, 0.0, 784)]).astype(np.float32)
    labels = np.eye(10, dtype=np.float32)[[7, 0]]
    w, b = tf.Variable(tf.zeros([784, 10])), tf.Variable(tf.zeros([10]))
    logits = tf.matmul(images, w) + b
    y_predict = tf.nn.softmax(logits)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y_predict, 1), tf.argmax(labels, 1)),
                                      "float"))
    got = {"y_predict": y_predict.numpy(), "accuracy": accuracy.numpy(),
           **_notes_cross_entropies(labels, y_predict, logits),
           "shapes": [w.shape.as_list(), b.shape.as_list()],
           "float_dtypes": [tf.TensorSpec(None, "float").dtype.name, accuracy.dtype.name],
           "reduction_indices": error_of(tf.reduce_sum, labels, reduction_indices=1)}
    logits = tf.constant([[0.0, 200.0]])
    y_predict = tf.nn.softmax(logits)
    underflow = {"y_predict": y_predict.numpy(), "log_y_predict": tf.math.log(y_predict).numpy(),
                 **_notes_cross_entropies(tf.constant([[0.0, 1.0]]), y_predict, logits)}
    underflow["notes_forms"] = [str(underflow.pop(key)) for key in ("notes_mean", "notes_sum")]
    got["underflow"] = underflow
    return got


@counterpart(["sigmoid_cross_entropy"], "tf.nn.sigmoid_cross_entropy_with_logits(labels=, "
             "logits=) eagerly; keras.losses.BinaryCrossentropy(from_logits=True, "
             "reduction=None)")
def sigmoid_cross_entropy_eager(tf1):
    x = np.array([[1.0, -2.0, 0.0], [3.0, 0.5, -1.0]], np.float32)
    z = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], np.float32)
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x)
    keras_loss = keras.losses.BinaryCrossentropy(from_logits=True, reduction=None)
    return {"loss": loss.numpy(), "shape": loss.shape.as_list(),
            "positional": tf.nn.sigmoid_cross_entropy_with_logits(x, z).numpy(),
            "by_formula": np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x))),
            "keras_row_means": np.asarray(keras_loss(z, x))}  # the mean over the classes


def _sampled(values):
    candidates, true_expected, sampled_expected = values
    return (tf.constant(candidates, tf.int64), tf.constant(true_expected),
            tf.constant(sampled_expected))


@counterpart(["nce_and_sampled_softmax_shapes"], "tf.nn.nce_loss / sampled_softmax_loss "
             "eagerly, with the TF1 run's weights and sampled_values")
def nce_and_sampled_softmax_eager(tf1):
    drawn = tf1["nce_and_sampled_softmax_shapes"]
    batch, dim, num_classes = 4, 3, 11
    weights = tf.Variable(drawn["weights"])
    args = {"weights": weights, "biases": tf.zeros([num_classes]), "num_sampled": 5,
            "labels": tf.constant([[1], [2], [3], [4]], tf.int64),
            "inputs": tf.ones([batch, dim]), "num_classes": num_classes}
    nce = tf.nn.nce_loss(**args, sampled_values=_sampled(drawn["nce_sampled_values"]))
    sampled = tf.nn.sampled_softmax_loss(
        **args, sampled_values=_sampled(drawn["sampled_sampled_values"]))
    return {"nce_shape": nce.shape.as_list(), "sampled_shape": sampled.shape.as_list(),
            "nce": nce.numpy(), "sampled": sampled.numpy(),
            "notes_order": error_of(tf.nn.nce_loss, weights, args["biases"], args["inputs"],
                                    args["labels"], 5, num_classes),
            "sampled_notes_order": error_of(tf.nn.sampled_softmax_loss, weights, args["biases"],
                                            args["inputs"], args["labels"], 5, num_classes),
            "sampled_signature": str(inspect.signature(tf.nn.sampled_softmax_loss))}


@counterpart(["sequence_loss_by_example_values"], "no contrib: tf.stack the steps, "
             "tf.nn.sparse_softmax_cross_entropy_with_logits, weighted tf.reduce_sum over time")
def sequence_loss_by_hand(tf1):
    logits = tf.stack([[[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [10.0, 0.0]]], axis=1)
    targets = tf.stack([[0, 1], [1, 0]], axis=1)  # [batch, time] like the logits' first axes
    weights = tf.stack([[1.0, 1.0], [1.0, 0.0]], axis=1)
    weighted = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=targets,
                                                              logits=logits) * weights
    summed = tf.reduce_sum(weighted, axis=1)
    return {"averaged": (summed / (tf.reduce_sum(weights, axis=1) + 1e-12)).numpy(),
            "summed": summed.numpy(), "log2": float(np.float32(np.log(2.0))),
            "removed": {**missing(tf.nn, "sequence_loss_by_example"), **missing(tf, "contrib")}}


@counterpart(["sequence_loss_notes_ms_error"], "no contrib, no tf.div: the squared error over "
             "its weight (+1e-12) by hand, tf.reduce_sum, tf.math.divide / tf.math.floordiv")
def notes_ms_error_cost_by_hand(tf1):
    batch_size, time_steps = 50, 20
    xs = np.arange(0, time_steps * batch_size).reshape((batch_size, time_steps)) / (10 * np.pi)
    pred, ys = tf.reshape(np.sin(xs).astype(np.float32), [-1]), tf.reshape(
        np.cos(xs).astype(np.float32), [-1])
    weights = tf.ones([batch_size * time_steps])
    losses = tf.square(ys - pred) * weights / (weights + 1e-12)
    return {"losses_head": losses[:3].numpy(), "losses_shape": losses.shape.as_list(),
            "cost": tf.math.divide(tf.reduce_sum(losses), batch_size).numpy(),
            "div": [tf.math.divide(10.0, 4).numpy(), tf.math.floordiv(7, 2).numpy()],
            "removed": missing(tf, "div")}
