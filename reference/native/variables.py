"""Variables the TF2 way: initialized when created, collected by the object that owns them.

Replaces ``reference/variables.py``. A ``tf.Variable`` holds its initial value from the moment
it exists, so there is no ``global_variables_initializer`` (gone from the TF2 API) and no
uninitialized variable to report; ``tf.Module.variables`` / ``trainable_variables`` replace the
``GLOBAL_VARIABLES`` / ``TRAINABLE_VARIABLES`` collections. No direct counterpart: the
initializer ops (the group named ``init``, each variable's ``Assign``, the ``no_op`` of an empty
list); restoring a subset becomes a ``tf.train.Checkpoint`` holding only that subset, the
others keeping the values they were created with, and ``report_uninitialized_variables``
becomes ``assert_existing_objects_matched``, which names what the checkpoint has no value for.
"""
import tempfile

import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart


class _AB(tf.Module):
    """The two variables of the TF1 demonstrations: a (trainable) and b (not)."""

    def __init__(self, b_trainable=False):
        super().__init__(name="ab")
        self.a = tf.Variable(1.0, name="a")
        self.b = tf.Variable(2.0, name="b", trainable=b_trainable)


@counterpart(["initializer_anatomy"], "tf.Module.variables / trainable_variables for the "
             "collections; values from creation, no initializer op")
def module_variables(tf1):
    module = _AB()
    return {"global_variables": [v.name for v in module.variables],
            "trainable_variables": [v.name for v in module.trainable_variables],
            "values_at_creation": [v.numpy() for v in module.variables],
            "global_variables_initializer": error_of(lambda: tf.global_variables_initializer),
            "summaries_typo": error_of(lambda: tf.global_variable_initializer),
            "variables_initializer_typo": error_of(lambda: tf.variable_initializer)}


@counterpart(["initialize_a_subset"], "tf.Variable (initialized at creation, is_initialized); "
             "tf.train.Checkpoint of a subset, restored into fresh variables")
def every_variable_starts_initialized(tf1):
    module = _AB(b_trainable=True)
    got = {"a": module.a.numpy(), "read_b": (module.b * 1.0).numpy(),
           "uninitialized": [v.name for v in module.variables if not v.is_initialized()],
           "is_initialized": [bool(v.is_initialized()) for v in (module.a, module.b)]}
    module.a.assign(5.0)
    with tempfile.TemporaryDirectory() as directory:
        path = tf.train.Checkpoint(a=module.a).write(f"{directory}/only_a")
        fresh = _AB(b_trainable=True)
        tf.train.Checkpoint(a=fresh.a).read(path).assert_existing_objects_matched()
        got["restore_only_a"] = {"a": fresh.a.numpy(), "b": fresh.b.numpy()}
        both = tf.train.Checkpoint(a=fresh.a, b=fresh.b).read(path)
        got["b_not_in_checkpoint"] = error_of(both.assert_existing_objects_matched)
    return got


@counterpart(["ref_variables_are_mutable"], "tf.Variable is a ResourceVariable: a handle, "
             "float32 to read, written by .assign")
def resource_variables(tf1):
    v = tf.Variable(1.0, name="v")
    assigned = v.assign(5.0)
    return {"dtype": v.dtype.name, "variable_class": type(v).__name__,
            "value_dtype": v.value().dtype.name, "handle_dtype": v.handle.dtype.name,
            "assign_returns": assigned.numpy(), "after_assign": v.numpy(),
            "assign_constant": error_of(lambda: tf.constant(1.0).assign(2.0))}


@counterpart(["constant_initializer_positional_dtype"], "tf.constant_initializer(value) takes "
             "no dtype (its 2nd parameter is support_partition): the call's dtype decides")
def constant_initializer_value_only(tf1):
    notes = tf.constant_initializer(0, 1)
    biases = tf.Variable(notes([10], tf.float32), name="biases")
    return {"second_argument": {"value": notes.value,
                                "support_partition": notes.support_partition},
            "without_dtype": notes([3]).dtype.name,
            "dtype_number_1": tf.as_dtype(1).name, "biases": biases.numpy(),
            "biases_dtype": biases.dtype.name, "biases_name": biases.name}
