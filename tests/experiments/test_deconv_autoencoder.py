"""experiments.deconv_autoencoder: any batch size, reconstruction improves, the note's failures."""
import dataclasses
import os

from reference.tf1 import tf

import numpy as np
import pytest

from experiments import deconv_autoencoder
from pipelines import mnist_input_data
from tests.reference import versioned

STRIDE_3 = dataclasses.replace(deconv_autoencoder.CONFIGS["test"], decoder_stride=3)


def test_static_shapes_and_a_mismatched_stride_fail_while_building_the_gradient(graph):
    with pytest.raises(ValueError, match=r"Incompatible shapes between op input and calculated "
                       r"input gradient. Forward operation: deconv1. Input index: 2. Original "
                       r"input shape: \(64, 14, 14, 8\). Calculated input gradient shape: "
                       r"\(64, 10, 10, 8\)"):
        deconv_autoencoder.build_graph(STRIDE_3, static_shapes=True)


def test_unknown_shapes_and_a_mismatched_stride_fail_when_run(graph, session):
    if os.environ.get("TF_ENABLE_ONEDNN_OPTS") != "0":  # the kernel that kills 2.18 and 2.19
        versioned.skip_if_crashed("tf1", "conv2d_transpose_runtime_error")
    model = deconv_autoencoder.build_graph(STRIDE_3)
    session.run(tf.global_variables_initializer())
    if os.environ.get("TF_ENABLE_ONEDNN_OPTS") == "0":
        expected = (tf.errors.InvalidArgumentError, "Size of out_backprop doesn't match computed")
    else:  # oneDNN, on by default on x86: its own error, without the sizes
        expected = (tf.errors.AbortedError, "could not create a primitive descriptor")
    with pytest.raises(expected[0], match=expected[1]):
        session.run(model["train_op"], {model["inputs"]: np.zeros((2, 28, 28, 1), np.float32)})


@pytest.mark.slow
def test_reconstruction_error_falls_and_any_batch_size_works():
    mnist = mnist_input_data.read_data_sets(None, generated_train=3000, generated_test=500)
    result = deconv_autoencoder.train(deconv_autoencoder.CONFIGS["test"], mnist.train.images,
                                      mnist.test.images, log=lambda line: None)
    assert result["shapes"] == [[7, 28, 28, 1], [100, 28, 28, 1]]
    assert result["mse_after"] * 10 < result["mse_before"]  # measured 0.2126 -> 0.0053 (40x)
