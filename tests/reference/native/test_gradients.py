"""The TF2-native counterparts of reference/gradients.py against the TF1 demonstrations."""
import numpy as np

from tests.reference.native.equivalence import same

FETCH_NONE = {"raised": {"type": "TypeError", "message":
                         "Argument `fetch` = None has invalid type \"NoneType\". Cannot be None"}}


def test_a_tape_hands_back_the_int32_none_that_tf1_failed_to_fetch(native, tf1_as_recorded):
    got, tf1 = native["tape_of_int32_matmul"], tf1_as_recorded["gradients_of_int32_are_none"]
    keys = ["wrong_is_none", "right_is_none", "zero"]  # int32: None, or zeros [[0, 0]]
    for dtype in ("int32", "float32"):
        assert same(got[dtype], tf1[dtype], keys) == dict.fromkeys(keys, 0.0)
        assert tf1[dtype]["wrong"] == FETCH_NONE  # TF1: a None in the fetch list fails
    assert tf1["int32"]["right"] == FETCH_NONE
    assert (got["int32"]["wrong"], got["int32"]["right"]) == ([None, None], [None])
    assert got["float32"]["wrong"] == [[[2.0, 1.0]], None]  # TF2: the None comes back
    assert same(got["float32"], tf1["float32"], ["right"]) == {"right": 0.0}  # [[2., 1.]]


def test_output_gradients_replace_grad_ys(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["gradients_with_grad_ys"]
    assert same(native["tape_with_output_gradients"], tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_stop_gradient_under_a_tape_trains_the_same_three_steps(native, tf1_as_recorded):
    got, tf1 = native["stop_gradient_with_a_tape"], tf1_as_recorded["stop_gradient_blocks_one_path"]
    assert (tf1["train_op_returns"], got.pop("train_op_returns")) == (None, 1)  # Keras: the step
    assert got.pop("all_stopped") == {  # TF1 also names the variables and the loss
        "type": "ValueError", "message": "No gradients provided for any variable."}
    assert tf1["all_stopped"]["message"].startswith("No gradients provided for any variable, ")
    keys = ["grad_is_none", "grad_w2", "after_step", "three_steps", "e_grads"]
    assert sorted(got) == sorted(keys)
    # forward (b), gradient (grad_w2) and parameters after each of three SGD(0.1) steps
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)


def test_nested_tapes_give_second_derivatives(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["higher_order_gradients"]
    assert same(native["nested_tapes"], tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_tape_clip_and_apply_gradients_train_the_same_three_steps(native, tf1_as_recorded):
    got, tf1 = native["tape_clip_apply"], tf1_as_recorded["compute_clip_apply"]
    # the same None for the unused variable; an eager variable's name keeps its ":0"
    assert got.pop("pairs") == [[True, "w:0"], [False, "unused:0"]]
    assert tf1["pairs"] == [[True, "w"], [False, "unused"]]
    # no graph collection: the module lists its variables by attribute name, not creation
    assert got.pop("module_trainable_variables") == ["unused:0", "w:0"]
    assert tf1["trainable"] == ["w", "unused"]
    assert got.pop("apply_grandient") == {  # the notes' typo fails on Keras 3's SGD too
        "type": "AttributeError", "message": "'SGD' object has no attribute 'apply_grandient'"}
    keys = ["raw_gradient", "w_after", "three_steps"]  # loss, raw and clipped gradient, w
    assert sorted(got) == sorted(keys)
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)


def test_clip_by_global_norm_and_keras_global_clipnorm(native, tf1_as_recorded):
    got, tf1 = native["clip_by_global_norm_eager"], tf1_as_recorded["clip_by_global_norm_formula"]
    keras_clipped = {"clipped": got.pop("keras_global_clipnorm")}  # the step SGD(1.0) took
    assert same(got, tf1, tf1) == dict.fromkeys(tf1, 0.0)
    assert same(keras_clipped, tf1, ["clipped"]) == {"clipped": 0.0}


def _adam_state(slots, m_v_names):
    return {"m": [slots[name] for name in m_v_names[0::2]],
            "v": [slots[name] for name in m_v_names[1::2]]}


def test_keras_adam_takes_adamoptimizers_steps_on_the_clipped_gradients(native, tf1_as_recorded):
    got, tf1 = native["keras_adam_of_clipped_gradients"], tf1_as_recorded["clipped_adam_step"]
    # Adam(global_clipnorm=5.0) clips inside the step: the same first step
    assert got.pop("keras_global_clipnorm_after_step") == tf1["clipped"]["after_step"]
    for run in ("clipped", "unclipped"):
        mine, theirs = dict(got[run]), tf1[run]
        assert (theirs["update_returns"], mine.pop("update_returns")) == (None, 1)  # the step
        assert mine.pop("apply_grandient") == {
            "type": "AttributeError", "message": "'Adam' object has no attribute 'apply_grandient'"}
        assert mine.pop("variables") == ["iteration", "learning_rate", "w_0_momentum",
                                         "w_0_velocity", "b_0_momentum", "b_0_velocity"]
        assert theirs["variables"][2:4] == ["beta1_power", "beta2_power"]  # Keras: none
        slots = mine.pop("slots_and_powers")
        assert (slots.pop("iteration"), slots.pop("learning_rate")) == (1, 0.0010000000474974513)
        keras_state = _adam_state(slots, list(slots))
        tf1_state = _adam_state(theirs["slots_and_powers"], ["w/Adam", "w/Adam_1", "b/Adam",
                                                             "b/Adam_1"])
        # TF1 computes 1 - beta in float32: 1 - 0.9 is 0.100000024 (2.4e-7 over), 1 - 0.999 is
        # 0.0009999871 (1.3e-5 under); Keras's 0.1 and 0.001 are nearer
        for name, rtol in (("m", 3e-7), ("v", 1.4e-5)):
            for keras_slot, tf1_slot in zip(keras_state[name], tf1_state[name]):
                np.testing.assert_allclose(tf1_slot, keras_slot, rtol=rtol)
        keys = ["grads", "after_step", "three_steps"]  # loss, gradients, weights: identical
        assert sorted(mine) == sorted(keys)
        assert same(mine, theirs, keys) == dict.fromkeys(keys, 0.0)
