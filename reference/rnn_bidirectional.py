"""Bidirectional RNNs: ``bidirectional_dynamic_rnn`` as the notes read its source, and stacked.

Reproduces: note 003 "单层双向rnn" (``(outputs, states) = tf.nn.bidirectional_dynamic_rnn(
cell_fw, cell_bw, seq, seq_length, initial_state_fw, initial_state_bw)``; ``out =
tf.concat(outputs, 2)``), "多层双向rnn" and "bidirectional_dynamic_rnn源码一探" (the backward
pass reverses the inputs with ``reverse_sequence``, runs ``dynamic_rnn`` in scope ``bw``, and
reverses its outputs back); note 000 "##lstm" (``bidirectional_dynamic_rnn`` takes ``[batch,
n_step, n_input]`` and ``sequence_length``).

``stack_bidirectional_dynamic_rnn`` **replaces the removed** ``tf.contrib.rnn.
stack_bidirectional_dynamic_rnn`` (same signature and scopes: layer ``i`` runs in
``stack_bidirectional_rnn/cell_i/bidirectional_rnn/{fw,bw}`` and feeds the concatenated
forward and backward outputs to layer ``i + 1``).
"""
import importlib
import inspect

from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import load_uniform_weights

LENGTHS = [4, 2]


def stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None,
                                    initial_states_bw=None, dtype=None, sequence_length=None,
                                    parallel_iterations=None, time_major=False, scope=None):
    """Replaces ``tf.contrib.rnn.stack_bidirectional_dynamic_rnn``.

    Returns:
      ``(outputs, output_states_fw, output_states_bw)``: the last layer's concatenated
      outputs ``[batch, time, fw units + bw units]`` and each layer's final states.

    Raises:
      ValueError: when ``cells_fw`` is empty or the two lists differ in length.
    """
    if not cells_fw or len(cells_fw) != len(cells_bw):
        raise ValueError(f"need as many forward as backward cells, at least one; got "
                         f"{len(cells_fw or [])} and {len(cells_bw or [])}")
    states_fw, states_bw = [], []
    layer_input = inputs
    with tf.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            with tf.variable_scope(f"cell_{i}"):
                (out_fw, out_bw), (state_fw, state_bw) = tf.nn.bidirectional_dynamic_rnn(
                    cell_fw, cell_bw, layer_input,
                    initial_state_fw=initial_states_fw[i] if initial_states_fw else None,
                    initial_state_bw=initial_states_bw[i] if initial_states_bw else None,
                    sequence_length=sequence_length, parallel_iterations=parallel_iterations,
                    dtype=dtype, time_major=time_major)
            layer_input = tf.concat([out_fw, out_bw], 2)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return layer_input, tuple(states_fw), tuple(states_bw)


def _inputs():
    return np.cos(np.arange(2 * 4 * 3, dtype=np.float32)).reshape(2, 4, 3)


@demo('003 "单层双向rnn", "bidirectional_dynamic_rnn源码一探"; 000 bidirectional_dynamic_rnn',
      ["outputs is a pair (output_fw, output_bw), each [batch, time, units]; tf.concat(outputs, "
       "2) is [batch, time, 2 * units]",
       "output_bw equals reverse_sequence(dynamic_rnn(cell_bw, reverse_sequence(inputs))), "
       "exactly",
       "past a sequence's length both directions output zeros",
       "the backward final state's h is output_bw at time 0; the forward one's is output_fw "
       "at length - 1",
       "variables live in bidirectional_rnn/fw/... and bidirectional_rnn/bw/..."])
