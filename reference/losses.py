"""Losses: softmax / sparse / sigmoid cross-entropy with the notes' numbers, nce, sampled softmax.

Reproduces: note 001 and 003 "tf.nn.softmax_cross_entropy_with_logits" (softmax
[0.09003057 0.24472848 0.66524094], cross entropy 1.22282), the soft-label example
([1.41436887 1.66425455], and [1.17185783 1.17571414] for already-scaled logits, "一定要注意
…logits是未经缩放的"), sparse ([0.46436879 0.17425454]), sigmoid, nce_loss,
sampled_softmax_loss and sequence_loss_by_example (re-created in
``reference.contrib.sequence_loss``).
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.contrib import sequence_loss

LOGITS = [[1.0, 2.0, 3.0]] * 3
ONE_HOT = [[0.0, 0.0, 1.0]] * 3


@demo('001/003 "tf.nn.softmax_cross_entropy_with_logits(logits,labels, name=None)"',
      ["softmax([1, 2, 3]) is [0.09003057, 0.24472848, 0.66524094]",
       "-reduce_sum(y_ * log(softmax)) over three rows is 1.22282",
       "reduce_sum(softmax_cross_entropy_with_logits) gives the same 1.2228",
       "the notes' positional call (logits, y_) now binds labels=logits, logits=y_: no error, "
       "a wrong sum, 18.926 instead of 1.2228 (the v1 _sentinel that forced keywords is gone)"])
def softmax_cross_entropy():
    with fresh_session() as session:
        y = tf.nn.softmax(LOGITS)
        by_hand = -tf.reduce_sum(ONE_HOT * tf.log(y))
        one_step = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(
            labels=ONE_HOT, logits=LOGITS))
        got = session.run({"softmax": y[0], "by_hand": by_hand, "one_step": one_step})
        got["positional"] = session.run(tf.reduce_sum(
            tf.nn.softmax_cross_entropy_with_logits(LOGITS, ONE_HOT)))
        got["v2_per_row"] = session.run(tf.nn.softmax_cross_entropy_with_logits_v2(
            labels=ONE_HOT, logits=LOGITS))
    return got


@demo('003 soft labels and the unscaled-logits mistake; sparse_softmax_cross_entropy',
      ["labels that are distributions: result1 == result2 == [1.41436887, 1.66425455]",
       "feeding softmax(logits) as logits gives the wrong [1.17185783, 1.17571414]",
       "sparse labels [0, 2] give [0.46436879, 0.17425454]",
       "the loss has one value per example, the logits' dtype"])
def soft_and_sparse_labels():
    labels = [[0.2, 0.3, 0.5], [0.1, 0.6, 0.3]]
    logits = [[2, 0.5, 1], [0.1, 1, 3]]
    with fresh_session() as session:
        logits_scaled = tf.nn.softmax(logits)
        sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 2], logits=logits)
        got = session.run({
            "result1": tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits),
            "result2": -tf.reduce_sum(labels * tf.log(logits_scaled), 1),
            "result3": tf.nn.softmax_cross_entropy_with_logits(labels=labels,
                                                               logits=logits_scaled),
            "sparse": sparse})
    got["sparse_shape_dtype"] = [sparse.shape.as_list(), sparse.dtype.name]
    return got


@demo('003 "tf.nn.sigmoid_cross_entropy_with_logits(logits,targets, name=None)"',
      ["the loss has the logits' shape [batch, num_classes]",
       "it equals max(x, 0) - x * z + log(1 + exp(-|x|)) (the relu form the notes mention)",
       "the notes' positional (logits, targets) call binds labels=logits, logits=targets and "
       "silently computes something else; the keyword is labels now"])
def sigmoid_cross_entropy():
    x = np.array([[1.0, -2.0, 0.0], [3.0, 0.5, -1.0]], np.float32)
    z = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], np.float32)
    with fresh_session() as session:
        loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x)
        got = {"loss": session.run(loss), "shape": loss.shape.as_list()}
        got["positional"] = session.run(tf.nn.sigmoid_cross_entropy_with_logits(x, z))
    got["by_formula"] = np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x)))
    return got


@demo('003 "tf.nn.nce_loss(…)" / "tf.sampled_softmax_loss()"',
      ["nce_loss(weights [num_classes, dim], biases, labels int64 [batch, num_true], inputs "
       "[batch, dim], num_sampled, num_classes) is one loss per example: [batch]",
       "sampled_softmax_loss has the same arguments and also returns [batch]",
       "the notes' positional order (weights, biases, inputs, labels) is a TypeError now "
       "(labels come before inputs)"])
def nce_and_sampled_softmax_shapes():
    batch, dim, num_classes = 4, 3, 11
    with fresh_session(seed=1) as session:
        weights = tf.get_variable("nce_weights", [num_classes, dim])
        biases = tf.zeros([num_classes])
        inputs = tf.ones([batch, dim])
        labels = tf.constant([[1], [2], [3], [4]], dtype=tf.int64)
        nce = tf.nn.nce_loss(weights=weights, biases=biases, labels=labels, inputs=inputs,
                             num_sampled=5, num_classes=num_classes)
        sampled = tf.nn.sampled_softmax_loss(weights=weights, biases=biases, labels=labels,
                                             inputs=inputs, num_sampled=5,
                                             num_classes=num_classes)
        samplers = [session.graph.get_operation_by_name(f"{scope}/LogUniformCandidateSampler")
                    .outputs for scope in ("nce_loss", "sampled_softmax_loss")]
        session.run(tf.global_variables_initializer())
        nce_values, sampled_values, drawn = session.run([nce, sampled, samplers])  # one draw
        return {"nce_shape": nce.shape.as_list(), "sampled_shape": sampled.shape.as_list(),
                "nce": nce_values, "sampled": sampled_values,
                # for the TF2 counterpart: the weights, and each loss's (sampled candidates,
                # true expected counts, sampled expected counts) of that same run
                "weights": session.run(weights), "nce_sampled_values": drawn[0],
                "sampled_sampled_values": drawn[1],
                "notes_order": error_of(tf.nn.nce_loss, weights, biases, inputs, labels, 5,
                                        num_classes)}


@demo('003 "tf.nn.sequence_loss_by_example(…)" (contrib.legacy_seq2seq, re-created)',
      ["the result is [batch]: the weighted cross-entropy summed over time steps",
       "average_across_timesteps divides by the total weight (+1e-12)",
       "a weight of 0 leaves a step out"])
def sequence_loss_by_example_values():
    with fresh_session() as session:
        logits = [tf.constant([[0.0, 0.0], [0.0, 0.0]]), tf.constant([[0.0, 0.0], [10.0, 0.0]])]
        targets = [tf.constant([0, 1]), tf.constant([1, 0])]
        weights = [tf.constant([1.0, 1.0]), tf.constant([1.0, 0.0])]
        averaged = sequence_loss.sequence_loss_by_example(logits, targets, weights)
        summed = sequence_loss.sequence_loss_by_example(logits, targets, weights,
                                                        average_across_timesteps=False)
        got = session.run({"averaged": averaged, "summed": summed})
    got["log2"] = float(np.float32(np.log(2.0)))
    return got
