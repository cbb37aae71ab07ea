"""Control flow in the graph: cond, case, while_loop, group vs tuple, identity.

Reproduces: note 003 "tf.cond(pred, fn1, fn2,name=None)", "tf.case(pred_fn_pairs,default,
exclusive=False, name='case')", "tf.group()与 tf.tuple()", "tf.identity()", "tf.while_loop()"
and note 000 "判断条件语句" / "获取维度" (while_loop as dynamic_rnn uses it).
"""
import inspect

from reference.tf1 import tf

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session


def _op_types(graph, *wanted):
    present = {op.type for op in graph.get_operations()}
    return sorted(present & set(wanted))


@demo('003 "tf.cond(pred, fn1, fn2,name=None)" / 000 "判断条件语句"',
      ["cond(x < y, lambda: add(x, z), lambda: square(y)) runs only the chosen branch's "
       "value", "the notes' tf.mul is gone (tf.multiply)",
       "TF1 builds cond from Switch/Merge ops",
       "the notes' signature tf.cond(pred, fn1, fn2, name=None) is the old one: now (pred, "
       "true_fn, false_fn, strict, name, fn1, fn2); the keywords fn1= and fn2= still work"])
def cond_picks_a_branch():
    with fresh_session() as session:
        x, y = tf.placeholder(tf.int32, name="x"), tf.placeholder(tf.int32, name="y")
        z = tf.multiply(tf.constant(2), tf.constant(3))
        result = tf.cond(x < y, lambda: tf.add(x, z), lambda: tf.square(y))
        by_fn1 = tf.cond(x < y, fn1=lambda: tf.add(x, z), fn2=lambda: tf.square(y))
        return {"x1_y2": session.run(result, {x: 1, y: 2}),
                "x3_y2": session.run(result, {x: 3, y: 2}),
                "signature": str(inspect.signature(tf.cond)),
                "fn1_fn2": [session.run(by_fn1, {x: 1, y: 2}), session.run(by_fn1, {x: 3, y: 2})],
                "tf_mul": error_of(lambda: tf.mul),
                "control_flow_ops": _op_types(session.graph, "Switch", "Merge", "If",
                                              "StatelessIf")}


@demo('003 "tf.case(pred_fn_pairs,default, exclusive=False, name=\'case\')"',
      ["pred_fn_pairs may be a dict or a list of pairs",
       "with exclusive=False the first true predicate wins: x=0 < y=1 and x < z=2 give 23",
       "with exclusive=True and two true predicates running it is InvalidArgumentError",
       "without a default the last pair becomes the default and is not checked: exclusive=True "
       "with both predicates true gives the first, 23",
       "with no true predicate the default runs"])
def case_with_exclusive():
    def f1():
        return tf.constant(17)

    def f2():
        return tf.constant(23)

    def f3():
        return tf.constant(-1)

    with fresh_session() as session:
        x, y, z = tf.constant(0), tf.constant(1), tf.constant(2)
        as_dict = tf.case({tf.less(x, y): f2, tf.less(x, z): f1}, default=f3, exclusive=False)
        as_list = tf.case([(tf.less(x, z), f1), (tf.less(x, y), f2)], default=f3)
        exclusive = tf.case([(tf.less(x, y), f2), (tf.less(x, z), f1)], default=f3,
                            exclusive=True)
        no_default = tf.case([(tf.less(x, y), f2), (tf.less(x, z), f1)], exclusive=True)
        none_true = tf.case([(tf.less(y, x), f2)], default=f3)
        return {"dict": session.run(as_dict), "list": session.run(as_list),
                "exclusive": error_of(session.run, exclusive),
                "exclusive_without_default": session.run(no_default),
                "none_true": session.run(none_true)}


@demo('003 "tf.while_loop()"',
      ["while_loop(cond, body, [a, b, f]) with a from a variable of ones: a counts to 3, "
       "b and f pass through: [3, 2, 6]", "TF1 builds the loop from Enter/Exit/NextIteration",
       "the notes' signature (cond, body, loop_vars, shape_invariants=None, "
       "parallel_iterations=10, back_prop=True, swap_memory=False, name=None) has gained "
       "maximum_iterations=None and return_same_structure=False, after name"])
def while_loop_counts():
    with fresh_session() as session:
        a = tf.get_variable("a", dtype=tf.int32, shape=[], initializer=tf.ones_initializer())
        b, f = tf.constant(2), tf.constant(6)
        result = tf.while_loop(lambda a, b, f: a < 3, lambda a, b, f: (a + 1, b, f), [a, b, f])
        session.run(tf.global_variables_initializer())
        return {"result": session.run(list(result)),
                "signature": str(inspect.signature(tf.while_loop)),
                "loop_ops": _op_types(session.graph, "Enter", "Exit", "NextIteration",
                                      "While", "StatelessWhile")}


@demo('003 "tf.group()与 tf.tuple()" / "tf.identity()"',
      ["sess.run(group) computes mul and add but returns None (group is an Operation)",
       "sess.run(tuple) returns their values [2, 3] (tuple is a list of Tensors)",
       "tf.identity(w) is a new tensor (op Identity) with w's value"])
def group_vs_tuple():
    with fresh_session() as session:
        w = tf.Variable(1)
        mul, add = tf.multiply(w, 2), tf.add(w, 2)
        group = tf.group(mul, add)
        pair = tf.tuple([mul, add])
        ident = tf.identity(w)
        session.run(tf.global_variables_initializer())
        return {"group": session.run(group), "group_type": type(group).__name__,
                "tuple": session.run(pair), "tuple_types": [type(t).__name__ for t in pair],
                "identity": [session.run(ident), ident.op.type]}
