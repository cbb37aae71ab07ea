"""A shared matmul weight's gradient as one matmul: the same values as ``tf.gradients``."""
from reference.tf1 import tf

import numpy as np

from reference.training import batched_gradients

STEPS, BATCH, SIZE = 4, 3, 5


def _unrolled_lstm(dtype=tf.float32, getter=None):
    """The notes' loop: one BasicLSTMCell over STEPS inputs, reused at every step."""
    rng = np.random.default_rng(0)
    inputs = tf.constant(rng.standard_normal((BATCH, STEPS, SIZE)), tf.float32)
    with tf.variable_scope("RNN", initializer=tf.random_uniform_initializer(-0.5, 0.5, seed=1),
                           custom_getter=getter):
        cell = tf.nn.rnn_cell.BasicLSTMCell(SIZE, forget_bias=0.0)
        state = cell.zero_state(BATCH, dtype)
        outputs = []
        for step in range(STEPS):
            if step:
                tf.get_variable_scope().reuse_variables()
            output, state = cell(tf.cast(inputs[:, step, :], dtype), state)
            outputs.append(output)
    tf.get_variable("unused", [2])
    cost = tf.reduce_sum(tf.square(tf.cast(tf.concat(outputs, 1), tf.float32) - 0.3))
    return cost, tf.trainable_variables()


def test_the_kernel_gradient_is_one_matmul_equal_to_tf_gradients(graph):
    cost, variables = _unrolled_lstm()
    ops_before = {op.name for op in graph.get_operations()}
    ours = batched_gradients.gradients(cost, variables)
    new_ops = [op for op in graph.get_operations() if op.name not in ops_before]
    theirs = tf.gradients(cost, variables)
    assert [v.op.name for v in variables] == [
        "RNN/basic_lstm_cell/kernel", "RNN/basic_lstm_cell/bias", "unused"]
    assert ours[2] is None and theirs[2] is None  # a variable cost does not reach
    # the kernel's gradient: [SIZE + SIZE, STEPS * BATCH] x [STEPS * BATCH, 4 * SIZE], once
    assert ours[0].op.type == "MatMul" and ours[0].op.get_attr("transpose_a")
    assert [t.shape.as_list() for t in ours[0].op.inputs] == [[STEPS * BATCH, 2 * SIZE],
                                                              [STEPS * BATCH, 4 * SIZE]]
    # MatMul's gradient function still makes each step's weight gradient (steps 1-3; step 0's
    # matmul is asked for directly), but nothing consumes them, so a session never runs them,
    # and no AddN sums kernel-sized gradients
    dead = [op.name for op in new_ops if op.type == "MatMul" and op is not ours[0].op
            and not op.outputs[0].consumers()]
    assert dead == [f"gradients/RNN/basic_lstm_cell/MatMul_{step}_grad/MatMul_1"
                    for step in (3, 2, 1)]
    assert [op for op in new_ops if op.type == "AddN"
            and op.outputs[0].shape.as_list() == [2 * SIZE, 4 * SIZE]] == []
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        ours_v, theirs_v = session.run([ours[:2], theirs[:2]])
    for a, b in zip(ours_v, theirs_v):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert np.abs(ours_v[0]).max() > 0.1  # a real gradient, not zeros


def _bfloat16_getter(getter, name, shape=None, dtype=None, *args, **kwargs):
    if dtype == tf.bfloat16:  # float32 master weights read through a cast
        return tf.cast(getter(name, shape, tf.float32, *args, **kwargs), tf.bfloat16)
    return getter(name, shape, dtype, *args, **kwargs)


def test_a_weight_read_through_a_cast_gets_its_gradient_in_its_own_dtype(graph):
    cost, variables = _unrolled_lstm(tf.bfloat16, _bfloat16_getter)
    ours = batched_gradients.gradients(cost, variables)
    theirs = tf.gradients(cost, variables)
    assert [g.dtype.name for g in ours[:2]] == ["float32", "float32"]
    assert ours[0].op.type == "Cast" and ours[0].op.inputs[0].op.type == "MatMul"
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        ours_v, theirs_v = session.run([ours[:2], theirs[:2]])
    # bfloat16 has 8 bits of mantissa; the per-step sum of tf.gradients is rounded to it at
    # each of the 4 additions, the one matmul accumulates in float32
    np.testing.assert_allclose(ours_v[0], theirs_v[0], rtol=0.05, atol=0.02)


def test_a_weight_with_another_use_gets_tf_gradients_own_result(graph):
    weight = tf.get_variable("w", initializer=np.eye(2, dtype=np.float32))
    xs = [tf.constant([[1.0, 2.0]]), tf.constant([[3.0, -1.0]])]
    cost = tf.reduce_sum([tf.reduce_sum(tf.matmul(x, weight)) for x in xs])
    once = tf.get_variable("once", initializer=np.eye(2, dtype=np.float32))
    shared_cost = cost + tf.reduce_sum(weight) + tf.reduce_sum(tf.matmul(xs[0], once))
    ours = batched_gradients.gradients(shared_cost, [weight, once])
    assert [g.op.type for g in ours] == ["AddN", "MatMul"]  # tf.gradients' sum; its one use
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        # d/dw of sum(x1 w) + sum(x2 w) + sum(w): rows 1 + 3 + 1 and 2 - 1 + 1
        assert session.run(ours[0]).tolist() == [[5.0, 5.0], [2.0, 2.0]]
