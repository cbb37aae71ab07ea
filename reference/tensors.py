"""Creating tensors: constants, fills, sequences, seeded random ops, variables from arrays.

Reproduces: note 001 sections 1.1-1.17 (Variable from a numpy array, placeholder multiply,
matmul, argmax, ones/zeros/_like, fill, constant, linspace, range, random_* with seeds,
random_shuffle, set_random_seed) and note 000 "计算均值，方差" / "子维度相乘".
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import run_initialized


@demo('001 §1.5-1.12 "创建全一/全零矩阵" … "tf.range"',
      ["ones([2, 3], int32) is all ones", "zeros([2, 3], int32) is all zeros",
       "ones_like / zeros_like keep shape and dtype", "fill([2, 3], 9) is all nines",
       "constant(-1.0, shape=[2, 3]) broadcasts the scalar",
       "linspace(10.0, 12.0, 3) includes both ends", "range(3, 18, 3) excludes the limit",
       "range(5) starts at 0", "the keyword is dtype (the notes' type= is a TypeError, for "
       "ones and zeros alike)", "ones / zeros default to float32",
       "ones_like / zeros_like take dtype, not the notes' dype (TypeError)",
       "constant's default name is 'Const', made unique: Const, Const_1",
       "linspace no longer needs float start and stop: ints give float64 [10, 11, 12]",
       "range is not int32 only: floats give float32 [3, 6, 9, 12, 15]"])
def creation_ops():
    with tf.Graph().as_default():
        constant_names = [tf.constant(1).op.name, tf.constant(2).op.name]
    with fresh_session() as session:
        tensor = tf.constant([[1, 2, 3], [4, 5, 6]])
        ops = {"ones": tf.ones([2, 3], tf.int32), "zeros": tf.zeros([2, 3], tf.int32),
               "ones_default": tf.ones([2, 3]), "zeros_default": tf.zeros([2, 3]),
               "ones_like": tf.ones_like(tensor), "zeros_like": tf.zeros_like(tensor),
               "fill": tf.fill([2, 3], 9), "constant_list": tf.constant([1, 2, 3, 4, 5, 6, 7]),
               "constant_scalar_shape": tf.constant(-1.0, shape=[2, 3]),
               "linspace": tf.linspace(10.0, 12.0, 3), "linspace_ints": tf.linspace(10, 12, 3),
               "range_3_18_3": tf.range(3, 18, 3), "range_floats": tf.range(3.0, 18.0, 3.0),
               "range_5": tf.range(5)}
        values = session.run(ops)
    values["dtypes"] = {k: v.dtype.name for k, v in ops.items()}
    values["type_keyword"] = error_of(tf.ones, [2, 3], type=tf.int32)
    values["zeros_type_keyword"] = error_of(tf.zeros, [2, 3], type=tf.int32)
    values["like_dype_keyword"] = [error_of(like, tensor, dype=tf.float32)
                                   for like in (tf.ones_like, tf.zeros_like)]
    values["constant_names"] = constant_names
    return values


@demo('001 §1.13-1.17 "tf.random_normal" … "tf.set_random_seed"',
      ["the same graph seed gives the same numbers in a new graph",
       "truncated_normal keeps values within 2 stddev of the mean",
       "random_uniform draws from [minval, maxval)",
       "random_shuffle permutes the first dimension only"])
def random_ops_with_seeds():
    def draw():
        with fresh_session(seed=1) as session:
            return session.run({
                "normal": tf.random_normal([3], mean=0.0, stddev=1.0),
                "truncated": tf.truncated_normal([100], stddev=0.1),
                "uniform": tf.random_uniform([100], minval=-1, maxval=1),
                "shuffled": tf.random_shuffle(tf.constant([[1, 2], [2, 3], [3, 4]]))})
    first, second = draw(), draw()
    return dict(first, shuffled_rows_sorted=sorted(first["shuffled"].tolist()),
                new_graph=second)


@demo('001 §1.13 "tf.random_normal(shape,mean=0.0,stddev=1.0,dtype=tf.float32,seed=None)" / '
      '004 "生成维度是(28, 128)的标准正太分布，mean=0，stddev=1"',
      ["the defaults are mean 0.0, stddev 1.0, float32: random_normal([3], seed=1) equals "
       "random_normal([3], mean=0.0, stddev=1.0, dtype=float32, seed=1)",
       "an op seed alone (no graph seed) repeats the draw in a new graph",
       "004's weights['in'] = random_normal([28, 128]) is a float32 [28, 128] draw with "
       "mean about 0 and standard deviation about 1"])
def random_normal_defaults_and_op_seed():
    def draw():
        with fresh_session() as session:  # no graph seed
            return session.run({
                "defaults": tf.random_normal([3], seed=1),
                "explicit": tf.random_normal([3], mean=0.0, stddev=1.0, dtype=tf.float32,
                                             seed=1),
                "weights_in": tf.random_normal([28, 128], seed=2)})
    first, second = draw(), draw()
    weights = first.pop("weights_in")
    return dict(first, new_graph=second["defaults"], weights_in_shape=list(weights.shape),
                weights_in_dtype=weights.dtype.name, weights_in_mean=weights.mean(),
                weights_in_std=weights.std())


@demo('003 sin RNN "self.cost=tf.div(tf.reduce_sum(losses, name=\'losses_sum\'), '
      'self.batch_size, name=\'average_cost\')"',
      ["tf.div still exists in tf.compat.v1 (deprecated): the summed losses over batch_size 50",
       "tf.div divides as Python 2 did: floats truly (10 / 4 = 2.5), integers by floor "
       "(7 / 2 = 3, -7 / 2 = -4), where tf.divide gives 3.5"])
def div_is_python2_division():
    with fresh_session() as session:
        losses = tf.constant([1.0, 2.0, 3.0, 4.0])
        cost = tf.div(tf.reduce_sum(losses, name="losses_sum"), 50, name="average_cost")
        got = session.run({"cost": cost, "floats": tf.div(10.0, 4), "ints": tf.div(7, 2),
                           "negative_ints": tf.div(-7, 2), "divide": tf.divide(7, 2)})
    got["cost_name"] = cost.name
    return got


@demo('003 RNN案例（一） / 004 MNIST LSTM "\'out\': tf.Variable(tf.random_normal(n_hidden_units, '
      'n_classes))"',
      ["tf.random_normal(128, 10), a number as the shape and 10 as the mean, fails when the "
       "graph is built: ValueError, the shape must be rank 1",
       "tf.random_normal([128, 10]) is the [128, 10] matrix the notes mean"])
def random_normal_number_as_shape():
    with fresh_session():
        return {"notes": error_of(tf.random_normal, 128, 10),
                "list": tf.random_normal([128, 10]).get_shape().as_list()}


@demo('001 §1.1-1.3 "数据的呈现" / placeholder multiply / "矩阵相乘（matmul）"',
      ["Variable(initial_value=numpy int array) keeps the array's dtype",
       "Variable(tf.zeros([3, 3])) is float32 zeros",
       "placeholder(int16) * placeholder(int16) fed 2 and 3 gives 6 as int16",
       "matmul(5*ones(3,3), 4*ones(3,3)) is 60 everywhere",
       "initialize_all_variables still exists, as a deprecated alias"])
def variables_feeds_and_matmul():
    with tf.Graph().as_default():
        w_np = tf.Variable(initial_value=np.array([[1, 1, 1], [1, -8, 1], [1, 1, 1]]))
        w_zeros = tf.Variable(tf.zeros([3, 3]))
        a, b = tf.placeholder(tf.int16), tf.placeholder(tf.int16)
        ones_a, ones_b = tf.Variable(tf.ones([3, 3])), tf.Variable(tf.ones([3, 3]))
        product = tf.matmul(tf.multiply(5.0, ones_a), tf.multiply(4.0, ones_b))
        got = run_initialized({"w": w_np, "zeros": w_zeros, "mul": tf.multiply(a, b),
                               "product": product}, {a: 2, b: 3})
        alias_op = tf.initialize_all_variables()
    return {"w": got["w"], "w_dtype": w_np.dtype.base_dtype.name, "zeros": got["zeros"],
            "mul": got["mul"], "mul_dtype": got["mul"].dtype.name, "product": got["product"],
            "initialize_all_variables_op": alias_op.type}


@demo('001 §1.4 "argmax的练习"',
      ["argmax(axis=0) of a [3, 4] variable has shape [4]",
       "argmax(dimension=1) (the old keyword) still works and has shape [3]",
       "argmax returns int64 indices equal to numpy's argmax"])
def argmax_axis_and_dimension():
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        a = tf.get_variable(name="a", shape=[3, 4], dtype=tf.float32,
                            initializer=tf.random_uniform_initializer(minval=-1, maxval=1))
        b = tf.argmax(input=a, axis=0)
        c = tf.argmax(input=a, dimension=1)
        a_val, b_val, c_val = run_initialized([a, b, c])
    return {"axis0_shape": b.shape.as_list(), "dimension1_shape": c.shape.as_list(),
            "dtype": b.dtype.name,
            "a": a_val, "argmax_axis0": b_val, "argmax_dimension1": c_val}


@demo('000 "计算均值，方差" / "子维度相乘"',
      ["tf.nn.moments(data, axes) returns mean and variance",
       "tf.batch_mul is gone: matmul of [128, 50, 1] by [128, 1, 50] gives [128, 50, 50]"])
def moments_and_batch_matmul():
    with fresh_session() as session:
        data = tf.constant([[1.0, 2.0], [3.0, 6.0]])
        mean, variance = tf.nn.moments(data, axes=[0])
        batched = tf.matmul(tf.ones([128, 50, 1]), tf.ones([128, 1, 50]))
        got = session.run({"mean": mean, "variance": variance})
    got["batched_shape"] = batched.shape.as_list()
    got["batch_mul"] = error_of(lambda: tf.batch_mul)
    return got


@demo('000 "layer normalization" (W * (A - mu) / sigma + b)',
      ["per example: mu and sigma^2 from tf.nn.moments over the feature axis",
       "(A - mu) / sqrt(sigma^2 + epsilon) with W = 1, b = 0 equals tf.keras.layers."
       "LayerNormalization(epsilon) (tf_keras) within 1e-6",
       "the notes' formula as written, W * (A - mu) / sigma + b with W = 2, b = 0.5 and no "
       "epsilon, is the layer with gamma 2, beta 0.5 up to the epsilon",
       "tf.contrib.layers.layer_norm is gone with tf.contrib"])
def layer_normalization():
    data = [[1.0, 2.0, 3.0, 6.0], [0.0, 0.0, 4.0, 4.0]]
    with fresh_session() as session:
        a = tf.constant(data)
        mean, variance = tf.nn.moments(a, axes=[1], keep_dims=True)
        by_hand = (a - mean) / tf.sqrt(variance + 1e-3)
        notes = 2.0 * (a - mean) / tf.sqrt(variance) + 0.5
        keras = tf.keras.layers.LayerNormalization(epsilon=1e-3)(a)
        scaled = tf.keras.layers.LayerNormalization(
            epsilon=1e-3, gamma_initializer=tf.constant_initializer(2.0),
            beta_initializer=tf.constant_initializer(0.5))(a)
        session.run(tf.global_variables_initializer())
        hand, layer, mu, var, formula, keras_scaled = session.run(
            [by_hand, keras, mean, variance, notes, scaled])
    return {"mean": mu.ravel(), "variance": var.ravel(), "normalized": hand,
            "keras_layer": layer, "notes_formula": formula, "keras_scaled": keras_scaled,
            "contrib": error_of(lambda: tf.contrib)}


@demo('001 CNN "h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)"',
      ["dropout zeroes some elements and scales the others by 1 / keep_prob: ones become 0 or "
       "2 for keep_prob 0.5", "keep_prob 1.0 is the identity (the evaluation feed)",
       "the keep_prob keyword still works in tf.compat.v1 (rate = 1 - keep_prob is the new one)"])
def dropout_scales_what_it_keeps():
    with fresh_session(seed=1) as session:
        keep_prob = tf.placeholder(tf.float32)
        dropped = tf.nn.dropout(tf.ones([1000]), keep_prob)
        train, evaluate = (session.run(dropped, {keep_prob: p}) for p in (0.5, 1.0))
        by_rate = session.run(tf.nn.dropout(tf.ones([1000]), rate=0.5))
    return {"train_values": sorted(set(train.tolist())),
            "kept_fraction": (train > 0).mean(),
            "evaluate_values": sorted(set(evaluate.tolist())),
            "rate_values": sorted(set(by_rate.tolist()))}