def bidirectional_semantics():
    with fresh_session() as session:
        x = tf.constant(_inputs())
        cell_fw, cell_bw = tf.nn.rnn_cell.LSTMCell(3), tf.nn.rnn_cell.LSTMCell(3)
        (out_fw, out_bw), (state_fw, state_bw) = tf.nn.bidirectional_dynamic_rnn(
            cell_fw, cell_bw, x, sequence_length=LENGTHS, dtype=tf.float32)
        concat = tf.concat([out_fw, out_bw], 2)
        with tf.variable_scope("bidirectional_rnn/bw", reuse=True):  # the notes' recipe by hand
            reversed_x = tf.reverse_sequence(x, LENGTHS, seq_axis=1, batch_axis=0)
            by_hand, _ = tf.nn.dynamic_rnn(cell_bw, reversed_x, sequence_length=LENGTHS,
                                           dtype=tf.float32)
            by_hand = tf.reverse_sequence(by_hand, LENGTHS, seq_axis=1, batch_axis=0)
        variables = [v.op.name for v in tf.global_variables()]
        weights = dict(zip(variables, tf.global_variables()))  # weights, gradients: for TF2
        grads = dict(zip(variables, tf.gradients(tf.reduce_sum(concat), tf.global_variables())))
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=4)
        fw, bw, both, hand, s_fw, s_bw, got_weights, got_grads = session.run(
            [out_fw, out_bw, concat, by_hand, state_fw, state_bw, weights, grads])
        return {"shapes": [list(fw.shape), list(bw.shape), list(both.shape)],
                "output_fw": fw, "output_bw": bw, "reversed_dynamic_rnn": hand,
                "state_fw_h": s_fw.h, "state_bw_h": s_bw.h,
                "variables": variables, "weights": got_weights, "gradients": got_grads}


@demo('003 "多层双向rnn" (contrib stack_bidirectional_dynamic_rnn, re-created)',
      ["each layer reads the previous layer's concatenated outputs: with GRUCell(3) layer 0's "
       "gate kernels are [3 + 3, 6], layer 1's [2 * 3 + 3, 6]",
       "the stack returns the last layer's outputs [batch, time, 2 * units] and one final "
       "state per layer and direction",
       "layer i's variables are stack_bidirectional_rnn/cell_i/bidirectional_rnn/{fw,bw}/..."])
def stacked_bidirectional():
    with fresh_session(seed=5) as session:
        cells_fw = [tf.nn.rnn_cell.GRUCell(3) for _ in range(2)]
        cells_bw = [tf.nn.rnn_cell.GRUCell(3) for _ in range(2)]
        outputs, states_fw, states_bw = stack_bidirectional_dynamic_rnn(
            cells_fw, cells_bw, tf.constant(_inputs()), sequence_length=LENGTHS,
            dtype=tf.float32)
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=5)  # the same in TF1 and TF2 mode, for the TF2 side
        got_outputs, weights = session.run([outputs, {v.op.name: v for v in
                                                      tf.global_variables()}])
        return {"outputs_shape": list(got_outputs.shape),
                "states": [len(states_fw), len(states_bw)],
                "kernels": {v.op.name: v.shape.as_list() for v in tf.global_variables()
                            if v.op.name.endswith("gates/kernel")},
                "outputs": got_outputs, "weights": weights}  # for the TF2 counterpart


def _run_loaded(session, seed, fetches):
    """``fetches`` after loading NumPy's ``uniform`` weights (``seed``); with ``"weights"``."""
    session.run(tf.global_variables_initializer())
    load_uniform_weights(session, seed=seed)
    return session.run({**fetches, "weights": {v.op.name: v for v in tf.global_variables()}})


@demo('000 "##lstm" (bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length, '
      'dytype), time_major)',
      ["the static list of n_step [batch, n_input] tensors is refused: ValueError 'Shape (3, 2) "
       "must have rank at least 3'; the input is one [batch, n_step, n_input] tensor",
       "the signature is (cell_fw, cell_bw, inputs, sequence_length=None, initial_state_fw="
       "None, initial_state_bw=None, dtype=None, parallel_iterations=None, swap_memory=False, "
       "time_major=False, scope=None) (note 003 lists it so); dytype= raises TypeError",
       "sequence_length=np.ones(batch) * n_step (float64, every sequence full) gives exactly "
       "the outputs of no sequence_length",
       "time_major=True takes [n_step, batch, n_input] and gives the batch-major outputs "
       "transposed, exactly",
       "each direction's dynamic_rnn is a tf.while_loop (its LoopCond op; note 000 "
       "\"##获取维度\")"])
