"""Losses: softmax / sparse / sigmoid cross-entropy with the notes' numbers, nce, sampled softmax.

Reproduces: note 001 and 003 "tf.nn.softmax_cross_entropy_with_logits" (softmax
[0.09003057 0.24472848 0.66524094], cross entropy 1.22282), the soft-label example
([1.41436887 1.66425455], and [1.17185783 1.17571414] for already-scaled logits, "一定要注意
…logits是未经缩放的"), sparse ([0.46436879 0.17425454]), sigmoid, nce_loss,
sampled_softmax_loss and sequence_loss_by_example (re-created in
``reference.contrib.sequence_loss``).
"""
import inspect

from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import missing
from reference.contrib import sequence_loss

LOGITS = [[1.0, 2.0, 3.0]] * 3
ONE_HOT = [[0.0, 0.0, 1.0]] * 3


@demo('001/003 "tf.nn.softmax_cross_entropy_with_logits(logits,labels, name=None)"',
      ["softmax([1, 2, 3]) is [0.09003057, 0.24472848, 0.66524094]",
       "-reduce_sum(y_ * log(softmax)) over three rows is 1.22282",
       "reduce_sum(softmax_cross_entropy_with_logits) gives the same 1.2228",
       "the notes' positional call (logits, y_) now binds labels=logits, logits=y_: no error, "
       "a wrong sum, 18.926 instead of 1.2228 (the v1 _sentinel that forced keywords is gone)",
       "there is no third step \"求一个平均\": the op returns one loss per row, [0.40760595] * 3; "
       "the average is the caller's reduce_mean (0.40760598 in float32)",
       "dim=-1, the class dimension, is still accepted (same per-row values); the v1 "
       "signature is (labels=None, logits=None, dim=-1, name=None, axis=None): no _sentinel",
       "one-hot labels [0, 0, 1] per row are sparse labels [2, 2, 2]: the same per-row losses"])
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
        per_row = tf.nn.softmax_cross_entropy_with_logits(labels=ONE_HOT, logits=LOGITS)
        got.update(session.run({
            "per_row": per_row, "mean": tf.reduce_mean(per_row),
            "dim_last": tf.nn.softmax_cross_entropy_with_logits(labels=ONE_HOT, logits=LOGITS,
                                                                dim=-1),
            "sparse_same_class": tf.nn.sparse_softmax_cross_entropy_with_logits(
                labels=[2, 2, 2], logits=LOGITS)}))
    got["signature"] = str(inspect.signature(tf.nn.softmax_cross_entropy_with_logits))
    return got


@demo('003 soft labels and the unscaled-logits mistake; sparse_softmax_cross_entropy',
      ["labels that are distributions: result1 == result2 == [1.41436887, 1.66425455]",
       "feeding softmax(logits) as logits gives the wrong [1.17185783, 1.17571414]",
       "sparse labels [0, 2] give [0.46436879, 0.17425454]",
       "the loss has one value per example, the logits' dtype",
       "\"如果labels的每一行是one-hot表示…可以使用sparse\": the dense op on the one-hot rows of "
       "[0, 2] gives the sparse values", "the sparse signature is (labels=None, logits=None, "
       "name=None): the positional (logits, labels) call of the notes (and of the echo RNN's "
       "logits [5, 2], labels [5]) binds labels=logits: ValueError on the ranks"])
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
            "sparse": sparse,
            "one_hot_dense": tf.nn.softmax_cross_entropy_with_logits(
                labels=tf.one_hot([0, 2], 3), logits=logits)})
        got["sparse_positional"] = error_of(tf.nn.sparse_softmax_cross_entropy_with_logits,
                                            logits, [0, 2])
        got["echo_positional"] = error_of(tf.nn.sparse_softmax_cross_entropy_with_logits,
                                          tf.zeros([5, 2]), tf.zeros([5], tf.int32))
    got["sparse_shape_dtype"] = [sparse.shape.as_list(), sparse.dtype.name]
    got["sparse_signature"] = str(inspect.signature(
        tf.nn.sparse_softmax_cross_entropy_with_logits))
    return got


