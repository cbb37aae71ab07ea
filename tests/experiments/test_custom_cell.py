"""experiments.custom_cell: note 000's cell trains; compared with a plain MultiRNNCell."""
import numpy as np
import pytest

from experiments import custom_cell


def test_data_windows_and_the_later_test_part():
    config = custom_cell.Config(points=100, timesteps=5, noise=0.0)
    train_x, train_y, test_x, test_y = custom_cell.make_data(config, np.random.default_rng(0))
    assert (train_x.shape, test_x.shape) == ((76, 5, 1), (19, 5, 1))  # 95 windows, 80% first
    t = 5 * config.sample_gap
    assert train_y[0, 0] == pytest.approx(np.sin(t) + 0.5 * np.sin(2.3 * t), abs=1e-6)
    np.testing.assert_array_equal(train_x[1, :-1], train_x[0, 1:])


@pytest.mark.slow
def test_both_cells_learn_and_the_custom_one_adds_only_u():
    results = custom_cell.train(custom_cell.CONFIGS["test"], log=lambda line: None)
    custom, plain = results["custom"], results["plain"]
    assert custom["parameters"] == plain["parameters"] + 8 * 8  # the shared U
    for model in (custom, plain):
        assert model["last_loss"] < model["first_loss"] / 10
    # measured: custom 0.0836, plain 0.0257 -- the history sum grows with every step
    assert custom["test_rmse"] < 0.2 and plain["test_rmse"] < 0.05
