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
    keys = ["one_step", "positional", "v2_per_row", "per_row", "mean", "sparse_same_class"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)  # the fused op: the same kernel
    # TF2's op is v1's _v2: dim= is gone (axis= stays), and labels, logits are required
    assert got["dim_last"] == {"type": "TypeError",
                               "message": "Got an unexpected keyword argument 'dim'"}
    assert same({"dim_last": got["axis_last"]}, tf1, ["dim_last"]) == {"dim_last": 0.0}
    assert (got["signature"], tf1["signature"]) == (
        "(labels, logits, axis=-1, name=None)",
        "(labels=None, logits=None, dim=-1, name=None, axis=None)")
    same(got, tf1, ["softmax", "by_hand"], atol=ONEDNN_SOFTMAX)  # the unfused softmax
    assert got["positional"] == 18.92600440979004  # still (labels, logits): swapped silently
    assert got["keras_sum"] == tf1["one_step"] == 1.2228178977966309


def test_soft_and_sparse_labels_and_the_keras_loss(native, tf1_as_recorded):
    got, tf1 = native["soft_and_sparse_labels_eager"], tf1_as_recorded["soft_and_sparse_labels"]
    keys = ["result1", "result3", "sparse", "sparse_shape_dtype", "one_hot_dense",
            "sparse_positional", "echo_positional"]  # the same ValueError, raised eagerly
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert (got["sparse_signature"], tf1["sparse_signature"]) == (
        "(labels, logits, name=None)", "(labels=None, logits=None, name=None)")
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
    # the same for the notes' positional sampled_softmax_loss
    assert got.pop("sampled_notes_order") == {"type": "InvalidArgumentError", "message":
        "{{function_node __wrapped__LogUniformCandidateSampler_device_/job:localhost/replica:0/"
        "task:0/device:CPU:0}} true_classes must have num_true columns, expected: 3 was: 1 "
        "[Op:LogUniformCandidateSampler] name:"}
    assert tf1["sampled_notes_order"]["type"] == "ValueError"
    # TF2 drops partition_strategy and puts seed before name
    assert got.pop("sampled_signature") == (
        "(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1, "
        "sampled_values=None, remove_accidental_hits=True, seed=None, "
        "name='sampled_softmax_loss')")
    assert "partition_strategy='mod'" in tf1["sampled_signature"]
    keys = ["nce_shape", "sampled_shape", "nce", "sampled"]
    assert sorted(got) == sorted(keys)
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)


def test_sequence_loss_by_example_by_hand(native, tf1_as_recorded):
    tf1 = dict(tf1_as_recorded["sequence_loss_by_example_values"])
    got = dict(native["sequence_loss_by_hand"])
    assert got.pop("removed") == {  # gone from TF2's API as well
        "sequence_loss_by_example": {"type": "AttributeError", "message": (
            "module 'tensorflow._api.v2.nn' has no attribute 'sequence_loss_by_example'")},
        "contrib": {"type": "AttributeError",
                    "message": "module 'tensorflow' has no attribute 'contrib'"}}
    del tf1["removed"]
    assert same(got, tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_softmax_cross_entropy_checks_fail_eagerly_with_kernel_messages(native, tf1_as_recorded):
    got = dict(native["softmax_cross_entropy_checks_eager"])
    tf1 = tf1_as_recorded["softmax_cross_entropy_checks"]
    assert got.pop("shape_mismatch") == {"type": "InvalidArgumentError", "message": (
        "{{function_node __wrapped__SoftmaxCrossEntropyWithLogits_device_/job:localhost/"
        "replica:0/task:0/device:CPU:0}} logits and labels must be broadcastable: "
        "logits_size=[3,3] labels_size=[3,2] [Op:SoftmaxCrossEntropyWithLogits] name:")}
    assert got.pop("int_logits") == {"type": "InvalidArgumentError", "message": (
        "Value for attr 'T' of int32 is not in the list of allowed values: half, bfloat16, "
        "float, double")}
    assert (tf1["shape_mismatch"]["type"], tf1["int_logits"]["type"]) == ("ValueError",
                                                                          "TypeError")
    keys = ["not_distribution", "by_hand"]  # still unchecked: 2.111409
    assert sorted(got) == keys[::-1]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)


def test_the_notes_mnist_model_at_zero_eagerly(native, tf1_as_recorded):
    got = dict(native["notes_mnist_cross_entropy_eager"])
    tf1 = tf1_as_recorded["notes_mnist_cross_entropy"]
    assert got.pop("reduction_indices") == {  # the notes' keyword is gone from TF2
        "type": "TypeError", "message": "Got an unexpected keyword argument 'reduction_indices'"}
    assert got["underflow"]["notes_forms"] == ["nan", "nan"]  # still nan by hand
    assert same(got, tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_the_notes_sin_cos_cost_by_hand_and_tf_div_gone(native, tf1_as_recorded):
    got = dict(native["notes_ms_error_cost_by_hand"])
    tf1 = dict(tf1_as_recorded["sequence_loss_notes_ms_error"])
    assert got.pop("removed") == {"div": {"type": "AttributeError",
                                          "message": "module 'tensorflow' has no attribute 'div'"}}
    del tf1["by_hand"], tf1["by_hand_head"]  # NumPy's float64, in the TF1 test
    assert same(got, tf1, tf1) == dict.fromkeys(tf1, 0.0)
