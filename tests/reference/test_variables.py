"""Variables and initializers (note 003 "global_variables_initializer …")."""
from tests.reference.versioned import observe


def test_global_variables_initializer_groups_each_assign():
    assert observe("initializer_anatomy") == {
        "init": ["NoOp", "init"], "init_control_inputs": ["a/Assign", "b/Assign"],
        "global_variables": ["a:0", "b:0"], "same_as_collection": True,
        "trainable_variables": ["a:0"], "initializer_types": ["Assign", "Assign"],
        "empty": ["NoOp", "init_1"],
        "summaries_typo": {"type": "AttributeError", "message": "module 'tensorflow.compat.v1' "
                           "has no attribute 'global_variable_initializer'"}}


def test_initializing_a_subset_leaves_the_rest_unusable():
    assert observe("initialize_a_subset") == {
        "a": 1.0, "uninitialized": ["b"],
        "read_b": {"type": "FailedPreconditionError", "node": "b/read",
                   "message": "Attempting to use uninitialized value b"},
        "is_initialized": [True, False]}
