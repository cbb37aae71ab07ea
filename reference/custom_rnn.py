"""Note 000's ``CustomMultiRNNCell``, made a real cell: upper layers also see the layer
below's past.

Reproduces: note 000 "## CustomMultiLstmCell". Layer 0 is an ordinary first layer; every
layer ``i > 0`` reads the output of layer ``i - 1`` at this step *plus* a gated sum over all
earlier steps, ``sum over t' < t of sigmoid(h_{i-1}(t') @ U)``, with one matrix ``U`` shared
by all layers (so all layers need the same number of units).

The notes keep that history on the Python object (``self.hs.append(h)`` after every call). That
only works when the cell is called once per time step in Python (a static unroll), leaks
between graphs, and inside ``dynamic_rnn`` (whose loop body is built once) it silently drops
the history. Here the running sums are part of the state, ``(cell_states, history_sums)``, so
the cell works with ``dynamic_rnn`` and ``static_rnn`` alike and starts from zero sums like
the notes' first call. Two errata of the notes' ``__call__`` are fixed, not reproduced: its
``hs`` branch never sets ``cur_state = state[i]`` for ``i > 0``, so every upper layer would
run on layer 0's state; and ``state_is_tuple=False`` is not supported here (the notes' flat
layout concatenates with the pre-1.0 ``concat(1, ...)``).

The notes' own class, run as written, is ``reference/custom_rnn_as_written.py``: it shows the
errata above happen.
"""

from reference.tf1 import tf

import numpy as np

from reference.catalogue import rnn_math
from reference.catalogue.registry import demo
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import load_uniform_weights


def unroll_by_numpy(x, u, weights, upper_state="own"):
    """The outputs ``[batch, time, units]`` of two ``BasicLSTMCell`` layers (``weights``: their
    ``(kernel, bias)``) in which layer 1 reads ``h0(t) + sum over t' < t of sigmoid(h0(t') @
    u)``; ``upper_state="layer_0"`` runs layer 1 from step 1 on layer 0's incoming state, as
    the notes' ``hs`` branch does (``cur_state`` is only set for ``i == 0``)."""
    (k0, b0), (k1, b1) = weights
    zeros = np.zeros((x.shape[0], np.shape(u)[0]))
    s0, s1, history, outputs = (zeros, zeros), (zeros, zeros), zeros, []
    for t in range(x.shape[1]):
        new0 = rnn_math.basic_lstm_step(x[:, t], *s0, k0, b0)
        state1 = s0 if upper_state == "layer_0" and t > 0 else s1
        s1 = rnn_math.basic_lstm_step(new0[1] + history, *state1, k1, b1)
        history = history + rnn_math.sigmoid(new0[1] @ u)
        s0 = new0
        outputs.append(s1[1])
    return np.stack(outputs, 1)


def example_inputs():
    return np.tanh(np.arange(2 * 4 * 3, dtype=np.float32).reshape(2, 4, 3) / 7)


def example_cells(kind=tf.nn.rnn_cell.BasicLSTMCell, units=(3, 3)):
    return [kind(n) for n in units]


class CustomMultiRNNCell(tf.nn.rnn_cell.RNNCell):
    """Stacks ``cells``; layer ``i > 0`` adds the gated history of layer ``i - 1``.

    State: ``(tuple of each cell's state, tuple of one [batch, units] running sum per upper
    layer)``. Variables: ``U`` [units, units] and ``cell_<i>/...`` under the cell's scope.

    Raises:
      ValueError: no cells, or cells whose output sizes differ (``U`` is square).
    """

    def __init__(self, cells, reuse=None):
        super().__init__(_reuse=reuse)
        if not cells:
            raise ValueError("Must specify at least one cell for CustomMultiRNNCell.")
        sizes = sorted({cell.output_size for cell in cells})
        if len(sizes) != 1:
            raise ValueError(f"all layers need the same output size (U is shared), got {sizes}")
        self._cells = list(cells)
        self._units = sizes[0]

    @property
    def state_size(self):
        return (tuple(cell.state_size for cell in self._cells),
                tuple(self._units for _ in self._cells[1:]))

    @property
    def output_size(self):
        return self._units

    def build(self, inputs_shape):
        del inputs_shape  # U is [units, units] whatever the input
        self._u = self.add_weight("U", [self._units, self._units])
        self.built = True

    def call(self, inputs, state):
        cell_states, sums = state
        u = self._u
        new_states, new_sums = [], []
        output = inputs
        for i, cell in enumerate(self._cells):
            with tf.variable_scope(f"cell_{i}"):
                if i > 0:
                    new_sums.append(sums[i - 1] + tf.sigmoid(tf.matmul(output, u)))
                    output = output + sums[i - 1]
                output, new_state = cell(output, cell_states[i])
            new_states.append(new_state)
        return output, (tuple(new_states), tuple(new_sums))


@demo('000 "## CustomMultiLstmCell" (a real RNNCell; history as state)',
      ["variables: one shared U [units, units] plus each layer's own under cell_<i>",
       "the state is (per-layer LSTM states, one running history sum per upper layer)",
       "dynamic_rnn and static_rnn give the same outputs (within 1e-6: last-bit rounding)",
       "at the first step it equals a plain stack with the same weights (the history is "
       "empty); later steps differ",
       "the final history sum equals sum over steps of sigmoid(layer-0 output @ U)",
       "layer 1 reads h0(t) + sum over t' < t of sigmoid(h0(t') @ U): a NumPy unroll of that "
       "gives the outputs at every step (within 1e-5)"])
def custom_multi_rnn_cell():
    with fresh_session() as session:
        x = tf.constant(example_inputs())
        cells = example_cells()
        custom = CustomMultiRNNCell(cells)
        static, _ = tf.nn.static_rnn(custom, tf.unstack(x, axis=1), dtype=tf.float32)
        static = tf.stack(static, 1)  # static first: see rnn_unroll.stacked_cell_reused_after_loop
        dynamic, state = tf.nn.dynamic_rnn(custom, x, dtype=tf.float32)
        plain, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(cells), x, dtype=tf.float32)
        layer0, _ = tf.nn.dynamic_rnn(cells[0], x, dtype=tf.float32)
        variables = {v.op.name: v.shape.as_list() for v in tf.global_variables()}
        weights = {v.op.name: v for v in tf.global_variables()}  # and grads: for TF2's side
        grads = dict(zip(weights, tf.gradients(tf.reduce_sum(dynamic), list(weights.values()))))
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=6)
        u = session.run(tf.global_variables("rnn/custom_multi_rnn_cell/U")[0])
        d, s, p, l0, (_, sums), got_weights, got_grads = session.run(
            [dynamic, static, plain, layer0, state, weights, grads])
        layers = [[got_weights[f"rnn/custom_multi_rnn_cell/cell_{i}/basic_lstm_cell/{part}"]
                   for part in ("kernel", "bias")] for i in range(2)]
        return {"variables": variables,
                "state_size": custom.state_size,
                "dynamic_outputs": d, "static_outputs": s, "plain_stack_outputs": p,
                "outputs_by_numpy": unroll_by_numpy(example_inputs(), u, layers),
                "history_sum": sums[0],
                "history_sum_by_numpy": rnn_math.sigmoid(l0 @ u).sum(1),
                "weights": got_weights, "gradients": got_grads}
