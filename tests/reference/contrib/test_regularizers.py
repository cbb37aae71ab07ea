"""The re-created tf.contrib.layers regularizers: what apply_regularization refuses."""
from reference.tf1 import tf

import pytest

from reference.contrib import regularizers


def test_apply_regularization_without_weights_names_the_problem(graph):
    with pytest.raises(ValueError, match="No weights to regularize: weights_list is empty"):
        regularizers.apply_regularization(regularizers.l1_regularizer(0.1))
    assert graph.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES) == []
