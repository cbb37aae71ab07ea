"""Creating tensors the TF2 way: eager values, ``tf.function`` arguments for placeholders.

Replaces ``reference/tensors.py``. Values come back at once (no session); a placeholder
becomes an argument of a ``tf.function`` whose ``input_signature`` fixes its dtype; a graph
seed becomes ``tf.random.set_seed``, which makes a run reproducible but draws other numbers
than TF1's graph-level seed (the op seeds are derived differently), so the random idioms are
compared by their properties, not their values.
"""
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart


def _traced_constant_names():
    """The names of two unnamed constants in a traced tf.function (eager tensors have none)."""
    names = []

    @tf.function
    def two_constants():
        names.extend([tf.constant(1).op.name, tf.constant(2).op.name])
        return 0

    two_constants.get_concrete_function()
    return names


@counterpart(["creation_ops"], "eager tf.ones / zeros / fill / constant / linspace / range; "
             "op names in a traced tf.function")
def creation_ops_eager(tf1):
    tensor = tf.constant([[1, 2, 3], [4, 5, 6]])
    ops = {"ones": tf.ones([2, 3], tf.int32), "zeros": tf.zeros([2, 3], tf.int32),
           "ones_default": tf.ones([2, 3]), "zeros_default": tf.zeros([2, 3]),
           "ones_like": tf.ones_like(tensor), "zeros_like": tf.zeros_like(tensor),
           "fill": tf.fill([2, 3], 9), "constant_list": tf.constant([1, 2, 3, 4, 5, 6, 7]),
           "constant_scalar_shape": tf.constant(-1.0, shape=[2, 3]),
           "linspace": tf.linspace(10.0, 12.0, 3), "linspace_ints": tf.linspace(10, 12, 3),
           "range_3_18_3": tf.range(3, 18, 3), "range_floats": tf.range(3.0, 18.0, 3.0),
           "range_5": tf.range(5)}
    got = {name: op.numpy() for name, op in ops.items()}
    got["dtypes"] = {name: op.dtype.name for name, op in ops.items()}
    got["type_keyword"] = error_of(tf.ones, [2, 3], type=tf.int32)
    got["zeros_type_keyword"] = error_of(tf.zeros, [2, 3], type=tf.int32)
    got["like_dype_keyword"] = [error_of(like, tensor, dype=tf.float32)
                                for like in (tf.ones_like, tf.zeros_like)]
    got["constant_names"] = _traced_constant_names()
    return got


def _draws():
    return {"normal": tf.random.normal([3], mean=0.0, stddev=1.0).numpy(),
            "truncated": tf.random.truncated_normal([100], stddev=0.1).numpy(),
            "uniform": tf.random.uniform([100], minval=-1, maxval=1).numpy(),
            "shuffled": tf.random.shuffle(tf.constant([[1, 2], [2, 3], [3, 4]])).numpy()}


@counterpart(["random_ops_with_seeds"], "tf.random.set_seed, then tf.random.normal / "
             "truncated_normal / uniform / shuffle")
def random_ops_with_global_seed(tf1):
    tf.random.set_seed(1)
    first = _draws()
    tf.random.set_seed(1)  # the counterpart of building the same graph again
    again = _draws()
    return dict(first, new_graph=again, shuffled_rows_sorted=sorted(first["shuffled"].tolist()))


def _op_seed_twice():
    """Two eager calls of tf.random.normal([3], seed=1) after tf.random.set_seed(1) (which
    resets the per-op counters, so the pair does not depend on earlier draws)."""
    tf.random.set_seed(1)
    return [tf.random.normal([3], seed=1).numpy() for _ in range(2)]


@counterpart(["random_normal_defaults_and_op_seed"], "tf.random.stateless_normal(shape, "
             "seed=[1, 0]) to repeat a draw; tf.random.normal(seed=1) eagerly draws anew each "
             "call")
def stateless_normal_repeats(tf1):
    defaults = tf.random.stateless_normal([3], seed=[1, 0])
    explicit = tf.random.stateless_normal([3], seed=[1, 0], mean=0.0, stddev=1.0,
                                          dtype=tf.float32)
    weights = tf.random.stateless_normal([28, 128], seed=[2, 0]).numpy()
    return {"defaults": defaults.numpy(), "explicit": explicit.numpy(),
            "new_graph": tf.random.stateless_normal([3], seed=[1, 0]).numpy(),
            "op_seed_twice": _op_seed_twice(),
            "weights_in_shape": list(weights.shape), "weights_in_dtype": weights.dtype.name,
            "weights_in_mean": weights.mean(), "weights_in_std": weights.std()}


@counterpart(["div_is_python2_division"], "tf.math.divide (true division) and "
             "tf.math.floordiv; tf.div is gone")
