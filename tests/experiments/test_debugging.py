"""Shared session flags: ConfigProto fields, placement lines, tfdbg dumps, stopping on NaN."""
import dataclasses
import os
import pathlib

import pytest
from absl import flags
from absl.testing import flagsaver

from experiments import ptb
from experiments.shared import cli
from experiments.shared import common
from pipelines import ptb_reader
from reference import tfdbg
from tests import conftest


def test_configproto_flags_map_onto_the_proto_fields():
    with flagsaver.as_parsed(log_device_placement="true", allow_soft_placement="false",
                             intra_op_threads="2", inter_op_threads="3",
                             gpu_allow_growth="true", gpu_memory_fraction="0.7"):
        config = common.session_config()
    assert (config.log_device_placement, config.allow_soft_placement) == (True, False)
    assert (config.intra_op_parallelism_threads, config.inter_op_parallelism_threads) == (2, 3)
    assert config.gpu_options.allow_growth is True
    assert config.gpu_options.per_process_gpu_memory_fraction == pytest.approx(0.7)


def test_defaults_leave_tensorflow_to_choose():
    with flagsaver.flagsaver():
        if not flags.FLAGS.is_parsed():
            flags.FLAGS.mark_as_parsed()  # the defaults, as a script sees them
        config = common.session_config()
        assert common.debug_wrapper() is None
    assert str(config) == "allow_soft_placement: true\n"  # every other field at its default


@pytest.fixture(scope="module")
def script_runs(tmp_path_factory):
    """Three runs of linear_regression started together: placement log, dumps, divergence."""
    base = tmp_path_factory.mktemp("runs")
    args = {"placement": ["--log_device_placement"],
            "dumps": [f"--dump_root={base / 'dumps'}"],
            "diverged": ["--learning_rate=3", f"--save_path={base / 'save'}"]}
    processes = {name: conftest.start_python("-m", "experiments.linear_regression", *extra)
                 for name, extra in args.items()}
    return base, {name: conftest.finish(p) for name, p in processes.items()}


@pytest.mark.slow
def test_log_device_placement_prints_every_ops_device(script_runs):
    _, results = script_runs
    returncode, stdout, _ = results["placement"]
    assert returncode == 0
    assert "W: (VariableV2): /job:localhost/replica:0/task:0/device:CPU:0" in stdout.splitlines()
    assert sum("/device:CPU:0" in line for line in stdout.splitlines()) == 71


@pytest.mark.slow
def test_dump_root_dumps_every_training_run(script_runs):
    base, results = script_runs
    assert results["dumps"][0] == 0
    runs = sorted(os.listdir(base / "dumps"))
    assert len(runs) == 201 + 11  # each step, and each printing run of the note's loop
    dump = tfdbg.DebugDumpDir(str(base / "dumps" / runs[0]))
    assert {"W", "b", "GradientDescent/update_W/ApplyGradientDescent"} <= set(dump.nodes())


@pytest.mark.slow
def test_a_diverging_run_stops_at_the_first_inf_and_keeps_the_last_checkpoint(script_runs):
    base, results = script_runs
    returncode, _, stderr = results["diverged"]
    assert returncode == 1
    assert stderr.splitlines() == [
        "experiments.linear_regression: error: loss is inf at step 21; stopped without saving "
        "(the last checkpoint, model.ckpt-20, is kept)"]
    assert sorted(p.name for p in (base / "save").glob("*.index")) == [
        "model.ckpt-10.index", "model.ckpt-20.index"]


def test_ptb_stops_on_a_nan_cost_instead_of_printing_nan_perplexities(tmp_path):
    conftest.write_ptb_dir(tmp_path, "a b c d e f g h a b c d\n" * 100, "a b c d\n" * 100,
                           "a b c d\n" * 100)
    config = dataclasses.replace(ptb.CONFIGS["test"], init_scale=float("nan"))
    with pytest.raises(cli.TrainingDiverged, match=r"^cost is nan at step 1 of the epoch; "
                       r"stopped without saving \(the last checkpoint, if any, is kept\)$"):
        ptb.train(config, ptb_reader.ptb_raw_data(str(tmp_path)), save_path=str(tmp_path / "s"),
                  log=lambda line: None)
    assert [p.name for p in pathlib.Path(tmp_path / "s").glob("*.index")] == ["model.ckpt-0.index"]
