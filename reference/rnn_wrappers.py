"""The contrib-only cell wrappers of the notes, re-created: input/output projection, embedding.

Reproduces: note 003 "rnn_cell.OutputProjectionWrapper()", "rnn_cell.InputProjectionWrapper()",
"rnn_cell.EmbeddingWrapper()" (and the seq2seq code that wraps its encoder cell in
``EmbeddingWrapper`` and its decoder cell in ``OutputProjectionWrapper``). TF 1.x had them in
``tf.contrib.rnn`` (``core_rnn_cell.py``); TF 2.21 has none of them, so each class below
**replaces the removed API** of the same name and signature, as a ``tf.nn.rnn_cell.RNNCell``
subclass that works with ``dynamic_rnn`` and ``static_rnn``. Variable names are this module's:
``input_projection/{kernel,bias}``, ``output_projection/{kernel,bias}`` and ``embedding`` under
the wrapper's scope (``output_projection_wrapper/``, ...), which also holds the wrapped
cell's own variables.

The note's remark that ``LSTMCell(num_proj=...)`` makes ``OutputProjectionWrapper``
unnecessary is only half true: ``num_proj`` projects ``h`` *inside* the recurrence (the
projected ``h`` is fed back), the wrapper projects the output only (the state keeps
``num_units``); ``projection_wrappers`` shows the two state sizes.
"""
import numpy as np

from reference import rnn_math
from reference.catalogue import demo, fresh_session
from reference.tf1 import tf


def _dense(layer, inputs, scope, size, activation):
    """``inputs @ kernel + bias`` with the weights ``<scope>/kernel``, ``<scope>/bias`` of
    ``layer`` (made in its ``build``, as the library cells make theirs)."""
    projected = tf.matmul(inputs, getattr(layer, f"_{scope}_kernel")) + getattr(
        layer, f"_{scope}_bias")
    return activation(projected) if activation else projected


def _float_dtype(layer):
    """The layer's dtype, or float32 when it took an integer one from its inputs (ids)."""
    dtype = tf.as_dtype(layer.dtype or tf.float32)
    return dtype if dtype.is_floating else tf.float32


def _add_dense_weights(layer, scope, depth, size):
    dtype = _float_dtype(layer)
    setattr(layer, f"_{scope}_kernel", layer.add_weight(f"{scope}/kernel", [depth, size], dtype))
    setattr(layer, f"_{scope}_bias", layer.add_weight(f"{scope}/bias", [size], dtype,
                                                      initializer=tf.zeros_initializer()))


class CellWrapper(tf.nn.rnn_cell.RNNCell):
    """A cell around ``cell`` that keeps its state (and, unless overridden, its output size)."""

    def __init__(self, cell, reuse=None):
        super().__init__(_reuse=reuse)
        self._cell = cell

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return self._cell.output_size

    def zero_state(self, batch_size, dtype):
        with tf.name_scope(type(self).__name__ + "ZeroState"):
            return self._cell.zero_state(batch_size, dtype)


class InputProjectionWrapper(CellWrapper):
    """Replaces ``tf.contrib.rnn.InputProjectionWrapper(cell, num_proj, input_size=None,
    activation=None)``: inputs go through a dense layer of ``num_proj`` units first."""

    def __init__(self, cell, num_proj, input_size=None, activation=None, reuse=None):
        del input_size  # deprecated already in TF 1.x: the size comes from the inputs
        super().__init__(cell, reuse)
        self._num_proj = num_proj
        self._activation = activation

    def build(self, inputs_shape):
        _add_dense_weights(self, "input_projection", inputs_shape[-1], self._num_proj)
        self.built = True

    def call(self, inputs, state):
        projected = _dense(self, inputs, "input_projection", self._num_proj, self._activation)
        return self._cell(projected, state)


class OutputProjectionWrapper(CellWrapper):
    """Replaces ``tf.contrib.rnn.OutputProjectionWrapper(cell, output_size, activation=None)``:
    the cell's output goes through a dense layer of ``output_size`` units; the state does not."""

    def __init__(self, cell, output_size, activation=None, reuse=None):
        super().__init__(cell, reuse)
        self._output_size = output_size
        self._activation = activation

    @property
    def output_size(self):
        return self._output_size

    def build(self, inputs_shape):
        del inputs_shape
        _add_dense_weights(self, "output_projection", self._cell.output_size, self._output_size)
        self.built = True

    def call(self, inputs, state):
        output, new_state = self._cell(inputs, state)
        projected = _dense(self, output, "output_projection", self._output_size, self._activation)
        return projected, new_state


