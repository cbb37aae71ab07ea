"""MatMul's input gradient on a weight transposed once: tf.gradients' values, one transpose."""
import contextlib

from reference.tf1 import tf

import numpy as np
import pytest

from reference.training import batched_gradients
from reference.training import transposed_weights

STEPS, BATCH, SIZE = 4, 3, 5


def _unrolled_lstm(transposed=True):
    """One BasicLSTMCell over STEPS inputs, inside the scope unless ``transposed`` is False."""
    rng = np.random.default_rng(0)
    inputs = tf.constant(rng.standard_normal((BATCH, STEPS, SIZE)), tf.float32)
    with tf.variable_scope("RNN", initializer=tf.random_uniform_initializer(-0.5, 0.5, seed=1)):
        cell = tf.nn.rnn_cell.BasicLSTMCell(SIZE, forget_bias=0.0)
        state = cell.zero_state(BATCH, tf.float32)
        scope = transposed_weights.weight_transposed_once
        with scope() if transposed else contextlib.nullcontext():
            outputs = []
            for step in range(STEPS):
                if step:
                    tf.get_variable_scope().reuse_variables()
                output, state = cell(inputs[:, step, :], state)
                outputs.append(output)
    cost = tf.reduce_sum(tf.square(tf.concat(outputs, 1) - 0.3))
    return cost, inputs, tf.trainable_variables()


def _input_gradient_matmuls(graph):
    return [op for op in graph.get_operations()
            if op.type == "MatMul" and op.name.startswith("gradients/")
            and op.name.endswith("_grad/MatMul")]


def test_the_input_gradients_share_one_transpose_and_equal_the_plain_ones(graph):
    cost, inputs, variables = _unrolled_lstm()
    ours = tf.gradients(cost, [inputs] + variables)
    transposes = [op for op in graph.get_operations() if op.type == "Transpose"]
    assert [op.name for op in transposes] == [
        "RNN/basic_lstm_cell/kernel/read/transposed_for_gradient"]
    assert transposes[0].inputs[1].op.type == "PlaceholderWithDefault"
    assert transposes[0].outputs[0].shape.as_list() == [4 * SIZE, 2 * SIZE]
    steps = _input_gradient_matmuls(graph)
    assert len(steps) == STEPS
    assert all(op.inputs[1] is transposes[0].outputs[0] and not op.get_attr("transpose_b")
               for op in steps)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        ours_v = session.run(ours)
    with tf.Graph().as_default():  # the same graph without the scope: tf.gradients' own
        tf.set_random_seed(0)  # as the fixture's
        cost, inputs, variables = _unrolled_lstm(transposed=False)
        plain = tf.gradients(cost, [inputs] + variables)
        assert not [op for op in tf.get_default_graph().get_operations()
                    if op.type == "Transpose"]
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            plain_v = session.run(plain)
    for a, b in zip(ours_v, plain_v):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert np.abs(ours_v[0]).max() > 0.1  # the input's gradient: not zeros


def test_grappler_keeps_the_transpose_out_of_the_matmul(graph):
    """With a constant permutation, grappler's arithmetic optimizer folds the transpose into
    the matmul (transpose_b=True again: the slow product); the never-fed one keeps it."""
    cost, inputs, _ = _unrolled_lstm()
    gradient, = tf.gradients(cost, [inputs])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        metadata = tf.RunMetadata()
        session.run(gradient, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
                    run_metadata=metadata)
    ran = {node.node_name for device in metadata.step_stats.dev_stats
           for node in device.node_stats}
    assert "RNN/basic_lstm_cell/kernel/read/transposed_for_gradient" in ran
    assert not [name for name in ran if "FoldTransposeIntoMatMul" in name]


@pytest.mark.parametrize("transpose_a,transpose_b", [(False, True), (True, False), (True, True)])
def test_a_transposed_product_gets_the_plain_gradients(graph, transpose_a, transpose_b):
    rng = np.random.default_rng(1)
    x = tf.constant(rng.standard_normal((2, 3) if not transpose_a else (3, 2)), tf.float32)
    w = tf.constant(rng.standard_normal((3, 4) if not transpose_b else (4, 3)), tf.float32)
    with transposed_weights.weight_transposed_once():
        y = tf.matmul(x, w, transpose_a=transpose_a, transpose_b=transpose_b)
    plain_y = tf.matmul(x, w, transpose_a=transpose_a, transpose_b=transpose_b)
    weights = tf.constant(rng.standard_normal((2, 4)), tf.float32)
    ours = tf.gradients(y * weights, [x, w])
    plain = tf.gradients(plain_y * weights, [x, w])
    assert not [op for op in graph.get_operations() if op.type == "Transpose"]
    with tf.Session() as session:
        ours_v, plain_v = session.run([ours, plain])
    for a, b in zip(ours_v, plain_v):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)


def test_each_device_gets_its_own_transpose(graph):
    w = tf.get_variable("w", [3, 4])
    ys = []
    for device in ("/cpu:0", "/cpu:1"):
        with tf.device(device), transposed_weights.weight_transposed_once():
            ys += [tf.matmul(tf.ones([2, 3]), w) for _ in range(2)]
    tf.gradients(tf.add_n([tf.reduce_sum(y) for y in ys]), [w])
    transposes = [op for op in graph.get_operations() if op.type == "Transpose"]
    assert [op.device for op in transposes] == ["/device:CPU:0", "/device:CPU:1"]


def test_batched_gradients_ignores_the_transposes_of_an_earlier_call(graph):
    cost, _, variables = _unrolled_lstm()
    first = batched_gradients.gradients(cost, variables)
    second = batched_gradients.gradients(cost, variables)
    assert [g.op.type for g in first[:1] + second[:1]] == ["MatMul", "MatMul"]
    assert second[0].op.get_attr("transpose_a")  # one matmul over the steps, both times
