"""RNN cells the TF2 way: Keras 3 cells run by ``keras.layers.RNN``, gradients by a tape.

Replaces ``reference/rnn_cells.py``. ``BasicRNNCell``, ``BasicLSTMCell`` and ``GRUCell`` become
``keras.layers.SimpleRNNCell``, ``LSTMCell`` and ``GRUCell(reset_after=False)`` holding the
TF1 run's weights (``lstm_weights`` converts them); an LSTM's state is ``[h, c]``, not
``LSTMStateTuple(c, h)``, and its forget bias is stored in its bias (``unit_forget_bias``), not
added at run time. ``MultiRNNCell`` is ``keras.layers.StackedRNNCells``, ``DropoutWrapper
(output_keep_prob)`` a ``keras.layers.Dropout`` on the RNN layer's outputs (a cell's own
``dropout`` drops its inputs). No direct counterpart: ``LSTMCell``'s ``use_peepholes``,
``num_proj`` and ``cell_clip`` (Keras 3's ``LSTMCell`` rejects them), shown as a custom cell
for ``keras.layers.RNN`` (``lstm_weights.PeepholeLSTMCell``); ``state_is_tuple=False``
(Keras states are always a nest; the flat layout is ``tf.concat(tf.nest.flatten(states),
1)``), so its ValueError has none either.
"""
import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native import lstm_weights
from reference.native.registry import counterpart

BATCH, TIME, DEPTH, UNITS = 2, 3, 4, 3
KINDS = {"basic_rnn": ("rnn", "basic_rnn_cell"), "basic_lstm": ("lstm", "basic_lstm_cell"),
         "gru": ("gru", "gru_cell")}
NOTES_004_INPUTS = [[3, 1, 0], [4, 1, 0], [2, 0, 0], [1, 0, 1], [3, -1, 1]]  # as in TF1's
NOTES_004_KERNEL = [[0, 1, 0, 0], [100, 0, 100, 0], [0, 0, 0, 100], [1, 1, 1, 1]]  # i, j, f, o
NOTES_004_BIAS = [-10, 0, 10, -10]
NOTES_004_STATES = [[0, 0], [3, 0], [7, 0], [7, 0], [7, 7]]  # (c, s) before t1 .. t5


def _run(cell, kind, x):
    """Outputs, final state (``[c, h]`` for an LSTM, as TF1's) and the gradients of
    ``sum(outputs)`` in the TF1 cell's layout (``kind`` None: the cell keeps TF1's)."""
    with tf.GradientTape() as tape:
        outputs, *state = keras.layers.RNN(cell, return_sequences=True, return_state=True)(x)
        loss = tf.reduce_sum(outputs)
    grads = tape.gradient(loss, cell.trainable_weights)
    state = [s.numpy() for s in (state[::-1] if kind == "lstm" else state)]
    grads = lstm_weights.to_tf1(kind, grads) if kind else [g.numpy() for g in grads]
    return outputs, state if len(state) > 1 else state[0], grads


@counterpart(["cells_match_numpy"], "keras.layers.RNN over SimpleRNNCell / LSTMCell / "
             "GRUCell(reset_after=False) holding TF1's weights, a custom peephole cell; "
             "tf.GradientTape")
def keras_cells_on_tf1_weights(tf1):
    x = np.linspace(-1.0, 1.0, BATCH * TIME * DEPTH, dtype=np.float32).reshape(BATCH, TIME, DEPTH)
    got = {}
    for case, observed in tf1["cells_match_numpy"].items():
        names = list(observed["weights"])
        values = [np.float32(observed["weights"][n]) for n in names]
        kind, name = KINDS.get(case, (None, "lstm_cell"))
        if kind:
            cell = lstm_weights.cell(kind, UNITS, values, name=name)
        else:  # TF1's LSTMCell(use_peepholes=True, num_proj=2, cell_clip=0.9)
            cell = lstm_weights.PeepholeLSTMCell(UNITS, num_proj=2, cell_clip=0.9, name=name)
            cell.build((None, DEPTH))
            cell.set_weights(values)
        outputs, state, grads = _run(cell, kind, x)
        got[case] = {"outputs_shape": outputs.shape.as_list(), "outputs": outputs.numpy(),
                     "final_state": state, "gradients": dict(zip(names, grads)),
                     "keras_variables": {w.path: list(w.shape) for w in cell.weights}}
    return got


@counterpart(["forget_bias_and_initial_state"], "keras.layers.RNN(LSTMCell, return_state=True)"
             "(x, initial_state=[h, c]) with the forget bias in the bias; tape.watch")
def keras_lstm_initial_state(tf1):
    got = {}
    for forget_bias in (1.0, 0.0):
        cell = lstm_weights.cell("lstm", 2, [np.zeros([3, 8]), np.zeros([8])], forget_bias)
        start = [tf.constant([[0.5, 0.5]]), tf.constant([[1.0, -2.0]])]  # [h, c]: Keras's order
        with tf.GradientTape() as tape:
            tape.watch(start)
            _, h, c = keras.layers.RNN(cell, return_state=True)(tf.constant([[[5.0]]]),
                                                                initial_state=start)
            total = tf.reduce_sum(c) + tf.reduce_sum(h)
        dh, dc = tape.gradient(total, start)
        got[f"forget_bias_{forget_bias}"] = {
            "c": c[0].numpy(), "h": h[0].numpy(), "stored_bias": np.asarray(cell.bias),
            "initial_state_gradients": {"c": dc[0].numpy(), "h": dh[0].numpy()}}
    fresh = keras.layers.LSTMCell(2)
    fresh.build((None, 1))
    return dict(got, fresh_cell_bias=np.asarray(fresh.bias))  # unit_forget_bias: 1.0 in f


