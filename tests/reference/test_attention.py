"""Note 003's attention_decoder arithmetic: the 1x1 conv2d as W1 h_i, the weights, the context."""
import numpy as np

from reference.catalogue import inputs
from tests.reference.versioned import observe


def test_attention_decoder_arithmetic_is_the_notes_formulas():
    got = observe("attention_decoder_arithmetic")
    assert got.pop("shapes") == {"hidden": [2, 3, 1, 4], "features": [2, 3, 1, 4],
                                 "scores": [2, 3], "weights": [2, 3], "context": [2, 4]}
    # the same products summed by another kernel: equal within float32 rounding
    np.testing.assert_allclose(got["conv2d_features"], got["matmul_features"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(got["weight_sums"], [1.0, 1.0], atol=1e-6, rtol=0)
    weights, context = inputs.attention_numpy(inputs.attention_arrays())  # float64
    np.testing.assert_allclose(got["weights"], weights, atol=1e-6, rtol=0)
    np.testing.assert_allclose(got["context"], context, atol=1e-6, rtol=0)
    assert np.round(got["weights"], 6).tolist() == [[0.457339, 0.367065, 0.175596],
                                                    [0.406569, 0.432701, 0.160729]]
