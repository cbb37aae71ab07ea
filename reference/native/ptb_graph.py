"""The PTB model the TF2 way: Keras 3 layers, a GradientTape and SGD in a ``tf.function``.

Replaces ``reference/ptb_graph.py`` (``experiments.ptb``'s graph on its tiny config: 2 layers
of 3 units, 10 words, batches of 4 x 5). ``embedding_lookup`` is ``keras.layers.Embedding``,
the ``MultiRNNCell`` of ``BasicLSTMCell(forget_bias=0.0)`` unrolled by hand is a
``keras.layers.RNN`` over ``StackedRNNCells`` of two ``LSTMCell``s, the softmax a
``keras.layers.Dense``, ``sequence_loss_by_example`` summed over the batch's words and divided
by the batch size is ``tf.nn.sparse_softmax_cross_entropy_with_logits`` likewise, and the
train op (``clip_by_global_norm`` then ``GradientDescentOptimizer``) is ``tf.clip_by_global_norm``
and ``keras.optimizers.SGD`` in a ``tf.function``. It starts from the weights the TF1 run
loaded and reads the batches its queue gave (each step from a zero state, as there); its
weights after each step are compared with the TF1 block mode's (which observes them).
No direct counterpart: the queue-fed ``PTBInput`` (the batches are handed in) and the
learning rate variable with its assign op (``optimizer.learning_rate`` is one).
``ptb_fragments_natively`` is the notes' other PTB lines the TF2 way: ``tf.device`` around the
Keras embedding, Keras's ``RandomUniform`` initializer (whose ``LSTMCell`` starts the forget
gate's biases at 1), the optimizer's ``iterations`` as the global step, and a v2
``tf.summary.scalar``, which keeps the tag's space.
"""
import glob
import os
import tempfile

import keras
import numpy as np
import tensorflow as tf
from tensorboard.compat.proto import event_pb2

from reference.catalogue.observed import error_of
from reference.native import lstm_weights
from reference.native.registry import counterpart

VOCAB, HIDDEN, LAYERS, BATCH, MAX_GRAD_NORM = 10, 3, 2, 4, 1.0
CELL = "Model/RNN/multi_rnn_cell/cell_{}/basic_lstm_cell/{}"
NAMES = (["Model/embedding"] + [CELL.format(i, part) for i in range(LAYERS)
                                for part in ("kernel", "bias")]
         + ["Model/softmax_w", "Model/softmax_b"])


class PTBModel(keras.Model):
    """Embedding, two stacked LSTM layers, softmax; holds the TF1 run's ``weights``."""

    def __init__(self, weights):
        super().__init__(name="Model")
        w = {name: np.float32(weights[name]) for name in NAMES}
        self.embedding = keras.layers.Embedding(VOCAB, HIDDEN, name="embedding")
        self.embedding.build((BATCH, None))
        self.embedding.set_weights([w["Model/embedding"]])
        self.cells = [lstm_weights.cell("lstm", HIDDEN, [w[CELL.format(i, "kernel")],
                                                         w[CELL.format(i, "bias")]],
                                        forget_bias=0.0, name=f"cell_{i}")
                      for i in range(LAYERS)]
        self.rnn = keras.layers.RNN(keras.layers.StackedRNNCells(self.cells),
                                    return_sequences=True, name="RNN")
        self.softmax = keras.layers.Dense(VOCAB, name="softmax")
        self.softmax.build((None, HIDDEN))
        self.softmax.set_weights([w["Model/softmax_w"], w["Model/softmax_b"]])

    def call(self, inputs):
        return self.softmax(self.rnn(self.embedding(inputs)))

    def tf1_weights(self):
        """The weights in TF1's names and layout (the forget bias taken out again: 0.0)."""
        values = [np.asarray(self.embedding.embeddings)]
        for cell in self.cells:
            values += lstm_weights.to_tf1("lstm", cell.get_weights())
        return dict(zip(NAMES, values + self.softmax.get_weights()))


