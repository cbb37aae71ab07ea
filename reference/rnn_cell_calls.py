"""The notes' cell calls that mean something else now, or fail: a repeated cell, input_size.

Reproduces: note 003 PTB ``MultiRNNCell([lstm_cell] * config.num_layers)`` and note 001
``cells=[cell]*4`` (one cell object in every layer), note 004 / 003 ``LSTMCell(num_units,
input_size)`` (the second parameter is ``use_peepholes`` now), and the misspelt or removed
names of notes 000, 001 and 003 (``MultiRNNCells``, ``state_is_tupe=``, ``input_size=``,
``rnn_cell._linear``), each next to the call that works; the cells' signatures as note 003
"rnn_cell.BasicLSTMCell()" ... "rnn_cell.DropoutWrapper()" lists them; note 004's peephole
sentence. The notes' unrolling calls are ``reference/rnn_unroll_calls.py``.
"""
import inspect

from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import outcome
from reference.rnn_cells import variable_shapes

NUM_LAYERS = 2  # note 003 PTB SmallConfig
NUM_UNITS = 10  # note 001/003 "如果num_units=10,那么ht就是10维行向量"


@demo('003 PTB "MultiRNNCell([lstm_cell] * config.num_layers, state_is_tuple=True)"; 001 '
      '"如果使用cells=[cell]*4的话，就是四曾"',
      ["[lstm_cell] * num_layers repeats one cell: every layer runs cell_0's kernel and bias, 2 "
       "variables, not 2 * num_layers (the state still has an LSTMStateTuple per layer)",
       "so it builds only where the input depth is num_units (PTB embeds words in hidden_size): "
       "depth 5, num_units 3: layer 1's [batch, 3 + 3] input meets the [5 + 3, 12] kernel, a "
       "ValueError when dynamic_rnn builds the graph",
       "[lstm_cell() for _ in range(num_layers)] gives each layer its own kernel and bias"])
def shared_cell_in_multi_rnn_cell():
    def lstm_cell():  # the notes' PTB cell, at hidden_size 3
        return tf.nn.rnn_cell.BasicLSTMCell(3, forget_bias=0.0, state_is_tuple=True)

    got = {}
    for case, depth in (("shared", 3), ("shared", 5), ("one_per_layer", 5)):
        with fresh_session():
            cells = ([lstm_cell()] * NUM_LAYERS if case == "shared"
                     else [lstm_cell() for _ in range(NUM_LAYERS)])
            multi = tf.nn.rnn_cell.MultiRNNCell(cells, state_is_tuple=True)
            built = outcome(tf.nn.dynamic_rnn, multi, tf.ones([2, 4, depth]), dtype=tf.float32)
            got[f"{case}_depth_{depth}"] = built if isinstance(built, dict) else {
                "state_size": multi.state_size, "variables": variable_shapes()}
    return got


@demo('004 "LSTM tensorflow实现" "rnn_cell.LSTMCell(num_units, input_size)"; 003 '
      '"rnn_cell.LSTMCell()" (def __init__(self,num_units, input_size=None, use_peepholes=False)',
      ["LSTMCell's second parameter is use_peepholes now: LSTMCell(3, 4) silently makes a "
       "peephole cell, w_f_diag, w_i_diag, w_o_diag [3] beside kernel [4 + 3, 12] and bias [12]",
       "LSTMCell(3) has the kernel and the bias only",
       "input_size= by keyword: TypeError ('Keyword argument not understood:', 'input_size')"])
def lstm_cell_input_size_is_use_peepholes():
    got = {}
    for case, args in (("positional_input_size", (3, 4)), ("num_units_only", (3,))):
        with fresh_session():
            tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(*args), tf.ones([2, 5, 4]), dtype=tf.float32)
            got[case] = variable_shapes()
    return dict(got, input_size_keyword=error_of(tf.nn.rnn_cell.LSTMCell, 3, input_size=4))