@demo('003 softmax_cross_entropy_with_logits "警告" (labels, logits of one shape and float '
      'dtype; "labels的每一行labels[i]必须为一个概率分布")',
      ["labels [3, 2] against the notes' logits [3, 3]: ValueError, the dimensions must be "
       "equal", "int32 logits: TypeError, float16/bfloat16/float32/float64 only",
       "labels that are not a distribution ([0.5, 0.5, 0.5]) are not checked: the op runs and "
       "gives -sum(labels * log(softmax)), 2.111409 for logits [1, 2, 3]"])
def softmax_cross_entropy_checks():
    with fresh_session() as session:
        not_distribution = [[0.5, 0.5, 0.5]]
        return {
            "shape_mismatch": error_of(tf.nn.softmax_cross_entropy_with_logits,
                                       labels=[[0.0, 1.0]] * 3, logits=LOGITS),
            "int_logits": error_of(tf.nn.softmax_cross_entropy_with_logits,
                                   labels=[[0, 0, 1]] * 3, logits=[[1, 2, 3]] * 3),
            **session.run({
                "not_distribution": tf.nn.softmax_cross_entropy_with_logits(
                    labels=not_distribution, logits=LOGITS[:1]),
                "by_hand": -tf.reduce_sum(not_distribution * tf.log(tf.nn.softmax(LOGITS[:1])),
                                          1)})}


def _notes_cross_entropies(y_actual, y_predict, logits):
    """Note 003's two by-hand forms (§二 the batch mean with reduction_indices=1, §四 the
    batch sum) and the logits form the experiments use instead."""
    per_example = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_actual, logits=logits)
    return {"notes_mean": tf.reduce_mean(-tf.reduce_sum(y_actual * tf.log(y_predict),
                                                        reduction_indices=1)),
            "notes_sum": -tf.reduce_sum(y_actual * tf.log(y_predict)),
            "v2_mean": tf.reduce_mean(per_example), "v2_sum": tf.reduce_sum(per_example)}


@demo('003 "二、常规神经网络（NN）" / "四、CNN卷积神经网络" (W = tf.Variable(tf.zeros([784,10])), '
      'cross_entropy=tf.reduce_mean(-tf.reduce_sum(y_actual*tf.log(y_predict),'
      'reduction_indices=1)), cross_entropy =-tf.reduce_sum(y_actual*tf.log(y_predict)), '
      'tf.cast(correct_prediction,"float"))',
      ["W [784, 10] and b [10] start at zero, so before training y_predict is 0.1 for every "
       "class of every image", "then the notes' mean form is ln 10 = 2.3025851 and the CNN's "
       "sum form is batch * ln 10, as the logits form (softmax_cross_entropy_with_logits_v2)",
       "argmax of the tied 0.1s is class 0: of the labels 7 and 0 one is right, accuracy 0.5",
       "\"float\" is float32, for tf.placeholder(\"float\") and tf.cast(..., \"float\")",
       "once a probability underflows (logits [0, 200], label class 1) log(y_predict) is -inf "
       "and 0 * -inf makes both of the notes' forms nan; the logits form gives 0.0"])
def notes_mnist_cross_entropy():
    images = np.stack([np.linspace(0.0, 1.0, 784), np.linspace(1.0, 0.0, 784)]).astype(np.float32)
    labels = np.eye(10, dtype=np.float32)[[7, 0]]
    with fresh_session() as session:
        x = tf.placeholder(tf.float32, [None, 784])
        y_actual = tf.placeholder(tf.float32, shape=[None, 10])
        w, b = tf.Variable(tf.zeros([784, 10])), tf.Variable(tf.zeros([10]))
        logits = tf.matmul(x, w) + b
        y_predict = tf.nn.softmax(logits)
        correct_prediction = tf.equal(tf.argmax(y_predict, 1), tf.argmax(y_actual, 1))
        accuracy = tf.reduce_mean(tf.cast(correct_prediction, "float"))
        session.run(tf.global_variables_initializer())
        got = session.run({"y_predict": y_predict, "accuracy": accuracy,
                           **_notes_cross_entropies(y_actual, y_predict, logits)},
                          {x: images, y_actual: labels})
        got["shapes"] = [w.shape.as_list(), b.shape.as_list()]
        got["float_dtypes"] = [tf.placeholder("float").dtype.name, accuracy.dtype.name]
        logits = tf.constant([[0.0, 200.0]])
        y_predict = tf.nn.softmax(logits)
        y_actual = tf.constant([[0.0, 1.0]])
        underflow = session.run({"y_predict": y_predict, "log_y_predict": tf.log(y_predict),
                                 **_notes_cross_entropies(y_actual, y_predict, logits)})
    # as text: nan is not equal to itself, and an observation is compared by equality
    underflow["notes_forms"] = [str(underflow.pop(key)) for key in ("notes_mean", "notes_sum")]
    got["underflow"] = underflow
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
       "the notes' positional order (weights, biases, inputs, labels) is a ValueError now "
       "(labels come before inputs: the shapes clash)",
       "the notes' tf.sampled_softmax_loss is gone (AttributeError): tf.nn.sampled_softmax_loss",
       "sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes, "
       "num_true=1, sampled_values=None, remove_accidental_hits=True, partition_strategy='mod', "
       "name='sampled_softmax_loss', seed=None): the notes' defaults, labels before inputs, so "
       "the notes' positional (weights, biases, inputs, labels, …) is a ValueError too"])
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
                                        num_classes),
                "removed": missing(tf, "sampled_softmax_loss"),
                "sampled_notes_order": error_of(tf.nn.sampled_softmax_loss, weights, biases,
                                                inputs, labels, 5, num_classes),
                "sampled_signature": str(inspect.signature(tf.nn.sampled_softmax_loss))}


