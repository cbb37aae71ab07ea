"""Feeds and fetches: several fetches at once, partial execution, feeding any tensor, errors.

Reproduces: note 003 "Fetch的意思就是…", "Feed的字面意思是喂养", "执行sess.run()时，tensorflow
是否计算了整个图", "sess.run()中的feed_dict", the "#wrong / # right" fetch example, the
two-model summary error ("You must feed a value for placeholder tensor"), and
InteractiveSession / ``eval`` / ``run`` from note 001 §1.4 and the CNN example.
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import outcome


@demo('003 "Fetch的意思就是在一个会话（session）中可以同时运行多个op"',
      ["sess.run([mul, add]) returns both values: [12.0, 4.0] (with the missing line "
       "add = input1 + input2 restored)"])
def fetch_several_ops():
    with fresh_session() as session:
        input1, input2 = tf.constant(3.0), tf.constant(1.0)
        tf.constant(5.0)  # input3 of the notes, never used
        add = tf.add(input1, input2)
        mul = tf.multiply(input1, add)
        return {"result": session.run([mul, add])}


@demo('003 "Feed的字面意思是喂养"',
      ["placeholders fed {input1: [7.], input2: [8.]} multiply to [56.]"])
def feed_placeholders():
    with fresh_session() as session:
        input1, input2 = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
        return {"result": session.run(tf.multiply(input1, input2),
                                      feed_dict={input1: [7.], input2: [8.]})}


@demo('003 "执行sess.run()时，tensorflow是否计算了整个图"',
      ["only what a fetch needs runs: three runs of update print 1.0, 2.0, 3.0",
       "update2 = assign(state, 10000) is never fetched, so never runs"])
def partial_execution():
    with fresh_session() as session:
        state = tf.Variable(0.0, dtype=tf.float32)
        update = tf.assign(state, tf.add(state, tf.constant(1.0)))
        tf.assign(state, 10000.0)  # update2 of the notes
        session.run(tf.global_variables_initializer())
        printed = [session.run(update) for _ in range(3)]
        return {"printed": printed, "state_after": session.run(state)}


@demo('003 "sess.run()中的feed_dict"',
      ["feeding a variable replaces its value for that run: identity(y) fed {y: 3} gives 3",
       "feed_dict={y.name: 3} is the same feed", "the feed lasts one run: next run gives 1",
       "any tensor can be fed, cutting off what computes it"])
def feed_a_variable_and_any_tensor():
    with fresh_session() as session:
        y = tf.Variable(1)
        b = tf.identity(y)
        x = tf.placeholder(tf.float32, name="x")
        c = tf.add(x, 1.0)
        d = tf.multiply(c, 2.0)
        session.run(tf.global_variables_initializer())
        return {"fed_variable": session.run(b, feed_dict={y: 3}),
                "fed_by_name": outcome(session.run, b, feed_dict={y.name: 3}),
                "next_run": session.run(b),
                "variable_tensor_name": y.name,
                "fed_intermediate": session.run(d, feed_dict={c: 10.0})}


@demo('003 "#wrong … TypeError: Fetch argument None has invalid type"',
      ["fetching None (what op.run() returns) is a TypeError",
       "fetching a Python number is a TypeError", "fetching an unknown name is a ValueError"])
def fetch_errors():
    with fresh_session() as session:
        w1 = tf.Variable([[1, 2]], name="w1")
        res = tf.matmul(w1, [[2], [1]])
        init_result = tf.global_variables_initializer().run(session=session)
        return {"init_run_returns": init_result,
                "fetch_none": error_of(session.run, init_result),
                "fetch_number": error_of(session.run, 3),
                "fetch_unknown_name": error_of(session.run, "nothing:0"),
                "right": session.run([res])}


@demo('003 two-model summary error ("You must feed a value for placeholder tensor")',
      ["running a tensor that needs an unfed placeholder is InvalidArgumentError naming the "
       "placeholder and its dtype",
       "the notes' Model.graph() placeholder under name_scope('train') / variable_scope('var1') "
       "is 'train/var1/Placeholder': the message goes on 'with dtype float' and now adds the "
       "shape [?,1]"])
def unfed_placeholder_error():
    with fresh_session() as session:
        with tf.name_scope("train"):
            x = tf.placeholder(tf.float32, shape=[None, 1], name="x")
            with tf.variable_scope("var1", dtype=tf.float32):
                notes_x = tf.placeholder(dtype=tf.float32, shape=[None, 1])
        return {"error": error_of(session.run, x * 2.0),
                "notes_placeholder": error_of(session.run, notes_x * 2.0)}


@demo('003 MNIST CNN "placeholder中shape是参数的形状，默认为none，即一维数据…"',
      ["shape=None is not '1-D data' but no shape at all: the static shape is unknown, and a "
       "scalar or a [2, 3] feed are both taken",
       "[None, 3] takes any number of rows of 3 columns: a [5, 3] feed",
       "a [5, 4] feed for [None, 3] is a ValueError naming both shapes",
       "the notes' \"float\" dtype string is float32 (placeholder(\"float\"), "
       "cast(…, \"float\"))"])
def placeholder_shapes():
    with fresh_session() as session:
        anything = tf.placeholder(tf.float32)
        columns = tf.placeholder(tf.float32, [None, 3])
        return {"default_static_shape": str(anything.shape),
                "fed_scalar": session.run(anything * 2.0, {anything: 3.0}),
                "fed_2x3": session.run(tf.shape(anything), {anything: np.ones([2, 3])}),
                "none_3_static_shape": columns.shape.as_list(),
                "fed_5x3": session.run(tf.shape(columns), {columns: np.ones([5, 3])}),
                "fed_5x4": error_of(session.run, columns, {columns: np.ones([5, 4])}),
                "float_string": [tf.placeholder("float").dtype.name,
                                 tf.cast(True, "float").dtype.name]}


@demo('001 §1.4 / CNN example (InteractiveSession, accuracy.eval, train_step.run)',
      ["InteractiveSession installs itself as the default session: tensor.eval() and op.run() "
       "need no session argument", "eval takes a feed_dict",
       "without a default session eval is a ValueError"])
def interactive_session_eval():
    with tf.Graph().as_default():
        v = tf.Variable(2.0)
        x = tf.placeholder(tf.float32)
        missing = error_of((v * 1.0).eval)
        session = tf.InteractiveSession()
        try:
            v.initializer.run()
            tf.assign_add(v, 1.0).op.run()
            return {"eval": (v * 1.0).eval(), "eval_feed": (v * x).eval(feed_dict={x: 10.0}),
                    "default_is_it": tf.get_default_session() is session,
                    "no_default_session": missing}
        finally:
            session.close()
