"""The notes' unrolling calls as written: zero_state's layouts, dynamic_rnn's call, the loop.

Reproduces: note 001 "lstm_cell.zero_state(batch_size, dtype=)" ("返回[batch_size, 2*len(cells)]")
and its two ways to unroll: 法一 ``tf.nn.dynamic_run(cell, inputs, sequence_length=None, ...)``
with ``sequence_length=[5,10,15]`` (003: ``[5,10,25]``), 法二 the loop listing ``states =
initial_states``; each as written (how it fails now) next to the call that works.
"""
import inspect

from reference.tf1 import tf

import numpy as np

from reference.catalogue.inputs import NOTES_001_LOOP
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import load_uniform_weights
from reference.rnn_cell_calls import NUM_UNITS
from reference.rnn_cells import variable_shapes

SENTENCES, MAX_TIME, SIZE = 3, 25, 4  # note 001 "如果你要输入三句话...5,10,25"; size: ours
NOTES_LENGTHS = {"003": [5, 10, 25], "001": [5, 10, 15]}  # 001 writes 15 for the third


LOOP_OPS = {"Enter", "Exit", "LoopCond", "Merge", "NextIteration", "Switch", "StatelessWhile"}


def _sentences():
    return np.sin(np.arange(SENTENCES * MAX_TIME * SIZE, dtype=np.float32)).reshape(
        SENTENCES, MAX_TIME, SIZE)


@demo('001 "lstm_cell.zero_state(batch_size, dtype=)" ("返回[batch_size, 2*len(cells)],或者'
      '[batch_size, s]", "这个函数只是用来生成初始化值的"), MultiRNNCell "cells=[cell]*4"; '
      '003 the same',
      ["the notes' zero_state(batch_size, dtype=) is a SyntaxError (dtype= has no value); "
       "without dtype it is a TypeError: dtype is required",
       "four BasicLSTMCell(10) layers with state_is_tuple=False: one [batch, 80] matrix, "
       "2 * num_units * len(cells), not the notes' 2 * len(cells) = 8",
       "state_is_tuple=True: a tuple of 4 LSTMStateTuple(c=[batch, 10], h=[batch, 10]), no matrix",
       "either way every value is 0.0"])
def zero_state_layouts():
    got = {"notes_call": error_of(compile, "initial_state = lstm_cell.zero_state(batch_size, "
                                           "dtype=)", "<note 001>", "exec")}
    with fresh_session() as session:
        for layout in (False, True):
            cell = tf.nn.rnn_cell.BasicLSTMCell(NUM_UNITS, state_is_tuple=layout)
            lstm_cell = tf.nn.rnn_cell.MultiRNNCell([cell] * 4, state_is_tuple=layout)
            zero = lstm_cell.zero_state(SENTENCES, dtype=tf.float32)
            got[f"state_is_tuple_{layout}"] = {
                "state_size": lstm_cell.state_size,
                "shapes": tf.nest.map_structure(lambda t: t.shape.as_list(), zero),
                "values": sorted({float(v) for part in tf.nest.flatten(session.run(zero))
                                  for v in part.ravel()})}
        got["without_dtype"] = error_of(lstm_cell.zero_state, SENTENCES)
    return got


@demo('001 "tf.nn.dynamic_run(cell, inputs, sequence_length=None, initial_state=None,dtype=None,'
      'time_major=False)" ("sequence_length=[5,10,15]"; 003 "[5,10,25]"; "states保存的是最后'
      '一个时间输出的states"); 000 "dynamic_rnn 是使用while_loop实现的"',
      ["dynamic_rnn's signature: the notes' six parameters, plus parallel_iterations, "
       "swap_memory and scope",
       "the notes' call as written (no initial_state, dtype=None) is a ValueError: a dtype is "
       "needed",
       "three sentences of lengths 5, 10, 25 in a [3, 25, 4] batch, BasicLSTMCell(10): outputs "
       "[3, 25, 10], nonzero up to each length and 0.0 after; the final h is the output at "
       "length - 1",
       "001's [5, 10, 15] stops the third sentence at 15: its final h is outputs[2, 14], not the "
       "25-step h (the first two rows are the same)",
       "the graph is a while_loop: Enter, Exit, LoopCond, Merge, NextIteration, Switch ops "
       "(rnn/while/LoopCond)"])
def notes_dynamic_rnn_call():
    got = {"signature": str(inspect.signature(tf.nn.dynamic_rnn))}
    with fresh_session() as session:
        cell, inputs = tf.nn.rnn_cell.BasicLSTMCell(NUM_UNITS), tf.constant(_sentences())
        got["notes_call"] = error_of(tf.nn.dynamic_rnn, cell, inputs, sequence_length=None,
                                     initial_state=None, dtype=None, time_major=False)
        runs = {}
        for notes, lengths in NOTES_LENGTHS.items():
            with tf.variable_scope("rnn", reuse=tf.AUTO_REUSE):
                runs[notes] = tf.nn.dynamic_rnn(cell, inputs, sequence_length=lengths,
                                                dtype=tf.float32)
        operations = tf.get_default_graph().get_operations()
        got["loop_op_types"] = sorted({op.type for op in operations} & LOOP_OPS)
        got["loop_conditions"] = [op.name for op in operations
                                  if op.type in ("LoopCond", "StatelessWhile")]
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=5)  # the same in TF1 and TF2 mode
        values, got["weights"] = session.run([runs, dict(zip(("kernel", "bias"),
                                                              tf.global_variables()))])
    for notes, (outputs, state) in values.items():
        got[notes] = {"outputs_shape": list(outputs.shape),
                      "largest_output_per_step": np.abs(outputs).max(axis=2),
                      "final_h": state.h, "output_at_length_minus_1": [
                          outputs[row, length - 1] for row, length in
                          enumerate(NOTES_LENGTHS[notes])]}
    return got


@demo('001 法二 "states = initial_states / with tf.variable_scope("RNN"): for time_step in '
      'range(max_time): if time_step>0:tf.get_variable_scope().reuse_variables()"',
      ["the listing as written does not compile: TabError (line 5 mixes spaces and a tab)",
       "re-indented (each tab as 4 spaces) it fails at its first step: NameError, 'state' is "
       "not defined (it set states)",
       "with state = initial_states it runs: 25 outputs [3, 10] from one RNN/basic_lstm_cell "
       "kernel and bias, ending in dynamic_rnn's final state"])
def notes_loop_listing():
    reindented = NOTES_001_LOOP.replace("\t", "    ")
    got = {"as_written": error_of(compile, NOTES_001_LOOP, "<note 001>", "exec")}
    with fresh_session() as session:
        lstm_cell, inputs = tf.nn.rnn_cell.BasicLSTMCell(NUM_UNITS), tf.constant(_sentences())
        names = {"tf": tf, "lstm_cell": lstm_cell, "inputs": inputs, "max_time": MAX_TIME,
                 "initial_states": lstm_cell.zero_state(SENTENCES, tf.float32)}
        got["reindented"] = error_of(exec, reindented, dict(names))
        exec(reindented.replace("states = initial_states", "state = initial_states"), names)
        with tf.variable_scope("RNN", reuse=True):
            _, dynamic = tf.nn.dynamic_rnn(lstm_cell, inputs, dtype=tf.float32)
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=6)
        loop, dynamic = session.run([names["state"], dynamic])
        got.update(outputs=[o.shape.as_list() for o in names["outputs"]],
                   variables=variable_shapes(), loop_final_state=loop._asdict(),
                   dynamic_rnn_final_state=dynamic._asdict())
    return got
