"""PTBModel graph facts: variable names and sharing, shapes, basic == block, exact perplexities."""
import dataclasses

from reference.tf1 import tf

import numpy as np
import pytest

from experiments import ptb
from experiments.ptb import training

VOCAB = 10
IDS = [i * 7 % VOCAB for i in range(200)]
RAW = (IDS, IDS[:100], IDS[:30], VOCAB)
CONFIG = dataclasses.replace(ptb.CONFIGS["test"], num_layers=2, hidden_size=3, batch_size=4,
                             num_steps=5, vocab_size=VOCAB)
MODES = [ptb.BASIC, ptb.BLOCK, ptb.FUSED]


def _variables(collection):
    return sorted(v.name for v in tf.get_collection(collection))


@pytest.mark.parametrize("mode", MODES)
def test_output_and_state_shapes(graph, mode):
    m, mvalid, mtest = ptb.build_models(dataclasses.replace(CONFIG, rnn_mode=mode), RAW)
    for model, batch in [(m, 4), (mvalid, 4), (mtest, 1)]:
        assert model.cost.shape.as_list() == []
        assert len(model.final_state) == 2
        for layer in model.final_state:
            assert layer.c.shape.as_list() == [batch, 3] and layer.h.shape.as_list() == [batch, 3]
    assert (m.input.epoch_size, mvalid.input.epoch_size, mtest.input.epoch_size) == (9, 4, 29)
    assert m.train_op is not None and mvalid.train_op is None and mtest.lr is None


@pytest.mark.parametrize("mode", MODES)
def test_each_state_tensor_is_fed_its_own_value(graph, mode):
    m, _, _ = ptb.build_models(dataclasses.replace(CONFIG, rnn_mode=mode), RAW)
    names = [t.name for pair in m.initial_state for t in pair]
    # c and h of two layers; block mode once used one zeros tensor for all four, and feeding
    # the state back fed that tensor the last value (the top layer's h) everywhere
    assert len(set(names)) == len(names) == 4


@pytest.mark.parametrize("mode", [ptb.BLOCK, ptb.FUSED])
def test_basic_and_the_layer_wise_modes_give_the_same_loss_and_state_for_the_same_weights(
        session, mode):
    config = dataclasses.replace(CONFIG, init_scale=0.5)
    initializer = tf.random_uniform_initializer(-0.5, 0.5, seed=1)
    input_ = ptb.PTBInput(config, IDS, name="Input")
    with tf.variable_scope("Model", initializer=initializer):  # block creates the variables
        block = ptb.PTBModel(False, dataclasses.replace(config, rnn_mode=mode), input_)
    with tf.variable_scope("Model", reuse=True):  # basic reuses them (as a Valid model does)
        basic = ptb.PTBModel(False, dataclasses.replace(config, rnn_mode=ptb.BASIC), input_)
    session.run(tf.global_variables_initializer())
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(session, coord=coord)
    costs_b, costs_k, (state_b, state_k) = [], [], (None, None)
    for _ in range(3):
        cb, ck, state_b, state_k = session.run(
            [basic.cost, block.cost, basic.final_state, block.final_state])
        costs_b.append(cb)
        costs_k.append(ck)
    coord.request_stop()
    coord.join(threads)
    np.testing.assert_allclose(costs_k, costs_b, rtol=1e-6)
    np.testing.assert_allclose(np.array(state_k), np.array(state_b), atol=1e-6)
    assert costs_b[0] != costs_b[1]  # different batches, different losses: the check has teeth


@pytest.mark.parametrize("mode", MODES)
def test_zero_weights_give_perplexity_equal_to_vocab_size(mode):
    # init_scale 0 and learning rate 0: every logit is 0, each word costs ln(10)
    config = dataclasses.replace(CONFIG, rnn_mode=mode, init_scale=0.0, learning_rate=0.0)
    metrics = ptb.train(config, RAW, log=lambda line: None)
    np.testing.assert_allclose(metrics["train_perplexity"], [10.0], rtol=1e-5)
    np.testing.assert_allclose(metrics["valid_perplexity"], [10.0], rtol=1e-5)
    assert metrics["test_perplexity"] == pytest.approx(10.0, rel=1e-5)
    assert metrics["global_step"] == 9