@counterpart(["ptb_variables_and_first_steps"], "keras.Model of Embedding, RNN(StackedRNNCells("
             "[LSTMCell] * 2)), Dense; tf.GradientTape, tf.clip_by_global_norm and "
             "keras.optimizers.SGD(1.0) in a tf.function")
def keras_ptb_model(tf1):
    observed = tf1["ptb_variables_and_first_steps"]["basic"]
    model = PTBModel(observed["initial_weights"])
    optimizer = keras.optimizers.SGD(learning_rate=1.0)

    @tf.function
    def train_step(inputs, targets):
        with tf.GradientTape() as tape:
            losses = tf.nn.sparse_softmax_cross_entropy_with_logits(targets, model(inputs))
            cost = tf.reduce_sum(losses) / BATCH
        grads = tape.gradient(cost, model.trainable_variables)
        clipped, global_norm = tf.clip_by_global_norm(grads, MAX_GRAD_NORM)
        optimizer.apply_gradients(zip(clipped, model.trainable_variables))
        return cost, global_norm

    got = {"costs": [], "global_norms": [], "weights_after_steps": [],
           "trainable": {v.path: list(v.shape) for v in model.trainable_variables}}
    for batch in observed["batches"]:
        cost, norm = train_step(tf.constant(batch["inputs"]), tf.constant(batch["targets"]))
        got["costs"].append(float(cost))
        got["global_norms"].append(float(norm))
        got["weights_after_steps"].append(model.tf1_weights())
    return got


def _range(weights):
    return {w.path: [float(np.min(w)), float(np.max(w))] for w in weights}


def _scalar_tag(name, scope):
    """The tag a v2 ``tf.summary.scalar(name, ...)`` in ``tf.name_scope(scope)`` writes."""
    with tempfile.TemporaryDirectory() as logdir:
        writer = tf.summary.create_file_writer(logdir)
        with writer.as_default(step=0), tf.name_scope(scope):
            tf.summary.scalar(name, 1.5)
        writer.close()
        (path,) = glob.glob(os.path.join(logdir, "events.out.tfevents.*"))
        return [v.tag for record in tf.data.TFRecordDataset(path)
                for v in event_pb2.Event.FromString(record.numpy()).summary.value]


@counterpart(["ptb_notes_fragments"], "tf.device('/cpu:0') around keras.layers.Embedding; "
             "keras.initializers.RandomUniform(-init_scale, init_scale); optimizer.iterations "
             "as the global step; v2 tf.summary.scalar in a tf.name_scope")
def ptb_fragments_natively(tf1):
    scale = tf1["ptb_notes_fragments"]["init_scale"]
    uniform = [keras.initializers.RandomUniform(-scale, scale, seed=seed) for seed in range(4)]
    with tf.device("/cpu:0"):
        embedding = keras.layers.Embedding(VOCAB, HIDDEN, embeddings_initializer=uniform[0],
                                           name="embedding")
        embedding.build((BATCH, None))
    cell = keras.layers.LSTMCell(HIDDEN, kernel_initializer=uniform[1],
                                 recurrent_initializer=uniform[2], name="cell_0")
    cell.build((None, HIDDEN))
    softmax = keras.layers.Dense(VOCAB, kernel_initializer=uniform[3], name="softmax")
    softmax.build((None, HIDDEN))
    optimizer = keras.optimizers.SGD(learning_rate=1.0)
    weight = tf.Variable([1.0, 2.0])
    for _ in range(3):
        optimizer.apply_gradients([(tf.constant([0.5, 0.5]), weight)])
    return {"embedding_device": embedding.embeddings.value.device,
            "initialized_range": _range(embedding.weights + cell.weights + softmax.weights),
            "lstm_bias": np.asarray(cell.bias).tolist(),
            "get_or_create_global_step": error_of(lambda: tf.train.get_or_create_global_step),
            "iterations": [optimizer.iterations.dtype, int(optimizer.iterations)],
            "summary_tags": _scalar_tag("Training Loss", "Train")}
