"""RNN cells of ``tf.compat.v1.nn.rnn_cell``: their arithmetic, variables, states and options.

Reproduces: note 000 "##lstm" (the BasicLSTMCell source: gates i, j, f, o, ``forget_bias``),
note 004 "LSTM结构", "LSTM计算示例" (the hand-computed five steps) and "LSTM tensorflow实现"
(``BasicLSTMCell`` vs ``LSTMCell`` with peepholes), "LSTM为什么可以避免梯度消失/爆炸" (the
memory's derivative), and the cells the PTB model of note 003 stacks (``MultiRNNCell``,
``DropoutWrapper``, ``LSTMStateTuple`` states). Each cell is run by ``dynamic_rnn``; its outputs
come with ``reference/catalogue/rnn_math.py``'s on the same weights. The notes' cell calls that
mean something else now are ``reference/rnn_cell_calls.py``.
"""
from reference.tf1 import tf

import numpy as np

from reference.catalogue import rnn_math
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.contrib import rnn_wrappers

BATCH, TIME, DEPTH, UNITS = 2, 3, 4, 3


def _inputs():
    return np.linspace(-1.0, 1.0, BATCH * TIME * DEPTH, dtype=np.float32).reshape(
        BATCH, TIME, DEPTH)


def variable_shapes():
    return {v.op.name: v.shape.as_list() for v in tf.global_variables()}


def _run(cell, inputs, initial_state=None):
    """Runs ``cell`` over ``inputs`` with random kernels and biases; returns the outputs, the
    final state, and the variables' values and the gradients of ``sum(outputs)`` by short name
    (the part after the cell's scope)."""
    initializer = tf.random_uniform_initializer(-0.8, 0.8, seed=7)
    with tf.variable_scope("rnn_demo", initializer=initializer):
        outputs, state = tf.nn.dynamic_rnn(cell, tf.constant(inputs), dtype=tf.float32,
                                           initial_state=initial_state)
    variables = tf.global_variables()
    grads = tf.gradients(tf.reduce_sum(outputs), variables)
    session = tf.get_default_session()
    session.run(tf.global_variables_initializer())
    rng = np.random.default_rng(3)
    for var in variables:
        if "bias" in var.op.name:
            var.load(rng.uniform(-0.5, 0.5, var.shape.as_list()).astype(np.float32), session)
    names = [v.op.name.split("/", 2)[2] for v in variables]
    weights = dict(zip(names, session.run(variables)))
    got_outputs, got_state, got_grads = session.run([outputs, state, grads])
    return got_outputs, got_state, weights, dict(zip(names, got_grads))


def _numpy_outputs(step, x, state):
    """The outputs (last element of each step's state) of ``rnn_math.unroll``,
    [batch, time, ...]."""
    return np.stack([state[-1] for state in rnn_math.unroll(step, x, state)], 1)


def _numpy_cases(x):
    """cell name -> (cell factory, NumPy outputs from the cell's weights)."""
    zeros = np.zeros((BATCH, UNITS))

    def basic_rnn(w):
        return _numpy_outputs(lambda xt, h: rnn_math.basic_rnn_step(
            xt, h, w["basic_rnn_cell/kernel"], w["basic_rnn_cell/bias"]), x, (zeros,))

    def basic_lstm(w):
        return _numpy_outputs(lambda xt, c, h: rnn_math.basic_lstm_step(
            xt, c, h, w["basic_lstm_cell/kernel"], w["basic_lstm_cell/bias"]), x, (zeros, zeros))

    def lstm(w):
        peepholes = tuple(w[f"lstm_cell/w_{g}_diag"] for g in "fio")
        return _numpy_outputs(lambda xt, c, h: rnn_math.lstm_step(
            xt, c, h, w["lstm_cell/kernel"], w["lstm_cell/bias"], peepholes=peepholes,
            cell_clip=0.9, projection=w["lstm_cell/projection/kernel"]),
            x, (zeros, np.zeros((BATCH, 2))))

    def gru(w):
        return _numpy_outputs(lambda xt, h: rnn_math.gru_step(
            xt, h, w["gru_cell/gates/kernel"], w["gru_cell/gates/bias"],
            w["gru_cell/candidate/kernel"], w["gru_cell/candidate/bias"]), x, (zeros,))

    return {
        "basic_rnn": (lambda: tf.nn.rnn_cell.BasicRNNCell(UNITS), basic_rnn),
        "basic_lstm": (lambda: tf.nn.rnn_cell.BasicLSTMCell(UNITS), basic_lstm),
        "lstm_peephole_proj_clip": (lambda: tf.nn.rnn_cell.LSTMCell(
            UNITS, use_peepholes=True, num_proj=2, cell_clip=0.9), lstm),
        "gru": (lambda: tf.nn.rnn_cell.GRUCell(UNITS), gru),
    }