@pytest.mark.parametrize("mode", MODES)
def test_fp16_builds_half_precision_variables_and_trains(graph, mode):
    config = dataclasses.replace(CONFIG, rnn_mode=mode, use_fp16=True)
    m, _, _ = ptb.build_models(config, RAW)
    assert {v.dtype.base_dtype for v in tf.trainable_variables()} == {tf.float16}
    assert m.cost.dtype == tf.float16
    metrics = ptb.train(dataclasses.replace(config, init_scale=0.0, learning_rate=0.0), RAW,
                        log=lambda line: None)
    # ln(10) in float16 is 2.3027: the perplexity is 10 to half precision
    np.testing.assert_allclose(metrics["valid_perplexity"], [10.0], rtol=2e-3)


def test_too_little_data_is_a_build_time_error(graph):
    with pytest.raises(ValueError, match=r"TestInput: 5 words are too few for batch_size=4 and "
                                         r"num_steps=5"):
        ptb.PTBInput(CONFIG, list(range(5)), name="TestInput")


def test_config_validation_names_the_field():
    with pytest.raises(ValueError, match=r"keep_prob must be in \(0, 1\], got 0.0"):
        dataclasses.replace(CONFIG, keep_prob=0.0)
    with pytest.raises(ValueError, match=r"rnn_mode must be basic, block or fused, got 'fast'"):
        dataclasses.replace(CONFIG, rnn_mode="fast")
    with pytest.raises(ValueError, match=r"rnn_mode must be basic, block or fused, got 'cudnn'"):
        dataclasses.replace(CONFIG, rnn_mode="cudnn")  # no GPU here to build or test it on


def test_learning_rate_schedule_holds_then_decays():
    config = dataclasses.replace(CONFIG, learning_rate=1.0, max_epoch=2, lr_decay=0.5)
    assert [config.learning_rate_at(epoch) for epoch in range(5)] == [1.0, 1.0, 0.5, 0.25, 0.125]


def _notes_progress_step(step, epoch_size):
    return step % (epoch_size // 10) == 10  # the notes' run_epoch


def test_progress_lines_come_where_the_notes_rule_divides_by_zero_or_never_fires():
    with pytest.raises(ZeroDivisionError, match="integer modulo by zero"):
        _notes_progress_step(0, 9)  # 9 // 10 == 0: the test config's epoch of 9 steps
    assert [s for s in range(9) if training._progress_step(s, 9)] == list(range(9))
    # epoch_size 100: step % 10 is never 10, nor for any epoch_size under 110
    assert not any(_notes_progress_step(s, n) for n in range(10, 110) for s in range(n))
    assert [s for s in range(100) if training._progress_step(s, 100)] == list(range(0, 100, 10))
    # from 110 on the two rules agree: epoch_size 200 reports steps 10, 30, ..., 190
    assert [s for s in range(200) if training._progress_step(s, 200)] == [
        s for s in range(200) if _notes_progress_step(s, 200)] == list(range(10, 200, 20))


def test_tutorial_configs_are_kept():
    small, medium, large = (ptb.CONFIGS[name] for name in ("small", "medium", "large"))
    assert (small.hidden_size, small.num_steps, small.max_max_epoch, small.keep_prob) == (
        200, 20, 13, 1.0)
    assert (medium.hidden_size, medium.num_steps, medium.max_max_epoch, medium.keep_prob) == (
        650, 35, 39, 0.5)
    assert (large.hidden_size, large.max_grad_norm, large.max_max_epoch, large.keep_prob) == (
        1500, 10.0, 55, 0.35)


def _first_cost(mode, seed, save=None, restore=None):
    """The first Valid-model cost in ``mode``; the weights saved to or restored from a path."""
    with tf.Graph().as_default():
        tf.set_random_seed(seed)
        _, mvalid, _ = ptb.build_models(dataclasses.replace(CONFIG, rnn_mode=mode,
                                                            init_scale=0.5), RAW)
        saver = tf.train.Saver()
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            if restore:
                saver.restore(session, restore)
            if save:
                saver.save(session, save)
            coord = tf.train.Coordinator()
            threads = tf.train.start_queue_runners(session, coord=coord)
            cost = session.run(mvalid.cost)
            coord.request_stop()
            coord.join(threads)
    return cost


@pytest.mark.parametrize("mode", [ptb.BLOCK, ptb.FUSED])
def test_a_basic_checkpoint_restores_in_the_other_modes_with_its_losses(tmp_path, mode):
    prefix = str(tmp_path / "basic.ckpt")
    basic = _first_cost(ptb.BASIC, seed=0, save=prefix)
    restored = _first_cost(mode, seed=1, restore=prefix)
    assert restored == pytest.approx(basic, rel=1e-6)
    own = _first_cost(mode, seed=1)  # the weights the seed gives, not the checkpoint's
    assert abs(own - basic) > 1e-3  # 0.0064 measured, 500 times the restore's tolerance
