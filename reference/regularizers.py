"""Regularizers: l1 / l2 / sum, scope-level regularizers, REGULARIZATION_LOSSES, a 'losses' net.

``tf.contrib.layers`` is gone: the regularizers are ``reference/contrib/regularizers.py``'s,
with contrib's arithmetic (l2 is ``scale * sum(w**2) / 2``; tf_keras ``L2(scale)`` has no 1/2).

Reproduces: note 003 "tensorflow Regularizers" (create a regularizer, apply it; the
``variable_scope(..., regularizer=...)`` example summed from
``tf.GraphKeys.REGULARIZATION_LOSSES``) and the 5-layer network that collects its l2 terms
and its mse in a 'losses' collection (its typos fixed; see the errata).
"""
import inspect

from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import missing
from reference.contrib import regularizers


@demo('003 "tensorflow Regularizers" (l1, l2, sum, apply_regularization)',
      ["l1_regularizer(0.1) of [1, -2, 3] is 0.6",
       "l2_regularizer(0.1) is 0.1 * 14 / 2 = 0.7",
       "sum_regularizer of both is 1.3", "tf_keras L2(0.1) gives 1.4: it has no 1/2",
       "apply_regularization sums over weights_list (default: GraphKeys.WEIGHTS) into "
       "REGULARIZATION_LOSSES",
       "the notes' `from tensorflow.contrib import layers` is a ModuleNotFoundError and "
       "tf.contrib an AttributeError; the re-created regularizers take no scope argument"])
def regularizer_values():
    with fresh_session() as session:
        w = tf.constant([1.0, -2.0, 3.0])
        w2 = tf.constant([0.5])
        tf.add_to_collection(tf.GraphKeys.WEIGHTS, w)
        tf.add_to_collection(tf.GraphKeys.WEIGHTS, w2)
        applied = regularizers.apply_regularization(regularizers.l1_regularizer(0.1))
        got = session.run({
            "l1": regularizers.l1_regularizer(0.1)(w), "l2": regularizers.l2_regularizer(0.1)(w),
            "sum": regularizers.sum_regularizer([regularizers.l1_regularizer(0.1),
                                                 regularizers.l2_regularizer(0.1)])(w),
            "keras_l2": tf.keras.regularizers.L2(0.1)(w), "applied": applied,
            "collected": tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)})
    got["contrib_import"] = error_of(exec, "from tensorflow.contrib import layers", {})
    got.update(missing(tf, "contrib"))
    got["signatures"] = {name: str(inspect.signature(getattr(regularizers, name))) for name in (
        "l1_regularizer", "l2_regularizer", "sum_regularizer", "apply_regularization")}
    return got


@demo('003 regularizer on a variable_scope (var / var2, weight = ones[8], l1 0.1)',
      ["get_variable inside variable_scope(regularizer=...) adds its penalty to "
       "REGULARIZATION_LOSSES", "two scopes give two entries of 0.8: the sum is 1.6",
       "the scope's initializer is overridden by get_variable's (ones)"])
def scope_regularizer():
    with fresh_session() as session:
        regularizer = regularizers.l1_regularizer(0.1)
        for scope in ("var", "var2"):
            with tf.variable_scope(scope, initializer=tf.random_normal_initializer(),
                                   regularizer=regularizer):
                tf.get_variable("weight", shape=[8], initializer=tf.ones_initializer())
        losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
        regularization_loss = tf.reduce_sum(losses)
        session.run(tf.global_variables_initializer())
        return {"names": [t.op.name for t in losses], "values": session.run(losses),
                "sum": session.run(regularization_loss),
                "weights": session.run(tf.trainable_variables())}


