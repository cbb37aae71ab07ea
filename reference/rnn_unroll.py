"""Unrolling a cell in time: static list, dynamic_rnn, the notes' manual loop; time_major;
sequence_length; a stack's outputs; the state fed on between chunks; rank-3 inputs; the
removed rnn functions.

Reproduces: note 003 "tf.nn.dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None,
dtype=None, time_major=False)" (its comments on shapes, ``sequence_length=[5, 10, 25]``, "h是
等于最后一个时间的output的") and the manual loop right after it (``with
tf.variable_scope("RNN"): for time_step ...: if time_step > 0:
tf.get_variable_scope().reuse_variables(); (cell_out, state) = lstm_cell(inputs[:, time_step,
:], state)``); note 000 "##lstm" (the old static rnn: transpose to ``[n_step, batch, n_input]``,
reshape, ``split(0, n_step)`` into a list of ``n_step`` tensors); note 003 PTB's
``tf.nn.rnn``/``static_rnn`` comment; note 001/003 "outputs输出的是最上面一层的输出" (a
``MultiRNNCell``'s outputs are its top layer's); note 003 "LSTM_RNN案例（三）" (the sin->cos
``LSTMRNN``: ``get_batch`` moves ``BATCH_START`` on by ``TIME_STEPS``, and after the first batch
``cell_final_state`` is fed back as ``cell_init_state``; its ``'2_3D'`` reshape before
``dynamic_rnn``); the removed ``tf.nn.dynamic_run`` (001), ``rnn.rnn`` (003 seq2seq, ``from
tensorflow.python.ops import rnn``) and ``tf.nn.rnn`` (003 PTB). The sin->cos chunks run the
notes' LSTM without its ``in_hidden``/``out_hidden`` layers: those act step by step and carry
nothing from chunk to chunk.
"""
import inspect

from reference.tf1 import tf

import numpy as np
from tensorflow.python.ops import rnn  # the notes' import (003 seq2seq); STYLE §11.5

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import load_uniform_weights

BATCH, TIME, DEPTH, UNITS = 2, 4, 3, 3
TIME_STEPS, BATCH_SIZE, INPUT_SIZE, CELL_SIZE = 20, 50, 1, 10  # note 003 LSTM_RNN案例（三）
ROW = 0  # the sequence whose values are returned (the first; the rows do not interact)


def _inputs():
    return np.sin(np.arange(BATCH * TIME * DEPTH, dtype=np.float32)).reshape(BATCH, TIME, DEPTH)


def _cell():
    return tf.nn.rnn_cell.BasicLSTMCell(UNITS)


def _initializer():
    return tf.random_uniform_initializer(-0.5, 0.5, seed=11)


def _get_batch(start):
    """The notes' ``get_batch()`` at ``BATCH_START=start``: ``(seq, xs)``, ``seq = sin(xs)``
    ``[BATCH_SIZE, TIME_STEPS, 1]``; row r holds ``(start + 20 r + [0..19]) / (10 pi)``, so row
    r of the batch at ``start + 20`` continues row r of this one."""
    xs = np.arange(start, start + TIME_STEPS * BATCH_SIZE).reshape(
        (BATCH_SIZE, TIME_STEPS)) / (10 * np.pi)
    return np.sin(xs)[:, :, np.newaxis], xs


def _notes_lstm(cell, l_in_y, time_major=False):
    """The notes' ``LSTM_cell`` part: ``(cell_init_state, cell_outputs, cell_final_state)``."""
    cell_init_state = cell.zero_state(BATCH_SIZE, dtype=tf.float32)
    cell_outputs, cell_final_state = tf.nn.dynamic_rnn(cell, l_in_y, initial_state=cell_init_state,
                                                       time_major=time_major)
    return cell_init_state, cell_outputs, cell_final_state


def _c_h(state, rows=slice(None)):
    return {"c": state.c[rows], "h": state.h[rows]}


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


