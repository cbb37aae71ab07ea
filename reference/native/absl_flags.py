"""Command-line flags the TF2 way: ``absl.flags`` itself, without ``tf.app.flags``.

Replaces ``reference/absl_flags.py``. TF2 has no ``tf.app`` (``tf.compat.v1.flags`` only
re-exports absl's): a TF2 program imports ``absl.flags`` and ``absl.app`` directly, and absl
parses as it did under TF1, the notes' ``--bool_name True`` slip and en-dash command included.
Each parse uses its own ``FlagValues``, never the global ``FLAGS``.
"""
import tensorflow as tf
from absl import flags

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart


def _parse(argv):
    values = flags.FlagValues()
    flags.DEFINE_string("str_name", "def_v_1", "descrip1", flag_values=values)
    flags.DEFINE_integer("int_name", 10, "descript2", flag_values=values)
    flags.DEFINE_boolean("bool_name", False, "descript3", flag_values=values)
    rest = values(argv)
    return {"str_name": values.str_name, "int_name": values.int_name,
            "bool_name": values.bool_name, "unparsed": rest[1:]}


@counterpart(["flags_parse"], "absl.flags.DEFINE_string / DEFINE_integer / DEFINE_boolean "
             "into a FlagValues; main(argv) as absl.app.run calls it")
def absl_flags_directly(tf1):
    def main():  # the notes' mistake: no parameter for argv
        return None

    return {"absl_flags": [flags.__name__, flags.DEFINE_string.__module__,
                           isinstance(flags.FLAGS, flags.FlagValues)],
            "tf_app": error_of(lambda: tf.app),
            "defaults": _parse(["tt.py"]),
            "notes_command": _parse(["tt.py", "--str_name", "test_str", "--int_name", "99",
                                     "--bool_name", "True"]),
            "bool_equals": _parse(["tt.py", "--bool_name=true"])["bool_name"],
            "en_dash": _parse(["tt.py", "–str_name", "test_str–int_name", "99"]),
            "en_dash_full_line": _parse("tt.py –str_name test_str–int_name 99 –bool_name "
                                        "True".split()),
            "main_without_argv": error_of(main, ["tt.py"])}
