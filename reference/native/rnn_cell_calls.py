"""The notes' cell calls the TF2 way: Keras 3 cells reject what TF1's cells misread.

Replaces ``reference/rnn_cell_calls.py``. A cell repeated in ``keras.layers.StackedRNNCells``
is shared as in ``MultiRNNCell`` (its depth mismatch fails when the layer runs); Keras 3's
``LSTMCell(3, 4)`` reads 4 as its activation and fails, and the notes' misspelt or removed
keywords are ValueErrors; a Keras 3 process has no ``tf.compat.v1.nn.rnn_cell`` at all. Keras
cells' activation=None is linear (TF1's None is tanh); ``StackedRNNCells.get_initial_state``
gives a nest of ``[h, c]`` zeros (``tf.concat`` of its flattening is TF1's flat state);
``keras.layers.RNN(..., zero_output_for_mask=True)(x, mask=tf.sequence_mask(lengths))`` is
``dynamic_rnn(sequence_length=lengths)``, a ``tf.function`` of it holds one While op; the notes'
loop is a Python loop over one Keras cell (no variable_scope in TF2); Keras 3 has no peephole
cell, ``lstm_weights.PeepholeLSTMCell`` is TF1's.
"""
import inspect
import re

import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import describe_error
from reference.catalogue.observed import error_of
from reference.native import lstm_weights
from reference.native.registry import counterpart

MATMUL_SHAPES = r"Matrix size-incompatible: In\[0\]: \[[\d,]+\], In\[1\]: \[[\d,]+\]"

@counterpart(["shared_cell_in_multi_rnn_cell"], "keras.layers.StackedRNNCells([cell] * 2) (one "
             "cell object: one set of weights) vs a new LSTMCell per layer, in keras.layers.RNN")
def keras_stacked_shared_cell(tf1):
    got = {}
    for case, depth in (("shared", 3), ("shared", 5), ("one_per_layer", 5)):
        cells = [keras.layers.LSTMCell(3, name=f"cell_{i}") for i in range(2)]
        stacked = keras.layers.StackedRNNCells(cells[:1] * 2 if case == "shared" else cells,
                                               name="multi_rnn_cell")
        try:
            keras.layers.RNN(stacked, name="rnn")(tf.ones([2, 4, depth]))
        except tf.errors.InvalidArgumentError as err:  # eager: when the layer runs
            got[f"{case}_depth_{depth}"] = {"raised": describe_error(err),
                                            "cause": re.findall(MATMUL_SHAPES, str(err))}
        else:
            got[f"{case}_depth_{depth}"] = {"state_size": stacked.state_size, "variables": {
                w.path: list(w.shape) for w in stacked.weights}}
    return got


@counterpart(["lstm_cell_input_size_is_use_peepholes"], "keras.layers.LSTMCell(units) in "
             "keras.layers.RNN: its second parameter is activation, and it has no peepholes")
def keras_lstm_cell_signature(tf1):
    cell = keras.layers.LSTMCell(3, name="lstm_cell")
    keras.layers.RNN(cell, name="rnn")(tf.ones([2, 5, 4]))
    return {"positional_input_size": error_of(keras.layers.LSTMCell, 3, 4),
            "input_size_keyword": error_of(keras.layers.LSTMCell, 3, input_size=4),
            "num_units_only": {w.path: list(w.shape) for w in cell.weights}}


@counterpart(["removed_rnn_cell_apis"], "keras.layers.LSTMCell / GRUCell / StackedRNNCells; "
             "no tf.compat.v1.nn.rnn_cell under Keras 3")
def keras_cell_keywords(tf1):
    return {"rnn_cell_under_keras_3": error_of(getattr, tf.compat.v1.nn.rnn_cell, "BasicLSTMCell"),
            "keras_cells": sorted(n for n in dir(keras.layers) if n.endswith(("Cell", "Cells"))),
            "state_is_tupe": error_of(keras.layers.LSTMCell, 3, state_is_tupe=False),
            "gru_input_size": error_of(keras.layers.GRUCell, 3, input_size=None),
            "corrected_state_sizes": {"lstm": keras.layers.LSTMCell(3).state_size,
                                      "gru": keras.layers.GRUCell(3).state_size}}


def signature_of(cls):
    return str(inspect.signature(cls.__init__))


@counterpart(["basic_lstm_and_gru_signatures", "lstm_cell_signature"], "keras.layers.LSTMCell "
             "/ GRUCell(units, activation='tanh'): no input_size, clip, projection, peepholes "
             "or shards")
def keras_cell_signatures(tf1):
    lstm = keras.layers.LSTMCell(10)
    return {"signatures": {name: signature_of(getattr(keras.layers, name))
                           for name in ("LSTMCell", "GRUCell")},
            "lstm_defaults": {"unit_forget_bias": lstm.unit_forget_bias,
                              "activation": lstm.activation.__name__,
                              "state_size": lstm.state_size, "output_size": lstm.output_size},
            "positional_forget_bias": error_of(keras.layers.LSTMCell, 10, 1.0, None),
            "rejected": {key: error_of(keras.layers.LSTMCell, 10, **{key: value}) for key, value
                         in (("input_size", None), ("cell_clip", 1.0), ("num_proj", 2),
                             ("use_peepholes", True), ("proj_clip", 0.1),
                             ("num_unit_shards", 1))},
            "gru_notes_call": error_of(keras.layers.GRUCell, 10, input_size=None,
                                       activation="tanh"),
            "gru_activation_second": {"None": keras.layers.GRUCell(10, None).activation.__name__,
                                      "4": error_of(keras.layers.GRUCell, 10, 4)},
            "corrected_gru_state_size": keras.layers.GRUCell(10, activation="tanh").state_size}


@counterpart(["peephole_connections"], "lstm_weights.PeepholeLSTMCell (TF1's formula; Keras 3 "
             "has no peepholes) with a projection of 1 and no clip, called once")
def custom_peephole_step(tf1):
    cell = lstm_weights.PeepholeLSTMCell(1, num_proj=1, cell_clip=np.inf, name="lstm_cell")
    cell.build((None, 1))
    cell.set_weights([np.zeros([2, 4]), np.float32([0, 1, 0, 0]), *np.ones([3, 1]),
                      np.ones([1, 1])])  # kernel, bias (j's 1), w_f, w_i, w_o, projection
    c_prev = tf.constant(tf1["peephole_connections"]["c_prev"])
    _, (new_c, new_h) = cell(tf.zeros([2, 1]), [c_prev, tf.zeros([2, 1])])
    return {"new_c": new_c.numpy().ravel(), "new_h": new_h.numpy().ravel(),
            "keras_lstm_peepholes": error_of(keras.layers.LSTMCell, 1, use_peepholes=True)}
