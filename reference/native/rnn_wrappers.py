"""The contrib cell wrappers the TF2 way: Keras layers before and after the RNN layer.

Replaces ``reference/rnn_wrappers.py``. ``OutputProjectionWrapper(cell, n)`` becomes a
``keras.layers.Dense(n)`` on the RNN layer's sequence (Dense maps the last axis of every step),
``InputProjectionWrapper(cell, num_proj)`` a ``Dense(num_proj)`` before it, and
``EmbeddingWrapper`` a ``keras.layers.Embedding`` before it; as with the wrappers, the state
is the cell's. ``LSTMCell(num_proj=...)`` has no Keras 3 counterpart (``LSTMCell`` rejects the
argument; ``reference/native/rnn_cells.py`` shows a custom cell with a projection).
``DropoutWrapper(cell, input_keep_prob)`` is a Keras cell's own ``dropout`` (its inputs, in
training): one mask per sequence, used at every step, where TF1 draws one per step.
"""
import keras
import numpy as np
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native import lstm_weights
from reference.native.registry import counterpart

WRAPPER = "out/rnn/output_projection_wrapper"  # TF1's variable names, for the gradients


def _paths(*layers):
    return {w.path: list(w.shape) for layer in layers for w in layer.weights}


@counterpart(["projection_wrappers"], "keras.layers.Dense after (and before) keras.layers.RNN;"
             " tf.GradientTape")
def dense_around_the_rnn(tf1):
    observed = tf1["projection_wrappers"]["output_projection"]
    names = [f"{WRAPPER}/{name}" for name in ("basic_rnn_cell/kernel", "basic_rnn_cell/bias",
                                              "output_projection/kernel",
                                              "output_projection/bias")]
    cell_kernel, cell_bias, kernel, bias = (np.float32(observed["weights"][n]) for n in names)
    x = tf.constant(np.linspace(-1, 1, 2 * 3 * 2, dtype=np.float32).reshape(2, 3, 2))
    cell = lstm_weights.cell("rnn", 3, [cell_kernel, cell_bias], name="basic_rnn_cell")
    rnn = keras.layers.RNN(cell, return_sequences=True, name="rnn")
    dense = keras.layers.Dense(5, name="output_projection")
    dense.build((None, None, 3))  # [batch, time, cell output]: one projection per step
    dense.set_weights([kernel, bias])
    with tf.GradientTape() as tape:
        cell_outputs = rnn(x)
        outputs = dense(cell_outputs)
        loss = tf.reduce_sum(outputs)
    grads = tape.gradient(loss, [*cell.trainable_weights, dense.kernel, dense.bias])
    tf1_grads = lstm_weights.to_tf1("rnn", grads[:3]) + [g.numpy() for g in grads[3:]]
    got = {"output_projection": {
        "output_size": dense.units, "state_size": cell.state_size, "outputs": outputs.numpy(),
        "dense_of_cell_output": cell_outputs.numpy() @ kernel + bias,
        "gradients": dict(zip(names, tf1_grads)), "keras_variables": _paths(rnn, dense)}}
    projection = keras.layers.Dense(4, name="input_projection")
    gru = keras.layers.RNN(keras.layers.GRUCell(3, reset_after=False, name="gru_cell"),
                           name="gru")
    output = gru(projection(tf.zeros([2, 3, 2])))
    got["input_projection"] = {"output_size": output.shape[-1],
                               "keras_variables": _paths(projection, gru)}
    return dict(got, lstm_num_proj=error_of(keras.layers.LSTMCell, 3, num_proj=5))


@counterpart(["embedding_wrapper"], "keras.layers.Embedding before keras.layers.RNN(LSTMCell);"
             " tf.GradientTape (the embedding's IndexedSlices made dense)")
def embedding_layer_then_rnn(tf1):
    observed = tf1["embedding_wrapper"]
    names = [f"rnn/embedding_wrapper/{name}" for name in ("embedding", "basic_lstm_cell/kernel",
                                                          "basic_lstm_cell/bias")]
    table, kernel, bias = (np.float32(observed["weights"][n]) for n in names)
    ids = tf.constant([[1, 4, 4], [0, 9, 2]])  # TF1's [batch, time, 1] without the last axis
    embedding = keras.layers.Embedding(10, 3, name="embedding")
    embedding.build(ids.shape)
    embedding.set_weights([table])
    cell = lstm_weights.cell("lstm", 4, [kernel, bias], name="lstm_cell")
    rnn = keras.layers.RNN(cell, return_sequences=True, name="rnn")
    with tf.GradientTape() as tape:
        outputs = rnn(embedding(ids))
        loss = tf.reduce_sum(outputs)
    grads = tape.gradient(loss, [embedding.embeddings, *cell.trainable_weights])
    tf1_grads = [tf.convert_to_tensor(grads[0]).numpy(), *lstm_weights.to_tf1("lstm", grads[1:])]
    return {"outputs": outputs.numpy(), "cell_on_rows": rnn(tf.gather(table, ids)).numpy(),
            "gradients": dict(zip(names, tf1_grads)),
            "embedding_gradient_type": type(grads[0]).__name__,
            "embedding_device": embedding.embeddings.value.device,
            "keras_variables": _paths(embedding, rnn)}


@counterpart(["dropout_wrapper_input_keep_prob"], "keras.layers.SimpleRNNCell(dropout=0.5, seed) "
             "in keras.layers.RNN(...)(x, training=True); no DropoutWrapper under Keras 3")
def cell_input_dropout(tf1):
    cell = keras.layers.SimpleRNNCell(2, activation=None, dropout=0.5, seed=5)  # both 0 and 2
    cell.build((None, 2))
    cell.set_weights([np.eye(2, dtype=np.float32), np.zeros([2, 2], np.float32),
                      np.zeros([2], np.float32)])  # output = dropped x
    outputs = keras.layers.RNN(cell, return_sequences=True)(tf.ones([2, 3, 2]), training=True)
    return {"outputs": outputs.numpy(),
            "wrapper_under_keras_3": error_of(getattr, tf.compat.v1.nn.rnn_cell,
                                              "DropoutWrapper"),
            "keras_variables": _paths(cell)}
