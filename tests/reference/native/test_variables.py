"""The TF2-native counterparts of reference/variables.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_a_module_collects_the_variables_the_collections_held(native, tf1_as_recorded):
    got, tf1 = native["module_variables"], tf1_as_recorded["initializer_anatomy"]
    keys = ["global_variables", "trainable_variables"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["trainable_variables"] == ["a:0"]  # b was made with trainable=False
    assert got["values_at_creation"] == [1.0, 2.0]  # no initializer to run first
    assert got["global_variables_initializer"] == {
        "type": "AttributeError",
        "message": "module 'tensorflow' has no attribute 'global_variables_initializer'"}
    assert got["summaries_typo"] == {
        "type": "AttributeError",
        "message": "module 'tensorflow' has no attribute 'global_variable_initializer'"}
    assert got["variables_initializer_typo"] == {
        "type": "AttributeError",
        "message": "module 'tensorflow' has no attribute 'variable_initializer'"}


def test_no_variable_is_ever_uninitialized_and_a_checkpoint_restores_a_subset(native,
                                                                              tf1_as_recorded):
    got, tf1 = native["every_variable_starts_initialized"], tf1_as_recorded["initialize_a_subset"]
    assert same(got, tf1, ["a"]) == {"a": 0.0}
    assert (tf1["uninitialized"], tf1["is_initialized"]) == (["b"], [True, False])
    assert (got["uninitialized"], got["is_initialized"]) == ([], [True, True])
    assert tf1["read_b"]["type"] == "FailedPreconditionError" and got["read_b"] == 2.0
    assert got["restore_only_a"] == {"a": 5.0, "b": 2.0}  # b keeps its value from creation
    assert got["b_not_in_checkpoint"] == {
        "type": "AssertionError",
        "message": "Found 1 Python objects that were not bound to checkpointed values, likely "
                   "due to changes in the Python program. Showing 1 of 1 unmatched objects: "
                   "[<tf.Variable 'b:0' shape=() dtype=float32, numpy=2.0>]"}


def test_a_resource_variable_reads_float32_and_is_written_by_assign(native, tf1_as_recorded):
    got, tf1 = native["resource_variables"], tf1_as_recorded["ref_variables_are_mutable"]
    keys = ["value_dtype", "assign_returns", "after_assign"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert (tf1["dtype"], tf1["variable_class"]) == ("float32_ref", "RefVariable")
    assert (got["dtype"], got["variable_class"], got["handle_dtype"]) == (
        "float32", "ResourceVariable", "resource")  # no _ref dtype: a handle instead
    assert got["assign_constant"] == {
        "type": "AttributeError",
        "message": "'tensorflow.python.framework.ops.EagerTensor' object has no attribute "
                   "'assign'"}


def test_constant_initializers_second_argument_is_no_dtype_any_more(native, tf1_as_recorded):
    got = native["constant_initializer_value_only"]
    tf1 = tf1_as_recorded["constant_initializer_positional_dtype"]
    keys = ["dtype_number_1", "biases", "biases_dtype", "biases_name"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert tf1["initializer_dtype"] == "float32"  # TF1: 1 is the dtype DT_FLOAT
    assert got["second_argument"] == {"value": 0, "support_partition": 1}  # TF2: not a dtype
    assert got["without_dtype"] == "int32"  # the value 0's own dtype when the call gives none
