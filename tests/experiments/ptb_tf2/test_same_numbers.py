"""The Keras PTB model computes what the TF1 graph computes, from the same weights and batches.

TF1 (this process) initializes the graph with a seed, saves that checkpoint, and trains 5
batches in basic and in block mode from it; the TF2 child loads the same checkpoint into the
Keras model (``convert.read``) and trains the same 5 batches of ``ptb_dataset``. Compared: the
5 per-batch costs, the final state (c and h of both layers) and the weights after the 5 steps.
"""
import dataclasses

from reference.tf1 import tf

import numpy as np
import pytest

from experiments import ptb
from pipelines import runner
from tests.experiments.ptb_tf2 import jobs

STEPS = 5
VOCAB = 30
TRAIN = [(i * i + 3 * i) % VOCAB for i in range(400)]
RAW = (TRAIN, TRAIN[:100], TRAIN[:50], VOCAB)
CONFIG = dataclasses.replace(ptb.CONFIGS["test"], num_layers=2, hidden_size=8, num_steps=5,
                             batch_size=4, vocab_size=VOCAB)
# float32 kernels in another order (one matmul over [x, h] vs two; gates split differently;
# sparse softmax cross-entropy vs logsumexp): measured on 2.21 (basic and block alike), at most
# 2.23e-7 relative on the costs (2 units in the last place), 1.5e-8 absolute on the state and
# 6.0e-8 on the weights.
COST_RTOL, STATE_ATOL, WEIGHT_ATOL = 1e-6, 1e-7, 3e-7


def _tf1_steps(checkpoint_dir, rnn_mode):
    """Basic mode writes the seeded initial checkpoint; block mode restores it. Both train."""
    config = dataclasses.replace(CONFIG, rnn_mode=rnn_mode)
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(7)
        m, _, _ = ptb.build_models(config, RAW)
        saver = tf.train.Saver()
        costs = []
        with runner.QueueSession(graph) as run:
            session = run.session
            prefix = str(checkpoint_dir / "model.ckpt-0")
            if rnn_mode == ptb.BASIC:
                saver.save(session, prefix)
            else:
                saver.restore(session, prefix)
            m.assign_lr(session, config.learning_rate_at(0))
            state = session.run(m.initial_state)
            for _ in range(STEPS):
                feed = {t: v for pair, values in zip(m.initial_state, state)
                        for t, v in zip(pair, values)}
                vals = session.run({"cost": m.cost, "state": m.final_state, "op": m.train_op},
                                   feed)
                costs.append(float(vals["cost"]))
                state = vals["state"]
            weights = {v.op.name: session.run(v) for v in tf.trainable_variables()}
    return {"costs": costs, "final_state": [[layer.c, layer.h] for layer in state],
            "weights": weights, "checkpoint": prefix}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    directory = tmp_path_factory.mktemp("same_numbers")
    tf1 = {mode: _tf1_steps(directory, mode) for mode in (ptb.BASIC, ptb.BLOCK)}
    config = {k: v for k, v in dataclasses.asdict(CONFIG).items()}
    [tf2] = jobs.in_tf2_child(directory, [{"steps": STEPS, "checkpoint": tf1["basic"]
                                              ["checkpoint"], "config": config,
                                              "train": TRAIN}])
    return tf1, tf2


@pytest.mark.parametrize("mode", [ptb.BASIC, ptb.BLOCK])
def test_five_steps_give_the_same_costs(runs, mode):
    tf1, tf2 = runs
    np.testing.assert_allclose(tf2["costs"], tf1[mode]["costs"], rtol=COST_RTOL, atol=0)
    assert tf1[mode]["costs"][0] == pytest.approx(CONFIG.num_steps * np.log(VOCAB), rel=0.01)


@pytest.mark.parametrize("mode", [ptb.BASIC, ptb.BLOCK])
def test_the_final_state_is_the_same(runs, mode):
    tf1, tf2 = runs
    assert np.shape(tf2["final_state"]) == (2, 2, CONFIG.batch_size, CONFIG.hidden_size)
    np.testing.assert_allclose(tf2["final_state"], tf1[mode]["final_state"], rtol=0,
                               atol=STATE_ATOL)


@pytest.mark.parametrize("mode", [ptb.BASIC, ptb.BLOCK])
def test_the_weights_after_five_steps_are_the_same(runs, mode):
    tf1, tf2 = runs
    assert sorted(tf2["weights"]) == sorted(tf1[mode]["weights"])
    for name, value in tf1[mode]["weights"].items():
        np.testing.assert_allclose(tf2["weights"][name], value, rtol=0, atol=WEIGHT_ATOL,
                                   err_msg=name)
