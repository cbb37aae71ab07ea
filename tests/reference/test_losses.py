"""Losses with the notes' numbers (notes 001 and 003 cross-entropy sections, nce, sequence loss)."""
import math

import numpy as np

from tests.reference.versioned import observe


def test_softmax_cross_entropy_matches_the_notes():
    assert observe("softmax_cross_entropy") == {
        "softmax": [0.09003057330846786, 0.2447284758090973, 0.6652409434318542],
        "by_hand": 1.2228178977966309, "one_step": 1.2228178977966309,  # notes: 1.22282, 1.2228
        "positional": 18.92600440979004,  # labels and logits swapped by the positional call
        "v2_per_row": [0.40760594606399536] * 3,
        # no "第三步是求一个平均": one loss per row; the float32 mean of three is 1 ulp above
        "per_row": [0.40760594606399536] * 3, "mean": 0.40760597586631775,
        "dim_last": [0.40760594606399536] * 3,  # dim=-1 (the last axis) still accepted
        "sparse_same_class": [0.40760594606399536] * 3,  # one-hot [0, 0, 1] is class 2
        "signature": "(labels=None, logits=None, dim=-1, name=None, axis=None)"}


def test_soft_labels_and_the_unscaled_logits_mistake():
    assert observe("soft_and_sparse_labels") == {
        "result1": [1.4143688678741455, 1.6642545461654663],  # notes: 1.41436887 1.66425455
        "result2": [1.4143688678741455, 1.6642545461654663],
        "result3": [1.1718578338623047, 1.175714135169983],  # notes: 1.17185783 1.17571414
        "sparse": [0.4643687903881073, 0.17425453662872314],  # notes: 0.46436879 0.17425454
        "one_hot_dense": [0.4643687903881073, 0.17425453662872314],  # == sparse, exactly
        "sparse_positional": {"type": "ValueError", "message": (  # (logits, labels) swapped
            "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
            "labels.shape=(2, 3) of rank 2 and logits.shape=(2,) of rank 1")},
        "echo_positional": {"type": "ValueError", "message": (  # echo RNN: [5, 2] and [5]
            "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
            "labels.shape=(5, 2) of rank 2 and logits.shape=(5,) of rank 1")},
        "sparse_shape_dtype": [[2], "float32"],
        "sparse_signature": "(labels=None, logits=None, name=None)"}  # no _sentinel


def test_softmax_cross_entropy_checks_shapes_and_dtypes_but_not_distributions():
    got = observe("softmax_cross_entropy_checks")
    # log softmax([1, 2, 3]) = [-2.40761, -1.40761, -0.40761]: 0.5 * 4.22282 = 2.11141
    assert abs(got["not_distribution"][0] - 0.5 * (2.4076059 + 1.4076059 + 0.4076059)) <= 1e-6
    assert got == {
        "shape_mismatch": {"type": "ValueError", "message": (
            "Dimensions must be equal, but are 3 and 2 for "
            "'{{node softmax_cross_entropy_with_logits_sg}} = SoftmaxCrossEntropyWithLogits"
            "[T=DT_FLOAT](softmax_cross_entropy_with_logits_sg/Reshape, "
            "softmax_cross_entropy_with_logits_sg/Reshape_1)' with input shapes: [3,3], [3,2].")},
        "int_logits": {"type": "TypeError", "message": (
            "Value passed to parameter 'features' has DataType int32 not in list of allowed "
            "values: float16, bfloat16, float32, float64")},
        "not_distribution": [2.1114089488983154],  # rows summing to 1.5 run unchecked
        "by_hand": [2.1114089488983154]}


def test_the_notes_zero_initialised_mnist_model_and_its_by_hand_cross_entropies():
    got = observe("notes_mnist_cross_entropy")
    ln10 = 2.302585092994046
    assert abs(got["notes_mean"] - ln10) <= 1e-6 and abs(got["notes_sum"] - 2 * ln10) <= 1e-6
    assert got == {
        "y_predict": [[0.10000000149011612] * 10] * 2,  # softmax of ten zeros, any image
        "accuracy": 0.5,  # argmax of the ties is 0: label 0 right, label 7 wrong
        "notes_mean": 2.3025851249694824, "v2_mean": 2.3025851249694824,  # ln 10
        "notes_sum": 4.605170249938965, "v2_sum": 4.605170249938965,  # 2 ln 10 (the CNN's)
        "shapes": [[784, 10], [10]], "float_dtypes": ["float32", "float32"],
        "underflow": {"y_predict": [[0.0, 1.0]], "log_y_predict": [[-math.inf, 0.0]],
                      "notes_forms": ["nan", "nan"],  # 0 * log(0) = 0 * -inf
                      "v2_mean": 0.0, "v2_sum": 0.0}}


def test_sigmoid_cross_entropy_is_the_relu_form():
    got = observe("sigmoid_cross_entropy")
    # NumPy's float32 max(x, 0) - x * z + log1p(exp(-|x|)) rounds differently in the last bit
    np.testing.assert_allclose(got["loss"], got.pop("by_formula"), rtol=1e-6)
    assert got == {
        "loss": [[0.3132616877555847, 0.12692800164222717, 0.6931471824645996],
                 [3.0485873222351074, 0.4740769863128662, 1.3132617473602295]],
        "shape": [2, 3],
        # (x, z) positionally is labels=x, logits=z: the loss of logits z against labels x
        "positional": [[0.3132616877555847, 0.6931471824645996, 1.3132617473602295],
                       [0.6931471824645996, 0.8132616877555847, 2.3132617473602295]]}


