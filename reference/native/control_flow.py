"""Control flow the TF2 way: Python if / elif / while in a tf.function (AutoGraph), tf.case.

Replaces ``reference/control_flow.py``. AutoGraph turns an ``if`` on a tensor into a ``cond``
and a ``while`` into a ``while_loop``, built as the functional ops of control flow v2
(``StatelessIf``, ``StatelessWhile``) instead of TF1's Switch / Merge and Enter / Exit /
NextIteration. An ``if`` / ``elif`` chain is ``tf.case`` with ``exclusive=False``; ``tf.case``
itself remains, but takes no dict (TF2 tensors are unhashable). ``tf.group`` returns ``None``
eagerly and an Operation in a function, which a function cannot return: a function runs its
stateful ops without a group and returns the values wanted, as ``tf.tuple`` gave them.
"""
import inspect

import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart


def _op_types(function, *wanted):
    present = {op.type for op in function.get_concrete_function().graph.get_operations()}
    return sorted(present & set(wanted))


@tf.function(input_signature=[tf.TensorSpec([], tf.int32, name="x"),
                              tf.TensorSpec([], tf.int32, name="y")])
def _pick(x, y):
    z = tf.multiply(tf.constant(2), tf.constant(3))
    if x < y:  # AutoGraph: a cond on the tensor x < y
        return tf.add(x, z)
    return tf.square(y)


@counterpart(["cond_picks_a_branch"], "Python if on a tensor in a tf.function (AutoGraph: "
             "tf.cond, control flow v2)")
def autograph_if(tf1):
    return {"x1_y2": _pick(1, 2).numpy(), "x3_y2": _pick(3, 2).numpy(),
            "tf_mul": error_of(lambda: tf.mul),
            "control_flow_ops": _op_types(_pick, "Switch", "Merge", "If", "StatelessIf"),
            "signature": str(inspect.signature(tf.cond)),
            "fn1_fn2": error_of(tf.cond, tf.constant(1) < tf.constant(2),
                                fn1=lambda: tf.constant(7), fn2=lambda: tf.constant(4))}


@tf.function
def _if_elif(x, y, z):
    """Two if / elif chains: the first true predicate wins, as in tf.case(exclusive=False)."""
    if tf.less(x, y):  # the dict's order: {x < y: f2, x < z: f1}
        by_dict = tf.constant(23)
    elif tf.less(x, z):
        by_dict = tf.constant(17)
    else:
        by_dict = tf.constant(-1)
    if tf.less(x, z):  # the list's order: [(x < z, f1), (x < y, f2)]
        by_list = tf.constant(17)
    elif tf.less(x, y):
        by_list = tf.constant(23)
    else:
        by_list = tf.constant(-1)
    return by_dict, by_list


def _f1():
    return tf.constant(17)


def _f2():
    return tf.constant(23)


def _f3():
    return tf.constant(-1)


@tf.function
def _exclusive(x, y, z, default):
    both_true = [(tf.less(x, y), _f2), (tf.less(x, z), _f1)]  # 0 < 1 and 0 < 2
    return tf.case(both_true, default=_f3 if default else None, exclusive=True)


@counterpart(["case_with_exclusive"], "if / elif chains in a tf.function (AutoGraph); tf.case "
             "with a list of pairs in a tf.function for exclusive=True")
def autograph_elif_and_case(tf1):
    x, y, z = tf.constant(0), tf.constant(1), tf.constant(2)
    none_true = tf.function(lambda: tf.case([(tf.less(y, x), _f2)], default=_f3))
    by_dict, by_list = _if_elif(x, y, z)
    return {"dict": by_dict.numpy(), "list": by_list.numpy(),
            "exclusive": error_of(_exclusive, x, y, z, default=True),
            "exclusive_without_default": _exclusive(x, y, z, default=False).numpy(),
            "none_true": none_true().numpy(),
            "dict_of_predicates": error_of(lambda: {tf.less(x, y): _f2})}


@counterpart(["while_loop_counts"], "Python while on a tensor in a tf.function (AutoGraph: "
             "tf.while_loop, control flow v2), starting from a tf.Variable")
def autograph_while(tf1):
    a = tf.Variable(tf.ones([], tf.int32), name="a")

    @tf.function
    def count():
        i, b, f = a.read_value(), tf.constant(2), tf.constant(6)
        while i < 3:  # AutoGraph: a while_loop over i; b and f pass through
            i += 1
        return i, b, f

    return {"result": [t.numpy() for t in count()],
            "signature": str(inspect.signature(tf.while_loop)),
            "loop_ops": _op_types(count, "Enter", "Exit", "NextIteration", "While",
                                  "StatelessWhile")}


@counterpart(["group_vs_tuple"], "a tf.function returning a tuple of tensors; tf.group eagerly "
             "(None) and traced (an Operation); tf.identity")
def returned_tuple_and_group(tf1):
    w = tf.Variable(1)
    traced = {}

    @tf.function
    def mul_and_add():
        mul, add = tf.multiply(w, 2), tf.add(w, 2)
        ident = tf.identity(w)
        traced.update(group_type=type(tf.group(mul, add)).__name__,
                      tuple_types=[type(t).__name__ for t in tf.tuple([mul, add])],
                      identity_type=ident.op.type)
        return (mul, add), ident

    (mul, add), ident = mul_and_add()
    return {"group": tf.group(mul, add), "group_type": traced["group_type"],
            "tuple": [mul.numpy(), add.numpy()], "tuple_types": traced["tuple_types"],
            "identity": [ident.numpy(), traced["identity_type"]],
            "eager_types": {"group": type(tf.group(mul, add)).__name__,
                            "tuple": [type(t).__name__ for t in tf.tuple([mul, add])]}}
