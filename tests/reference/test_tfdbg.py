"""tfdbg (note 003): hunting a NaN in the dumps; the TF2-native check_numerics in TF1 mode."""
from tests.reference.versioned import observe


def test_the_first_nan_in_timestamp_order_is_the_op_that_made_it():
    assert observe("nan_hunting_with_dumps") == {
        "loss_is_nan": True, "runs": 1, "first_hit": "inject_nan",
        "hits": ["inject_nan", "loss", "scaled"]}


def test_check_numerics_breaks_ref_variables_in_tf1_mode():
    assert observe("check_numerics_counterpart") == {"build": {"raised": {
        "type": "AttributeError", "message": "'SymbolicTensor' object has no attribute 'assign'"}}}


def test_only_the_readline_cli_is_left():
    assert observe("cli_ui_types") == {
        "supported": ["readline"],
        "curses": {"type": "ValueError", "message": "Invalid ui_type: 'curses'"},
        "default_ui_type": "readline",  # the notes pass none: this one
        "notes_call": ["LocalCLIDebugWrapperSession", "readline"]}