@demo('003 "tf.nn.sequence_loss_by_example(…)" (contrib.legacy_seq2seq, re-created)',
      ["the result is [batch]: the weighted cross-entropy summed over time steps",
       "average_across_timesteps divides by the total weight (+1e-12)",
       "a weight of 0 leaves a step out",
       "tf.nn.sequence_loss_by_example and tf.contrib (legacy_seq2seq) are gone: "
       "AttributeError"])
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
    got["removed"] = {**missing(tf.nn, "sequence_loss_by_example"), **missing(tf, "contrib")}
    return got


def _notes_sin_cos_batch(batch_size=50, time_steps=20):
    """The notes' first get_batch(): xs = arange(0, 20 * 50).reshape(50, 20) / (10π); its
    seq = sin(xs) stands in for the prediction, res = cos(xs) is the target."""
    xs = np.arange(0, time_steps * batch_size).reshape((batch_size, time_steps)) / (10 * np.pi)
    return np.sin(xs).astype(np.float32), np.cos(xs).astype(np.float32)


@demo('003 LSTMRNN.compute_cost (sequence_loss_by_example([reshape(pred, [-1])], '
      '[reshape(ys, [-1])], [tf.ones([batch_size*n_steps])], average_across_timesteps=True, '
      'softmax_loss_function=self.ms_error); tf.div(tf.reduce_sum(losses), batch_size))',
      ["one list entry of the 50 * 20 = 1000 flattened steps: losses is [1000], each the "
       "squared error ms_error(labels, logits) = (labels - logits)^2 over its weight 1 + 1e-12",
       "so cost = sum((pred - ys)^2) / batch_size", "tf.div still exists in tf.compat.v1 "
       "(deprecated): tf.div(10.0, 4) is 2.5, and tf.div(7, 2) of ints floors to 3"])
def sequence_loss_notes_ms_error():
    batch_size, time_steps = 50, 20
    pred, ys = _notes_sin_cos_batch(batch_size, time_steps)
    with fresh_session() as session:
        def ms_error(labels, logits):
            return tf.square(tf.subtract(labels, logits))
        losses = sequence_loss.sequence_loss_by_example(
            [tf.reshape(pred, [-1], name="reshape_pred")],
            [tf.reshape(ys, [-1], name="reshape_target")],
            [tf.ones([batch_size * time_steps], dtype=tf.float32)],
            average_across_timesteps=True, softmax_loss_function=ms_error, name="losses")
        cost = tf.div(tf.reduce_sum(losses, name="losses_sum"), batch_size, name="average_cost")
        got = session.run({"losses_head": losses[:3], "cost": cost,
                           "div": [tf.div(10.0, 4), tf.div(7, 2)]})
    got["losses_shape"] = losses.shape.as_list()
    got["by_hand"] = float(np.sum((np.float64(pred) - np.float64(ys)) ** 2) / batch_size)
    got["by_hand_head"] = ((np.float64(pred) - np.float64(ys)) ** 2).ravel()[:3].tolist()
    return got