@demo('001 "tf.nn.rnn_cell.MultiRNNCells(cells, state_is_tuple=False)", "BasicLSTMCell(num_units, '
      'forget_bias=1.0, input_size=None, state_is_tupe=Flase, activation=tanh)", "GRUCell('
      'num_units, input_size=None, activation=tanh)"; 003 the same and "run_cell._linear()"',
      ["tf.nn.rnn_cell.MultiRNNCells is a typo: AttributeError (the class is MultiRNNCell)",
       "the cells hand unknown keywords to Layer: a TypeError naming the first, input_size in "
       "the notes' BasicLSTMCell call (Flase, tanh written False, tf.tanh), state_is_tupe "
       "without it; GRUCell's input_size=None too",
       "corrected: BasicLSTMCell(3, forget_bias=1.0, state_is_tuple=False, activation=tf.tanh) "
       "has a flat state of 6, GRUCell(3, activation=tf.tanh) one of 3",
       "rnn_cell._linear is gone (AttributeError): tf.nn.rnn_cell holds ten public names, "
       "nothing private; memory_gradient_is_the_forget_gate writes out its arithmetic"])
def removed_rnn_cell_apis():
    cells = tf.nn.rnn_cell
    return {"MultiRNNCells": error_of(getattr, cells, "MultiRNNCells"),
            "_linear": error_of(getattr, cells, "_linear"),
            "rnn_cell_names": sorted(n for n in dir(cells) if not n.startswith("__")),
            "notes_basic_lstm_call": error_of(cells.BasicLSTMCell, 3, forget_bias=1.0,
                                              input_size=None, state_is_tupe=False,
                                              activation=tf.tanh),
            "state_is_tupe": error_of(cells.BasicLSTMCell, 3, state_is_tupe=False),
            "gru_input_size": error_of(cells.GRUCell, 3, input_size=None),
            "corrected_state_sizes": {
                "basic_lstm": cells.BasicLSTMCell(3, forget_bias=1.0, state_is_tuple=False,
                                                  activation=tf.tanh).state_size,
                "gru": cells.GRUCell(3, activation=tf.tanh).state_size}}


def _signature(cls):
    return str(inspect.signature(cls.__init__))


def _defaults(cell):
    """What a cell built without options holds (private attributes: the notes' defaults)."""
    return {"forget_bias": cell._forget_bias, "state_is_tuple": cell._state_is_tuple,
            "activation": cell._activation.__name__, "state_size": cell.state_size,
            "output_size": cell.output_size}


@demo('003 "rnn_cell.BasicLSTMCell()" (def __init__(self,num_units, forget_bias=1.0,input_size='
      'None, state_is_tuple=True, activation=tanh): "It does not allow cell clipping, a projection '
      'layer, anddoes not use peep-hole connections"), "rnn_cell.GRUCell()" (def __init__(self,'
      'num_units, input_size=None, activation=tanh)); 001/003 "如果num_units=10"',
      ["BasicLSTMCell(10): forget_bias 1.0, state_is_tuple True, tanh, state LSTMStateTuple(c=10, "
       "h=10), output size 10 (h_t is 10-dimensional)",
       "input_size is gone (\"官方说马上也要禁用了\"): input_size= is a TypeError; passed third, "
       "as the notes' order has it, it lands in state_is_tuple: BasicLSTMCell(10, 1.0, None) "
       "silently has a flat state of 20",
       "BasicLSTMCell takes no cell_clip, num_proj or use_peepholes: a TypeError naming each",
       "GRUCell(10, input_size=None, activation=tf.tanh) is a TypeError; passed second, input_size "
       "is activation: None means tanh, 4 is a TypeError; GRUCell(10, activation=tf.tanh) has a "
       "state of 10"])
