"""experiments.regularized_mlp: the two ways of collecting l2 agree; regularization generalizes."""
from reference.tf1 import tf

import numpy as np
import pytest

from experiments import regularized_mlp


def initial_losses(style):
    config = regularized_mlp.CONFIGS["test"]
    train_x, train_y, _, _ = regularized_mlp.make_data(config, np.random.default_rng(0))
    with tf.Graph().as_default():
        tf.set_random_seed(0)
        model = regularized_mlp.build_graph(config, 0.003, style)
        collected = {key: len(tf.get_collection(key))
                     for key in ("losses", tf.GraphKeys.REGULARIZATION_LOSSES)}
        names = [v.op.name for v in tf.trainable_variables()]
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            feed = {model["x"]: train_x, model["y_"]: train_y}
            return session.run([model["mse"], model["loss"]], feed), collected, names


def test_losses_collection_and_scope_regularizers_give_the_same_total():
    (mse_c, loss_c), collected_c, names_c = initial_losses("collection")
    (mse_s, loss_s), collected_s, names_s = initial_losses("scope")
    assert collected_c == {"losses": 4, "regularization_losses": 0}
    assert collected_s == {"losses": 0, "regularization_losses": 4}
    assert names_c == names_s == [f"layer{i}/{n}" for i in range(1, 5) for n in ("weight", "bias")]
    assert (mse_c, loss_c) == (mse_s, loss_s) and loss_c > mse_c


@pytest.mark.slow
def test_regularized_training_ends_with_lower_held_out_loss():
    results = regularized_mlp.train(regularized_mlp.CONFIGS["test"], log=lambda line: None)
    regularized, plain = results["regularized"], results["unregularized"]
    # measured 0.069 vs 0.117 (seeds 1, 2: 0.067 vs 0.152, 0.081 vs 0.111)
    assert regularized["held_out_mse"] < 0.8 * plain["held_out_mse"]
