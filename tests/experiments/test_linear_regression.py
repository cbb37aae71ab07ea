"""experiments.linear_regression: the plane is found in the note's 201 steps; decay printed."""
import dataclasses

import numpy as np
import pytest

from experiments import linear_regression


def test_fits_the_plane_within_1e_3_printing_every_20_steps():
    lines = []
    result = linear_regression.train(linear_regression.CONFIGS["test"], log=lines.append)
    np.testing.assert_allclose(result["W"], [0.1, 0.2], atol=1e-3)
    np.testing.assert_allclose(result["b"], [0.3], atol=1e-3)
    assert [row[0] for row in result["rows"]] == list(range(0, 201, 20))
    assert len(lines) == 11 and lines[-1].startswith("200 [[")


def test_staircase_decay_multiplies_the_rate_by_0_96_every_100_steps():
    config = dataclasses.replace(linear_regression.CONFIGS["test"], decay=True)
    lines = []
    result = linear_regression.train(config, log=lines.append)
    rates = {row[0]: row[3] for row in result["rows"]}
    assert (rates[0], rates[80], rates[100], rates[200]) == pytest.approx(
        (0.5, 0.5, 0.48, 0.4608), abs=1e-7)  # the global step is one ahead of the printed step
    assert lines[-1].endswith(" lr 0.4608")
    np.testing.assert_allclose(result["W"], [0.1, 0.2], atol=1e-3)
