"""Scopes and sharing (note 003's scope sections, note 000 "lstm不可重复使用")."""
from tests.reference.versioned import observe

ALREADY_EXISTS = ("already exists, disallowed. Did you mean to set reuse=True or "
                  "reuse=tf.AUTO_REUSE in VarScope? Originally defined at:")


def test_name_scope_is_a_string_variable_scope_an_object():
    assert observe("name_scope_vs_variable_scope") == {
        "name_scope": ["str", "hello/"], "name_scope_variable": "arr1:0",
        "name_scope_original": "", "variable_scope": ["VariableScope", "hello"],
        "variable_scope_variable": "hello/arr1:0", "variable_scope_original": "hello/",
        "same_object": True, "nested_original": "hello/xixi/"}


def test_which_scope_prefixes_what():
    assert observe("scope_prefixes") == {
        "w": "var1/w:0", "res": "name1/var1/Add:0", "tf_variable": "name1/var1/plain:0",
        "variable_scope_name": "var1", "foo_v": "foo/v:0", "foo_x_op": "foo/bar/add"}


def test_nested_scopes():
    assert observe("nested_scopes") == {"name_scopes": "scope1/scope2/",
                                        "variable_scopes": "scope1/scope2"}


def test_name_scope_prefixes_constants_and_variables():
    assert observe("name_scope_prefixes_ops") == {
        "names": ["hidden/alpha:0", "hidden/weights:0", "hidden/biases:0"],
        "op_names": ["hidden/alpha", "hidden/weights", "hidden/biases"]}


def test_default_name_uniquifies_and_name_scope_none_clears():
    assert observe("default_name_and_clearing") == {
        "default_name": ["scope/w:0", "scope_1/w:0"],
        "name_scope_none": ["hehe/Variable:0", "Variable:0"],
        "reentered": ["outer/op", "outer/v:0", "outer_1/op"]}


def test_get_variable_shares_only_when_asked():
    assert observe("variable_sharing") == {
        "tf_variable_twice": ["conv1_weights:0", "conv1_biases:0", "conv1_weights_1:0",
                              "conv1_biases_1:0"],
        "get_variable_twice": {"type": "ValueError",
                               "message": f"Variable conv1/weights {ALREADY_EXISTS}"},
        "reuse_variables": ["image_filters/conv1/weights:0", "image_filters/conv1/biases:0"],
        "reuse_true": ["image_filters1/conv1/weights:0", "image_filters1/conv1/biases:0"],
        "reuse_missing": {"type": "ValueError", "message":
                          "Variable never/v does not exist, or was not created with "
                          "tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in "
                          "VarScope?"},
        "auto_reuse": ["auto/v:0"]}


def test_a_second_rnn_in_the_same_scope_already_exists():
    assert observe("rnn_in_a_loop_needs_its_own_scope") == {
        "second_call": {"type": "ValueError",
                        "message": f"Variable rnn/basic_lstm_cell/kernel {ALREADY_EXISTS}"},
        "own_scopes": ["lstm_0/rnn/basic_lstm_cell/kernel:0", "lstm_0/rnn/basic_lstm_cell/bias:0",
                       "lstm_1/rnn/basic_lstm_cell/kernel:0", "lstm_1/rnn/basic_lstm_cell/bias:0"]}
