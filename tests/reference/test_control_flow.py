"""Control flow (note 003 tf.cond / tf.case / tf.while_loop / tf.group vs tf.tuple)."""
from tests.reference.versioned import observe


def test_cond_runs_the_chosen_branch():
    assert observe("cond_picks_a_branch") == {
        "x1_y2": 7, "x3_y2": 4,  # 1 < 2: 1 + 2 * 3; else 2 ** 2
        "signature": "(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, "
                     "fn2=None)",
        "fn1_fn2": [7, 4],  # the notes' keywords: the same branches
        "tf_mul": {"type": "AttributeError",
                   "message": "module 'tensorflow.compat.v1' has no attribute 'mul'"},
        "control_flow_ops": ["Merge", "Switch"]}


def test_case_first_true_wins_exclusive_checks_only_with_a_default():
    assert observe("case_with_exclusive") == {
        "dict": 23, "list": 17,
        "exclusive": {"type": "InvalidArgumentError", "node": "case_2/Assert/AssertGuard/Assert",
                      "message": "assertion failed: [Input error: exclusive=True: more than 1 "
                                 "conditions (Less_4:0, Less_5:0) evaluated as True:] [1 1]"},
        "exclusive_without_default": 23, "none_true": -1}


def test_while_loop_counts_to_three():
    assert observe("while_loop_counts") == {"result": [3, 2, 6], "signature": (
        "(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True, "
        "swap_memory=False, name=None, maximum_iterations=None, return_same_structure=False)"),
                                            "loop_ops": ["Enter", "Exit", "NextIteration"]}


def test_group_returns_nothing_tuple_returns_values():
    assert observe("group_vs_tuple") == {
        "group": None, "group_type": "Operation", "tuple": [2, 3],
        "tuple_types": ["SymbolicTensor", "SymbolicTensor"], "identity": [1, "Identity"]}
