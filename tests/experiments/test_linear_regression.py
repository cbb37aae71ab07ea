"""experiments.linear_regression: the plane is found in the note's 201 steps; decay printed."""
import dataclasses

import numpy as np
import pytest

from experiments import linear_regression
from tests import faults


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


def test_a_damaged_newest_checkpoint_resumes_from_the_one_before(tmp_path):
    config = linear_regression.CONFIGS["test"]  # 201 steps; checkpoints 190, 200 and 201 kept
    first = linear_regression.train(config, save_path=str(tmp_path), log=lambda line: None)
    intact = {p.name: p.read_bytes() for p in tmp_path.glob("model.ckpt-200.*")}
    damaged = faults.flip_middle_byte(tmp_path / "model.ckpt-201.data-00000-of-00001")
    lines = []
    again = linear_regression.train(config, save_path=str(tmp_path), log=lines.append)
    assert lines[0].startswith(f"{tmp_path}/model.ckpt-201 does not restore: TensorBundle at "
                               "model.ckpt-201 shard 0 (")
    assert lines[1:4] == ["Renamed the files of model.ckpt-201 to *.damaged.",
                          "Resuming from model.ckpt-200 (global step 200) instead.",
                          f"Restored model.ckpt-200 from {tmp_path}."]
    # the one step trained again from the kept checkpoint gives the same weights
    assert (again["W"], again["b"]) == (first["W"], first["b"])
    assert (tmp_path / "model.ckpt-201.data-00000-of-00001.damaged").read_bytes() == damaged
    assert {name: (tmp_path / name).read_bytes() for name in intact} == intact
