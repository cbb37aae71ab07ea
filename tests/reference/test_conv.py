"""Convolution (note 001 worked example, note 003 SAME/VALID and conv2d_transpose).

The two run-time conv2d_transpose errors depend on oneDNN; they are pinned under both settings
in test_modes.py.
"""
import numpy as np

from tests.reference.versioned import observe


def test_the_notes_worked_conv2d():
    assert observe("conv2d_worked_example") == {
        # top-left window: 4*1 + 1*1 + 2*2 + 1*1 + 4*1 = 14
        "res": [[14.0, 6.0], [6.0, 12.0]], "sss_shape": [1, 2, 2, 1],
        "mnist_shapes": [[1, 28, 28, 32], [1, 14, 14, 32], [1, 14, 14, 64], [1, 7, 7, 64]]}


def test_same_pads_one_left_two_right():
    assert observe("same_vs_valid_padding") == {
        "valid": [21.0, 51.0],  # 1+..+6, 6+..+11; 12 and 13 dropped
        "same": [15.0, 45.0, 46.0],  # 0+1+..+5, 5+..+10, 10+..+13+0
        "padded_valid": [15.0, 45.0, 46.0]}


def test_conv2d_transpose_gradient_shape_clash_is_a_value_error():
    assert observe("conv2d_transpose_static_error") == {
        "slim_import": {"type": "ModuleNotFoundError",
                        "message": "No module named 'tensorflow.contrib'"},
        "conv1_shape": [3, 25, 25, 20], "build": [3, 97, 97, 10],
        "gradient": {"type": "ValueError", "message":
                     "Incompatible shapes between op input and calculated input gradient. "
                     "Forward operation: conv2d_transpose. Input index: 2. Original input "
                     "shape: (3, 25, 25, 20). Calculated input gradient shape: (3, 33, 33, 20)"}}


def test_the_notes_seeded_deconv_prints_fixed_values_placed_block_by_block():
    got = observe("conv2d_transpose_notes_values")
    x, kernel, y = (np.array(got[k], np.float32) for k in ("x", "kernel", "y"))
    assert (x.shape, kernel.shape, y.shape) == ((1, 3, 3, 1), (2, 2, 3, 1), (1, 5, 5, 3))
    # what the notes' print(y.eval()) shows first under tf.set_random_seed(1)
    assert got["y"][0][0][0] == [0.08601704239845276, 0.7287763953208923, 0.695990264415741]
    assert got["x"][0][0][0] == [0.30520468950271606]
    # one product per output element (no sums): exactly x[i, j] * kernel[a, b] in block (i, j)
    blocks = np.einsum("ij,abc->iajbc", x[0, :, :, 0], kernel[:, :, :, 0]).reshape(6, 6, 3)
    np.testing.assert_array_equal(y[0], blocks[:5, :5])
    # the gradient is the forward conv of grad_ys by the same kernel; atol: float32 sums of
    # the same 12 products, possibly in another order
    np.testing.assert_allclose(got["gradient"], got["conv_of_grad_ys"], rtol=0, atol=1e-6)
    assert np.array(got["gradient"]).shape == (1, 3, 3, 1)
    assert got["forward_shapes"] == {"4": [1, 2, 2, 1], "5": [1, 3, 3, 1], "6": [1, 3, 3, 1],
                                     "7": [1, 4, 4, 1]}


def test_an_output_shape_list_from_the_input_shape_fails_as_the_input_shape_does():
    got = observe("conv2d_transpose_output_shape_list")
    assert got["static_shape"] == [None, None, None, 3]
    # the oneDNN-dependent error (see test_modes.py), the same as output_shape=tf.shape(inputs)
    assert got["inputs_97"] == observe("conv2d_transpose_runtime_error")["error"]
    assert got["inputs_97"]["type"] in ("AbortedError", "InvalidArgumentError")
    assert got["inputs_3"] == [1, 3, 3, 3]  # ceil(3 / 4) == ceil(3 / 3) == 1
