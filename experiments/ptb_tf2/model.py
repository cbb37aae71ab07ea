"""The PTB model in Keras 3 layers: embedding, stacked LSTMs, softmax, and the tutorial's cost.

The TF1 graph's pieces, one for one: ``tf.get_variable("embedding")`` and ``embedding_lookup``
are a ``keras.layers.Embedding``; each ``BasicLSTMCell(forget_bias=0.0)`` of the
``MultiRNNCell`` is a ``keras.layers.LSTM`` over all time steps (``return_sequences``, the state
handed in and returned, so it is carried between batches as TF1's fed ``final_state``); the
``DropoutWrapper(output_keep_prob)`` after each layer and the dropout of the inputs are
``keras.layers.Dropout``; ``softmax_w``/``softmax_b`` are a ``keras.layers.Dense``. Every
weight is drawn from the config's ``RandomUniform(-init_scale, init_scale)`` as TF1's
variable-scope initializer does, the LSTM biases start at zero (``BasicLSTMCell``'s own
initializer) and ``unit_forget_bias`` is off: TF1 adds ``forget_bias`` (0.0 here) at run time.
The state is TF1's: per layer ``(c, h)``. ``tf1_weights`` and ``load_tf1_weights`` move the
weights to and from TF1's names and layout (``reference.native.lstm_weights``: each kernel
split into its input and recurrent parts, the gates reordered, ``forget_bias`` folded into the
forget gate's bias).
"""
import keras
import numpy as np
import tensorflow as tf

from reference.native import lstm_weights

FORGET_BIAS = 0.0  # experiments.ptb's BasicLSTMCell(forget_bias=0.0) and BlockLSTM
TF1_CELL = "Model/RNN/multi_rnn_cell/cell_{}/basic_lstm_cell/{}"


def tf1_names(num_layers):
    """The names ``experiments.ptb`` gives the weights, in ``PTBModel.tf1_weights``' order."""
    cells = [TF1_CELL.format(i, part) for i in range(num_layers) for part in ("kernel", "bias")]
    return ["Model/embedding", *cells, "Model/softmax_w", "Model/softmax_b"]


class PTBModel(keras.Model):
    """Embedding, ``config.num_layers`` LSTM layers, softmax; ``call`` returns logits and the
    final state of ``(inputs [batch, steps], state)``."""

    def __init__(self, config):
        super().__init__(name="Model")
        self.config = config
        init = keras.initializers.RandomUniform(-config.init_scale, config.init_scale)
        self.embedding = keras.layers.Embedding(config.vocab_size, config.hidden_size,
                                                embeddings_initializer=init, name="embedding")
        for i in range(config.num_layers):  # attributes, not a list: checkpoints track them
            setattr(self, f"lstm_{i}", keras.layers.LSTM(
                config.hidden_size, return_sequences=True, return_state=True,
                kernel_initializer=init, recurrent_initializer=init, unit_forget_bias=False,
                name=f"lstm_{i}"))
        rate = 1.0 - config.keep_prob
        self.dropouts = [keras.layers.Dropout(rate) for _ in range(config.num_layers + 1)]
        self.softmax = keras.layers.Dense(config.vocab_size, kernel_initializer=init,
                                          bias_initializer=init, name="softmax")
        self.build_all()

    def build_all(self):
        """Creates every weight (Keras builds lazily; a checkpoint restores into built ones)."""
        units = self.config.hidden_size
        self.embedding.build((None, None))
        for lstm in self.lstms:
            lstm.build((None, None, units))
        self.softmax.build((None, units))

    @property
    def lstms(self):
        return [getattr(self, f"lstm_{i}") for i in range(self.config.num_layers)]

    def tf1_weights(self):
        """``{TF1 name: array}``: the weights as ``experiments.ptb`` holds them."""
        values = [np.asarray(self.embedding.embeddings)]
        for lstm in self.lstms:
            values += lstm_weights.to_tf1("lstm", lstm.cell.get_weights(), FORGET_BIAS)
        values += [np.asarray(self.softmax.kernel), np.asarray(self.softmax.bias)]
        return dict(zip(tf1_names(self.config.num_layers), values))

    def load_tf1_weights(self, weights):
        """Assigns ``{TF1 name: array}`` (``experiments.ptb``'s weights) to these layers."""
        self.embedding.embeddings.assign(weights["Model/embedding"])
        for i, lstm in enumerate(self.lstms):
            lstm_weights.load(lstm.cell, "lstm", [weights[TF1_CELL.format(i, "kernel")],
                                                  weights[TF1_CELL.format(i, "bias")]],
                              FORGET_BIAS)
        self.softmax.kernel.assign(weights["Model/softmax_w"])
        self.softmax.bias.assign(weights["Model/softmax_b"])

    def zero_state(self, batch_size):
        zeros = tf.zeros([batch_size, self.config.hidden_size])
        return tuple((zeros, zeros) for _ in self.lstms)

    def call(self, inputs, state, training=False):
        outputs = self.dropouts[0](self.embedding(inputs), training=training)
        final = []
        for lstm, dropout, (c, h) in zip(self.lstms, self.dropouts[1:], state):
            outputs, h, c = lstm(outputs, initial_state=[h, c], training=training)
            outputs = dropout(outputs, training=training)
            final.append((c, h))
        return self.softmax(outputs), tuple(final)


def cost(logits, targets):
    """The tutorial's cost: the words' cross-entropies summed, divided by the batch size."""
    losses = tf.nn.sparse_softmax_cross_entropy_with_logits(targets, logits)
    return tf.reduce_sum(losses) / tf.cast(tf.shape(targets)[0], losses.dtype)
