"""Regularizers (note 003): the contrib replacements, scope-level, the 'losses' network."""
import pytest

from reference import regularizers
from reference.catalogue import observe
from reference.tf1 import tf


def test_l1_l2_sum_and_apply():
    assert observe("regularizer_values") == {
        "l1": 0.6000000238418579, "l2": 0.699999988079071, "sum": 1.2999999523162842,
        "keras_l2": 1.399999976158142,
        "applied": 0.6500000357627869,  # 0.1 * (1 + 2 + 3 + 0.5)
        "collected": [0.6500000357627869]}


def test_scope_regularizer_collects_one_entry_per_variable():
    assert observe("scope_regularizer") == {
        "names": ["var/weight/Regularizer/mul", "var2/weight/Regularizer/mul"],
        "values": [0.800000011920929, 0.800000011920929], "sum": 1.600000023841858,
        "weights": [[1.0] * 8, [1.0] * 8]}


def test_losses_collection_network():
    assert observe("losses_collection_network") == {
        "entries": 5, "weight_shapes": [[2, 10], [10, 10], [10, 10], [10, 1]],
        "total_is_mse_plus_l2": True}


def test_apply_regularization_without_weights_names_the_problem(graph):
    with pytest.raises(ValueError, match="No weights to regularize: weights_list is empty"):
        regularizers.apply_regularization(regularizers.l1_regularizer(0.1))
    assert graph.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES) == []
