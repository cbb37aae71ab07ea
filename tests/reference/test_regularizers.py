"""Regularizers (note 003): the contrib replacements, scope-level, the 'losses' network."""

import numpy as np

from reference.catalogue import registry
from tests.reference.versioned import observe


def test_l1_l2_sum_and_apply():
    assert observe("regularizer_values") == {
        "l1": 0.6000000238418579, "l2": 0.699999988079071, "sum": 1.2999999523162842,
        "keras_l2": 1.399999976158142,
        "applied": 0.6500000357627869,  # 0.1 * (1 + 2 + 3 + 0.5)
        "collected": [0.6500000357627869],
        "contrib_import": {"type": "ModuleNotFoundError",
                           "message": "No module named 'tensorflow.contrib'"},
        "contrib": {"type": "AttributeError",
                    "message": "module 'tensorflow.compat.v1' has no attribute 'contrib'"},
        # the notes' (scale, scope=None), (regularizer_list, scope=None): no scope now
        "signatures": {"l1_regularizer": "(scale)", "l2_regularizer": "(scale)",
                       "sum_regularizer": "(regularizer_list)",
                       "apply_regularization": "(regularizer, weights_list=None)"}}


def test_scope_regularizer_collects_one_entry_per_variable():
    assert observe("scope_regularizer") == {
        "names": ["var/weight/Regularizer/mul", "var2/weight/Regularizer/mul"],
        "values": [0.800000011920929, 0.800000011920929], "sum": 1.600000023841858,
        "weights": [[1.0] * 8, [1.0] * 8]}


def test_losses_collection_network():
    got = observe("losses_collection_network")
    weights = [np.array(w, np.float32) for w in got.pop("initial_weights")]
    assert [list(w.shape) for w in weights] == got["weight_shapes"]
    assert weights[0][0].tolist() == [  # random_normal under graph seed 1, the first row
        0.30520468950271606, 0.5671377778053284, 0.4185227155685425, 0.23264209926128387,
        -0.66022127866745, -2.2560465335845947, -0.5328236222267151, 1.0428433418273926,
        -0.39092299342155457, 0.8058950901031494]
    assert [w.astype(np.float64).sum() for w in weights] == [  # and every value, summed
        -3.410476230084896, 1.569907667580992, -17.486481619998813, 2.1543784588575363]
    # the same NumPy arithmetic as the demo's l2_by_numpy: these are the weights it used (both
    # in this process's terms: NumPy 1 and 2 round this float64 sum differently)
    raw = registry.observe("losses_collection_network")
    assert sum(0.001 * (np.array(w, np.float32) ** 2).sum() / 2
               for w in raw["initial_weights"]) == raw["l2_by_numpy"]
    # add_n in float32 against NumPy's sum of 0.001 * sum(w ** 2) / 2 over the four weights
    np.testing.assert_allclose(got["total"], got["mse"] + got["l2_by_numpy"], rtol=1e-5)
    assert got == {
        "entries": 5, "weight_shapes": [[2, 10], [10, 10], [10, 10], [10, 1]],
        "total": 12.702224731445312, "mse": 12.599660873413086,
        "l2_by_numpy": 0.10256396979093552}


def test_the_network_as_written_fails_line_by_line():
    assert observe("regularizers_network_as_written") == {
        "def_get_weight": {"type": "SyntaxError", "message": "invalid syntax (<notes>, line 1)"},
        "relu_line": {"type": "SyntaxError", "message": "unmatched ')' (<notes>, line 1)"},
        "mse_line": {"type": "SyntaxError",
                     "message": "invalid character '\u2013' (U+2013) (<notes>, line 1)"},
        "none": {"type": "NameError", "message": "name 'none' is not defined"},
        "shape_call": {"type": "NameError", "message": "name 'shape' is not defined"},
        "matmul_x": {  # layer 2: x [?, 2] times its [10, 10] weight
            "type": "ValueError",
            "message": "Dimensions must be equal, but are 2 and 10 for '{{node MatMul_1}} = "
                       "MatMul[T=DT_FLOAT, grad_a=false, grad_b=false, transpose_a=false, "
                       "transpose_b=false](Placeholder, Variable_2/read)' with input shapes: "
                       "[?,2], [10,10]."}}
