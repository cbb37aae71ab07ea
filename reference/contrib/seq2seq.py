"""Attention and greedy decoding for TF1 graphs, in place of the removed seq2seq libraries.

Replaces what note 003's seq2seq sections use from ``tf.contrib.legacy_seq2seq`` /
``tf.nn.seq2seq`` (``attention_decoder``, ``embedding_attention_decoder`` with
``feed_previous=True``) and from ``tf.contrib.seq2seq`` (``TrainingHelper`` /
``GreedyEmbeddingHelper`` + ``dynamic_decode``), none of which exist in TF 2.21:

* ``AttentionCell`` wraps a decoder cell with the note's ``attention_decoder`` arithmetic, one
  head: the step input is ``linear([input, previous attention])``; after the cell,
  ``u_i = v^T tanh(W1 h_i + W2 d_t)`` over the encoder outputs ``h_i`` (``W1 h_i`` computed
  once, the note's 1x1 ``conv2d``; ``d_t`` the cell output), ``a = softmax(u)`` (positions past
  a source's length masked out), ``d' = sum_i a_i h_i``; the step output is
  ``linear([cell output, d'])`` and ``d'`` is carried in the state.
* ``greedy_decode`` is the inference decoder (time-major ids): a ``tf.while_loop`` feeding back
  the embedding of its own argmax for ``max_steps`` steps, calling the same cell and output
  layer objects as the training decoder, so both share every variable.
"""
import collections

from reference.tf1 import tf

AttentionState = collections.namedtuple("AttentionState", ["cell_state", "attention"])


class AttentionCell(tf.nn.rnn_cell.RNNCell):
    """``cell`` with attention over ``memory`` ``[batch, time, size]`` (valid up to
    ``memory_lengths``). Variables: ``input_projection``, ``AttnW_0``, ``query``, ``AttnV_0``,
    ``output_projection`` and the wrapped cell's."""

    def __init__(self, cell, memory, memory_lengths, reuse=None):
        super().__init__(_reuse=reuse)
        self._cell = cell
        self._memory = memory
        self._size = int(memory.shape[-1])
        self._mask = tf.sequence_mask(memory_lengths, tf.shape(memory)[1])

    @property
    def state_size(self):
        return AttentionState(self._cell.state_size, self._size)

    @property
    def output_size(self):
        return self._cell.output_size

    def zero_state(self, batch_size, dtype):
        return AttentionState(self._cell.zero_state(batch_size, dtype),
                              tf.zeros([batch_size, self._size], dtype))

    def build(self, inputs_shape):
        size, depth = int(self._size), int(inputs_shape[-1])
        out = int(self._cell.output_size)
        self._w_in = self.add_weight("input_projection/kernel", [depth + size, depth])
        self._w1 = self.add_weight("AttnW_0", [size, size])
        self._w2 = self.add_weight("query/kernel", [out, size])
        self._v = self.add_weight("AttnV_0", [size])
        self._w_out = self.add_weight("output_projection/kernel", [out + size, out])
        self.built = True

    def call(self, inputs, state):
        x = tf.matmul(tf.concat([inputs, state.attention], 1), self._w_in)
        output, cell_state = self._cell(x, state.cell_state)
        keys = tf.tensordot(self._memory, self._w1, 1)  # W1 h_i, [batch, time, size]
        query = tf.matmul(output, self._w2)[:, None, :]  # W2 d_t
        scores = tf.reduce_sum(self._v * tf.tanh(keys + query), 2)
        scores = tf.where(self._mask, scores, tf.fill(tf.shape(scores), -1e9))
        weights = tf.nn.softmax(scores)
        attention = tf.reduce_sum(weights[:, :, None] * self._memory, 1)
        output = tf.matmul(tf.concat([output, attention], 1), self._w_out)
        return output, AttentionState(cell_state, attention)


def greedy_decode(cell, initial_state, embedding, output_layer, start_tokens, max_steps):
    """Decodes ``max_steps`` steps feeding back ``argmax(output_layer(output))``.

    Args:
      cell, output_layer: the training decoder's own objects (their variables are reused).
      initial_state: the decoder's state at the first step.
      embedding: the decoder's embedding matrix ``[vocab, size]``.
      start_tokens: int ``[batch]`` (the ``<GO>`` ids).
      max_steps: int or scalar tensor.

    Returns:
      int64 ``[max_steps, batch]`` token ids, time-major: transposing integers on the CPU
      goes to oneDNN, which logs "oneDNN supports DT_INT64 only on platforms with AVX-512" on
      machines without it, so the caller transposes the fetched array instead.
    """
    ids = tf.TensorArray(tf.int64, size=max_steps)

    def body(step, previous, state, ids):
        output, state = cell(tf.nn.embedding_lookup(embedding, previous), state)
        chosen = tf.argmax(output_layer(output), 1)
        return step + 1, chosen, state, ids.write(step, chosen)

    _, _, _, ids = tf.while_loop(lambda step, *_: step < max_steps, body,
                                 (tf.constant(0), tf.cast(start_tokens, tf.int64), initial_state,
                                  ids))
    return ids.stack()
