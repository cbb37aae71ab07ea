"""The TF2-native counterpart of reference/attention.py against the TF1 demonstration."""
from tests.reference.native.equivalence import same

KEYS = ["matmul_features", "weights", "weight_sums", "context"]


def test_keras_additive_attention_gives_the_notes_weights_and_context(native, tf1_as_recorded):
    # float32 sums taken in another order by Keras's ops: within 1e-6
    same(native["additive_attention_keras3"], tf1_as_recorded["attention_decoder_arithmetic"],
         KEYS, atol=1e-6)
