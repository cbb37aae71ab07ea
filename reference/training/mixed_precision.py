"""bfloat16 compute on float32 master weights, through a ``variable_scope`` custom getter.

The TF1 idiom for mixed precision before ``tf.keras.mixed_precision``: the model asks for its
variables in bfloat16; the getter creates them in float32 and hands back a cast, so the
optimizer updates float32 weights while the matmuls run in bfloat16.
"""
from reference.tf1 import tf


def master_weights_getter(getter, name, shape=None, dtype=None, *args, **kwargs):
    """A custom getter: a variable asked for in bfloat16 is made in float32 and read through a
    cast; any other dtype is passed through."""
    if dtype == tf.bfloat16:
        return tf.cast(getter(name, shape, tf.float32, *args, **kwargs), tf.bfloat16)
    return getter(name, shape, dtype, *args, **kwargs)


def custom_getter(compute_dtype):
    """The getter a ``variable_scope`` needs for ``compute_dtype`` ("bfloat16": master weights;
    anything else: None, the default getter)."""
    return master_weights_getter if compute_dtype == "bfloat16" else None
