"""The TF2-native counterparts of reference/scopes.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same

LSTM_WEIGHTS = ["lstm_cell/kernel", "lstm_cell/recurrent_kernel", "lstm_cell/bias"]


def test_a_module_scope_names_what_the_variable_scope_named(native, tf1_as_recorded):
    got = native["name_scope_and_module_scope"]
    tf1 = dict(tf1_as_recorded["name_scope_vs_variable_scope"], **tf1_as_recorded["nested_scopes"])
    keys = ["name_scope", "variable_scope_variable", "variable_scope_original",
            "nested_original", "name_scopes"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    # TF1's get_variable ignored the name scope; a tf.Variable takes it, eagerly too
    assert (tf1["name_scope_variable"], got["name_scope_variable"]) == ("arr1:0", "hello/arr1:0")
    assert got["module"] == ["Module", "hello"]
    assert (tf1["variable_scopes"], got["nested_modules"]) == ("scope1/scope2", "scope1/scope2/")


def test_name_scopes_prefix_variables_and_traced_ops_as_in_tf1(native, tf1_as_recorded):
    got = native["name_scopes_prefix_variables_and_ops"]
    tf1 = dict(tf1_as_recorded["scope_prefixes"], **tf1_as_recorded["name_scope_prefixes_ops"])
    keys = ["res", "tf_variable", "foo_v", "foo_x_op", "names"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert (tf1["w"], got["w"]) == ("var1/w:0", "name1/var1/w:0")  # no get_variable prefix
    assert got["eager_constant_name"] == {
        "type": "AttributeError",
        "message": "Tensor.name is undefined when eager execution is enabled."}


def test_keras_uniquifies_default_names_and_an_empty_name_scope_clears(native, tf1_as_recorded):
    got, tf1 = native["unique_names_and_clearing"], tf1_as_recorded["default_name_and_clearing"]
    assert same(got, tf1, ["default_name", "name_scope_none"]) == {
        "default_name": 0.0, "name_scope_none": 0.0}
    assert got["paths"] == ["scope/w", "scope_1/w"]
    assert got["modules"] == ["scope/w:0", "scope/w:0"]  # tf.Module names are not made unique
    assert got["name_scope_None"] == {"type": "ValueError",
                                      "message": "name for name_scope must be a string."}
    # a module's scope is absolute: re-entered, it numbers the op, not the scope (outer_1/)
    assert (tf1["reentered"], got["reentered"]) == (["outer/op", "outer/v:0", "outer_1/op"],
                                                    ["outer/op", "outer/v:0", "outer/op_1"])


def test_calling_one_object_twice_shares_what_reuse_shared(native, tf1_as_recorded):
    got, tf1 = native["sharing_the_object"], tf1_as_recorded["variable_sharing"]
    assert same(got, tf1, ["reuse_variables", "reuse_true"]) == {"reuse_variables": 0.0,
                                                                 "reuse_true": 0.0}
    assert tf1["tf_variable_twice"] == ["conv1_weights:0", "conv1_biases:0",
                                        "conv1_weights_1:0", "conv1_biases_1:0"]
    assert got["tf_variable_twice"] == ["conv1_weights:0", "conv1_biases:0",  # not made unique
                                        "conv1_weights:0", "conv1_biases:0"]
    assert got["keras_called_twice"] == ["conv1/kernel", "conv1/bias"]
    assert got["auto_reuse"] == {"before_call": [], "after_two_calls": ["auto/kernel"]}
    assert tf1["auto_reuse"] == ["auto/v:0"]


def test_a_layer_per_call_needs_no_scope_and_a_repeated_name_no_error(native, tf1_as_recorded):
    got, tf1 = native["a_layer_per_call"], tf1_as_recorded["rnn_in_a_loop_needs_its_own_scope"]
    assert tf1["second_call"]["message"].startswith(
        "Variable rnn/basic_lstm_cell/kernel already exists, disallowed.")
    assert got["second_call"] == {"output_shape": [2, 5],
                                  "paths": [[f"rnn/{w}" for w in LSTM_WEIGHTS]] * 2,
                                  "distinct_variables": 6}  # two layers' own 3 weights
    assert got["own_scopes"] == [f"lstm_{i}/{w}" for i in range(2) for w in LSTM_WEIGHTS]
    assert len(tf1["own_scopes"]) == 4  # TF1's cell: kernel and bias; Keras adds recurrent_kernel
