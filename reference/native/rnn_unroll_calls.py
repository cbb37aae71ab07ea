"""The notes' unrolling calls the TF2 way: Keras cells' initial states, masks, a Python loop.

Replaces ``reference/rnn_unroll_calls.py``. A stack's initial state is a nest of zeros
(``get_initial_state(batch_size)``, no dtype); ``sequence_length`` becomes a mask of
``keras.layers.RNN``; the notes' loop is a Python loop over one Keras cell.
"""
import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.inputs import NOTES_001_LOOP
from reference.catalogue.observed import error_of
from reference.native import lstm_weights
from reference.native.registry import counterpart
from reference.native.rnn_cell_calls import signature_of as _signature


@counterpart(["zero_state_layouts"], "keras.layers.StackedRNNCells([cell] * 4)."
             "get_initial_state(batch_size); tf.concat(tf.nest.flatten(...), 1)")
def stacked_initial_state(tf1):
    stacked = keras.layers.StackedRNNCells([keras.layers.LSTMCell(10)] * 4)
    zero = stacked.get_initial_state(batch_size=3)
    flat = tf.concat(tf.nest.flatten(zero), 1)
    return {"state_size": stacked.state_size,
            "shapes": tf.nest.map_structure(lambda t: t.shape.as_list(), zero),
            "values": sorted({float(v) for part in tf.nest.flatten(zero)
                              for v in part.numpy().ravel()}),
            "flat_shape": flat.shape.as_list(),
            "without_batch_size": error_of(stacked.get_initial_state)}


LENGTHS = {"003": [5, 10, 25], "001": [5, 10, 15]}  # as reference/rnn_unroll_calls.py


LOOP_OPS = {"Enter", "Exit", "LoopCond", "Merge", "NextIteration", "Switch", "While",
            "StatelessWhile"}


def _sentences():
    return np.sin(np.arange(3 * 25 * 4, dtype=np.float32)).reshape(3, 25, 4)


@counterpart(["notes_dynamic_rnn_call"], "keras.layers.RNN(LSTMCell, return_sequences=True, "
             "return_state=True, zero_output_for_mask=True)(x, mask=tf.sequence_mask(lengths)); "
             "a tf.function's graph")
def masked_rnn_of_three_sentences(tf1):
    observed = tf1["notes_dynamic_rnn_call"]["weights"]
    cell = lstm_weights.cell("lstm", 10, [observed["kernel"], observed["bias"]])
    layer = keras.layers.RNN(cell, return_sequences=True, return_state=True,
                             zero_output_for_mask=True)
    x, got = tf.constant(_sentences()), {}
    for notes, lengths in LENGTHS.items():
        outputs, h, _ = layer(x, mask=tf.sequence_mask(lengths, 25))
        got[notes] = {"outputs_shape": outputs.shape.as_list(),
                      "largest_output_per_step": np.abs(outputs.numpy()).max(axis=2),
                      "final_h": h.numpy(), "output_at_length_minus_1": [
                          outputs[row, length - 1].numpy() for row, length in enumerate(lengths)]}
    graph = tf.function(layer).get_concrete_function(x).graph
    return dict(got, loop_op_types=sorted({op.type for op in graph.get_operations()} & LOOP_OPS),
                rnn_signature=_signature(keras.layers.RNN))


@counterpart(["notes_loop_listing"], "compile(); the loop as Python over one keras.layers."
             "LSTMCell (state = its [h, c]), against keras.layers.RNN")
def python_loop_over_a_keras_cell(tf1):
    rng = np.random.default_rng(6)  # TF1's load_uniform_weights(session, seed=6)
    weights = [rng.uniform(-0.8, 0.8, shape).astype(np.float32) for shape in ([14, 40], [40])]
    cell, x = lstm_weights.cell("lstm", 10, weights, name="basic_lstm_cell"), _sentences()
    names = {"tf": tf, "lstm_cell": cell, "inputs": x, "max_time": 25,
             "initial_states": cell.get_initial_state(batch_size=3)}
    reindented = NOTES_001_LOOP.replace("\t", "    ")
    got = {"as_written": error_of(compile, NOTES_001_LOOP, "<note 001>", "exec"),
           "reindented": error_of(exec, reindented, dict(names))}
    state, outputs = names["initial_states"], []
    for time_step in range(25):  # the notes' loop, corrected: no scope, state fed on
        cell_out, state = cell(x[:, time_step, :], state)
        outputs.append(cell_out)
    _, h, c = keras.layers.RNN(cell, return_state=True)(x)
    return dict(got, outputs=[o.shape.as_list() for o in outputs],
                loop_final_state={"c": state[1].numpy(), "h": state[0].numpy()},
                keras_rnn_final_state={"c": c.numpy(), "h": h.numpy()})