@demo('000 "##lstm" (BasicLSTMCell source); 004 "LSTM结构"; GRU and BasicRNN likewise',
      ["BasicLSTMCell computes i, j, f, o = split([x, h] @ kernel + bias) in that order, "
       "new_c = c * sigmoid(f + forget_bias) + sigmoid(i) * tanh(j), new_h = tanh(new_c) * "
       "sigmoid(o): equal to NumPy within 1e-5 over 3 steps",
       "LSTMCell with peepholes, num_proj and cell_clip equals its NumPy formula",
       "GRUCell: r, u = sigmoid(gates), candidate from [x, r * h], new_h = u*h + (1-u)*c",
       "BasicRNNCell: new_h = tanh([x, h] @ kernel + bias)",
       "kernel shapes: [depth + units, 4 * units] for LSTMs, gates [depth + units, 2 * units] "
       "and candidate [depth + units, units] for GRU"])
def cells_match_numpy():
    # weights, final_state ([c, h] for an LSTM) and gradients (of sum(outputs)) are the
    # starting point and the yardstick of the TF2 counterparts (reference/native/rnn_cells.py)
    cases = _numpy_cases(_inputs().astype(np.float64))
    got = {}
    for name, (make_cell, numpy_outputs) in cases.items():
        with fresh_session():
            outputs, state, weights, gradients = _run(make_cell(), _inputs())
            got[name] = {"variables": {k: list(v.shape) for k, v in sorted(weights.items())},
                         "outputs_shape": list(outputs.shape),
                         "outputs": outputs, "numpy_outputs": numpy_outputs(weights),
                         "weights": weights, "final_state": state, "gradients": gradients}
    return got


@demo('000 "##lstm" (forget_bias); 003 PTB "self._initial_state" (a state you pass in); 003 '
      '"LSTMStateTuple(c ,h)" (from tensorflow.contrib.rnn.python.ops.core_rnn_cell_impl '
      'import LSTMStateTuple)',
      ["with zero weights the gates are sigmoid(0) = 0.5 and tanh(j) = 0, so one step keeps "
       "c * sigmoid(forget_bias): forget_bias=1.0 keeps 0.731 of c, forget_bias=0.0 half",
       "an LSTMStateTuple(c, h) of tensors serves as a custom initial state",
       "new_h = tanh(new_c) * sigmoid(o) = tanh(new_c) / 2",
       "the notes' import of LSTMStateTuple from tensorflow.contrib is a ModuleNotFoundError; "
       "the class is tf.nn.rnn_cell.LSTMStateTuple"])
def forget_bias_and_initial_state():
    got = {}
    for forget_bias in (1.0, 0.0):
        with fresh_session() as session:
            cell = tf.nn.rnn_cell.BasicLSTMCell(2, forget_bias=forget_bias)
            start = tf.nn.rnn_cell.LSTMStateTuple(c=tf.constant([[1.0, -2.0]]),
                                                  h=tf.constant([[0.5, 0.5]]))
            with tf.variable_scope("zeros", initializer=tf.zeros_initializer()):
                _, state = tf.nn.dynamic_rnn(cell, tf.constant([[[5.0]]]), initial_state=start)
            grads = tf.gradients(tf.reduce_sum(state.c) + tf.reduce_sum(state.h), list(start))
            session.run(tf.global_variables_initializer())
            (c, h), (dc, dh) = session.run([state, grads])
            got[f"forget_bias_{forget_bias}"] = {"c": c[0], "h": h[0],  # grads: for TF2's side
                                                 "initial_state_gradients": {"c": dc[0],
                                                                             "h": dh[0]}}
    got["notes_import"] = error_of(exec, "from tensorflow.contrib.rnn.python.ops."
                                   "core_rnn_cell_impl import LSTMStateTuple", {})
    return got


@demo('004 "LSTM tensorflow实现" (LSTMCell: peepholes and more)',
      ["LSTMCell(3, use_peepholes=True, num_proj=2, cell_clip=0.5) has state "
       "LSTMStateTuple(c=3, h=2) and output size 2",
       "its variables: kernel [depth + 2, 12], bias [12], w_f_diag, w_i_diag, w_o_diag [3], "
       "projection/kernel [3, 2]",
       "cell_clip bounds the memory: with large inputs max |c| is exactly 0.5"])
