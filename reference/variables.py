"""Variables and their initializers: what global_variables_initializer is made of.

Reproduces: note 003 "global_variables_initializer 返回一个用来初始化计算图中所有global
variable 的op" (the op is a group of every variable's ``initializer``, itself an assign op;
an empty list gives a ``no_op``) and "如何restore变量的子集,然后使用初始化op初始化其他变量"
(initializing only some variables).
"""
from reference.tf1 import tf

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session


@demo('003 "global_variables_initializer 返回一个用来初始化…的op"',
      ["global_variables_initializer() is a group named 'init' of each variable's initializer",
       "global_variables() is the GLOBAL_VARIABLES collection",
       "a variable's initializer is an assign op",
       "variables_initializer([]) is a no_op (named 'init', uniquified to 'init_1' here)",
       "the summaries section's tf.global_variable_initializer() is a typo"])
def initializer_anatomy():
    with tf.Graph().as_default() as graph:
        a = tf.Variable(1.0, name="a")
        b = tf.Variable(2.0, name="b", trainable=False)
        init = tf.global_variables_initializer()
        empty = tf.variables_initializer([])
        return {"init": [init.type, init.name],
                "init_control_inputs": sorted(op.name for op in init.control_inputs),
                "global_variables": [v.name for v in tf.global_variables()],
                "same_as_collection": tf.global_variables() == graph.get_collection(
                    tf.GraphKeys.GLOBAL_VARIABLES),
                "trainable_variables": [v.name for v in tf.trainable_variables()],
                "initializer_types": [a.initializer.type, b.initializer.type],
                "empty": [empty.type, empty.name],
                "summaries_typo": error_of(lambda: tf.global_variable_initializer)}


@demo('003 "如何restore变量的子集,然后使用初始化op初始化其他变量"',
      ["variables_initializer([a]) initializes a only",
       "reading the other variable is FailedPreconditionError",
       "report_uninitialized_variables names the rest"])
def initialize_a_subset():
    with fresh_session() as session:
        a, b = tf.Variable(1.0, name="a"), tf.Variable(2.0, name="b")
        session.run(tf.variables_initializer([a]))
        return {"a": session.run(a),
                "uninitialized": session.run(tf.report_uninitialized_variables()),
                "read_b": error_of(session.run, b * 1.0),
                "is_initialized": session.run([tf.is_variable_initialized(a),
                                               tf.is_variable_initialized(b)])}