def bidirectional_notes_000_inputs():
    batch, n_step = 2, 4
    x_value = _inputs()
    with fresh_session() as session:
        cells = [tf.nn.rnn_cell.BasicLSTMCell(3) for _ in range(2)]
        x = tf.constant(x_value)
        plain, _ = tf.nn.bidirectional_dynamic_rnn(*cells, x, dtype=tf.float32)
        loops = {op.name: op.type for op in session.graph.get_operations()
                 if op.type in ("LoopCond", "While", "StatelessWhile")}
        listed = error_of(tf.nn.bidirectional_dynamic_rnn, *cells, tf.unstack(x, axis=1),
                          dtype=tf.float32)
        dytype = error_of(tf.nn.bidirectional_dynamic_rnn, *cells, x, dytype=tf.float32)
        full, _ = tf.nn.bidirectional_dynamic_rnn(
            *cells, x, sequence_length=np.ones(batch) * n_step, dtype=tf.float32)
        major, _ = tf.nn.bidirectional_dynamic_rnn(
            *cells, tf.constant(x_value.transpose(1, 0, 2)), dtype=tf.float32, time_major=True)
        got = _run_loaded(session, 8, {"plain": plain, "full": full, "major": major})
        return {"list_input": listed, "dytype": dytype,
                "signature": str(inspect.signature(tf.nn.bidirectional_dynamic_rnn)),
                "outputs": got["plain"], "full_length_outputs": got["full"],
                "time_major_outputs": got["major"], "while_loops": loops,
                "weights": got["weights"]}


@demo('003 "单层双向rnn" (rnn.LSTMCell(10), zero_state(batch_size), the positional call, '
      'tf.concat(outputs, 2)); "bidirectional_dynamic_rnn源码一探" (_reverse without seq_lengths)',
      ["from tensorflow.contrib import rnn: ModuleNotFoundError; tf.nn.rnn_cell.LSTMCell(10) "
       "replaces rnn.LSTMCell(10)",
       "cell_fw.zero_state(batch_size) raises TypeError (dtype is required); "
       "zero_state(batch_size, tf.float32) works",
       "the positional call (cell_fw, cell_bw, seq, seq_length, initial_state_fw, "
       "initial_state_bw) with zero states gives exactly the outputs of dtype=tf.float32",
       "out = tf.concat(outputs, 2) is [batch, time, 20] for LSTMCell(10)",
       "without sequence_length the backward pass is tf.reverse(axis=[1]) around dynamic_rnn: "
       "output_bw == reverse(dynamic_rnn(cell_bw, reverse(x, [1])), [1]), exactly"])
def bidirectional_notes_003_recipe():
    batch_size = 2
    with fresh_session() as session:
        cell_fw, cell_bw = tf.nn.rnn_cell.LSTMCell(10), tf.nn.rnn_cell.LSTMCell(10)
        seq, seq_length = tf.constant(_inputs()), LENGTHS
        no_dtype = error_of(cell_fw.zero_state, batch_size)
        initial_state_fw = cell_fw.zero_state(batch_size, tf.float32)
        initial_state_bw = cell_bw.zero_state(batch_size, tf.float32)
        (outputs, states) = tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, seq,
                                                            seq_length, initial_state_fw,
                                                            initial_state_bw)
        out = tf.concat(outputs, 2)
        # the cells are built: the calls below reuse their weights
        by_dtype, _ = tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, seq,
                                                      sequence_length=seq_length,
                                                      dtype=tf.float32)
        unmasked, _ = tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, seq, dtype=tf.float32)
        by_hand, _ = tf.nn.dynamic_rnn(cell_bw, tf.reverse(seq, axis=[1]), dtype=tf.float32)
        by_hand = tf.reverse(by_hand, axis=[1])
        got = _run_loaded(session, 9, {"outputs": outputs, "out": out, "by_dtype": by_dtype,
                                       "unmasked_bw": unmasked[1], "by_hand": by_hand})
        return {"contrib_import": error_of(importlib.import_module, "tensorflow.contrib"),
                "zero_state_without_dtype": no_dtype,
                "initial_state_shapes": [s.shape.as_list() for s in initial_state_fw],
                "outputs": got["outputs"], "dtype_call_outputs": got["by_dtype"],
                "out_shape": list(got["out"].shape), "state_h_shapes": [
                    s.h.shape.as_list() for s in states],
                "unmasked_output_bw": got["unmasked_bw"],
                "reversed_dynamic_rnn": got["by_hand"], "weights": got["weights"]}