def lstm_cell_options():
    with fresh_session() as session:
        cell = tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True, num_proj=2, cell_clip=0.5,
                                       initializer=tf.constant_initializer(0.5))
        _, state = tf.nn.dynamic_rnn(cell, tf.fill([1, 4, 4], 10.0), dtype=tf.float32)
        session.run(tf.global_variables_initializer())
        return {"state_size": [cell.state_size.c, cell.state_size.h],
                "output_size": cell.output_size,
                "variables": variable_shapes(),
                "max_abs_c": float(np.abs(session.run(state.c)).max())}


@demo('003 PTB "MultiRNNCell(..., state_is_tuple=True)"; 000 CustomMultiRNNCell state_is_tuple',
      ["state_is_tuple=True: the state is a tuple of one LSTMStateTuple per layer",
       "state_is_tuple=False: one [batch, sum of sizes] matrix (cells built with "
       "state_is_tuple=False)",
       "mixing tuple-state cells with state_is_tuple=False is a ValueError",
       "layers are variable scopes cell_0, cell_1 under multi_rnn_cell"])
def multi_rnn_cell_state_layouts():
    got = {}
    for layout in (True, False):
        with fresh_session():
            cells = [tf.nn.rnn_cell.BasicLSTMCell(3, state_is_tuple=layout) for _ in range(2)]
            multi = tf.nn.rnn_cell.MultiRNNCell(cells, state_is_tuple=layout)
            tf.nn.dynamic_rnn(multi, tf.zeros([4, 2, 5]), dtype=tf.float32)
            zero = tf.nest.map_structure(lambda t: t.shape.as_list(),
                                         multi.zero_state(4, tf.float32))
            got[f"state_is_tuple_{layout}"] = {
                "state_size": multi.state_size, "zero_state_shapes": zero,
                "variables": [v.op.name for v in tf.global_variables()]}
    with fresh_session():
        got["tuple_cells_flat_state"] = error_of(
            tf.nn.rnn_cell.MultiRNNCell, [tf.nn.rnn_cell.BasicLSTMCell(3)], state_is_tuple=False)
    return got


@demo('003 PTB "tf.contrib.rnn.DropoutWrapper(lstm_cell(), output_keep_prob=config.keep_prob)"',
      ["output_keep_prob=0.5 zeroes some outputs and doubles the rest (inverted dropout)",
       "keep_prob 1.0 leaves the outputs exactly equal to the plain cell's",
       "the wrapper adds no variables: it runs the wrapped cell's own"])
def dropout_wrapper():
    got = {}
    for keep in (0.5, 1.0):
        with fresh_session(seed=1) as session:
            cell = tf.nn.rnn_cell.BasicRNNCell(4)
            with tf.variable_scope("plain", initializer=tf.constant_initializer(0.1)):
                plain, _ = tf.nn.dynamic_rnn(cell, tf.ones([2, 3, 2]), dtype=tf.float32)
            with tf.variable_scope("plain", reuse=True):
                wrapped, _ = tf.nn.dynamic_rnn(
                    tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep, seed=2),
                    tf.ones([2, 3, 2]), dtype=tf.float32)
            session.run(tf.global_variables_initializer())
            a, b = session.run([plain, wrapped])
            got[f"keep_{keep}_ratios"] = sorted({round(float(r), 6) for r in (b / a).ravel()})
            got["variables"] = [v.op.name for v in tf.global_variables()]
    return got


NOTES_004_INPUTS = [[3, 1, 0], [4, 1, 0], [2, 0, 0], [1, 0, 1], [3, -1, 1]]
NOTES_004_KERNEL = [  # rows x1, x2, x3, s; columns i (Z_i), j (Z), f (Z_f), o (Z_o)
    [0, 1, 0, 0], [100, 0, 100, 0], [0, 0, 0, 100], [1, 1, 1, 1]]
NOTES_004_BIAS = [-10, 0, 10, -10]


@demo('004 "LSTM计算示例" (g(x) = h(x) = x, W = 1, the five inputs)',
      ["with the notes' weights and sigmoid gates, c is 3, 7, 7, 7, 0 and s is 0, 0, 0, 7, 0 "
       "up to 4e-4 (sigmoid(-10) = 4.5e-5 is not 0)",
       "with the gates' weights scaled by 10 they saturate in float32: exactly c = 3, 7, 7, 7, 0 "
       "and s = 0, 0, 0, 7, 0",
       "the notes' t5 Z_o = 90 + 7 needs x3 = 1 at t5, so the fifth input is (3, -1, 1)",
       "the cell's pre-activations i, j, f, o at t1..t5 are the notes' Z_i, Z, Z_f, Z_o: (90, 3, "
       "110, -10), (90, 4, 110, -10), (-10, 2, 10, -10), (-10, 1, 10, 90), (-103, 10, -83, 97); "
       "exactly with the gates x10 (their Z scaled), within 4e-4 with the notes' weights"])
