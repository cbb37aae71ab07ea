"""Note 000's own ``CustomMultiRNNCell`` class, run as the notes write it.

Reproduces: note 000 "## CustomMultiLstmCell", the listing itself (``reference/custom_rnn.py``
is the cell made to work). ``notes_cell_class`` holds the notes' class with two mends only,
each named: the names it uses without importing them are supplied (``RNNCell``, ``vs`` and
``array_ops`` from ``tf``, ``nest`` by argument) and the indentation is 4 spaces. As written it
fails at its first call (``nest.is_sequence`` is gone); with ``is_sequence`` mended to
``tf.nest.is_nested`` (``MENDED_NEST``) it runs and shows the errata ``reference/custom_rnn.py``
fixes: the history kept in a Python list (one entry under ``dynamic_rnn``) and upper layers run
on layer 0's state.
"""
import types

from reference.tf1 import tf

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import load_uniform_weights
from reference.custom_rnn import example_cells as _cells
from reference.custom_rnn import example_inputs as _x
from reference.custom_rnn import unroll_by_numpy

MENDED_NEST = types.SimpleNamespace(is_sequence=tf.nest.is_nested)  # the old name, its new home


def notes_cell_class(nest=tf.nest):
    """Note 000's ``CustomMultiRNNCell`` (lines 36-127) as written, but for these mends:

    1. the names it uses without importing them: ``RNNCell`` is ``tf.nn.rnn_cell.RNNCell``;
       ``vs`` and ``array_ops`` are ``tf`` (``variable_scope``, ``slice``, ``concat``); ``nest``
       is the argument, by default ``tf.nest`` (``is_sequence`` is gone there and from
       ``tensorflow.python.util.nest``); ``MENDED_NEST`` gives it as ``is_nested``;
    2. 4-space indentation; the long docstring and the comments (one commented-out ``self.u``
       line, the Chinese notes, ``#U%d``, ``#relu``) dropped.
    """
    RNNCell, vs, array_ops = tf.nn.rnn_cell.RNNCell, tf, tf  # the notes' names

    class CustomMultiRNNCell(RNNCell):
        """RNN cell composed sequentially of multiple simple cells."""

        def __init__(self, cells, state_is_tuple=True):
            if not cells:
                raise ValueError("Must specify at least one cell for MultiRNNCell.")
            self._cells = cells
            self._state_is_tuple = state_is_tuple
            self.hs = []
            if not state_is_tuple:
                if any(nest.is_sequence(c.state_size) for c in self._cells):
                    raise ValueError("Some cells return tuples of states, but the flag "
                                     "state_is_tuple is not set.  State sizes are: %s"
                                     % str([c.state_size for c in self._cells]))

        @property
        def state_size(self):
            if self._state_is_tuple:
                return tuple(cell.state_size for cell in self._cells)
            else:
                return sum([cell.state_size for cell in self._cells])

        @property
        def output_size(self):
            return self._cells[-1].output_size

        def __call__(self, inputs, state, scope=None):
            with vs.variable_scope(scope or type(self).__name__):  # "MultiRNNCell"
                U = tf.get_variable('U', [self._cells[0]._num_units,
                                          self._cells[0]._num_units])
                cur_state_pos = 0
                cur_inp = inputs
                new_states = []
                h = []
                if self.hs:
                    for i, cell in enumerate(self._cells):
                        with vs.variable_scope("Cell%d" % i):
                            if i == 0:
                                cur_state = state[i]
                                cur_inp, new_state = cell(cur_inp, cur_state)
                            else:
                                cur_inp = h[-1]
                                for us in self.hs:
                                    cur_inp += tf.nn.sigmoid(tf.matmul(us[i - 1], U))
                                cur_inp, new_state = cell(cur_inp, cur_state)
                            new_states.append(new_state)
                            h.append(cur_inp)
                else:
                    for i, cell in enumerate(self._cells):
                        with vs.variable_scope("Cell%d" % i):
                            if self._state_is_tuple:
                                if not nest.is_sequence(state):
                                    raise ValueError(
                                        "Expected state to be a tuple of length %d, but "
                                        "received: %s" % (len(self.state_size), state))
                                cur_state = state[i]
                            else:
                                cur_state = array_ops.slice(
                                    state, [0, cur_state_pos], [-1, cell.state_size])
                                cur_state_pos += cell.state_size
                            cur_inp, new_state = cell(cur_inp, cur_state)
                            new_states.append(new_state)
                            h.append(cur_inp)
            new_states = (tuple(new_states) if self._state_is_tuple
                          else array_ops.concat(1, new_states))
            h = (tuple(h) if self._state_is_tuple
                 else array_ops.concat(1, h))
            self.hs.append(h)
            return cur_inp, new_states

    return CustomMultiRNNCell


