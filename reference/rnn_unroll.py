"""Unrolling a cell in time: static list, dynamic_rnn, the notes' manual loop; time_major;
sequence_length.

Reproduces: note 003 "tf.nn.dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None,
dtype=None, time_major=False)" (its comments on shapes, ``sequence_length=[5, 10, 25]``, "h是
等于最后一个时间的output的") and the manual loop right after it (``with
tf.variable_scope("RNN"): for time_step ...: if time_step > 0:
tf.get_variable_scope().reuse_variables(); (cell_out, state) = lstm_cell(inputs[:, time_step,
:], state)``); note 000 "##lstm" (the old static rnn: transpose to ``[n_step, batch, n_input]``,
reshape, ``split(0, n_step)`` into a list of ``n_step`` tensors); note 003 PTB's
``tf.nn.rnn``/``static_rnn`` comment.
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import fresh_session

BATCH, TIME, DEPTH, UNITS = 2, 4, 3, 3


def _inputs():
    return np.sin(np.arange(BATCH * TIME * DEPTH, dtype=np.float32)).reshape(BATCH, TIME, DEPTH)


def _cell():
    return tf.nn.rnn_cell.BasicLSTMCell(UNITS)


def _initializer():
    return tf.random_uniform_initializer(-0.5, 0.5, seed=11)


def _kernel_and_bias(scope=None):
    """``{"kernel": ..., "bias": ...}``, the fetches of the one BasicLSTMCell under ``scope``."""
    kernel, bias = tf.global_variables(scope)
    return {"kernel": kernel, "bias": bias}


def _gradients(loss, weights):
    """The gradients of ``loss`` with respect to ``weights`` (a dict of variables), by name."""
    return dict(zip(weights, tf.gradients(loss, list(weights.values()))))


def _static(x):
    outputs, state = tf.nn.static_rnn(_cell(), tf.unstack(x, axis=1), dtype=tf.float32)
    return tf.stack(outputs, 1), state


def _dynamic(x):
    return tf.nn.dynamic_rnn(_cell(), x, dtype=tf.float32)


def _manual(x):
    cell = _cell()
    state = cell.zero_state(BATCH, tf.float32)
    outputs = []
    with tf.variable_scope("RNN"):
        for time_step in range(TIME):
            if time_step > 0:
                tf.get_variable_scope().reuse_variables()
            cell_out, state = cell(x[:, time_step, :], state)
            outputs.append(cell_out)
    return tf.stack(outputs, 1), state


@demo('003 dynamic_rnn and the manual loop with reuse_variables(); 003 PTB tf.nn.static_rnn',
      ["static_rnn over a list, dynamic_rnn over a [batch, time, depth] tensor and the notes' "
       "loop with reuse_variables() give identical outputs and final states for the same "
       "weights",
       "their variables: rnn/basic_lstm_cell/{kernel,bias} for both library calls, "
       "RNN/basic_lstm_cell/{kernel,bias} for the loop (one set: the steps share it)",
       "outputs are [batch, time, num_units]; the final state's h is the last output"])
def unroll_three_ways():
    got = {"variables": {}}
    results = {}
    with fresh_session() as session:
        x = tf.constant(_inputs())
        for name, unroll in [("static", _static), ("dynamic", _dynamic), ("manual", _manual)]:
            with tf.variable_scope(name, initializer=_initializer()):
                results[name] = unroll(x)
            got["variables"][name] = [v.op.name for v in tf.global_variables(name)]
        weights = {name: _kernel_and_bias(name) for name in results}  # for the TF2 side
        grads = {name: _gradients(tf.reduce_sum(results[name][0]), weights[name])
                 for name in results}
        session.run(tf.global_variables_initializer())
        values, got["weights"], got["gradients"] = session.run([results, weights, grads])
    got["outputs_shape"] = list(values["dynamic"][0].shape)
    got["outputs"] = {name: outputs for name, (outputs, _) in values.items()}
    got["final_states"] = {name: {"c": state.c, "h": state.h}
                           for name, (_, state) in values.items()}
    return got


@demo('000 "##lstm" (transpose to [n_step, batch*n_input], split(0, n_step): a list)',
      ["transpose to [n_step, batch, n_input], reshape to [n_step * batch, n_input] and split "
       "into n_step pieces gives the list static_rnn takes: n_step tensors [batch, n_input]",
       "tf.unstack(x, axis=1) gives the same list in one call",
       "split takes the value first now: tf.split(value, n_step, axis=0)"])
def static_input_list():
    with fresh_session() as session:
        x = tf.constant(_inputs())
        flat = tf.reshape(tf.transpose(x, [1, 0, 2]), [-1, DEPTH])
        pieces = tf.split(flat, TIME, axis=0)
        unstacked = tf.unstack(x, axis=1)
        a, b = session.run([pieces, unstacked])
        return {"pieces": len(a), "piece_shape": list(a[0].shape), "split_pieces": a,
                "unstacked": b}


@demo('003 dynamic_rnn "time_major: ... [max_time, batch_size, size] 如果 time_major=True"',
      ["time_major=True takes [time, batch, depth] and returns [time, batch, units]",
       "its outputs are the batch-major ones transposed, its final state the same"])
def time_major():
    with fresh_session() as session:
        x = tf.constant(_inputs())
        cell = _cell()
        with tf.variable_scope("rnn", initializer=_initializer()):
            batch_major, state_b = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        with tf.variable_scope("rnn", reuse=True):
            time_first, state_t = tf.nn.dynamic_rnn(cell, tf.transpose(x, [1, 0, 2]),
                                                    dtype=tf.float32, time_major=True)
        session.run(tf.global_variables_initializer())
        b, t, sb, st, weights = session.run([batch_major, time_first, state_b, state_t,
                                             _kernel_and_bias()])
        return {"time_major_shape": list(t.shape),
                "batch_major_outputs": b, "time_major_outputs": t,
                "batch_major_final_h": sb.h, "time_major_final_h": st.h,
                "weights": weights}  # for the TF2 counterpart


@demo('003 dynamic_rnn "sequence_length: ... 三句话的长度分别是5,10,25"',
      ["outputs past a sequence's length are zeros",
       "the final state is the state at the sequence's last step, copied through the padding: "
       "equal to running the unpadded sequence alone",
       "so with sequence_length the final h is the output at length - 1, not the last output"])
def sequence_length():
    lengths = [TIME, 2]
    with fresh_session() as session:
        x = tf.constant(_inputs())
        cell = _cell()
        with tf.variable_scope("rnn", initializer=_initializer()):
            outputs, state = tf.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32)
        with tf.variable_scope("rnn", reuse=True):
            _, alone = tf.nn.dynamic_rnn(cell, x[1:, :2], dtype=tf.float32)
        weights = _kernel_and_bias()
        grads = _gradients(tf.reduce_sum(outputs), weights)
        session.run(tf.global_variables_initializer())
        out, final, short, got_weights, got_grads = session.run(
            [outputs, state, alone, weights, grads])
        return {"outputs_within_length": out[1, :2], "padding_outputs": out[1, 2:],
                "final_state": {"c": final.c[1], "h": final.h[1]},
                "unpadded_run_final_state": {"c": short.c[0], "h": short.h[0]},
                "weights": got_weights, "gradients": got_grads}  # for the TF2 counterpart


@demo('003 PTB MultiRNNCell run by dynamic_rnn, then the same cell unrolled by static_rnn',
      ["in TF1 mode one MultiRNNCell can be run by dynamic_rnn and then by static_rnn: the "
       "static outputs are tensors of the same graph, sharing the weights",
       "under TF2 behaviour (control flow v2) the static outputs land in the while loop's "
       "body graph instead, and fetching them fails; unrolling statically first works"])
def stacked_cell_reused_after_loop():
    with fresh_session(seed=2) as session:  # seeded: the same weights on every run
        x = tf.constant(_inputs())
        cell = tf.nn.rnn_cell.MultiRNNCell([_cell(), _cell()])
        dynamic, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        static, _ = tf.nn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32)
        graph = tf.get_default_graph()
        got = {"static_outputs_in_graph": [o.graph is graph for o in static],
               "variables": len(tf.global_variables())}
        if all(got["static_outputs_in_graph"]):
            session.run(tf.global_variables_initializer())
            got["dynamic_outputs"], got["static_outputs"] = session.run(
                [dynamic, tf.stack(static, 1)])
            got["weights"] = {v.op.name: session.run(v)  # for the TF2 counterpart
                              for v in tf.global_variables()}
        return got