def test_nce_and_sampled_softmax_give_one_loss_per_example():
    got = observe("nce_and_sampled_softmax_shapes")
    notes_order = got.pop("notes_order")
    sampled_notes_order = got.pop("sampled_notes_order")
    # the notes' defaults; labels before inputs
    assert got.pop("sampled_signature") == (
        "(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1, "
        "sampled_values=None, remove_accidental_hits=True, partition_strategy='mod', "
        "name='sampled_softmax_loss', seed=None)")
    assert got.pop("removed") == {"sampled_softmax_loss": {
        "type": "AttributeError",
        "message": "module 'tensorflow.compat.v1' has no attribute 'sampled_softmax_loss'"}}
    assert got.pop("weights") == [  # glorot_uniform under graph seed 1: |w| < sqrt(6 / 14)
        [0.40941572189331055, -0.5517752766609192, 0.5128366947174072],
        [-0.4330466687679291, -0.5720186233520508, 0.0593256950378418],
        [0.0048857927322387695, 0.5562227964401245, 0.22199797630310059],
        [0.560539722442627, -0.4944043755531311, 0.46247947216033936],
        [0.5299733877182007, 0.27551835775375366, -0.1220044493675232],
        [0.0989198088645935, 0.4645000696182251, 0.1257842779159546],
        [0.3616299629211426, 0.6193162202835083, -0.5728909373283386],
        [-0.21521499752998352, -0.3644214868545532, -0.23520544171333313],
        [-0.6032714247703552, -0.5666288137435913, -0.2263498306274414],
        [-0.012374639511108398, -0.5046959519386292, -0.2042962908744812],
        [0.029136836528778076, -0.25433510541915894, 0.4998445510864258]]
    # each loss's draw in that run: 5 unique candidates, the true classes' expected counts
    # (log-uniform: they fall with the class id 1..4), the candidates' expected counts
    assert got.pop("nce_sampled_values") == [
        [2, 3, 0, 1, 4],
        [[0.759512186050415], [0.6263070106506348], [0.5289182066917419], [0.45644325017929077]],
        [0.6263070106506348, 0.5289182066917419, 0.9269269704818726, 0.759512186050415,
         0.45644325017929077]]
    assert got.pop("sampled_sampled_values") == [
        [0, 2, 1, 9, 6],
        [[0.6565845012664795], [0.522045910358429], [0.43137985467910767],
         [0.36695635318756104]],
        [0.8594542145729065, 0.522045910358429, 0.6565845012664795, 0.20916306972503662,
         0.282088041305542]]
    assert np.min(got["nce"]) > 0 and np.min(got["sampled"]) > 0  # cross-entropies
    assert got == {"nce_shape": [4], "sampled_shape": [4],  # the sampled classes are seeded
                   "nce": [7.052494049072266, 6.220518112182617, 6.240182399749756,
                           6.176185607910156],
                   "sampled": [3.172894239425659, 1.214752435684204, 1.5241345167160034,
                               1.285522222518921]}
    assert notes_order["type"] == "ValueError"
    assert notes_order["message"].startswith("Dimensions must be equal, but are 1 and 3 for "
                                             "'{{node nce_loss_1/MatMul}}")
    assert sampled_notes_order == {"type": "ValueError", "message": (  # inputs taken as labels
        "Dimensions must be equal, but are 1 and 3 for '{{node sampled_softmax_loss_1/MatMul}} "
        "= MatMul[T=DT_INT64, grad_a=false, grad_b=false, transpose_a=false, transpose_b=true]"
        "(Const, sampled_softmax_loss_1/Slice_1)' with input shapes: [4,1], [5,3].")}


def test_sequence_loss_by_example_averages_over_weights():
    assert observe("sequence_loss_by_example_values") == {
        # equal logits: ln 2 per step; the second example's second step has weight 0
        "averaged": [0.6931471824645996, 0.6931471824645996],
        "summed": [1.3862943649291992, 0.6931471824645996], "log2": 0.6931471824645996,
        "removed": {  # the notes' two spellings of the API
            "sequence_loss_by_example": {"type": "AttributeError", "message": (
                "module 'tensorflow._api.v2.compat.v1.nn' has no attribute "
                "'sequence_loss_by_example'")},
            "contrib": {"type": "AttributeError",
                        "message": "module 'tensorflow.compat.v1' has no attribute 'contrib'"}}}


def test_the_notes_sin_cos_cost_is_the_summed_squared_error_over_the_batch():
    got = observe("sequence_loss_notes_ms_error")
    # float64 sum((sin - cos)^2) / 50 over the notes' first batch; float32 sums of 1000 terms
    assert abs(got.pop("by_hand") - got["cost"]) <= 1e-5
    np.testing.assert_allclose(got["losses_head"], got.pop("by_hand_head"), rtol=1e-6)
    assert got == {"losses_shape": [1000], "cost": 19.905244827270508,
                   "losses_head": [1.0, 0.9363809823989868, 0.8730198740959167],  # (cos - sin)^2
                   "div": [2.5, 3]}  # tf.div: true division of floats, floor of ints