@demo('001/003 dynamic_rnn "#outputs输出的是最上面一层的输出，states保存的是最后一个时间输出的'
      'states"',
      ["with a MultiRNNCell of two BasicLSTMCells, dynamic_rnn's outputs are the top layer's: "
       "outputs[:, -1] is the top layer's final h",
       "not the bottom layer's: its final h differs from outputs[:, -1]",
       "the final state holds one LSTMStateTuple per layer, bottom first: the last is the top's"])
def stacked_outputs_are_the_top_layer():
    with fresh_session() as session:
        cell = tf.nn.rnn_cell.MultiRNNCell([_cell(), _cell()])
        outputs, state = tf.nn.dynamic_rnn(cell, tf.constant(_inputs()), dtype=tf.float32)
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=7)  # the same in TF1 and TF2 mode
        out, final, weights = session.run(
            [outputs, state, {v.op.name: v for v in tf.global_variables()}])
    return {"outputs": out, "final_states": [_c_h(layer) for layer in final],
            "weights": weights}  # for the TF2 counterpart


@demo('003 LSTM_RNN案例（三） "model.cell_init_state:state" (the sin->cos LSTMRNN, TIME_STEPS=20)',
      ["the notes' loop: the first batch from the zero state (nothing fed), the next with the "
       "previous cell_final_state fed as cell_init_state (the zero_state tensor, fed like a "
       "placeholder); row r of the second batch continues row r of the first",
       "two 20-step chunks with the state fed on give exactly the outputs and final state of "
       "one 40-step run over the joined rows",
       "the second chunk run from the zero state instead (nothing fed) differs: most at its "
       "first step, the difference fading over the chunk"])
def state_fed_between_chunks():
    (seq1, xs1), (seq2, xs2) = _get_batch(0), _get_batch(TIME_STEPS)
    with fresh_session() as session:
        cell = tf.nn.rnn_cell.BasicLSTMCell(CELL_SIZE, forget_bias=1.0, state_is_tuple=True)
        with tf.variable_scope("LSTM_cell", initializer=_initializer()):
            xs = tf.placeholder(tf.float32, [None, TIME_STEPS, INPUT_SIZE], name="xs")
            init_state, outputs, final_state = _notes_lstm(cell, xs)
        with tf.variable_scope("LSTM_cell", reuse=True):
            joined = tf.placeholder(tf.float32, [None, 2 * TIME_STEPS, INPUT_SIZE], name="xs_40")
            _, one_run, one_run_final = _notes_lstm(cell, joined)
        session.run(tf.global_variables_initializer())
        first, state = session.run([outputs, final_state], {xs: seq1})  # i == 0: nothing fed
        runs = {"state_fed": session.run([outputs, final_state], {xs: seq2, init_state: state}),
                "zero_state": session.run([outputs, final_state], {xs: seq2}),
                "one_run": session.run([one_run, one_run_final],
                                       {joined: np.concatenate([seq1, seq2], 1)})}
        weights = session.run(_kernel_and_bias("LSTM_cell"))
    return {"first_and_last_x_times_10pi": [np.rint(x[:, [0, -1]] * 10 * np.pi).astype(int)
                                            for x in (xs1, xs2)],  # every row
            "outputs_shapes": [list(first.shape), list(runs["one_run"][0].shape)],
            "second_chunk_outputs": {name: out[ROW, -TIME_STEPS:]
                                     for name, (out, _) in runs.items()},
            "final_states": {name: _c_h(final, ROW) for name, (_, final) in runs.items()},
            "weights": weights}  # for the TF2 counterpart


@demo('003 LSTM_RNN案例（三） "self.l_in_y=tf.reshape(l_in_y,[-1, self.n_steps, '
      'self.cell_size],name=‘2_3D’)"',
      ["dynamic_rnn of the in_hidden layer's 2-D output [batch * n_steps, cell_size] (the "
       "'2_3D' reshape left out) is a ValueError when the graph is built: 'Shape (10, ?) must "
       "have rank at least 3'",
       "the message shows the input's shape transposed (batch-major input is made time-major "
       "first): with time_major=True it reads (?, 10)",
       "the failed calls create no variables; after the '2_3D' reshape dynamic_rnn gives "
       "outputs [50, 20, 10] (the batch from zero_state(50)) and creates the LSTM's kernel and "
       "bias"])
