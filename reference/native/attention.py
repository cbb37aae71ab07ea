"""Note 003's ``attention_decoder`` arithmetic the TF2 way: Keras 3 ``AdditiveAttention``.

Replaces ``reference/attention.py``. ``keras.layers.AdditiveAttention`` computes
``sum(scale * tanh(query + key))``, a softmax over the keys and the weighted sum of the values:
the note's ``v^T tanh(W1 h_i + W2 d_t)`` once the key is ``W1 h_i`` (``tf.einsum``, the 1x1
``conv2d``), the query ``W2 d_t + b`` (one step, ``[batch, 1, size]``), the value ``h_i`` and
the layer's ``scale`` weight holds ``v``.
"""
import keras
import tensorflow as tf

from reference.catalogue import inputs
from reference.native.registry import counterpart


@counterpart(["attention_decoder_arithmetic"], "keras.layers.AdditiveAttention(use_scale=True) "
             "over tf.einsum keys W1 h_i, its scale holding v")
def additive_attention_keras3(tf1):
    arrays = inputs.attention_arrays()
    states = tf.constant(arrays["attention_states"])
    keys = tf.einsum("bts,sk->btk", states, arrays["w1"])
    query = (tf.matmul(arrays["query"], arrays["w2"]) + arrays["bias"])[:, None, :]
    layer = keras.layers.AdditiveAttention(use_scale=True)
    layer.build([query.shape, states.shape, keys.shape])
    layer.scale.assign(arrays["v"])
    context, weights = layer([query, states, keys], return_attention_scores=True)
    weights = weights[:, 0]
    return {"matmul_features": keys.numpy(), "weights": weights.numpy(),
            "weight_sums": tf.reduce_sum(weights, 1).numpy(), "context": context[:, 0].numpy()}
