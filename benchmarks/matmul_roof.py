"""The machine's matmul roof on given shapes, measured with TensorFlow in graph mode.

For one ``(m, k, n)`` shape and dtype, a graph holds ``repeats`` matmuls of ``[m, k]`` by
``[k, n]`` (distinct left operands, so no common-subexpression elimination merges them) whose
first elements are summed; one ``session.run`` runs them all, so the per-run overhead is spread
over ``repeats`` matmuls. The session uses TensorFlow's default thread settings (the ones the
PTB script runs with). The figure is the best of ``trials`` runs after a warm-up run:
``2 * m * k * n * repeats / seconds``.

Independent matmuls (the default) run side by side on the inter-op threads. With ``chains=c``
each waits for the one ``c`` places before it (a control edge), so at most ``c`` run at once,
as a recurrence allows: an LSTM's gate matmul at step ``t`` needs the output of step ``t - 1``
(and, backward, its input gradient the one of ``t + 1``), and ``num_layers`` layers make as
many chains, run as a wavefront. Small matmuls are much faster side by side than one at a time
(measured in BUILD_NOTES.md).

``roof`` combines shapes as a model runs them: the FLOP-weighted harmonic mean, i.e. the
speed of doing each shape's share of the work at that shape's measured speed. ``true_roof`` is
the machine's: the best rate on large products (``LARGE_SHAPES``).
"""
import contextlib
import time

from reference.tf1 import tf

import numpy as np


def matmul_gflops(shape, dtype=tf.float32, target_flops=1e10, trials=5, max_repeats=256,
                  chains=0):
    """GFLOP/s of ``[m, k] x [k, n]`` matmuls in ``dtype``, independent (``chains=0``) or in
    ``chains`` chains (see the module docstring)."""
    m, k, n = shape
    repeats = int(min(max_repeats, max(1, target_flops // (2 * m * k * n))))
    rng = np.random.default_rng(0)
    with tf.Graph().as_default():
        right = tf.constant(rng.standard_normal((k, n)), dtype)
        lefts = [tf.Variable(tf.constant(rng.standard_normal((m, k)), dtype))
                 for _ in range(repeats)]
        # one element of each product is fetched: a matmul only grouped by control edges has
        # no consumer, and grappler prunes it (the timings were then thousands of GFLOP/s)
        products = tf.add_n(first_elements(lefts, right, chains))
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            session.run(products)
            best = float("inf")
            for _ in range(trials):
                start = time.perf_counter()
                session.run(products)
                best = min(best, time.perf_counter() - start)
    return 2.0 * m * k * n * repeats / best / 1e9


def first_elements(lefts, right, chains=0):
    """``[a @ right][0, 0]`` in float32 for each ``a`` of ``lefts``; with ``chains=c`` the
    ``i``-th matmul has a control edge from the ``(i - c)``-th's element."""
    firsts = []
    for left in lefts:
        after = [firsts[-chains]] if chains and len(firsts) >= chains else []
        with tf.control_dependencies(after):
            firsts.append(tf.cast(tf.matmul(left, right)[0, 0], tf.float32))
    return firsts


# large products, where TensorFlow's matmul kernel runs at its best on any CPU: squares, and the
# softmax's product of medium PTB (35 x 20 rows by hidden 650 by vocabulary 10,000)
LARGE_SHAPES = ((1024, 1024, 1024), (2048, 2048, 2048), (700, 650, 10_000))


def true_roof(dtype=tf.float32, shapes=LARGE_SHAPES, **kwargs):
    """``(GFLOP/s, {shape: GFLOP/s})``: the best of TensorFlow's rates on ``shapes`` (large
    products): what this machine's matmul kernel does at its best in ``dtype``, the roof a
    model's shapes, smaller, fall short of."""
    speeds = {shape: matmul_gflops(shape, dtype, **kwargs) for shape in shapes}
    return max(speeds.values()), speeds


def roof(weighted_shapes, dtype=tf.float32, chains=None, **kwargs):
    """``(GFLOP/s, {shape: GFLOP/s})``: the FLOP-weighted harmonic mean over
    ``[((m, k, n), count), ...]`` and each shape's own figure; ``chains``: ``{shape: c}`` for
    the shapes a recurrence runs in ``c`` chains (the others run independent)."""
    chains = chains or {}
    speeds = {shape: matmul_gflops(shape, dtype, chains=chains.get(shape, 0), **kwargs)
              for shape, _ in weighted_shapes}
    flops = {shape: 0.0 for shape in speeds}
    for shape, count in weighted_shapes:
        flops[shape] += 2.0 * np.prod(shape) * count
    seconds = sum(flops[s] / speeds[s] for s in speeds)
    return sum(flops.values()) / seconds, speeds


def copies(weighted_shapes, dtype, streamed_bytes):
    """How many copies of the operands of ``((m, k, n), count)`` matmuls make up at least
    ``streamed_bytes`` (at least one)."""
    step_bytes = sum(count * (m * k + k * n) * dtype.size
                     for (m, k, n), count in weighted_shapes)
    return max(1, -(-streamed_bytes // step_bytes))


@contextlib.contextmanager
def single_pass_timer(weighted_shapes, dtype=tf.float32, streamed_bytes=0):
    """Yields ``time_ms(trials)``: milliseconds one ``session.run`` takes to do each
    ``((m, k, n), count)`` matmul ``count`` times with distinct weights, one after the other
    (as a batch-1 evaluation step does, once per layer and once for the softmax), less the time
    of a ``session.run`` of nothing: the arithmetic of one step when nothing else runs. Mean
    over ``trials`` runs after ``trials // 10`` warm-up runs, as the evaluation step it is set
    against is timed. The graph and session stay open, so a benchmark can time it between its
    own windows: the machine's speed drifts within a minute.

    ``streamed_bytes``: with it, the graph holds as many copies of the step's operands as make
    up at least that many bytes, and the runs cycle through them, so each run reads its weights
    from memory, as a model's step does when its other work has evicted them from the caches
    (more than the last-level cache: a batch-1 product is bound by that read)."""
    rng = np.random.default_rng(0)
    with tf.Graph().as_default():
        totals = []
        for _ in range(copies(weighted_shapes, dtype, streamed_bytes)):
            products = []
            for (m, k, n), count in weighted_shapes:
                for _ in range(count):
                    left = tf.Variable(tf.constant(rng.standard_normal((m, k)), dtype))
                    right = tf.Variable(tf.random.uniform((k, n), dtype=dtype))
                    with tf.control_dependencies(products[-1:]):  # in order, as layers run
                        products.append(tf.cast(tf.matmul(left, right)[0, 0], tf.float32))
            totals.append(tf.add_n(products))
        nothing = tf.no_op()
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            steps = [session.make_callable(total) for total in totals]
            empty = session.make_callable(nothing)

            def time_ms(trials=300):
                mean = {}
                for name, calls in (("step", steps), ("empty", [empty])):
                    for trial in range(trials // 10):
                        calls[trial % len(calls)]()
                    start = time.perf_counter()
                    for trial in range(trials):
                        calls[trial % len(calls)]()
                    mean[name] = (time.perf_counter() - start) / trials
                return 1000.0 * (mean["step"] - mean["empty"])
            yield time_ms
