"""Convolution the TF2 way: ``tf.nn.conv2d`` / ``conv2d_transpose`` eagerly, Keras 3
``Conv2D`` / ``MaxPooling2D`` / ``Conv2DTranspose`` layers, ``tf.function`` for static shapes.

Replaces ``reference/conv.py``. The ops keep their arithmetic and padding rules (``filters``
for ``filter``, ``max_pool2d``). An eager ``conv2d_transpose`` runs at once, so an output size
its stride cannot give fails on the call, with the TF1 run's kernel message in an eager
wrapper. Traced in a ``tf.function`` it builds with the static shape as TF1 did; but the
``GradientTape`` does not check a gradient's shape against its input's, so the notes' "Shapes
(3, 33, 33, 20) and (3, 25, 25, 20)" ValueError has no TF2 form: the gradient silently comes
back 33x33. ``Conv2DTranspose`` computes its output size itself (6 from 3 at stride 2, or 5 with
``output_padding=1``). The deconvolution idioms observe shapes and errors, which do not depend
on the values the TF1 run drew, so these counterparts convolve zeros and ones.
"""
import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.catalogue.observed import outcome
from reference.native.registry import counterpart

K = [[1, 0, 1], [2, 1, 0], [0, 0, 1]]
IMAGE = [[4, 3, 1, 0], [2, 1, 0, 1], [1, 2, 4, 1], [3, 1, 0, 2]]


@counterpart(["conv2d_worked_example"], "tf.nn.conv2d / max_pool2d eagerly; keras.layers."
             "Conv2D(1, 3, use_bias=False) with the notes' kernel; Conv2D / MaxPooling2D shapes")
def conv2d_eager_and_keras(tf1):
    kernel = tf.reshape(tf.constant(K, tf.float32), [3, 3, 1, 1])
    image = tf.reshape(tf.constant(IMAGE, tf.float32), [1, 4, 4, 1])
    sss = tf.nn.conv2d(image, kernel, strides=1, padding="VALID")
    layer = keras.layers.Conv2D(1, 3, use_bias=False)
    layer.build(image.shape)
    layer.kernel.assign(kernel)
    shapes, x = [], tf.zeros([1, 28, 28, 1])
    for filters in (32, 64):
        for mnist_layer in (keras.layers.Conv2D(filters, 5, padding="same"),
                            keras.layers.MaxPooling2D(2, padding="same")):
            x = mnist_layer(x)
            shapes.append(x.shape.as_list())
    p1 = tf.nn.max_pool2d(tf.zeros([1, 28, 28, 32]), ksize=2, strides=2, padding="SAME")
    return {"res": tf.squeeze(sss).numpy(), "sss_shape": sss.shape.as_list(),
            "keras_res": np.squeeze(np.asarray(layer(image))), "mnist_shapes": shapes,
            "max_pool2d_shape": p1.shape.as_list()}


@counterpart(["same_vs_valid_padding"], "tf.nn.conv2d(strides=[1, 1, 5, 1]) VALID / SAME and "
             "tf.pad [1, 2] eagerly")
def same_vs_valid_eager(tf1):
    ramp = tf.reshape(tf.range(1.0, 14.0), [1, 1, 13, 1])
    ones = tf.ones([1, 6, 1, 1])
    padded = tf.pad(ramp, [[0, 0], [0, 0], [1, 2], [0, 0]])
    return {name: tf.reshape(tf.nn.conv2d(x, ones, [1, 1, 5, 1], padding), [-1]).numpy()
            for name, x, padding in [("valid", ramp, "VALID"), ("same", ramp, "SAME"),
                                     ("padded_valid", padded, "VALID")]}


@counterpart(["conv2d_transpose_output_shape"], "tf.nn.conv2d_transpose eagerly (x [1,3,3,1], "
             "kernel [2,2,3,1], strides 2); keras.layers.Conv2DTranspose(3, 2, strides=2)")
def conv2d_transpose_eager(tf1):
    x, kernel = tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 3, 1])
    got = {f"output_{size}": outcome(lambda size=size: tf.nn.conv2d_transpose(
        x, kernel, output_shape=[1, size, size, 3], strides=2, padding="SAME").shape.as_list())
        for size in (4, 5, 6, 7)}
    for name, extra in [("keras_default", {}), ("keras_output_padding_1", {"output_padding": 1})]:
        got[name] = keras.layers.Conv2DTranspose(3, 2, strides=2, padding="same", **extra)(
            x).shape.as_list()
    return got


