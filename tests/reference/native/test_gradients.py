"""The TF2-native counterparts of reference/gradients.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


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
