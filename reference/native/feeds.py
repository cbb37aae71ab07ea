"""Feeds and fetches the TF2 way: return values for fetches, arguments for feeds.

Replaces ``reference/feeds.py``. A fetch is what a ``tf.function`` returns (or an eager value);
a feed is an argument. What changed: every stateful op written in a ``tf.function`` runs, fetched
or not (automatic control dependencies), so the notes' never-fetched ``update2`` runs; a value
returned by ``assign_add`` is read when the function returns, after later writes. No direct
counterpart: feeding a variable or any intermediate tensor (split the function, pass the value
in), feeding by name, an initializer op's ``run()`` (variables hold their value from creation),
fetch errors (a function returns whatever it returns, converted to tensors) and default
sessions (eager has none; ``eval`` is ``numpy``).
"""
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart


@counterpart(["fetch_several_ops"], "a tf.function returning several tensors")
def return_several_values(tf1):
    @tf.function
    def mul_and_add():
        input1, input2 = tf.constant(3.0), tf.constant(1.0)
        add = tf.add(input1, input2)
        return [tf.multiply(input1, add), add]

    return {"result": [t.numpy() for t in mul_and_add()]}


@counterpart(["feed_placeholders"], "tf.function arguments for the placeholders")
def arguments_for_placeholders(tf1):
    multiply = tf.function(tf.multiply)
    return {"result": multiply(tf.constant([7.0]), tf.constant([8.0])).numpy()}


@counterpart(["partial_execution"], "tf.Variable.assign in a tf.function; automatic control "
             "dependencies run every stateful op written, returned or not")
def every_stateful_op_runs(tf1):
    state = tf.Variable(0.0)
    update = tf.function(lambda: state.assign(tf.add(state, tf.constant(1.0))))
    printed = [update().numpy() for _ in range(3)]
    after_three = state.numpy()

    @tf.function
    def update_and_update2():
        state.assign_add(1.0)
        read = state.read_value()  # read now: after the update, before update2
        lazy = state.assign_add(0.0)  # assign_add's value is read when the function returns
        state.assign(10000.0)  # update2 of the notes: returned by nothing, run all the same
        return read, lazy

    read, lazy = update_and_update2()
    return {"printed": printed, "state_after": after_three,
            "with_update2": {"read_before_update2": read.numpy(),
                             "assign_add_value": lazy.numpy(), "state_after": state.numpy()}}


@counterpart(["feed_a_variable_and_any_tensor"], "a value passed as a tf.function argument "
             "instead of a feed; the graph split into two tf.functions to feed c")
def arguments_instead_of_feeds(tf1):
    y = tf.Variable(1)
    b = tf.function(tf.identity)  # b = identity(y); the fed value is just another argument
    c_of = tf.function(lambda x: tf.add(x, 1.0))
    d_of = tf.function(lambda c: tf.multiply(c, 2.0))
    return {"fed_variable": b(tf.constant(3)).numpy(), "next_run": b(y).numpy(),
            "variable_tensor_name": y.name, "fed_intermediate": d_of(tf.constant(10.0)).numpy(),
            "whole": d_of(c_of(tf.constant(4.0))).numpy()}


@counterpart(["fetch_errors"], "what a tf.function returns: None stays None, Python values "
             "become tensors; no names to look up")
def returns_instead_of_fetches(tf1):
    w1 = tf.Variable([[1, 2]], name="w1")

    @tf.function
    def returns():
        return None, 3, "nothing:0", [tf.matmul(w1, [[2], [1]])]

    none, number, name, right = returns()
    return {"fetch_none": none,
            "fetch_number": [number.numpy(), number.dtype.name],
            "fetch_unknown_name": [name.numpy(), name.dtype.name],
            "right": [t.numpy() for t in right]}


@tf.function(input_signature=[tf.TensorSpec([None, 1], tf.float32, name="x")])
def _times_two(x):
    return x * 2.0


@counterpart(["unfed_placeholder_error"], "a tf.function with an input_signature: a missing "
             "argument is a TypeError when it is called, before anything runs")
def missing_argument_error(tf1):
    return {"error": error_of(_times_two),
            "wrong_dtype": error_of(_times_two, tf.zeros([2, 1], tf.int32)),
            "given": _times_two(tf.constant([[1.0], [2.0]])).numpy()}


_ANY_SHAPE = tf.function(lambda x: (tf.shape(x), x * 2.0),
                         input_signature=[tf.TensorSpec(None, "float")])
_THREE_COLUMNS = tf.function(tf.shape, input_signature=[tf.TensorSpec([None, 3], tf.float32)])


@counterpart(["placeholder_shapes"], "tf.function input_signature: TensorSpec(None) takes any "
             "shape, TensorSpec([None, 3]) any number of rows of 3")
def signature_shapes(tf1):
    _, doubled = _ANY_SHAPE(tf.constant(3.0))
    return {"default_static_shape": str(_ANY_SHAPE.input_signature[0].shape),
            "fed_scalar": doubled.numpy(),
            "fed_2x3": _ANY_SHAPE(tf.ones([2, 3]))[0].numpy(),
            "none_3_static_shape": _THREE_COLUMNS.input_signature[0].shape.as_list(),
            "fed_5x3": _THREE_COLUMNS(tf.ones([5, 3])).numpy(),
            "fed_5x4": error_of(_THREE_COLUMNS, tf.ones([5, 4])),
            "float_string": [_ANY_SHAPE.input_signature[0].dtype.name,
                             tf.cast(True, "float").dtype.name]}


@counterpart(["interactive_session_eval"], "eager execution: values at once, .numpy() instead "
             "of eval(), Variable.assign_add instead of op.run()")
def eager_values_instead_of_eval(tf1):
    v = tf.Variable(2.0)
    v.assign_add(1.0)
    return {"eval": (v * 1.0).numpy(), "eval_feed": (v * tf.constant(10.0)).numpy(),
            "executing_eagerly": tf.executing_eagerly(),
            "eval_method": error_of((v * 1.0).eval)}
