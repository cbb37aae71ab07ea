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
"""
from reference.tf1 import tf

import numpy as np


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
