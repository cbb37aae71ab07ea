"""Speed changes of the PTB model (issue 9) keep its numbers: the same seed gives the losses the
code gave before them, to float rounding, in both LSTM modes."""
import dataclasses

import numpy as np
import pytest

from experiments import ptb
from reference import sequence_loss
from reference.tf1 import tf

_RNG = np.random.default_rng(3)
IDS = [0]
for _ in range(1999):  # a learnable stream: each word is 3x the last plus 0-2, modulo 50
    IDS.append(int((IDS[-1] * 3 + _RNG.integers(0, 3)) % 50))
RAW = (IDS, IDS[:400], IDS[:100], 50)
CONFIG = dataclasses.replace(ptb.CONFIGS["test"], hidden_size=16, num_layers=2, num_steps=5,
                             batch_size=4, max_epoch=1, max_max_epoch=1, max_grad_norm=5.0)
# ptb.train(CONFIG, RAW, seed=0, max_steps=10) before the speed changes (commit 0a5dc3e, with
# sparse_softmax_cross_entropy_with_logits): train, valid and test perplexity
BEFORE = {"basic": (52.11211013793945, 50.01690673828125, 48.54010009765625),
          "block": (52.107608795166016, 50.01042175292969, 48.54732894897461)}


@pytest.mark.parametrize("mode", ["basic", "block"])
def test_ten_training_steps_give_the_perplexities_of_the_code_before(mode):
    metrics = ptb.train(dataclasses.replace(CONFIG, rnn_mode=mode), RAW, log=lambda line: None,
                        seed=0, max_steps=10)
    observed = (*metrics["train_perplexity"], *metrics["valid_perplexity"],
                metrics["test_perplexity"])
    np.testing.assert_allclose(observed, BEFORE[mode], rtol=1e-5)


def test_logsumexp_cross_entropy_equals_the_fused_kernel_in_value_and_gradient():
    rng = np.random.default_rng(0)
    logits_value = (rng.standard_normal((64, 1000)) * 4).astype(np.float32)
    labels_value = rng.integers(0, 1000, 64).astype(np.int32)
    with tf.Graph().as_default():
        logits, labels = tf.constant(logits_value), tf.constant(labels_value)
        fused = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
        ours = sequence_loss.logsumexp_cross_entropy(labels, logits)
        grads = [tf.gradients(tf.reduce_sum(loss), logits)[0] for loss in (fused, ours)]
        with tf.Session() as session:
            (fused_v, ours_v), (fused_g, ours_g) = session.run([(fused, ours), grads])
    np.testing.assert_allclose(ours_v, fused_v, rtol=1e-6)
    np.testing.assert_allclose(ours_g, fused_g, atol=1e-7)
    assert ours_v.shape == (64,) and ours_v.dtype == np.float32