def hand_computed_lstm():
    got = {}
    for gate_scale in (1, 10):
        with fresh_session() as session:
            cell = tf.nn.rnn_cell.LSTMCell(1, activation=tf.identity, forget_bias=0.0)
            inputs = tf.constant([NOTES_004_INPUTS], tf.float32)
            tf.nn.static_rnn(cell, tf.unstack(inputs, axis=1), dtype=tf.float32)  # first (TF2)
            z = [op.outputs[0] for op in tf.get_default_graph().get_operations()
                 if op.type == "BiasAdd"]  # [x_t, s_{t-1}] @ kernel + bias, step by step
            outputs, _ = tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
            memory, _ = tf.nn.dynamic_rnn(_MemoryOut(cell), inputs, dtype=tf.float32)
            session.run(tf.global_variables_initializer())
            kernel, bias = tf.global_variables()
            scale = np.array([gate_scale, 1, gate_scale, gate_scale], np.float32)  # not Z's
            kernel.load(np.array(NOTES_004_KERNEL, np.float32) * scale, session)
            bias.load(np.array(NOTES_004_BIAS, np.float32) * scale, session)
            s, c, z = session.run([outputs, memory, z])
            got[f"gates_x{gate_scale}"] = {"c": c.ravel(), "s": s.ravel(),
                                           "z_i_j_f_o": [step[0] for step in z]}
    return got


class _MemoryOut(rnn_wrappers.CellWrapper):
    """Runs an LSTM cell (sharing its variables) but outputs its memory c instead of h."""

    def __init__(self, cell):
        super().__init__(cell, reuse=True)

    @property
    def output_size(self):
        return self._cell.state_size.c

    def call(self, inputs, state):
        _, new_state = self._cell(inputs, state)
        return new_state.c, new_state


NOTES_004_STATES = [[0, 0], [3, 0], [7, 0], [7, 0], [7, 7]]  # (c, s) before t1 .. t5


@demo('004 "LSTM为什么可以避免梯度消失/爆炸" (c_t对c_{t-1}的偏导是遗忘门的输出值f(Z_f)) on the '
      '"LSTM计算示例" steps; 000 "##lstm" (concat = _linear([inputs,h],4*self._num_units,True))',
      ["tf.gradients(new_c, c_prev) is sigmoid(f + forget_bias), f the forget gate's "
       "pre-activation: one step from each of the notes' states (a row per step t1..t5), "
       "where Z_f is 110, 110, 10, 10, -83 as the notes compute",
       "with the notes' LSTMCell (forget_bias=0.0) the gate is open (1.0, 1.0, 0.99995, 0.99995) "
       "until t5 closes it (9e-37): the memory's gradient passes, then stops",
       "BasicLSTMCell's default forget_bias=1.0 shifts it: sigmoid(Z_f + 1)",
       "_linear's arithmetic now: i, j, f, o = split(matmul(concat([x, h], 1), kernel) + bias, "
       "4, 1); then c * sigmoid(f + forget_bias) + sigmoid(i) * j is the cell's new_c"])
def memory_gradient_is_the_forget_gate():
    cells = {0.0: lambda: tf.nn.rnn_cell.LSTMCell(1, activation=tf.identity, forget_bias=0.0),
             1.0: lambda: tf.nn.rnn_cell.BasicLSTMCell(1, activation=tf.identity)}
    got = {}
    for forget_bias, make_cell in cells.items():
        with fresh_session() as session:
            x = tf.constant(NOTES_004_INPUTS, tf.float32)
            c, h = (tf.constant(column, tf.float32, [5, 1]) for column in zip(*NOTES_004_STATES))
            _, state = make_cell()(x, tf.nn.rnn_cell.LSTMStateTuple(c, h))
            kernel, bias = tf.global_variables()
            i, j, f, _ = tf.split(tf.matmul(tf.concat([x, h], 1), kernel) + bias, 4, 1)
            session.run(tf.global_variables_initializer())
            kernel.load(NOTES_004_KERNEL, session)
            bias.load(NOTES_004_BIAS, session)
            got[f"forget_bias_{forget_bias}"] = {k: v.ravel() for k, v in session.run({
                "z_f": f, "d_new_c_d_c_prev": tf.gradients(state.c, c)[0], "new_c": state.c,
                "new_c_by_source": c * tf.sigmoid(f + forget_bias) + tf.sigmoid(i) * j}).items()}
    return got