def dynamic_rnn_needs_rank_3():
    with fresh_session():
        normal = tf.random_normal_initializer(mean=0, stddev=1.)
        zero = tf.constant_initializer(0, 1)  # the notes' (1: dtype float32)
        xs = tf.placeholder(tf.float32, [None, TIME_STEPS, INPUT_SIZE], name="xs")
        with tf.variable_scope("in_hidden"):
            ws_in = tf.get_variable("weights", [INPUT_SIZE, CELL_SIZE], initializer=normal)
            bs_in = tf.get_variable("biases", [CELL_SIZE], initializer=zero)
            l_in_y = tf.matmul(tf.reshape(xs, [-1, INPUT_SIZE], name="2_2D"), ws_in) + bs_in
        with tf.variable_scope("LSTM_cell"):
            cell = tf.nn.rnn_cell.BasicLSTMCell(CELL_SIZE, forget_bias=1.0, state_is_tuple=True)
            got = {"l_in_y_shape": l_in_y.shape.as_list(),
                   "batch_major": error_of(_notes_lstm, cell, l_in_y),
                   "time_major": error_of(_notes_lstm, cell, l_in_y, time_major=True),
                   "variables_after_errors": [v.op.name for v in tf.global_variables()]}
            _, outputs, final_state = _notes_lstm(cell, tf.reshape(
                l_in_y, [-1, TIME_STEPS, CELL_SIZE], name="2_3D"))
        got.update(outputs_shape=outputs.shape.as_list(),
                   final_h_shape=final_state.h.shape.as_list(),
                   variables=[v.op.name for v in tf.global_variables()])
        return got


@demo('001 "tf.nn.dynamic_run(cell, inputs, ...)"; 003 seq2seq "from tensorflow.python.ops '
      'import rnn" / "rnn.rnn(encoder_cell, encoder_inputs, dtype=dtype)"; 003 PTB "tf.nn.rnn"',
      ["tf.nn.dynamic_run (001) is an AttributeError: a typo for tf.nn.dynamic_rnn",
       "tf.nn.rnn is gone (AttributeError); tensorflow.python.ops.rnn still imports, but its "
       "rnn() is gone too",
       "the replacement is static_rnn: tf.nn.static_rnn is rnn.static_rnn, with the notes' "
       "rnn() signature (cell, inputs, initial_state=None, dtype=None, sequence_length=None, "
       "scope=None)",
       "and the notes' return: a list of T outputs [batch_size, output_size], and the final "
       "state"])
def removed_rnn_functions():
    got = {"dynamic_run": error_of(lambda: tf.nn.dynamic_run),
           "tf_nn_rnn": error_of(lambda: tf.nn.rnn), "rnn_module": rnn.__name__,
           "rnn_rnn": error_of(lambda: rnn.rnn),
           "static_rnn_is_tf_nn_static_rnn": rnn.static_rnn is tf.nn.static_rnn,
           "dynamic_rnn_is_tf_nn_dynamic_rnn": rnn.dynamic_rnn is tf.nn.dynamic_rnn,
           "static_rnn_signature": str(inspect.signature(rnn.static_rnn))}
    with fresh_session() as session:
        encoder_inputs = tf.unstack(tf.constant(_inputs()), axis=1)  # a length T list
        with tf.variable_scope("encoder", initializer=_initializer()):
            encoder_outputs, encoder_state = rnn.static_rnn(_cell(), encoder_inputs,
                                                            dtype=tf.float32)
        session.run(tf.global_variables_initializer())
        outputs, state, weights = session.run(
            [encoder_outputs, encoder_state, _kernel_and_bias("encoder")])
    return dict(got, outputs=outputs, final_state=_c_h(state),
                weights=weights)  # for the TF2 counterpart