def _five_layer_network(lambda_, x, y_):
    """The notes' network with its typos fixed (see errata ``regularizers_network``)."""
    def get_weight(shape):
        var = tf.Variable(tf.random_normal(shape), dtype=tf.float32)
        tf.add_to_collection("losses", regularizers.l2_regularizer(lambda_)(var))
        return var

    layer_dimension = [2, 10, 10, 10, 1]
    cur_layer, in_dimension = x, layer_dimension[0]
    for out_dimension in layer_dimension[1:]:
        weight = get_weight([in_dimension, out_dimension])
        bias = tf.Variable(tf.constant(0.1, shape=[out_dimension]))
        cur_layer = tf.nn.relu(tf.matmul(cur_layer, weight) + bias)
        in_dimension = out_dimension
    mse_loss = tf.reduce_mean(tf.square(y_ - cur_layer))
    tf.add_to_collection("losses", mse_loss)
    return mse_loss, tf.add_n(tf.get_collection("losses"))


NETWORK_AS_WRITTEN = {  # the notes' failing lines, each compiled or run on its own
    "def_get_weight": "def get_weight(shape,lambda):\n    return shape\n",
    "relu_line": "cur_layer =tf.nn.relu(tf.matmul(x,weight)) + bias)\n",
    "mse_line": "ses_loss = tf.reduce_mean(tf.square(y_ \u2013 cur_layer))\n",
}


@demo('003 5-layer network with a \'losses\' collection, as written',
      ["def get_weight(shape,lambda): is a SyntaxError: lambda is a keyword",
       "cur_layer =tf.nn.relu(tf.matmul(x,weight)) + bias) is a SyntaxError: unmatched ')'",
       "y_ \u2013 cur_layer (an en dash for the minus) is a SyntaxError: invalid character",
       "shape=(none,1) is a NameError, and so is tf.constant(0.1,shape(out_dimension))",
       "with the syntax fixed, every layer multiplying x (not cur_layer) fails at layer 2: "
       "matmul of x [?, 2] by the [10, 10] weight is a ValueError"])
def regularizers_network_as_written():
    got = {key: error_of(compile, line, "<notes>", "exec")
           for key, line in NETWORK_AS_WRITTEN.items()}
    names = {"tf": tf, "out_dimension": 10}
    got["none"] = error_of(eval, "tf.placeholder(tf.float32,shape=(none,1))", names)
    got["shape_call"] = error_of(eval, "tf.Variable(tf.constant(0.1,shape(out_dimension)))", names)
    with fresh_session(seed=1):
        x = tf.placeholder(tf.float32, shape=(None, 2))

        def layers_on_x():
            layer_dimension, cur_layer = [2, 10, 10, 10, 1], x
            for in_dimension, out_dimension in zip(layer_dimension, layer_dimension[1:]):
                weight = tf.Variable(tf.random_normal([in_dimension, out_dimension]))
                bias = tf.Variable(tf.constant(0.1, shape=[out_dimension]))
                cur_layer = tf.nn.relu(tf.matmul(x, weight)) + bias
            return cur_layer
        got["matmul_x"] = error_of(layers_on_x)
    return got


@demo('003 5-layer network with a \'losses\' collection (layer_dimension [2,10,10,10,1])',
      ["each layer's weight adds an l2 term to 'losses'; the mse is added last: 5 entries",
       "the total loss is add_n(get_collection('losses')) = mse + the l2 terms",
       "the weights have shapes [2,10] [10,10] [10,10] [10,1]"])
def losses_collection_network():
    x_data = np.random.RandomState(0).rand(8, 2).astype(np.float32)
    y_data = x_data.sum(axis=1, keepdims=True)
    with fresh_session(seed=1) as session:
        x = tf.placeholder(tf.float32, shape=(None, 2))
        y_ = tf.placeholder(tf.float32, shape=(None, 1))
        mse_loss, total = _five_layer_network(0.001, x, y_)
        session.run(tf.global_variables_initializer())
        feed = {x: x_data, y_: y_data}
        weights = session.run([v for v in tf.trainable_variables() if v.shape.ndims == 2])
        mse, total_value = session.run([mse_loss, total], feed)
        return {"entries": len(tf.get_collection("losses")),
                "weight_shapes": [list(w.shape) for w in weights],
                "total": total_value, "mse": mse,
                "l2_by_numpy": sum(0.001 * (w ** 2).sum() / 2 for w in weights),
                "initial_weights": weights}  # for the TF2 counterpart
