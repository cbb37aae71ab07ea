"""absl flags as the successor of tf.app.flags (note 003)."""
from tests.reference.versioned import observe


def test_flags_parse_the_notes_command():
    assert observe("flags_parse") == {
        "tf_app_flags": ["tensorflow.python.platform.flags", "absl.flags._defines", True],
        "defaults": {"str_name": "def_v_1", "int_name": 10, "bool_name": False, "unparsed": []},
        "notes_command": {"str_name": "test_str", "int_name": 99, "bool_name": True,
                          "unparsed": ["True"]},
        "bool_equals": True,
        "en_dash": {"str_name": "def_v_1", "int_name": 10, "bool_name": False,
                    "unparsed": ["\u2013str_name", "test_str\u2013int_name", "99"]},
        # note 003 line 1219 as printed: nothing parses, --bool_name's True included
        "en_dash_full_line": {"str_name": "def_v_1", "int_name": 10, "bool_name": False,
                              "unparsed": ["\u2013str_name", "test_str\u2013int_name", "99",
                                           "\u2013bool_name", "True"]},
        "main_without_argv": {"type": "TypeError", "message": "flags_parse.<locals>.main() takes "
                              "0 positional arguments but 1 was given"}}
