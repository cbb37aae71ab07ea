"""Regularizers the TF2 way: Keras 3 regularizer objects, attached to the weights of Keras
layers, whose ``.losses`` the training step adds to the loss itself.

Replaces ``reference/regularizers.py``. ``tf.contrib.layers.l1_regularizer(s)`` is
``keras.regularizers.L1(s)``; contrib's ``l2_regularizer(s)`` (``s * sum(w**2) / 2``) is
``L2(s / 2)``, since Keras' ``L2(s)`` has no 1/2; ``sum_regularizer`` of the two is
``L1L2(l1, l2)``. There are no graph collections, so no direct counterpart of
``apply_regularization``, of a ``variable_scope(regularizer=…)`` or of the notes' 'losses'
collection: the closest replacement is a Keras layer's ``add_weight(regularizer=…)`` or
``Dense(kernel_regularizer=…)``, whose ``layer.losses`` hold one penalty per regularized weight
(computed when read), summed with the data loss by hand (``tf.add_n``).
"""
import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart


class _Weights(keras.layers.Layer):
    """A layer holding the given weights, each regularized by ``regularizer``."""

    def __init__(self, initial_values, regularizer, **kwargs):
        super().__init__(**kwargs)
        self.held = [self.add_weight(name=name, shape=np.shape(value), regularizer=regularizer,
                                     initializer=keras.initializers.Constant(value))
                     for name, value in initial_values.items()]


@counterpart(["regularizer_values"], "keras.regularizers.L1 / L2(scale / 2) / L1L2 / L2; "
             "add_weight(regularizer=L1(0.1)) and the layer's .losses summed by tf.add_n")
def keras_regularizer_values(tf1):
    w = tf.constant([1.0, -2.0, 3.0])
    layer = _Weights({"w": [1.0, -2.0, 3.0], "w2": [0.5]}, keras.regularizers.L1(0.1))
    return {"l1": keras.regularizers.L1(0.1)(w).numpy(),
            "l2": keras.regularizers.L2(0.1 / 2.0)(w).numpy(),
            "sum": keras.regularizers.L1L2(l1=0.1, l2=0.1 / 2.0)(w).numpy(),
            "keras_l2": keras.regularizers.L2(0.1)(w).numpy(),
            "applied": tf.add_n(layer.losses).numpy(),
            "layer_losses": [loss.numpy() for loss in layer.losses],
            "contrib_import": error_of(exec, "from tensorflow.contrib import layers", {}),
            "l1_with_scope": error_of(keras.regularizers.L1, 0.1, scope="var")}


@counterpart(["scope_regularizer"], "one Keras layer per scope, add_weight('weight', [8], "
             "initializer='ones', regularizer=L1(0.1)); tf.add_n of their .losses")
def layer_regularizer(tf1):
    layers = [_Weights({"weight": np.ones(8, np.float32)}, keras.regularizers.L1(0.1),
                       name=scope) for scope in ("var", "var2")]
    losses = [loss for layer in layers for loss in layer.losses]
    return {"regularized_paths": [v.path for layer in layers for v in layer.held],
            "values": [loss.numpy() for loss in losses], "sum": tf.add_n(losses).numpy(),
            "weights": [v.numpy() for layer in layers for v in layer.held]}


@counterpart(["losses_collection_network"], "keras.layers.Dense(relu, kernel_regularizer="
             "L2(0.001 / 2), bias 0.1) x4 from the TF1 run's weights; tf.add_n([*.losses, mse])")
def network_with_layer_losses(tf1):
    initial = [np.array(w, np.float32) for w in tf1["losses_collection_network"]["initial_weights"]]
    x = np.random.RandomState(0).rand(8, 2).astype(np.float32)  # the demo's NumPy-seeded inputs
    y_ = x.sum(axis=1, keepdims=True)
    layers = [keras.layers.Dense(w.shape[1], activation="relu", name=f"layer{i}",
                                 kernel_regularizer=keras.regularizers.L2(0.001 / 2.0),
                                 bias_initializer=keras.initializers.Constant(0.1))
              for i, w in enumerate(initial, 1)]
    cur_layer = x
    for layer, weight in zip(layers, initial):
        layer.build(cur_layer.shape)
        layer.kernel.assign(weight)
        cur_layer = layer(cur_layer)
    mse = tf.reduce_mean(tf.square(y_ - cur_layer))
    losses = [loss for layer in layers for loss in layer.losses] + [mse]
    kernels = [layer.kernel.numpy() for layer in layers]
    return {"entries": len(losses), "weight_shapes": [list(k.shape) for k in kernels],
            "total": tf.add_n(losses).numpy(), "mse": mse.numpy(),
            "l2_by_numpy": sum(0.001 * (k ** 2).sum() / 2 for k in kernels)}


# the notes' failing lines, as reference/regularizers.py compiles them (this module may not
# import it: it bootstraps TF1)
NETWORK_AS_WRITTEN = {
    "def_get_weight": "def get_weight(shape,lambda):\n    return shape\n",
    "relu_line": "cur_layer =tf.nn.relu(tf.matmul(x,weight)) + bias)\n",
    "mse_line": "ses_loss = tf.reduce_mean(tf.square(y_ \u2013 cur_layer))\n",
}


@counterpart(["regularizers_network_as_written"], "the same lines compiled (Python's errors); "
             "tf.matmul(x, weight) eagerly; keras.Sequential of Dense(10, 10, 10, 1), each "
             "layer built on the output below")
def network_as_written_eagerly(tf1):
    got = {key: error_of(compile, line, "<notes>", "exec")
           for key, line in NETWORK_AS_WRITTEN.items()}
    x = tf.random.stateless_normal([8, 2], seed=[1, 2])
    dense = keras.Sequential([keras.layers.Dense(n, activation="relu") for n in (10, 10, 10, 1)])
    return dict(got, matmul_x=error_of(tf.matmul, x, tf.zeros([10, 10])),
                dense_stack_output_shape=dense(x).shape.as_list())