def divide_and_floordiv(tf1):
    losses = tf.constant([1.0, 2.0, 3.0, 4.0])
    return {"cost": tf.math.divide(tf.reduce_sum(losses), 50).numpy(),
            "floats": tf.math.divide(10.0, 4).numpy(), "ints": tf.math.floordiv(7, 2).numpy(),
            "negative_ints": tf.math.floordiv(-7, 2).numpy(),
            "divide": tf.math.divide(7, 2).numpy(), "div": error_of(lambda: tf.div)}


@counterpart(["random_normal_number_as_shape"], "tf.random.normal([128, 10]) eagerly; a number "
             "as the shape fails when the op runs")
def random_normal_shape_is_a_list(tf1):
    return {"notes": error_of(tf.random.normal, 128, 10),
            "list": tf.random.normal([128, 10]).shape.as_list()}


@tf.function(input_signature=[tf.TensorSpec(None, tf.int16), tf.TensorSpec(None, tf.int16)])
def _multiply(a, b):
    return tf.multiply(a, b)


@counterpart(["variables_feeds_and_matmul"], "tf.Variable from NumPy; a tf.function with an "
             "int16 input_signature for the placeholders; eager matmul")
def variables_arguments_and_matmul(tf1):
    w_np = tf.Variable(np.array([[1, 1, 1], [1, -8, 1], [1, 1, 1]]))
    w_zeros = tf.Variable(tf.zeros([3, 3]))
    ones_a, ones_b = tf.Variable(tf.ones([3, 3])), tf.Variable(tf.ones([3, 3]))
    mul = _multiply(tf.constant(2, tf.int16), tf.constant(3, tf.int16))
    return {"w": w_np.numpy(), "w_dtype": w_np.dtype.name, "zeros": w_zeros.numpy(),
            "mul": mul.numpy(), "mul_dtype": mul.dtype.name,
            "product": tf.matmul(5.0 * ones_a, 4.0 * ones_b).numpy()}


@counterpart(["argmax_axis_and_dimension"], "tf.math.argmax(axis=…) of an eager variable "
             "holding the values the TF1 run drew")
def argmax_axis(tf1):
    a = tf.Variable(tf1["argmax_axis_and_dimension"]["a"])
    by_axis0, by_axis1 = tf.math.argmax(a, axis=0), tf.math.argmax(a, axis=1)
    return {"axis0_shape": by_axis0.shape.as_list(), "dimension1_shape": by_axis1.shape.as_list(),
            "dtype": by_axis0.dtype.name, "a": a.numpy(), "argmax_axis0": by_axis0.numpy(),
            "argmax_dimension1": by_axis1.numpy(),
            "dimension_keyword": error_of(tf.math.argmax, a, dimension=1)}


@counterpart(["moments_and_batch_matmul"], "tf.nn.moments; tf.linalg.matmul of rank-3 tensors")
def moments_and_batched_matmul(tf1):
    mean, variance = tf.nn.moments(tf.constant([[1.0, 2.0], [3.0, 6.0]]), axes=[0])
    return {"mean": mean.numpy(), "variance": variance.numpy(),
            "batched_shape": tf.linalg.matmul(tf.ones([128, 50, 1]),
                                              tf.ones([128, 1, 50])).shape.as_list()}


@counterpart(["layer_normalization"], "keras.layers.LayerNormalization (Keras 3)")
def layer_normalization_keras3(tf1):
    import keras  # pylint: disable=import-outside-toplevel -- Keras 3, never tf_keras
    a = tf.constant([[1.0, 2.0, 3.0, 6.0], [0.0, 0.0, 4.0, 4.0]])
    mean, variance = tf.nn.moments(a, axes=[1], keepdims=True)
    scaled = keras.layers.LayerNormalization(epsilon=1e-3, gamma_initializer=keras.initializers.
                                             Constant(2.0),
                                             beta_initializer=keras.initializers.Constant(0.5))
    return {"mean": mean.numpy().ravel(), "variance": variance.numpy().ravel(),
            "normalized": ((a - mean) / tf.sqrt(variance + 1e-3)).numpy(),
            "notes_formula": (2.0 * (a - mean) / tf.sqrt(variance) + 0.5).numpy(),
            "keras_layer": np.asarray(keras.layers.LayerNormalization(epsilon=1e-3)(a)),
            "keras_scaled": np.asarray(scaled(a)), "keras_version": keras.__version__}


@counterpart(["dropout_scales_what_it_keeps"], "tf.nn.dropout(x, rate=…) eagerly; "
             "keras.layers.Dropout(rate)(x, training=False) for evaluation")
def dropout_rate(tf1):
    import keras  # pylint: disable=import-outside-toplevel
    tf.random.set_seed(1)
    train = tf.nn.dropout(tf.ones([1000]), rate=0.5).numpy()
    evaluate = np.asarray(keras.layers.Dropout(0.5)(tf.ones([1000]), training=False))
    return {"train_values": sorted(set(train.tolist())), "kept_fraction": (train > 0).mean(),
            "evaluate_values": sorted(set(evaluate.tolist())),
            "keep_prob_keyword": error_of(tf.nn.dropout, tf.ones([3]), keep_prob=0.5)}