def basic_lstm_and_gru_signatures():
    cells = tf.nn.rnn_cell
    positional = cells.BasicLSTMCell(NUM_UNITS, 1.0, None)  # (num_units, forget_bias, input_size)
    return {"signatures": {name: _signature(getattr(cells, name))
                           for name in ("BasicLSTMCell", "GRUCell")},
            "basic_lstm_defaults": _defaults(cells.BasicLSTMCell(NUM_UNITS)),
            "input_size_keyword": error_of(cells.BasicLSTMCell, NUM_UNITS, forget_bias=1.0,
                                           input_size=None),
            "input_size_third": {"state_is_tuple": positional._state_is_tuple,
                                 "state_size": positional.state_size},
            "basic_lstm_has_no": {key: error_of(cells.BasicLSTMCell, NUM_UNITS, **{key: value})
                                  for key, value in (("cell_clip", 1.0), ("num_proj", 2),
                                                     ("use_peepholes", True))},
            "corrected_basic_lstm_state_size": cells.BasicLSTMCell(
                NUM_UNITS, forget_bias=1.0, activation=tf.tanh).state_size,
            "gru_notes_call": error_of(cells.GRUCell, NUM_UNITS, input_size=None,
                                       activation=tf.tanh),
            "gru_input_size_second": {"None": cells.GRUCell(NUM_UNITS, None)._activation.__name__,
                                      "4": error_of(cells.GRUCell, NUM_UNITS, 4)},
            "corrected_gru_state_size": cells.GRUCell(NUM_UNITS, activation=tf.tanh).state_size}


@demo('003 "rnn_cell.LSTMCell()" (def __init__(self,num_units, input_size=None, use_peepholes='
      'False, cell_clip=None, initializer=None, num_proj=None, proj_clip=None, num_unit_shards=1, '
      'num_proj_shards=1, forget_bias=1.0, state_is_tuple=True, activation=tanh))',
      ["LSTMCell(10) defaults as the notes list them: forget_bias 1.0, state_is_tuple True, "
       "tanh; state LSTMStateTuple(c=10, h=10)",
       "the signature lost input_size (use_peepholes is second) and the shards default to None",
       "the notes' num_unit_shards=1, num_proj_shards=1 partition the kernel into one part: "
       "rnn/lstm_cell/kernel/part_0 [4 + 3, 12]",
       "proj_clip=0.1 clips the projected output: with constant weights 0.5 and inputs 10.0 "
       "every output is 0.1 (1.14 to 1.50 without it)"])
def lstm_cell_signature():
    got = {"signature": _signature(tf.nn.rnn_cell.LSTMCell),
           "defaults": _defaults(tf.nn.rnn_cell.LSTMCell(NUM_UNITS))}
    with fresh_session():
        tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(3, num_unit_shards=1, num_proj_shards=1),
                          tf.ones([2, 5, 4]), dtype=tf.float32)
        got["shards_1_variables"] = variable_shapes()
    for clip in (0.1, None):
        with fresh_session() as session:
            outputs, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(
                3, num_proj=2, proj_clip=clip, initializer=tf.constant_initializer(0.5)),
                tf.fill([1, 4, 4], 10.0), dtype=tf.float32)
            session.run(tf.global_variables_initializer())
            got[f"proj_clip_{clip}_outputs"] = session.run(outputs).ravel()
    return got


@demo('004 "LSTM tensorflow实现" ("带有peephole的lstm cell会将上一时刻的c_t作为当前时刻训练'
      '所有参数的输入")',
      ["LSTMCell(1, use_peepholes=True) has three peephole weights, w_f_diag, w_i_diag, "
       "w_o_diag: the candidate j has none",
       "the input and forget gates see the previous c; the output gate sees the new one: with "
       "zero kernels, j's bias 1 and every peephole weight 1, new_c = sigmoid(1 + c_prev) c_prev "
       "+ sigmoid(c_prev) tanh(1) and h = sigmoid(new_c) tanh(new_c)"])
def peephole_connections():
    c_prev = [[1.0], [-2.0]]
    with fresh_session() as session:
        cell = tf.nn.rnn_cell.LSTMCell(1, use_peepholes=True)
        _, state = cell(tf.zeros([2, 1]), tf.nn.rnn_cell.LSTMStateTuple(tf.constant(c_prev),
                                                                        tf.zeros([2, 1])))
        session.run(tf.global_variables_initializer())
        kernel, bias, *diagonals = tf.global_variables()
        kernel.load(np.zeros(kernel.shape), session)
        bias.load([0.0, 1.0, 0.0, 0.0], session)  # i, j, f, o: only j's
        for diagonal in diagonals:
            diagonal.load([1.0], session)
        new_c, new_h = session.run([state.c, state.h])
        return {"variables": variable_shapes(), "c_prev": c_prev, "new_c": new_c.ravel(),
                "new_h": new_h.ravel()}
