"""The attention arithmetic of note 003's ``attention_decoder``, written as the notes write it.

Reproduces: note 003 "tf.nn.attention_decoder()" (formulas (1)-(3) and the listing under
them): the encoder outputs reshaped to ``[batch, attn_length, 1, attn_size]``, ``W1 h_i`` as a
1x1 ``conv2d`` by ``AttnW_0``, ``W2 d_t`` as ``linear(query, attn_size, True)``, the scores
``reduce_sum(v * tanh(...), [2, 3])``, ``a = softmax(s)`` and the context
``d = reduce_sum(a * hidden, [1, 2])``. One head, fixed weights
(``reference.catalogue.inputs.attention_arrays``), so the TF2 counterpart sees the same numbers.
"""
from reference.tf1 import tf

from reference.catalogue import inputs
from reference.catalogue.registry import demo
from reference.catalogue.registry import fresh_session


@demo('003 "tf.nn.attention_decoder()": u_i = v^T tanh(W1 h_i + W2 d_t), a = softmax(u), '
      "d' = sum_i a_i h_i",
      ["the 1x1 conv2d of hidden [batch, attn_length, 1, attn_size] by AttnW_0 [1, 1, attn_size, "
       "attn_size] is the matmul W1 h_i at every position",
       "the scores s and the weights a are [batch, attn_length]; a sums to 1 in every row",
       "the context d is [batch, attn_size], sum_i a_i h_i (formula (3))"])
def attention_decoder_arithmetic():
    arrays = inputs.attention_arrays()
    _, length, size = arrays["attention_states"].shape
    with fresh_session() as session:
        hidden = tf.reshape(arrays["attention_states"], [-1, length, 1, size])
        kernel = tf.reshape(arrays["w1"], [1, 1, size, size])
        features = tf.nn.conv2d(hidden, kernel, [1, 1, 1, 1], "SAME")
        y = tf.matmul(arrays["query"], arrays["w2"]) + arrays["bias"]  # linear(query, size, True)
        y = tf.reshape(y, [-1, 1, 1, size])
        scores = tf.reduce_sum(arrays["v"] * tf.tanh(features + y), [2, 3])
        weights = tf.nn.softmax(scores)
        context = tf.reshape(tf.reduce_sum(tf.reshape(weights, [-1, length, 1, 1]) * hidden,
                                           [1, 2]), [-1, size])
        fetches = {"conv2d_features": tf.squeeze(features, 2),
                   "matmul_features": tf.tensordot(arrays["attention_states"], arrays["w1"], 1),
                   "weights": weights, "weight_sums": tf.reduce_sum(weights, 1),
                   "context": context}
        got = session.run(fetches)
        got["shapes"] = {name: t.shape.as_list() for name, t in
                         [("hidden", hidden), ("features", features), ("scores", scores),
                          ("weights", weights), ("context", context)]}
    return got
