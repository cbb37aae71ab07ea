"""Scopes the TF2 way: tf.name_scope names, objects (tf.Module, Keras layers) share weights.

Replaces ``reference/scopes.py``. ``tf.name_scope`` prefixes variables (eagerly too) and ops (in
a traced ``tf.function``: eager tensors have no names). Eager names are not made unique, and a
``tf.Module``'s scope is absolute, so re-entering it numbers the ops, not the scope. No direct
counterpart: ``variable_scope`` and ``get_variable`` (the name-scope-blind prefix, ``reuse``,
``AUTO_REUSE``, "already exists", "does not exist"): sharing the object shares its variables,
so a module's or layer's name scope stands in for the variable scope, an object per call for a
scope per call, and a Keras layer's build on its first call for ``AUTO_REUSE``.
"""
import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart


def _names(variables):
    return [v.name for v in variables]


def _paths(layers):
    return [w.path for layer in layers for w in layer.weights]


def _traced(build):
    """What ``build`` returns when a tf.function traces it: op names exist only in a graph."""
    found = {}
    tf.function(lambda: found.update(build())).get_concrete_function()
    return found


@counterpart(["name_scope_vs_variable_scope", "nested_scopes"], "tf.name_scope; a tf.Module's "
             "name_scope (and a module made inside it) for the variable scope")
def name_scope_and_module_scope(tf1):
    got = {}
    with tf.name_scope("hello") as name_scope:
        got["name_scope"] = [type(name_scope).__name__, name_scope]
        got["name_scope_variable"] = tf.Variable(tf.zeros([2, 10]), name="arr1").name
    module = tf.Module(name="hello")
    with module.name_scope:
        got["variable_scope_variable"] = tf.Variable(tf.zeros([2, 10]), name="arr1").name
        nested = tf.Module(name="xixi")
    with tf.name_scope("scope1"), tf.name_scope("scope2") as scope2:
        got["name_scopes"] = scope2
    with tf.Module(name="scope1").name_scope:
        got["nested_modules"] = tf.Module(name="scope2").name_scope.name
    return dict(got, module=[type(module).__name__, module.name],
                variable_scope_original=module.name_scope.name,
                nested_original=nested.name_scope.name)


@counterpart(["scope_prefixes", "name_scope_prefixes_ops"], "nested tf.name_scope around "
             "eager tf.Variables and around ops traced by tf.function")
def name_scopes_prefix_variables_and_ops(tf1):
    with tf.name_scope("name1"), tf.name_scope("var1"):
        w, plain = tf.Variable(tf.zeros([2]), name="w"), tf.Variable(1.0, name="plain")
    with tf.name_scope("foo"):
        v = tf.Variable(tf.zeros([1]), name="v")
    with tf.name_scope("hidden"):  # names only: no values to draw
        weights = tf.Variable(tf.zeros([1, 2]), name="weights")
        biases = tf.Variable(tf.zeros([1]), name="biases")

    def ops():
        with tf.name_scope("name1"), tf.name_scope("var1"):
            res = tf.add(w, [3]).name
        with tf.name_scope("foo"), tf.name_scope("bar"):
            foo_x_op = (1.0 + v).op.name
        with tf.name_scope("hidden"):
            return {"res": res, "foo_x_op": foo_x_op,
                    "alpha": tf.constant(5, name="alpha").name}

    traced = _traced(ops)
    return {"w": w.name, "tf_variable": plain.name, "foo_v": v.name, "res": traced["res"],
            "foo_x_op": traced["foo_x_op"], "names": [traced["alpha"], weights.name,
                                                      biases.name],
            "eager_constant_name": error_of(lambda: tf.constant(5, name="alpha").name)}


class Scope(keras.layers.Layer):
    """The notes' ``test()``: one weight ``w`` [2, 10]; Keras names each new layer uniquely."""

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=[2, 10], initializer="zeros")

    def call(self, inputs):
        return inputs


@counterpart(["default_name_and_clearing"], "Keras 3 layers' unique default names; tf.Module "
             "(not unique); tf.name_scope(''); a tf.Module's name_scope re-entered in a "
             "tf.function")
