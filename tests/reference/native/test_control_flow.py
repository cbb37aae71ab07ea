"""The TF2-native counterparts of reference/control_flow.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_an_autograph_if_picks_the_branch_tf_cond_picked(native, tf1_as_recorded):
    got, tf1 = native["autograph_if"], tf1_as_recorded["cond_picks_a_branch"]
    assert same(got, tf1, ["x1_y2", "x3_y2"]) == {"x1_y2": 0.0, "x3_y2": 0.0}
    assert (got["x1_y2"], got["x3_y2"]) == (7, 4)  # 1 + 2 * 3; 2 ** 2
    assert (tf1["control_flow_ops"], got["control_flow_ops"]) == (["Merge", "Switch"],
                                                                  ["StatelessIf"])
    assert got["tf_mul"] == {"type": "AttributeError",
                             "message": "module 'tensorflow' has no attribute 'mul'"}
    # TF2's cond drops strict and the notes' fn1 / fn2, which the v1 cond still takes
    assert got["signature"] == "(pred, true_fn=None, false_fn=None, name=None)"
    assert got["fn1_fn2"] == {"type": "TypeError",
                              "message": "Got an unexpected keyword argument 'fn1'"}
    assert tf1["fn1_fn2"] == [7, 4]


def test_if_elif_chains_and_tf_case_give_the_tf1_cases(native, tf1_as_recorded):
    got, tf1 = native["autograph_elif_and_case"], tf1_as_recorded["case_with_exclusive"]
    keys = ["dict", "list", "exclusive_without_default", "none_true"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert [got[k] for k in keys] == [23, 17, 23, -1]
    message = ("assertion failed: [Input error: exclusive=True: more than 1 conditions "
               "({}, {}) evaluated as True:] [1 1]")
    assert got["exclusive"] == {"type": "InvalidArgumentError",
                                "message": message.format("Less:0", "Less_1:0")}
    assert tf1["exclusive"]["message"] == message.format("Less_4:0", "Less_5:0")
    assert got["dict_of_predicates"] == {  # TF2 tensors compare by value, so cannot be keys
        "type": "TypeError",
        "message": "Tensor is unhashable. Instead, use tensor.ref() as the key."}


def test_an_autograph_while_counts_as_the_while_loop_did(native, tf1_as_recorded):
    got, tf1 = native["autograph_while"], tf1_as_recorded["while_loop_counts"]
    assert same(got, tf1, ["result"]) == {"result": 0.0}
    assert got["result"] == [3, 2, 6]
    assert (tf1["loop_ops"], got["loop_ops"]) == (["Enter", "Exit", "NextIteration"],
                                                  ["StatelessWhile"])
    # TF2's while_loop: maximum_iterations before name, no return_same_structure (always on)
    assert got["signature"] == (
        "(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True, "
        "swap_memory=False, maximum_iterations=None, name=None)")
    assert tf1["signature"].endswith("name=None, maximum_iterations=None, "
                                     "return_same_structure=False)")


def test_a_returned_tuple_replaces_tf_tuple_and_group_is_an_operation_only_when_traced(
        native, tf1_as_recorded):
    got, tf1 = native["returned_tuple_and_group"], tf1_as_recorded["group_vs_tuple"]
    keys = ["group", "group_type", "tuple", "tuple_types", "identity"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert (got["group"], got["tuple"], got["identity"]) == (None, [2, 3], [1, "Identity"])
    assert got["eager_types"] == {"group": "NoneType", "tuple": ["EagerTensor", "EagerTensor"]}