@counterpart(["lstm_cell_options"], "a custom keras.layers.Layer cell (peepholes, projection, "
             "clip) in keras.layers.RNN: Keras 3's LSTMCell has none of them")
def peephole_cell_options(tf1):
    cell = lstm_weights.PeepholeLSTMCell(3, num_proj=2, cell_clip=0.5, name="lstm_cell",
                            initializer=keras.initializers.Constant(0.5))
    _, c, _ = keras.layers.RNN(cell, return_state=True, name="rnn")(tf.fill([1, 4, 4], 10.0))
    return {"state_size": cell.state_size, "output_size": cell.output_size,
            "variables": {w.path: list(w.shape) for w in cell.weights},
            "max_abs_c": float(np.abs(c).max()),
            "keras_num_proj": error_of(keras.layers.LSTMCell, 3, num_proj=2)}


@counterpart(["multi_rnn_cell_state_layouts"], "keras.layers.StackedRNNCells in keras.layers."
             "RNN; get_initial_state; tf.nest.flatten + tf.concat for a flat state")
def stacked_rnn_cells(tf1):
    cells = [keras.layers.LSTMCell(3, name=f"cell_{i}") for i in range(2)]
    stacked = keras.layers.StackedRNNCells(cells, name="stacked")
    keras.layers.RNN(stacked, name="rnn")(tf.zeros([4, 2, 5]))
    zero = stacked.get_initial_state(batch_size=4)
    return {"state_is_tuple_True": {
                "state_size": stacked.state_size,
                "zero_state_shapes": tf.nest.map_structure(lambda t: t.shape.as_list(), zero),
                "variables": [w.path for w in stacked.weights]},
            "flat_state_shape": tf.concat(tf.nest.flatten(zero), 1).shape.as_list()}


@counterpart(["dropout_wrapper"], "keras.layers.Dropout(rate, seed)(outputs, training=True) on "
             "a keras.layers.RNN(SimpleRNNCell)'s outputs")
def output_dropout_layer(tf1):
    got = {}
    init = keras.initializers.Constant(0.1)
    layer = keras.layers.RNN(keras.layers.SimpleRNNCell(
        4, kernel_initializer=init, recurrent_initializer=init, name="cell"),
        return_sequences=True, name="plain")
    plain = layer(tf.ones([2, 3, 2]))
    for keep in (0.5, 1.0):
        dropout = keras.layers.Dropout(1.0 - keep, seed=2)
        wrapped = dropout(plain, training=True)
        got[f"keep_{keep}_ratios"] = sorted({round(float(r), 6)
                                             for r in (wrapped / plain).numpy().ravel()})
        got["dropout_weights"] = dropout.weights
    return dict(got, variables=[w.path for w in layer.weights])


@counterpart(["hand_computed_lstm"], "keras.layers.LSTMCell(activation=None) with the notes' "
             "weights, stepped by a Python loop to see c (and each step's x @ kernel + h @ "
             "recurrent_kernel + bias) at every step")
def keras_lstm_hand_computed(tf1):
    got = {}
    for gate_scale in (1, 10):
        scale = np.float32([gate_scale, 1, gate_scale, gate_scale])  # not Z's (j)
        cell = lstm_weights.cell("lstm", 1, [np.float32(NOTES_004_KERNEL) * scale,
                                             np.float32(NOTES_004_BIAS) * scale], 0.0,
                                 activation=None)
        state, s, c, z = [tf.zeros([1, 1]), tf.zeros([1, 1])], [], [], []
        for x in np.float32(NOTES_004_INPUTS):
            i, f, j, o = tf.unstack(x[None] @ cell.kernel + state[0] @ cell.recurrent_kernel
                                    + cell.bias, axis=1)  # Keras's gates i, f, c (= j), o
            z.append([float(g[0]) for g in (i, j, f, o)])
            output, state = cell(x[None], state)
            s.append(float(output[0, 0]))
            c.append(float(state[1][0, 0]))
        got[f"gates_x{gate_scale}"] = {"c": c, "s": s, "z_i_j_f_o": z}
    return got


@counterpart(["memory_gradient_is_the_forget_gate"], "keras.layers.LSTMCell(1, activation=None) "
             "holding the notes' weights, called on the notes' states; tape.gradient(c, c_prev)")
def tape_memory_gradient(tf1):
    x = tf.constant(NOTES_004_INPUTS, tf.float32)
    c, h = (tf.constant(column, tf.float32, [5, 1]) for column in zip(*NOTES_004_STATES))
    got = {}
    for forget_bias in (0.0, 1.0):
        cell = lstm_weights.cell("lstm", 1, [np.float32(NOTES_004_KERNEL),
                                             np.float32(NOTES_004_BIAS)], forget_bias,
                                 activation=None)
        with tf.GradientTape() as tape:
            tape.watch(c)
            _, (_, new_c) = cell(x, [h, c])
        z_f = x @ cell.kernel[:, 1:2] + h @ cell.recurrent_kernel[:, 1:2] + cell.bias[1:2]
        got[f"forget_bias_{forget_bias}"] = {  # Keras gates i, f, c, o: f is the second
            "z_f_plus_forget_bias": z_f, "d_new_c_d_c_prev": tape.gradient(new_c, c),
            "new_c": new_c}
    return {case: {k: v.numpy().ravel() for k, v in value.items()} for case, value in got.items()}
