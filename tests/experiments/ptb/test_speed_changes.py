"""The PTB model's fast paths keep its numbers: the same seed gives the losses of the plain
graph (``tf.gradients``, the library's sparse softmax loss, ``session.run`` feeds), to float
rounding, in both LSTM modes; bfloat16 compute keeps float32 weights and loss and reaches the
float32 perplexity."""
import dataclasses

from reference.tf1 import tf

import numpy as np
import pytest

from experiments import ptb
from experiments.ptb import training
from pipelines import ptb_reader
from pipelines import synthetic_text
from reference.contrib import sequence_loss
from reference.training import callables

_RNG = np.random.default_rng(3)
IDS = [0]
for _ in range(1999):  # a learnable stream: each word is 3x the last plus 0-2, modulo 50
    IDS.append(int((IDS[-1] * 3 + _RNG.integers(0, 3)) % 50))
RAW = (IDS, IDS[:400], IDS[:100], 50)
CONFIG = dataclasses.replace(ptb.CONFIGS["test"], hidden_size=16, num_layers=2, num_steps=5,
                             batch_size=4, max_epoch=1, max_max_epoch=1, max_grad_norm=5.0)
# ptb.train(CONFIG, RAW, seed=0, max_steps=10) on the plain graph (tf.gradients,
# sparse_softmax_cross_entropy_with_logits, session.run feeds): train, valid and test
# perplexity. Block mode gives the same numbers: each of its state tensors is fed its own value
# (four state tensors sharing one `zeros` tensor would give 52.1076, 50.0104, 48.5473).
BEFORE = (52.11211013793945, 50.01690673828125, 48.54010009765625)


@pytest.mark.parametrize("mode", ["basic", "block", "fused"])
def test_ten_training_steps_give_the_perplexities_of_the_code_before(mode):
    metrics = ptb.train(dataclasses.replace(CONFIG, rnn_mode=mode), RAW, log=lambda line: None,
                        seed=0, max_steps=10)
    observed = (*metrics["train_perplexity"], *metrics["valid_perplexity"],
                metrics["test_perplexity"])
    np.testing.assert_allclose(observed, BEFORE, rtol=1e-5)


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


def test_logsumexp_cross_entropy_gradient_reuses_the_forward_exponentials():
    with tf.Graph().as_default() as graph:
        logits = tf.placeholder(tf.float32, [4, 7])
        loss = sequence_loss.logsumexp_cross_entropy(tf.constant([0, 6, 3, 3]), logits)
        forward = {op.name for op in graph.get_operations()}
        tf.gradients(tf.reduce_sum(loss), logits)
        backward = sorted(op.type for op in graph.get_operations() if op.name not in forward)
    # no Exp (the forward's are scaled), no dense UnsortedSegmentSum of the picked logits
    assert [t for t in backward if t in ("Exp", "UnsortedSegmentSum", "AddN")] == []
    assert backward.count("TensorScatterSub") == 1 and backward.count("Mul") == 1


def test_bfloat16_keeps_float32_weights_and_loss_and_runs_the_matmuls_in_bfloat16():
    config = dataclasses.replace(CONFIG, compute_dtype="bfloat16")
    with tf.Graph().as_default() as graph:
        train, _, _ = ptb.build_models(config, RAW)
        variables = {v.op.name: v.dtype.base_dtype.name for v in tf.global_variables()}
        matmuls = {op.inputs[0].dtype.name for op in graph.get_operations()
                   if op.type == "MatMul" and op.name.startswith("Train/Model/")}
    assert set(variables.values()) == {"float32", "int64"}  # int64: the global step
    assert matmuls == {"bfloat16"}
    assert (train.cost.dtype, train.final_state[0].c.dtype) == (tf.float32, tf.bfloat16)


def test_bfloat16_training_reaches_the_float32_perplexity_within_2_percent(tmp_path):
    spec = synthetic_text.SourceSpec(vocab_size=200, num_classes=8, successors=3,
                                     train_words=20_000, valid_words=3000, test_words=1000, seed=5)
    raw = ptb_reader.ptb_raw_data(synthetic_text.write_corpus(spec, cache_dir=str(tmp_path))[0])
    config = dataclasses.replace(ptb.CONFIGS["test"], hidden_size=32, num_steps=10, batch_size=10,
                                 max_epoch=2, max_max_epoch=3, max_grad_norm=5.0)
    fp32, bf16 = (ptb.train(dataclasses.replace(config, compute_dtype=dtype), raw, seed=0,
                            log=lambda line: None) for dtype in ("float32", "bfloat16"))
    # measured: valid 37.155, 33.452, 31.224 (fp32) and 37.203, 33.458, 31.215 (bf16 training,
    # evaluated in fp32); test 29.917 and 29.902
    assert fp32["valid_perplexity"][-1] < 0.9 * fp32["valid_perplexity"][0]  # it learns
    for key in ("valid_perplexity", "test_perplexity"):
        a, b = np.ravel(fp32[key])[-1], np.ravel(bf16[key])[-1]
        assert abs(b - a) / a < 0.02


def test_bfloat16_with_block_mode_is_a_config_error():
    with pytest.raises(ValueError) as error:
        dataclasses.replace(CONFIG, compute_dtype="bfloat16", rnn_mode="block")
    assert str(error.value) == ("bfloat16 needs rnn_mode basic or fused (BlockLSTM has no "
                                "bfloat16 kernel) and excludes use_fp16")


def test_speed_line_counts_the_words_after_the_first_batch(monkeypatch):
    # a fake clock: the first batch (kernel set-up) takes 5 s, every later one 0.5 s
    clock = [100.0]
    monkeypatch.setattr(training, "time",
                        type("Clock", (), {"time": staticmethod(lambda: clock[0])}))
    real_step_function = callables.step_function

    def timed_step_function(session, fetches, feeds):
        run = real_step_function(session, fetches, feeds)

        def step(*values):
            clock[0] += 5.0 if clock[0] == 100.0 else 0.5
            return run(*values)
        return step
    monkeypatch.setattr(callables, "step_function", timed_step_function)
    lines = []
    with tf.Graph().as_default():
        tf.set_random_seed(0)
        model, _, _ = ptb.build_models(CONFIG, RAW, max_steps=21)
        with tf.train.Supervisor(logdir=None, summary_op=None).managed_session() as session:
            ptb.run_epoch(session, model, eval_op=model.train_op, log=lines.append)
    # 21 batches of 4 x 5 words, a line every 2 batches from the first: at the first batch its
    # own 20 words over 5 s, later the words after it over their 0.5 s each (40 wps; counting
    # the first batch as the tutorial did would give 140 / 8 = 17.5 wps at batch 7 instead)
    assert [line.split(" speed: ")[1] for line in lines] == ["4 wps"] + ["40 wps"] * 10
    assert [line.split(" ")[0] for line in lines] == ["%.3f" % (s / 21) for s in range(0, 21, 2)]
