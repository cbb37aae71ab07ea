"""The TF2-native counterpart of reference/absl_flags.py against the TF1 demonstration."""
from tests.reference.native.equivalence import same


def test_absl_flags_parse_as_tf_app_flags_did(native, tf1_as_recorded):
    got, tf1 = native["absl_flags_directly"], tf1_as_recorded["flags_parse"]
    keys = ["defaults", "notes_command", "bool_equals", "en_dash", "en_dash_full_line"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["notes_command"]["unparsed"] == ["True"]  # --bool_name takes no value
    assert got["en_dash_full_line"]["unparsed"] == [
        "\u2013str_name", "test_str\u2013int_name", "99", "\u2013bool_name", "True"]
    assert got["absl_flags"] == ["absl.flags", "absl.flags._defines", True]
    assert got["absl_flags"][1:] == tf1["tf_app_flags"][1:]  # tf.app.flags wrapped these
    assert got["tf_app"] == {"type": "AttributeError",
                             "message": "module 'tensorflow' has no attribute 'app'"}
    assert got["main_without_argv"]["type"] == tf1["main_without_argv"]["type"] == "TypeError"
    assert got["main_without_argv"]["message"] == (
        "absl_flags_directly.<locals>.main() takes 0 positional arguments but 1 was given")
