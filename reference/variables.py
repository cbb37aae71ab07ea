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
from reference.catalogue.registry import run_initialized


@demo('003 "global_variables_initializer 返回一个用来初始化…的op"',
      ["global_variables_initializer() is a group named 'init' of each variable's initializer",
       "global_variables() is the GLOBAL_VARIABLES collection",
       "a variable's initializer is an assign op",
       "variables_initializer([]) is a no_op (named 'init', uniquified to 'init_1' here)",
       "the summaries section's tf.global_variable_initializer() is a typo",
       "the notes' variable_initializer() is a typo for variables_initializer (AttributeError)"])
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
                "summaries_typo": error_of(lambda: tf.global_variable_initializer),
                "variables_initializer_typo": error_of(lambda: tf.variable_initializer)}


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


@demo('003 rnn_cell._linear "PS: _ref referente-typed is mutable"',
      ["a TF1 variable's tensor has a reference dtype, float32_ref: it can be written through",
       "its value() is a plain float32 tensor",
       "tf.assign(v, 5.0) writes through the reference: v reads 5.0 afterwards",
       "a plain tensor (a constant, or v.value()) has no assign: AttributeError"])
def ref_variables_are_mutable():
    with fresh_session() as session:
        v = tf.Variable(1.0, name="v")
        assigned = tf.assign(v, 5.0)
        session.run(v.initializer)
        got = {"assign_returns": session.run(assigned), "after_assign": session.run(v)}
        return dict(got, dtype=v.dtype.name, variable_class=type(v).__name__,
                    value_dtype=v.value().dtype.name, assign_dtype=assigned.dtype.name,
                    assign_constant=error_of(tf.assign, tf.constant(1.0), 2.0),
                    assign_value=error_of(tf.assign, v.value(), 2.0))


@demo('003 sin RNN "_bias_variable … initializer=tf.constant_initializer(0, 1)"',
      ["constant_initializer(0, 1) runs: the 1 binds to dtype and is DT_FLOAT's number, "
       "so the initializer is float32 (3, DT_INT32, would give int32)",
       "get_variable('biases', [10], initializer=constant_initializer(0, 1)) is float32 zeros"])
def constant_initializer_positional_dtype():
    with tf.Graph().as_default():
        biases = tf.get_variable(name="biases", shape=[10],
                                 initializer=tf.constant_initializer(0, 1))
        return {"initializer_dtype": tf.constant_initializer(0, 1).dtype.name,
                "dtype_number_1": tf.as_dtype(1).name,
                "dtype_number_3": tf.constant_initializer(0, 3).dtype.name,
                "biases": run_initialized(biases), "biases_dtype": biases.dtype.base_dtype.name,
                "biases_name": biases.name}
