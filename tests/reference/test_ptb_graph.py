"""The PTB model's checkpoint variables and first losses, basic and block (note 003 PTBModel)."""
import math

from tests.reference.versioned import observe

LAYERS = {f"Model/RNN/multi_rnn_cell/cell_{i}/basic_lstm_cell/{part}": shape
          for i in range(2) for part, shape in [("bias", [12]), ("kernel", [6, 12])]}


def test_both_modes_hold_the_same_variables_and_give_the_same_first_losses():
    got = observe("ptb_variables_and_first_steps")
    expected = {
        "trainable": {**LAYERS,  # kernel [embedding 3 + hidden 3, 4 gates * 3]
                      "Model/embedding": [10, 3], "Model/softmax_b": [10],
                      "Model/softmax_w": [3, 10]},
        "others": ["Train/Model/learning_rate", "global_step"],
        "costs": [11.521594047546387, 13.543322563171387, 11.423044204711914]}
    assert got == {"basic": expected, "block": expected}
    assert abs(got["basic"]["costs"][0] - 5 * math.log(10)) < 0.01  # 5 words near uniform
