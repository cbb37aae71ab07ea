"""The TF2-native counterparts of reference/losses.py against the TF1 demonstrations."""
import os

import numpy as np

from tests.reference.native.equivalence import same

# With oneDNN (TensorFlow's default on x86), an eager tf.nn.softmax runs oneDNN's kernel, while
# the TF1 graph constant-folds the softmax of its constant logits with Eigen's: up to 2 float32
# ulps apart at 1.22 (2.4e-7 measured), and equal without oneDNN.
ONEDNN_SOFTMAX = 2.5e-7 if os.environ.get("TF_ENABLE_ONEDNN_OPTS") != "0" else 0.0


def test_softmax_cross_entropy_and_the_keras_loss(native, tf1_as_recorded):
    got, tf1 = native["softmax_cross_entropy_eager"], tf1_as_recorded["softmax_cross_entropy"]
    keys = ["one_step", "positional", "v2_per_row"]  # the fused op: the same kernel
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    same(got, tf1, ["softmax", "by_hand"], atol=ONEDNN_SOFTMAX)  # the unfused softmax
    assert got["positional"] == 18.92600440979004  # still (labels, logits): swapped silently
    assert got["keras_sum"] == tf1["one_step"] == 1.2228178977966309


def test_soft_and_sparse_labels_and_the_keras_loss(native, tf1_as_recorded):
    got, tf1 = native["soft_and_sparse_labels_eager"], tf1_as_recorded["soft_and_sparse_labels"]
    keys = ["result1", "result3", "sparse", "sparse_shape_dtype"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    same(got, tf1, ["result2"], atol=ONEDNN_SOFTMAX)  # by hand from tf.nn.softmax
    assert same({"sparse": got["keras_sparse"]}, tf1, ["sparse"]) == {"sparse": 0.0}


def test_sigmoid_cross_entropy_and_the_keras_row_means(native, tf1_as_recorded):
    got, tf1 = native["sigmoid_cross_entropy_eager"], tf1_as_recorded["sigmoid_cross_entropy"]
    keras_means = got.pop("keras_row_means")
    assert same(got, tf1, tf1) == dict.fromkeys(tf1, 0.0)
    assert keras_means == np.mean(np.float32(tf1["loss"]), axis=1).tolist() == [
        0.3777789771556854, 1.6119753122329712]  # BinaryCrossentropy averages the classes


def test_nce_and_sampled_softmax_from_the_tf1_draw_give_its_losses(native, tf1_as_recorded):
    got, tf1 = native["nce_and_sampled_softmax_eager"], tf1_as_recorded[
        "nce_and_sampled_softmax_shapes"]
    # eagerly the sampler runs first and rejects the swapped labels before any matmul
    assert got.pop("notes_order") == {"type": "InvalidArgumentError", "message":
        "{{function_node __wrapped__LogUniformCandidateSampler_device_/job:localhost/replica:0/"
        "task:0/device:CPU:0}} true_classes must have num_true columns, expected: 3 was: 1 "
        "[Op:LogUniformCandidateSampler] name:"}
    assert tf1["notes_order"]["type"] == "ValueError"  # the graph's shape check at build
    keys = ["nce_shape", "sampled_shape", "nce", "sampled"]
    assert sorted(got) == sorted(keys)
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)


def test_sequence_loss_by_example_by_hand(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["sequence_loss_by_example_values"]
    assert same(native["sequence_loss_by_hand"], tf1, tf1) == dict.fromkeys(tf1, 0.0)