def unique_names_and_clearing(tf1):
    layers, modules = [Scope(), Scope()], [tf.Module(name="scope"), tf.Module(name="scope")]
    for layer in layers:
        layer(tf.zeros([1]))
    got = {"default_name": [layer.w.value.name for layer in layers],
           "paths": [layer.w.path for layer in layers], "modules": []}
    for module in modules:
        with module.name_scope:
            got["modules"].append(tf.Variable(tf.zeros([2, 10]), name="w").name)
    with tf.name_scope("hehe"):
        w1 = tf.Variable(1.0)
        with tf.name_scope(""):
            w2 = tf.Variable(2.0)
    got.update(name_scope_none=[w1.name, w2.name], name_scope_None=error_of(tf.name_scope, None))
    outer = tf.Module(name="outer")
    with outer.name_scope:
        v = tf.Variable([1.0], name="v")

    def reenter():
        with outer.name_scope:
            first = tf.identity(1.0, name="op").op.name
        with outer.name_scope:
            return {"reentered": [first, v.name, tf.identity(1.0, name="op").op.name]}

    return dict(got, **_traced(reenter))


def _my_image_filter_variables():
    """The tf.Variable version's two variables (names only: nothing drawn): new on every call."""
    return [tf.Variable(tf.zeros([5, 5, 32, 32]), name="conv1_weights"),
            tf.Variable(tf.zeros([32]), name="conv1_biases")]


class ImageFilter(tf.Module):
    """my_image_filter as a module: its variables are made once, and every call shares them."""

    def __init__(self, name):
        super().__init__(name=name)
        with self.name_scope, tf.name_scope("conv1"):
            self.conv1 = (tf.Variable(tf.zeros([5, 5, 32, 32]), name="weights"),
                          tf.Variable(tf.zeros([32]), name="biases"))

    def __call__(self, input_images):
        conv1 = tf.nn.conv2d(input_images, self.conv1[0], strides=[1, 1, 1, 1], padding="SAME")
        return tf.nn.relu(conv1 + self.conv1[1])


@counterpart(["variable_sharing"], "one tf.Module (or Keras 3 layer) object called twice "
             "shares its variables; a Keras layer builds them on its first call")
def sharing_the_object(tf1):
    image1, image2 = np.zeros([1, 4, 4, 32], np.float32), np.ones([1, 4, 4, 32], np.float32)
    got = {"tf_variable_twice": _names(_my_image_filter_variables()
                                       + _my_image_filter_variables())}
    filters = {"reuse_variables": ImageFilter("image_filters"),
               "reuse_true": ImageFilter("image_filters1")}
    conv = keras.layers.Conv2D(32, 5, padding="same", activation="relu", name="conv1")
    for owner in [*filters.values(), conv]:
        for image in (image1, image2):
            owner(image)
    got.update({key: _names(f.trainable_variables) for key, f in filters.items()},
               keras_called_twice=_paths([conv]))
    auto = keras.layers.Dense(1, use_bias=False, name="auto")
    got["auto_reuse"] = {"before_call": _paths([auto])}
    for x in (np.zeros([1, 1], np.float32), np.ones([1, 1], np.float32)):
        auto(x)
    got["auto_reuse"]["after_two_calls"] = _paths([auto])
    return got


@counterpart(["rnn_in_a_loop_needs_its_own_scope"], "a new keras.layers.LSTM per call owns "
             "its weights: the same name twice is no error")
def a_layer_per_call(tf1):
    inputs = np.zeros([2, 3, 4], np.float32)
    same_name = [keras.layers.LSTM(5, name="rnn") for _ in range(2)]
    own = [keras.layers.LSTM(5, name=f"lstm_{i}") for i in range(2)]
    outputs = [layer(inputs) for layer in same_name + own]
    return {"second_call": {"output_shape": outputs[1].shape.as_list(),
                            "paths": [_paths([layer]) for layer in same_name],
                            "distinct_variables": len({id(w) for layer in same_name
                                                       for w in layer.weights})},
            "own_scopes": _paths(own)}