def _fails(cell_class, cells, run="static_rnn", **kwargs):
    """The error of ``cell_class(cells, **kwargs)`` run by ``run`` over ``_x()``, in a graph of
    its own."""
    def call():
        cell, x = cell_class(cells, **kwargs), tf.constant(_x())
        if run == "static_rnn":
            tf.nn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32)
        else:
            tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    with tf.Graph().as_default():
        return error_of(call)


@demo('000 "## CustomMultiLstmCell" (the notes\' class, run as written)',
      ["as written (nest = tf.nest) it fails at its first call, under dynamic_rnn and "
       "static_rnn, and when built with state_is_tuple=False: AttributeError, "
       "nest.is_sequence is gone (now nest.is_nested)",
       "no cells: ValueError 'Must specify at least one cell for MultiRNNCell.', as "
       "MultiRNNCell's",
       "output_size is the last cell's: 3 for [GRUCell(2), GRUCell(3)], as MultiRNNCell's",
       "with is_sequence mended: state_is_tuple=False with LSTM cells raises the notes' "
       "ValueError 'Some cells return tuples of states...'; with GRU cells the flat state "
       "reaches the pre-1.0 concat(1, new_states): ValueError 'Shape (2, 2, 3) must have "
       "rank 0' (MultiRNNCell's flat state is [2, 6])"])
def notes_custom_cell_as_written():
    notes, mended = notes_cell_class(), notes_cell_class(MENDED_NEST)
    gru = tf.nn.rnn_cell.GRUCell
    with tf.Graph().as_default():
        flat = tf.nn.rnn_cell.MultiRNNCell(_cells(gru), state_is_tuple=False)
        _, flat_state = tf.nn.static_rnn(flat, tf.unstack(tf.constant(_x()), axis=1),
                                         dtype=tf.float32)
        return {"as_written": {"dynamic_rnn": _fails(notes, _cells(), "dynamic_rnn"),
                               "static_rnn": _fails(notes, _cells()),
                               "state_is_tuple_false": error_of(notes, _cells(),
                                                                state_is_tuple=False)},
                "no_cells": [error_of(notes, []), error_of(tf.nn.rnn_cell.MultiRNNCell, [])],
                "output_size": [notes(_cells(gru, (2, 3))).output_size,
                                tf.nn.rnn_cell.MultiRNNCell(_cells(gru, (2, 3))).output_size],
                "mended_state_is_tuple_false": error_of(mended, _cells(), state_is_tuple=False),
                "mended_flat_gru": _fails(mended, _cells(gru), state_is_tuple=False),
                "multi_rnn_cell_flat_state": flat_state.shape.as_list()}


@demo('000 "## CustomMultiLstmCell" (the notes\' class, is_sequence mended to is_nested)',
      ["variables: rnn/CustomMultiRNNCell/U [3, 3] and rnn/CustomMultiRNNCell/Cell<i>/"
       "basic_lstm_cell/... (scopes type(self).__name__ and 'Cell%d')",
       "self.hs holds one entry per call: 4 after static_rnn over 4 steps, 1 after dynamic_rnn "
       "(its loop body is built once)",
       "under dynamic_rnn (scope 'dynamic': the cells keep the weights of their first call, "
       "U is new) the history is never used: the outputs are the plain MultiRNNCell's",
       "under static_rnn layer 1 reads h0(t) + sum over t' < t of sigmoid(h0(t') @ U) and, from "
       "step 1, runs on layer 0's state (cur_state is never set to state[1]): a NumPy unroll "
       "of that gives its outputs (within 1e-5); on layer 1's own state they differ"])
def notes_custom_cell_mended():
    mended = notes_cell_class(MENDED_NEST)
    with fresh_session() as session:
        x = tf.constant(_x())
        cells = _cells()
        static_cell = mended(cells)
        static, _ = tf.nn.static_rnn(static_cell, tf.unstack(x, axis=1), dtype=tf.float32)
        dynamic_cell = mended(cells)
        dynamic, _ = tf.nn.dynamic_rnn(dynamic_cell, x, dtype=tf.float32, scope="dynamic")
        plain, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(cells), x, dtype=tf.float32)
        weights = {v.op.name: v for v in tf.global_variables()}
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=7)
        got = session.run(weights)
        scope = "rnn/CustomMultiRNNCell"
        layers = [[got[f"{scope}/Cell{i}/basic_lstm_cell/{part}"] for part in ("kernel", "bias")]
                  for i in range(2)]
        static, dynamic, plain = session.run([tf.stack(static, 1), dynamic, plain])
        return {"variables": {name: v.shape.as_list() for name, v in weights.items()},
                "history_lengths": {"static_rnn": len(static_cell.hs),
                                    "dynamic_rnn": len(dynamic_cell.hs)},
                "static_outputs": static, "dynamic_outputs": dynamic,
                "plain_stack_outputs": plain,
                "by_numpy_on_layer_0_state": unroll_by_numpy(_x(), got[f"{scope}/U"], layers,
                                                             "layer_0"),
                "by_numpy_on_own_state": unroll_by_numpy(_x(), got[f"{scope}/U"], layers),
                "weights": got}  # for the TF2 counterpart
