"""Convolution (note 001 worked example, note 003 SAME/VALID and conv2d_transpose).

The two run-time conv2d_transpose errors depend on oneDNN; they are pinned under both settings
in test_modes.py.
"""
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
        "conv1_shape": [3, 25, 25, 20], "build": [3, 97, 97, 10],
        "gradient": {"type": "ValueError", "message":
                     "Incompatible shapes between op input and calculated input gradient. "
                     "Forward operation: conv2d_transpose. Input index: 2. Original input "
                     "shape: (3, 25, 25, 20). Calculated input gradient shape: (3, 33, 33, 20)"}}
