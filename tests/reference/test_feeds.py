"""Feeds and fetches (note 003 Fetch/Feed sections, note 001 InteractiveSession)."""
from tests.reference.versioned import observe


def test_one_run_fetches_several_ops():
    assert observe("fetch_several_ops") == {"result": [12.0, 4.0]}  # add = 3 + 1, mul = 3 * 4


def test_placeholders_are_fed_per_run():
    assert observe("feed_placeholders") == {"result": [56.0]}


def test_only_what_a_fetch_needs_runs():
    assert observe("partial_execution") == {"printed": [1.0, 2.0, 3.0], "state_after": 3.0}


def test_a_fed_variable_is_replaced_for_one_run_in_tf1_mode():
    assert observe("feed_a_variable_and_any_tensor") == {
        "fed_variable": 3, "fed_by_name": 3, "next_run": 1, "variable_tensor_name": "Variable:0",
        "fed_intermediate": 20.0}  # (10 fed for x + 1) * 2, x never fed


NOTES_PRINTED_RIGHT = [[[2, 1]]]  # 003 "# right": "[array([[2, 1]],dtype=int32)]"


def test_fetch_errors_name_the_bad_fetch():
    got = observe("fetch_errors")
    assert got["right"] != NOTES_PRINTED_RIGHT  # the notes' inputs give 1 * 2 + 2 * 1 = 4
    assert got == {
        "init_run_returns": None,
        "fetch_none": {"type": "TypeError", "message":
                       "Argument `fetch` = None has invalid type \"NoneType\". Cannot be None"},
        "fetch_number": {"type": "TypeError", "message":
                         "Argument `fetch` = 3 has invalid type \"int\" must be a string or "
                         "Tensor. (Can not convert a int into a Tensor or Operation.)"},
        "fetch_unknown_name": {"type": "ValueError", "message":
                               "Argument `fetch` = nothing:0 cannot be interpreted as a Tensor. "
                               "(\"The name 'nothing:0' refers to a Tensor which does not exist. "
                               "The operation, 'nothing', does not exist in the graph.\")"},
        "right": [[[4]]]}  # [[1, 2]] x [[2], [1]]


def test_unfed_placeholder_names_itself_its_dtype_and_shape():
    assert observe("unfed_placeholder_error") == {
        "error": {"type": "InvalidArgumentError", "node": "train/x",
                  "message": "You must feed a value for placeholder tensor 'train/x' with dtype "
                             "float and shape [?,1]"},
        "notes_placeholder": {  # the notes: "... 'train/var1/Placeholder' with dtype float"
            "type": "InvalidArgumentError", "node": "train/var1/Placeholder",
            "message": "You must feed a value for placeholder tensor 'train/var1/Placeholder' "
                       "with dtype float and shape [?,1]"}}


def test_a_placeholder_without_shape_takes_any_feed_and_none_fixes_only_the_rows():
    assert observe("placeholder_shapes") == {
        "default_static_shape": "<unknown>",  # no shape, not 1-D
        "fed_scalar": 6.0, "fed_2x3": [2, 3],
        "none_3_static_shape": [None, 3], "fed_5x3": [5, 3],
        "fed_5x4": {"type": "ValueError", "message": "Cannot feed value of shape (5, 4) for "
                    "Tensor Placeholder_1:0, which has shape (?, 3)"},
        "float_string": ["float32", "float32"]}


def test_interactive_session_is_the_default_for_eval_and_run():
    assert observe("interactive_session_eval") == {
        "eval": 3.0, "eval_feed": 30.0, "default_is_it": True,
        "no_default_session": {"type": "ValueError", "message":
                               "Cannot evaluate tensor using `eval()`: No default session is "
                               "registered. Use `with sess.as_default()` or pass an explicit "
                               "session to `eval(session=sess)`"}}
