"""name_scope, variable_scope, get_variable and Variable: every naming and sharing rule.

Reproduces: note 003 "tf.get_variable 和 tf.Variable不同的一点是…" (my_image_filter, both
ways of reuse), the "hello" name_scope / variable_scope prints, "name1/var1/Add",
"foo/bar/add", nested scopes, "name_scope可以用来干什么", "tf.variable_scope有时也会处理命名冲突"
(default_name), "tf.name_scope(None) 有清除name scope的作用", "总结"; note 000 "lstm不可重复
使用" (a second dynamic_rnn in the same scope: "... already exists").
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of


def _names(variables):
    return [v.name for v in variables]


@demo('003 name_scope "hello" / variable_scope "hello" prints',
      ["name_scope('hello') as s gives the string 'hello/'",
       "get_variable inside a name_scope gets no prefix: 'arr1:0'",
       "get_variable_scope().original_name_scope is '' inside a plain name_scope",
       "variable_scope('hello') gives a VariableScope whose name is 'hello'",
       "get_variable inside it is 'hello/arr1:0'; original_name_scope is 'hello/'",
       "a nested variable_scope('xixi') has original_name_scope 'hello/xixi/'"])
def name_scope_vs_variable_scope():
    got = {}
    with tf.Graph().as_default():
        with tf.name_scope("hello") as name_scope:
            arr1 = tf.get_variable("arr1", shape=[2, 10], dtype=tf.float32)
            got["name_scope"] = [type(name_scope).__name__, name_scope]
            got["name_scope_variable"] = arr1.name
            got["name_scope_original"] = tf.get_variable_scope().original_name_scope
    with tf.Graph().as_default():
        with tf.variable_scope("hello") as variable_scope:
            arr1 = tf.get_variable("arr1", shape=[2, 10], dtype=tf.float32)
            got["variable_scope"] = [type(variable_scope).__name__, variable_scope.name]
            got["variable_scope_variable"] = arr1.name
            got["variable_scope_original"] = tf.get_variable_scope().original_name_scope
            got["same_object"] = tf.get_variable_scope() is variable_scope
            with tf.variable_scope("xixi"):
                got["nested_original"] = tf.get_variable_scope().original_name_scope
    return got


@demo('003 "name1/var1/Add" and "foo/bar/add" examples; "总结"',
      ["variable_scope inside name_scope: get_variable is 'var1/w:0', an op is "
       "'name1/var1/Add:0'", "name_scope inside variable_scope: v is 'foo/v:0', 1.0 + v is "
       "'foo/bar/add'", "tf.Variable takes both prefixes; get_variable only the variable "
       "scope's", "get_variable_scope() ignores name scopes"])
def scope_prefixes():
    with tf.Graph().as_default():
        with tf.name_scope("name1"):
            with tf.variable_scope("var1"):
                w = tf.get_variable("w", shape=[2])
                res = tf.add(w, [3])
                plain_var = tf.Variable(1.0, name="plain")
                scope_name = tf.get_variable_scope().name
        with tf.variable_scope("foo"):
            with tf.name_scope("bar"):
                v = tf.get_variable("v", [1])
                x = 1.0 + v
        return {"w": w.name, "res": res.name, "tf_variable": plain_var.name,
                "variable_scope_name": scope_name, "foo_v": v.name, "foo_x_op": x.op.name}


@demo('003 nested scopes ("scope1/scope2/" and "scope1/scope2")',
      ["nested name_scopes give 'scope1/scope2/'", "nested variable_scopes are named "
       "'scope1/scope2'"])
def nested_scopes():
    with tf.Graph().as_default():
        with tf.name_scope("scope1"):
            with tf.name_scope("scope2") as scope2:
                name = scope2
        with tf.variable_scope("scope1"):
            with tf.variable_scope("scope2") as vscope2:
                return {"name_scopes": name, "variable_scopes": vscope2.name}


@demo('003 "name_scope可以用来干什么" (hidden/alpha, hidden/weights, hidden/biases)',
      ["a constant and two tf.Variables in name_scope('hidden') are named hidden/alpha:0, "
       "hidden/weights:0, hidden/biases:0 (the notes print them without ':0')"])
def name_scope_prefixes_ops():
    with tf.Graph().as_default():
        with tf.name_scope("hidden"):
            a = tf.constant(5, name="alpha")
            weights = tf.Variable(tf.random_uniform([1, 2], -1.0, 1.0), name="weights")
            biases = tf.Variable(tf.zeros([1]), name="biases")
        return {"names": [a.name, weights.name, biases.name],
                "op_names": [a.op.name, weights.op.name, biases.op.name]}


@demo('003 "tf.variable_scope有时也会处理命名冲突" / "tf.name_scope(None) 有清除name scope的作用"',
      ["variable_scope(None, default_name='scope') twice gives scope/w:0 and scope_1/w:0",
       "name_scope(None) clears the scope: hehe/Variable:0 then Variable:0",
       "re-entering a VariableScope object keeps variable names but numbers the op scope"])
def default_name_and_clearing():
    def test(name=None):
        with tf.variable_scope(name, default_name="scope"):
            tf.get_variable("w", shape=[2, 10])

    got = {}
    with tf.Graph().as_default():
        test()
        test()
        got["default_name"] = _names(tf.trainable_variables())
    with tf.Graph().as_default():
        with tf.name_scope("hehe"):
            w1 = tf.Variable(1.0)
            with tf.name_scope(None):
                w2 = tf.Variable(2.0)
        got["name_scope_none"] = [w1.name, w2.name]
    with tf.Graph().as_default():
        with tf.variable_scope("outer") as outer:
            first = tf.identity(1.0, name="op")
        with tf.variable_scope(outer):
            v = tf.get_variable("v", [1])
            second = tf.identity(1.0, name="op")
        got["reentered"] = [first.op.name, v.name, second.op.name]
    return got


def _my_image_filter_variables(input_images):
    conv1_weights = tf.Variable(tf.random_normal([5, 5, 32, 32]), name="conv1_weights")
    conv1_biases = tf.Variable(tf.zeros([32]), name="conv1_biases")
    conv1 = tf.nn.conv2d(input_images, conv1_weights, strides=[1, 1, 1, 1], padding="SAME")
    return tf.nn.relu(conv1 + conv1_biases)


def _my_image_filter_shared(input_images):
    with tf.variable_scope("conv1"):
        weights = tf.get_variable("weights", [5, 5, 32, 32],
                                  initializer=tf.random_normal_initializer())
        biases = tf.get_variable("biases", [32], initializer=tf.constant_initializer(0.0))
    conv1 = tf.nn.conv2d(input_images, weights, strides=[1, 1, 1, 1], padding="SAME")
    return tf.nn.relu(conv1 + biases)


@demo('003 "tf.get_variable 和 tf.Variable不同的一点是…" (my_image_filter)',
      ["calling the tf.Variable version twice creates two sets of variables",
       "calling the get_variable version twice raises ValueError '... conv1/weights already "
       "exists'", "scope.reuse_variables() shares them", "variable_scope(scope1, reuse=True) "
       "shares them", "reuse=True for a variable never created raises 'does not exist'",
       "reuse=tf.AUTO_REUSE creates once, then shares"])
def variable_sharing():
    image1, image2 = np.zeros([1, 4, 4, 32], np.float32), np.ones([1, 4, 4, 32], np.float32)
    got = {}
    with tf.Graph().as_default():
        _my_image_filter_variables(image1)
        _my_image_filter_variables(image2)
        got["tf_variable_twice"] = _names(tf.trainable_variables())
    with tf.Graph().as_default():
        _my_image_filter_shared(image1)
        got["get_variable_twice"] = error_of(_my_image_filter_shared, image2)
    with tf.Graph().as_default():
        with tf.variable_scope("image_filters") as scope:
            _my_image_filter_shared(image1)
            scope.reuse_variables()
            _my_image_filter_shared(image2)
        got["reuse_variables"] = _names(tf.trainable_variables())
    with tf.Graph().as_default():
        with tf.variable_scope("image_filters1") as scope1:
            _my_image_filter_shared(image1)
        with tf.variable_scope(scope1, reuse=True):
            _my_image_filter_shared(image2)
        got["reuse_true"] = _names(tf.trainable_variables())
        with tf.variable_scope("never", reuse=True):
            got["reuse_missing"] = error_of(tf.get_variable, "v", [1])
    with tf.Graph().as_default():
        for _ in range(2):
            with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
                tf.get_variable("v", [1])
        got["auto_reuse"] = _names(tf.trainable_variables())
    return got


@demo('000 "lstm不可重复使用" (for h in hidden: … lstm → "… already exists")',
      ["a second dynamic_rnn with a new cell in the same variable scope raises ValueError "
       "'Variable rnn/basic_lstm_cell/kernel already exists'",
       "a variable_scope per call (or reuse) avoids it"])
def rnn_in_a_loop_needs_its_own_scope():
    inputs = np.zeros([2, 3, 4], np.float32)

    def lstm(x):
        cell = tf.nn.rnn_cell.BasicLSTMCell(5)
        return tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)

    got = {}
    with tf.Graph().as_default():
        lstm(inputs)
        got["second_call"] = error_of(lstm, inputs)
    with tf.Graph().as_default():
        for i in range(2):
            with tf.variable_scope(f"lstm_{i}"):
                lstm(inputs)
        got["own_scopes"] = _names(tf.trainable_variables())
    return got