@counterpart(["conv2d_transpose_static_error"], "keras.layers.Conv2D(20, 3, strides=4, "
             "padding='same', activation='relu'); tf.function + tf.GradientTape, traced only")
def conv2d_transpose_traced(tf1):
    inputs = tf.zeros([3, 97, 97, 10])
    conv1 = keras.layers.Conv2D(20, 3, strides=4, padding="same", activation="relu")(inputs)
    de_weight = tf.Variable(tf.zeros([3, 3, 10, 20]), name="de_weight")

    @tf.function(input_signature=[tf.TensorSpec(conv1.shape)])
    def deconv_and_gradient(conv1):
        with tf.GradientTape() as tape:
            tape.watch(conv1)
            built = tf.nn.conv2d_transpose(conv1, de_weight, output_shape=tf.shape(inputs),
                                           strides=3, padding="SAME")
        return built, tape.gradient(built, conv1)

    built, gradient = deconv_and_gradient.get_concrete_function().structured_outputs
    return {"conv1_shape": conv1.shape.as_list(), "build": built.shape.as_list(),
            "gradient_shape": gradient.shape.as_list()}


@counterpart(["conv2d_transpose_runtime_error"], "eager keras.layers.Conv2D, then "
             "tf.nn.conv2d_transpose(output_shape=tf.shape(inputs)) and output_shape [3,75,75,3]")
def conv2d_transpose_eager_error(tf1):
    inputs = tf.zeros([3, 97, 97, 3])
    conv1 = keras.layers.Conv2D(20, 3, strides=4, padding="same", activation="relu")(inputs)
    de_weight = tf.Variable(tf.zeros([3, 3, 3, 20]), name="de_weight")

    def deconv(output_shape):
        return tf.nn.conv2d_transpose(conv1, de_weight, output_shape=output_shape, strides=3,
                                      padding="SAME")
    return {"error": error_of(deconv, tf.shape(inputs)),
            "fixed_shape": tf.shape(deconv([3, 75, 75, 3])).numpy()}


@counterpart(["conv2d_transpose_notes_values"], "tf.nn.conv2d_transpose eagerly on the TF1 run's "
             "seeded x and kernel; tf.GradientTape(output_gradients=grad_ys) against tf.nn.conv2d")
def conv2d_transpose_notes_values_eager(tf1):
    drawn = tf1["conv2d_transpose_notes_values"]
    x, kernel = tf.constant(drawn["x"]), tf.constant(drawn["kernel"])
    grad_ys = tf.reshape(tf.range(75.0), [1, 5, 5, 3]) / 75.0
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.conv2d_transpose(x, kernel, output_shape=[1, 5, 5, 3], strides=2,
                                   padding="SAME")
    return {"x": x.numpy(), "kernel": kernel.numpy(), "y": y.numpy(),
            "gradient": tape.gradient(y, x, output_gradients=grad_ys).numpy(),
            "conv_of_grad_ys": tf.nn.conv2d(grad_ys, kernel, 2, "SAME").numpy(),
            "forward_shapes": {n: tf.nn.conv2d(tf.zeros([1, n, n, 3]), kernel, 2, "SAME")
                               .shape.as_list() for n in (4, 5, 6, 7)}}


@counterpart(["conv2d_transpose_output_shape_list"], "eager keras.layers.Conv2D, then "
             "tf.nn.conv2d_transpose(output_shape=[s[0], s[1], s[2], 3]) of s = tf.shape(inputs)")
def conv2d_transpose_output_shape_list_eager(tf1):
    de_weight = tf.Variable(tf.zeros([3, 3, 3, 20]), name="de_weight")
    conv = keras.layers.Conv2D(20, 3, strides=4, padding="same", activation="relu")
    conv.build([None, None, None, 3])

    def deconv(inputs):
        conv1 = conv(inputs)
        inputs_shape = tf.shape(inputs)
        return tf.nn.conv2d_transpose(conv1, de_weight, output_shape=[
            inputs_shape[0], inputs_shape[1], inputs_shape[2], 3], strides=3, padding="SAME")
    traced = tf.function(deconv, input_signature=[tf.TensorSpec([None, None, None, 3])])
    return {"static_shape": traced.get_concrete_function().structured_outputs.shape.as_list(),
            "inputs_97": error_of(deconv, tf.zeros([3, 97, 97, 3])),
            "inputs_3": tf.shape(deconv(tf.zeros([1, 3, 3, 3]))).numpy()}
