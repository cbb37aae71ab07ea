"""absl flags, the successor of tf.app.flags.

Reproduces: note 003's ``tf.app.flags.DEFINE_string('str_name', 'def_v_1', ...)``,
``DEFINE_integer('int_name', 10, ...)``, ``DEFINE_boolean('bool_name', False, ...)``,
``tf.app.run()`` calling ``main(_)`` ("必须带参数，否则：TypeError: main() takes no arguments
(1 given)") and the command ``python tt.py --str_name test_str --int_name 99 --bool_name True``.
Each demonstration parses into its own ``FlagValues``, never the global ``FLAGS``.
"""
from reference.tf1 import tf

from absl import flags

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of

# the notes' command as printed: en dashes, and no space before the second one
NOTES_LINE = "tt.py –str_name test_str–int_name 99 –bool_name True"


def _define(values):
    flags.DEFINE_string("str_name", "def_v_1", "descrip1", flag_values=values)
    flags.DEFINE_integer("int_name", 10, "descript2", flag_values=values)
    flags.DEFINE_boolean("bool_name", False, "descript3", flag_values=values)


def _parse(argv):
    values = flags.FlagValues()
    _define(values)
    rest = values(argv)
    return {"str_name": values.str_name, "int_name": values.int_name,
            "bool_name": values.bool_name, "unparsed": rest[1:]}


@demo('003 "tf.app.flags.DEFINE_string(…)" … "python tt.py --str_name test_str …"',
      ["tf.app.flags is a thin wrapper of absl.flags: absl's DEFINE functions, a FlagValues",
       "defaults: def_v_1, 10, False",
       "--str_name test_str --int_name 99 parse as string and int",
       "--bool_name True does not take the next word: the flag is set and 'True' is left as an "
       "argument (write --bool_name or --bool_name=true)",
       "the notes' en-dash command (–str_name) parses nothing: its literal line leaves all five "
       "words unparsed and every flag at its default", "main() without a parameter "
       "fails when app.run calls main(argv): TypeError"])
def flags_parse():
    def main():  # the notes' mistake: no parameter for argv
        return None

    return {"tf_app_flags": [tf.app.flags.__name__, tf.app.flags.DEFINE_string.__module__,
                             isinstance(tf.app.flags.FLAGS, flags.FlagValues)],
            "defaults": _parse(["tt.py"]),
            "notes_command": _parse(["tt.py", "--str_name", "test_str", "--int_name", "99",
                                     "--bool_name", "True"]),
            "bool_equals": _parse(["tt.py", "--bool_name=true"])["bool_name"],
            "en_dash": _parse(["tt.py", "–str_name", "test_str–int_name", "99"]),
            "en_dash_full_line": _parse(NOTES_LINE.split()),
            "main_without_argv": error_of(main, ["tt.py"])}
