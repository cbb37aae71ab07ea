"""Variables and initializers (note 003 "global_variables_initializer …")."""
from tests.reference.versioned import observe


def test_global_variables_initializer_groups_each_assign():
    assert observe("initializer_anatomy") == {
        "init": ["NoOp", "init"], "init_control_inputs": ["a/Assign", "b/Assign"],
        "global_variables": ["a:0", "b:0"], "same_as_collection": True,
        "trainable_variables": ["a:0"], "initializer_types": ["Assign", "Assign"],
        "empty": ["NoOp", "init_1"],
        "summaries_typo": {"type": "AttributeError", "message": "module 'tensorflow.compat.v1' "
                           "has no attribute 'global_variable_initializer'"},
        "variables_initializer_typo": {"type": "AttributeError", "message": "module "
                                       "'tensorflow.compat.v1' has no attribute "
                                       "'variable_initializer'"}}


def test_initializing_a_subset_leaves_the_rest_unusable():
    assert observe("initialize_a_subset") == {
        "a": 1.0, "uninitialized": ["b"],
        "read_b": {"type": "FailedPreconditionError", "node": "b/read",
                   "message": "Attempting to use uninitialized value b"},
        "is_initialized": [True, False]}


NO_ASSIGN = {"type": "AttributeError",
             "message": "'SymbolicTensor' object has no attribute 'assign'"}


def test_a_ref_variable_is_written_through_its_reference():
    assert observe("ref_variables_are_mutable") == {
        "dtype": "float32_ref", "variable_class": "RefVariable", "value_dtype": "float32",
        "assign_dtype": "float32_ref", "assign_returns": 5.0, "after_assign": 5.0,
        "assign_constant": NO_ASSIGN, "assign_value": NO_ASSIGN}


def test_constant_initializers_second_argument_is_the_dtype():
    assert observe("constant_initializer_positional_dtype") == {
        "initializer_dtype": "float32", "dtype_number_1": "float32",  # DT_FLOAT = 1
        "dtype_number_3": "int32",  # DT_INT32 = 3
        "biases": [0.0] * 10, "biases_dtype": "float32", "biases_name": "biases:0"}
