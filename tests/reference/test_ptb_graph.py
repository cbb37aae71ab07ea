"""The PTB model's checkpoint variables and first losses, basic and block (note 003 PTBModel)."""
import math

import numpy as np

from tests.reference.versioned import observe

IDS = [i * 7 % 10 for i in range(200)]  # reference/ptb_graph.py's corpus

LAYERS = {f"Model/RNN/multi_rnn_cell/cell_{i}/basic_lstm_cell/{part}": shape
          for i in range(2) for part, shape in [("bias", [12]), ("kernel", [6, 12])]}


def test_both_modes_observe_their_weights_batches_and_steps():
    got = observe("ptb_variables_and_first_steps")
    rng = np.random.default_rng(0)  # load_uniform_weights(session, seed=0, scale=0.5) loads
    rng.uniform(-0.5, 0.5, [])  # global_step first (created first), then the trainables
    initial = got["basic"]["initial_weights"]
    assert initial == {name: rng.uniform(-0.5, 0.5, np.shape(value)).astype(np.float32).tolist()
                       for name, value in initial.items()}
    assert {k: list(np.shape(v)) for k, v in initial.items()} == {
        k: v for k, v in got["basic"]["trainable"].items()}
    data = np.array(IDS).reshape(4, 50)  # ptb_producer: 4 rows, windows of 5, y shifted by 1
    batches = [{"inputs": data[:, 5 * i:5 * i + 5].tolist(),
                "targets": data[:, 5 * i + 1:5 * i + 6].tolist()} for i in range(3)]
    for mode in ("basic", "block"):
        assert got[mode]["initial_weights"] == initial and got[mode]["batches"] == batches
    assert "weights_after_steps" not in got["basic"]  # block's only: see the demo
    steps = got["block"]["weights_after_steps"]
    assert [list(w) for w in steps] == [list(initial)] * 3
    assert steps[2]["Model/softmax_b"] == [
        -0.40745264291763306, 0.3530329167842865, -0.33021262288093567, -0.28503280878067017,
        0.430375337600708, 0.15368084609508514, -0.2916680872440338, 0.24516883492469788,
        0.41716134548187256, -0.33294352889060974]
    # lr 1.0: the first update, -clip(gradient), moves softmax_b most (0.97 of the norm 1)
    update = np.float32(initial["Model/softmax_b"]) - np.float32(steps[0]["Model/softmax_b"])
    assert 0.97 < np.linalg.norm(update) < 0.98


def test_both_modes_hold_the_same_variables_and_give_the_same_first_losses():
    got = observe("ptb_variables_and_first_steps")
    for mode in got.values():  # test above
        for key in ("initial_weights", "batches", "weights_after_steps"):
            mode.pop(key, None)
    expected = {
        "trainable": {**LAYERS,  # kernel [embedding 3 + hidden 3, 4 gates * 3]
                      "Model/embedding": [10, 3], "Model/softmax_b": [10],
                      "Model/softmax_w": [3, 10]},
        "others": ["Train/Model/learning_rate", "global_step"],
        "costs": [11.521594047546387, 13.543322563171387, 11.423044204711914]}
    assert got == {"basic": expected, "block": expected}
    assert abs(got["basic"]["costs"][0] - 5 * math.log(10)) < 0.01  # 5 words near uniform


CONTRIB_GONE = {"type": "AttributeError",
                "message": "module 'tensorflow.compat.v1' has no attribute 'contrib'"}


def test_the_notes_ptb_fragments_placement_initializer_global_step_and_summaries():
    got = observe("ptb_notes_fragments")
    names = sorted(["Model/embedding", "Model/softmax_w", "Model/softmax_b", *LAYERS])
    # with tf.device("/cpu:0"): embedding = get_variable(...); embedding_lookup(...)
    assert got["devices"] == {name: "/device:CPU:0" if name == "Model/embedding" else ""
                              for name in names}
    assert got["embedding_lookup_device"] == "/device:CPU:0"
    # variable_scope("Model", initializer=random_uniform_initializer(-0.1, 0.1))
    assert got["init_scale"] == 0.1 and sorted(got["initialized_range"]) == names
    for name, (low, high) in got["initialized_range"].items():
        if name.endswith("basic_lstm_cell/bias"):
            assert [low, high] == [0.0, 0.0]  # the cell's own zeros initializer wins
        else:
            assert -0.1 <= low < high <= 0.1
    assert got["initialized_range"]["Model/embedding"] == [-0.09859156608581543,
                                                           0.09321845322847366]
    assert got["contrib_framework"] == got["contrib_scalar_summary"] == CONTRIB_GONE
    assert got["global_step"] == {"name": "global_step:0", "dtype": "int64",
                                  "collection": ["global_step:0"], "second_call_is_it": True}
    # scalar_summary("Training Loss", m.cost) / ("Learning Rate", m.lr) /
    # ("Validation Loss", mvalid.cost), each as tf.summary.scalar in its phase's name scope
    assert got["summary_tags"] == {
        **{f"{phase}/{phase}Input/input_producer/fraction_of_32_full":
           f"{phase}/{phase}Input/input_producer/fraction_of_32_full"
           for phase in ("Train", "Valid", "Test")},
        "Train/Training_Loss": "Train/Training_Loss", "Train/Learning_Rate": "Train/Learning_Rate",
        "Valid/Validation_Loss": "Valid/Validation_Loss"}
    assert got["raw_scalar_summary_tag"] == "Training Loss"