class EmbeddingWrapper(CellWrapper):
    """Replaces ``tf.contrib.rnn.EmbeddingWrapper(cell, embedding_classes, embedding_size,
    initializer=None)``: integer inputs ``[batch, 1]`` (or ``[batch]``) are looked up in an
    ``embedding`` matrix ``[embedding_classes, embedding_size]`` before the cell."""

    def __init__(self, cell, embedding_classes, embedding_size, initializer=None, reuse=None):
        super().__init__(cell, reuse)
        self._classes = embedding_classes
        self._size = embedding_size
        self._initializer = initializer

    def build(self, inputs_shape):
        del inputs_shape
        initializer = self._initializer or tf.random_uniform_initializer(-np.sqrt(3), np.sqrt(3))
        with tf.device("/cpu:0"):
            self._embedding = self.add_weight("embedding", [self._classes, self._size],
                                              _float_dtype(self), initializer=initializer)
        self.built = True

    def call(self, inputs, state):
        with tf.device("/cpu:0"):
            ids = tf.reshape(tf.cast(inputs, tf.int32), [-1])
            embedded = tf.nn.embedding_lookup(self._embedding, ids)
        return self._cell(embedded, state)


def _variables():
    return {v.op.name: v.shape.as_list() for v in tf.global_variables()}


@demo('003 "rnn_cell.OutputProjectionWrapper()", "InputProjectionWrapper()"; "num_proj: '
      '用了这个就不需要下面那个类了"',
      ["OutputProjectionWrapper(cell, 5): output size 5, state still the cell's (3)",
       "its output is cell_output @ kernel + bias (checked in NumPy)",
       "InputProjectionWrapper(cell, num_proj=4): the cell sees 4 features (its kernel is "
       "[4 + 3, ...])",
       "LSTMCell(num_proj=5) is not the same thing: its state's h has 5 units, fed back"])
def projection_wrappers():
    got = {}
    with fresh_session(seed=1) as session:
        inputs = tf.constant(np.linspace(-1, 1, 2 * 3 * 2, dtype=np.float32).reshape(2, 3, 2))
        cell = OutputProjectionWrapper(tf.nn.rnn_cell.BasicRNNCell(3), 5)
        with tf.variable_scope("out"):
            projected, _ = tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
        with tf.variable_scope("out", reuse=True):  # the wrapped cell alone, same weights
            plain, _ = tf.nn.dynamic_rnn(cell._cell, inputs, dtype=tf.float32)
        session.run(tf.global_variables_initializer())
        kernel, bias = session.run(tf.global_variables("out/rnn/output_projection_wrapper/"
                                                       "output_projection"))
        outputs, cell_outputs = session.run([projected, plain])
        got["output_projection"] = {
            "output_size": cell.output_size, "state_size": cell.state_size,
            "variables": _variables(),
            "equals_dense_of_cell_output": bool(np.allclose(
                outputs, cell_outputs @ kernel + bias, atol=1e-6))}
    with fresh_session():
        cell = InputProjectionWrapper(tf.nn.rnn_cell.GRUCell(3), num_proj=4)
        tf.nn.dynamic_rnn(cell, tf.zeros([2, 3, 2]), dtype=tf.float32)
        got["input_projection"] = {"output_size": cell.output_size, "variables": _variables()}
    with fresh_session():
        cell = tf.nn.rnn_cell.LSTMCell(3, num_proj=5)
        got["lstm_num_proj_state_size"] = list(cell.state_size)
    return got


@demo('003 "rnn_cell.EmbeddingWrapper()" (encoder_cell = EmbeddingWrapper(cell, '
      'embedding_classes=..., embedding_size=...))',
      ["integer inputs [batch, time, 1] are looked up in 'embedding' [classes, size]",
       "the result equals running the plain cell on the looked-up rows",
       "the embedding lives on the CPU, as the contrib wrapper placed it"])
def embedding_wrapper():
    ids = np.array([[[1], [4], [4]], [[0], [9], [2]]], np.int32)
    with fresh_session(seed=2) as session:
        cell = tf.nn.rnn_cell.BasicLSTMCell(4)
        wrapped = EmbeddingWrapper(cell, embedding_classes=10, embedding_size=3)
        outputs, _ = tf.nn.dynamic_rnn(wrapped, tf.constant(ids), dtype=tf.float32)
        session.run(tf.global_variables_initializer())
        embedding = tf.global_variables("rnn/embedding_wrapper/embedding")[0]
        kernel, bias = tf.global_variables("rnn/embedding_wrapper/basic_lstm_cell")
        table, k, b, got_outputs = session.run([embedding, kernel, bias, outputs])
        zeros = np.zeros((2, 4))
        expected = np.stack([state[1] for state in rnn_math.unroll(
            lambda x, c, h: rnn_math.basic_lstm_step(x, c, h, k, b),
            table[ids[:, :, 0]], (zeros, zeros))], 1)
        return {"variables": _variables(), "embedding_device": embedding.device,
                "equals_cell_on_rows": bool(np.allclose(got_outputs, expected, atol=1e-5))}
