"""Convolution: the notes' worked conv2d, SAME vs VALID, conv2d_transpose's output_shape rules.

Reproduces: note 001 "卷积层运算" (a 3x3 kernel over a 4x4 image, VALID, then squeeze) and
the MNIST CNN's shapes (SAME conv, 2x2 max_pool: 28 -> 14 -> 7); note 003 "VALID的方式是采用
丢弃的方式 … SAME的方式是采用的是补全的方式 … 左奇右偶" (input width 13, filter 6, stride 5),
"deconv解卷积" (which output_shape a conv2d_transpose accepts) and both errors it shows:
the static ValueError "Shapes (3, 33, 33, 20) and (3, 25, 25, 20) are not compatible" and
the run-time "Conv2DSlowBackpropInput: Size of out_backprop doesn't match computed: actual =
25, computed = 33" (an AbortedError when oneDNN is on; see ``conv2d_transpose_runtime_error``).
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import outcome

K = [[1, 0, 1], [2, 1, 0], [0, 0, 1]]
IMAGE = [[4, 3, 1, 0], [2, 1, 0, 1], [1, 2, 4, 1], [3, 1, 0, 2]]


@demo('001 "卷积层运算" (k 3x3, i 4x4, VALID) and the MNIST CNN shapes',
      ["conv2d of the 4x4 image by the 3x3 kernel, stride 1, VALID is [[14, 6], [6, 12]] "
       "with shape [1, 2, 2, 1]; squeeze makes it [2, 2]",
       "SAME conv keeps 28x28; each 2x2/stride-2 SAME max_pool halves it: 14, then 7, so the "
       "dense layer takes 7*7*64"])
def conv2d_worked_example():
    with fresh_session() as session:
        kernel = tf.reshape(tf.constant(K, tf.float32, name="k"), [3, 3, 1, 1], name="kernel")
        image = tf.reshape(tf.constant(IMAGE, tf.float32, name="i"), [1, 4, 4, 1], name="image")
        sss = tf.nn.conv2d(image, kernel, [1, 1, 1, 1], "VALID")
        res = tf.squeeze(sss)
        x = tf.zeros([1, 28, 28, 1])
        h1 = tf.nn.conv2d(x, tf.zeros([5, 5, 1, 32]), strides=[1, 1, 1, 1], padding="SAME")
        p1 = tf.nn.max_pool(h1, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
        h2 = tf.nn.conv2d(p1, tf.zeros([5, 5, 32, 64]), strides=[1, 1, 1, 1], padding="SAME")
        p2 = tf.nn.max_pool(h2, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
        return {"res": session.run(res), "sss_shape": sss.shape.as_list(),
                "mnist_shapes": [t.shape.as_list() for t in (h1, p1, h2, p2)]}


@demo('003 "VALID的方式是采用丢弃的方式 … SAME的方式 … 左奇右偶"',
      ["input width 13, filter 6, stride 5: VALID slides twice (width 2) and drops the last 2",
       "SAME slides three times (width 3) padding 3 zeros: 1 on the left, 2 on the right",
       "SAME equals VALID on the input padded [1, 2]"])
def same_vs_valid_padding():
    with fresh_session() as session:
        ramp = tf.reshape(tf.range(1.0, 14.0), [1, 1, 13, 1])
        ones = tf.ones([1, 6, 1, 1])
        valid = tf.nn.conv2d(ramp, ones, [1, 1, 5, 1], "VALID")
        same = tf.nn.conv2d(ramp, ones, [1, 1, 5, 1], "SAME")
        padded = tf.nn.conv2d(tf.pad(ramp, [[0, 0], [0, 0], [1, 2], [0, 0]]), ones,
                              [1, 1, 5, 1], "VALID")
        got = session.run({"valid": tf.reshape(valid, [-1]), "same": tf.reshape(same, [-1]),
                           "padded_valid": tf.reshape(padded, [-1])})
    return got


@demo('003 "deconv解卷积" (x [1,3,3,1], kernel [2,2,3,1], strides 2)',
      ["conv2d_transpose accepts output_shape [1,5,5,3] and [1,6,6,3]: both convolve back "
       "(SAME, stride 2) to 3x3", "any other size is rejected when it runs (4 and 7: "
       "InvalidArgumentError, or AbortedError with oneDNN)",
       "the kernel is the forward conv's: [height, width, output channels, input channels]"])
def conv2d_transpose_output_shape():
    got = {}
    for size in (4, 5, 6, 7):
        with fresh_session(seed=1) as session:
            x = tf.random_normal(shape=[1, 3, 3, 1])
            kernel = tf.random_normal(shape=[2, 2, 3, 1])
            y = tf.nn.conv2d_transpose(x, kernel, output_shape=[1, size, size, 3],
                                       strides=[1, 2, 2, 1], padding="SAME")
            got[f"output_{size}"] = outcome(lambda y=y: list(session.run(y).shape))
    return got


@demo('003 "deconv解卷积": the notes\' program (tf.set_random_seed(1); output_shape [1,5,5,3]; '
      '"print(y.eval())")',
      ["under tf.set_random_seed(1) the notes' x [1,3,3,1] and kernel [2,2,3,1] draw fixed "
       "values, so y.eval() prints fixed numbers: y[0, 0, 0] is [0.08601704, 0.7287764, "
       "0.69599026]",
       "a 2x2 kernel at stride 2 puts each input pixel times the kernel in its own 2x2 block: "
       "y[0, 2i+a, 2j+b, c] = x[0, i, j, 0] * kernel[a, b, c, 0] (the block past 5 cut off)",
       "the forward conv of [1,n,n,3] by the kernel, stride 2, SAME, is [1,3,3,1] for n = 5 "
       "and 6 (the two output sizes conv2d_transpose accepts), [1,2,2,1] for 4, [1,4,4,1] for 7",
       "deconv 求导就相当于 拿着 conv_transpose 中的参数对 deconv 输出的值的导数做卷积: the "
       "gradient with respect to x for grad_ys g is conv2d(g, kernel, stride 2, SAME)"])
def conv2d_transpose_notes_values():
    with fresh_session(seed=1) as session:
        x = tf.random_normal(shape=[1, 3, 3, 1])
        kernel = tf.random_normal(shape=[2, 2, 3, 1])
        y = tf.nn.conv2d_transpose(x, kernel, output_shape=[1, 5, 5, 3], strides=[1, 2, 2, 1],
                                   padding="SAME")
        grad_ys = tf.reshape(tf.range(75.0), [1, 5, 5, 3]) / 75.0
        got = session.run({"x": x, "kernel": kernel, "y": y,
                           "gradient": tf.gradients(y, x, grad_ys=grad_ys)[0],
                           "conv_of_grad_ys": tf.nn.conv2d(grad_ys, kernel, [1, 2, 2, 1],
                                                           "SAME")})
        got["forward_shapes"] = {n: tf.nn.conv2d(tf.zeros([1, n, n, 3]), kernel, [1, 2, 2, 1],
                                                 "SAME").shape.as_list() for n in (4, 5, 6, 7)}
    return got


def _conv1(inputs):
    """slim.conv2d(inputs, num_outputs=20, kernel_size=3, stride=4): SAME, bias, relu."""
    return tf.layers.conv2d(inputs, filters=20, kernel_size=3, strides=4, padding="same",
                            activation=tf.nn.relu)


@demo('003 deconv: "ValueError: Shapes (3, 33, 33, 20) and (3, 25, 25, 20) are not compatible"',
      ["97x97 through a stride-4 SAME conv is 25x25; a stride-3 conv2d_transpose back to 97x97 "
       "implies 33x33 (ceil(97 / 3)) on its input side: the shapes clash when differentiated",
       "the gradient of deconv1 with respect to conv1 has shape (3, 33, 33, 20)",
       "the notes' `from tensorflow.contrib import slim` is a ModuleNotFoundError now"])
def conv2d_transpose_static_error():
    with tf.Graph().as_default() as graph, graph.device("/cpu:0"):
        inputs = tf.random_normal(shape=[3, 97, 97, 10])
        conv1 = _conv1(inputs)
        de_weight = tf.get_variable("de_weight", shape=[3, 3, 10, 20])
        got = {"slim_import": error_of(exec, "from tensorflow.contrib import slim", {})}
        built = outcome(tf.nn.conv2d_transpose, conv1, filter=de_weight,
                        output_shape=tf.shape(inputs), strides=[1, 3, 3, 1], padding="SAME")
        got.update(conv1_shape=conv1.shape.as_list(), build=(
            built if isinstance(built, dict) else built.shape.as_list()))
        if not isinstance(built, dict):
            got["gradient"] = error_of(tf.gradients, built, conv1)
    return got


def _unknown_shape_deconv_inputs():
    """The notes' ``[None, None, None, 3]`` placeholder, its stride-4 ``conv1`` and the
    transposed conv's ``de_weight`` (3 output channels from conv1's 20)."""
    inputs = tf.placeholder(tf.float32, shape=[None, None, None, 3])
    return inputs, _conv1(inputs), tf.get_variable("de_weight", shape=[3, 3, 3, 20])


@demo('003 deconv run-time error (placeholder [None, None, None, 3])',
      ["with unknown static shapes the clash shows at run time: 'Conv2DSlowBackpropInput: Size "
       "of out_backprop doesn't match computed: actual = 25, computed = 33' "
       "(InvalidArgumentError without oneDNN, AbortedError with it)",
       "fix: an output_shape whose stride-3 forward conv gives 25, e.g. 75 (fed or from a "
       "placeholder)"])
def conv2d_transpose_runtime_error():
    with fresh_session(seed=1) as session:
        inputs, conv1, de_weight = _unknown_shape_deconv_inputs()
        deconv1 = tf.nn.conv2d_transpose(conv1, filter=de_weight, output_shape=tf.shape(inputs),
                                         strides=[1, 3, 3, 1], padding="SAME")
        output_shape = tf.placeholder(dtype=tf.int32, shape=[4])
        fixed = tf.nn.conv2d_transpose(conv1, filter=de_weight, output_shape=output_shape,
                                       strides=[1, 3, 3, 1], padding="SAME")
        session.run(tf.global_variables_initializer())
        data_in = np.random.RandomState(0).normal(size=[3, 97, 97, 3])
        return {"error": error_of(session.run, deconv1 - inputs, {inputs: data_in}),
                "fixed_shape": session.run(tf.shape(fixed), {inputs: data_in,
                                                             output_shape: [3, 75, 75, 3]})}


@demo('003 deconv "可以用 inputs shape，但是有点改变" '
      '(output_shape [s[0], s[1], s[2], some_value])',
      ["a list of tf.shape(inputs)'s first three entries and a number (some_value, undefined in "
       "the notes; 3, the filter's output channels, here) is accepted as output_shape: the "
       "static shape is [?, ?, ?, 3], as with tf.shape(inputs) itself",
       "it changes nothing at run time: the notes' 97x97 inputs fail as with tf.shape(inputs) "
       "(the same error, see conv2d_transpose_runtime_error)",
       "it runs where a stride-3 conv of the output size gives conv1's ceil(n / 4): n = 3 gives "
       "[1, 3, 3, 3]"])
def conv2d_transpose_output_shape_list():
    with fresh_session(seed=1) as session:
        inputs, conv1, de_weight = _unknown_shape_deconv_inputs()
        inputs_shape = tf.shape(inputs)
        outputs_shape = [inputs_shape[0], inputs_shape[1], inputs_shape[2], 3]
        deconv1 = tf.nn.conv2d_transpose(conv1, filter=de_weight, output_shape=outputs_shape,
                                         strides=[1, 3, 3, 1], padding="SAME")
        session.run(tf.global_variables_initializer())
        data_in = np.random.RandomState(0).normal(size=[3, 97, 97, 3])
        return {"static_shape": deconv1.shape.as_list(),
                "inputs_97": error_of(session.run, deconv1 - inputs, {inputs: data_in}),
                "inputs_3": session.run(tf.shape(deconv1), {inputs: np.zeros([1, 3, 3, 3])})}
