"""The TF2-native counterparts of reference/conv.py against the TF1 demonstrations.

The conv2d_transpose errors depend on oneDNN (AbortedError with it, InvalidArgumentError
without); both sides run with this process's setting, so they are compared, not pinned.
"""
import re

from tests.reference.native.equivalence import same

EAGER_WRAPPER = re.compile(r"\{\{function_node __wrapped__\w+_device_/job:localhost/replica:0/"
                           r"task:0/device:CPU:0\}\} (.*) \[Op:Conv2DBackpropInput\]( name:)?")


def _as_tf1_describes(eager_error):
    """An eager op error as TF1 describes it: the kernel's message, without the wrapper."""
    matched = EAGER_WRAPPER.fullmatch(eager_error["message"])
    assert matched, eager_error["message"]
    return {"type": eager_error["type"], "message": matched.group(1)}


def test_eager_conv2d_and_a_keras_layer_give_the_notes_values(native, tf1_as_recorded):
    got, tf1 = native["conv2d_eager_and_keras"], tf1_as_recorded["conv2d_worked_example"]
    assert same(got, tf1, tf1) == dict.fromkeys(tf1, 0.0)  # mnist_shapes from Keras layers
    assert same({"res": got["keras_res"]}, tf1, ["res"]) == {"res": 0.0}
    assert got["max_pool2d_shape"] == tf1["mnist_shapes"][1]


def test_same_and_valid_padding_eagerly(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["same_vs_valid_padding"]
    assert same(native["same_vs_valid_eager"], tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_an_eager_conv2d_transpose_accepts_the_same_output_shapes(native, tf1_as_recorded):
    got, tf1 = native["conv2d_transpose_eager"], tf1_as_recorded["conv2d_transpose_output_shape"]
    assert same(got, tf1, ["output_5", "output_6"]) == {"output_5": 0.0, "output_6": 0.0}
    for size in (4, 7):  # the same kernel error, raised by the call; no node eagerly
        tf1_error = dict(tf1[f"output_{size}"]["raised"])
        assert tf1_error.pop("node") == "conv2d_transpose"
        assert _as_tf1_describes(got[f"output_{size}"]["raised"]) == tf1_error
    # Keras picks the size: 3 * 2 by default, 5 with output_padding 1
    assert (got["keras_default"], got["keras_output_padding_1"]) == (tf1["output_6"],
                                                                    tf1["output_5"])


def test_a_traced_gradient_of_the_wrong_shape_is_not_an_error(native, tf1_as_recorded):
    got, tf1 = native["conv2d_transpose_traced"], tf1_as_recorded["conv2d_transpose_static_error"]
    assert same(got, tf1, ["conv1_shape", "build"]) == {"conv1_shape": 0.0, "build": 0.0}
    # the shape TF1 computed and refused, returned by the tape for a [3, 25, 25, 20] input
    assert got["gradient_shape"] == [3, 33, 33, 20]
    assert tf1["gradient"]["message"].endswith(
        "Original input shape: (3, 25, 25, 20). Calculated input gradient shape: (3, 33, 33, 20)")


def test_the_eager_deconvolution_fails_on_the_call_and_the_fix_holds(native, tf1_as_recorded):
    got, tf1 = native["conv2d_transpose_eager_error"], tf1_as_recorded[
        "conv2d_transpose_runtime_error"]
    tf1_error = dict(tf1["error"])
    assert tf1_error.pop("node") == "conv2d_transpose"
    assert _as_tf1_describes(got["error"]) == tf1_error
    assert same(got, tf1, ["fixed_shape"]) == {"fixed_shape": 0.0}


def test_the_seeded_deconv_eagerly_gives_the_tf1_values(native, tf1_as_recorded):
    got, tf1 = native["conv2d_transpose_notes_values_eager"], tf1_as_recorded[
        "conv2d_transpose_notes_values"]
    keys = ["x", "kernel", "y", "forward_shapes"]  # one product per element: exact
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    # the tape's gradient and the conv of grad_ys: float32 sums of the same products
    assert same(got, tf1, ["gradient", "conv_of_grad_ys"], atol=1e-6)


def test_an_output_shape_list_eagerly_fails_and_runs_where_tf1_did(native, tf1_as_recorded):
    got, tf1 = native["conv2d_transpose_output_shape_list_eager"], tf1_as_recorded[
        "conv2d_transpose_output_shape_list"]
    assert same(got, tf1, ["static_shape", "inputs_3"]) == {"static_shape": 0.0, "inputs_3": 0.0}
    tf1_error = dict(tf1["inputs_97"])
    assert tf1_error.pop("node") == "conv2d_transpose"
    assert _as_tf1_describes(got["inputs_97"]) == tf1_error
    # and the same kernel error as the eager output_shape=tf.shape(inputs)
    assert _as_tf1_describes(got["inputs_97"]) == _as_tf1_describes(
        native["conv2d_transpose_eager_error"]["error"])
