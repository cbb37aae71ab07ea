"""The cluster benchmark on the tiny config: the table's rows and the JSON line's fields."""
import json
import subprocess

import pytest

from experiments.tools import launch_local_cluster
from tests import conftest


@pytest.mark.slow
def test_one_worker_against_one_process_prints_the_table_and_json():
    try:
        probe = subprocess.run(launch_local_cluster.private_network_argv(["true"]),
                               capture_output=True, text=True, check=False, timeout=30)
    except ValueError as err:
        pytest.skip(f"no private network namespace: it {err}")
    if probe.returncode:
        pytest.skip(f"no private network namespace: {probe.stderr.strip()}")
    result = conftest.run_python("-m", "benchmarks.cluster", "--workers=1", "--model=test",
                                 "--max_steps=5", timeout=180)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "PTB test, 5 batches per worker, asynchronous",
        "| workers | start-up (chief / all) s | global steps/s | batches/s | shutdown s |",
        "|---|---|---|---|---|"]
    assert lines[3].startswith("| 1 process, no cluster | ") and lines[4].startswith("| 1 | ")
    rows = json.loads(lines[5])
    assert [sorted(row) for row in rows] == [
        ["batches_per_s", "global_steps", "global_steps_per_s", "startup_chief_s", "total_s",
         "workers"],
        ["batches_per_s", "global_steps", "global_steps_per_s", "shutdown_s", "startup_all_s",
         "startup_chief_s", "total_s", "workers"]]
    assert (rows[0]["global_steps"], rows[1]["global_steps"]) == (5, 5)
    assert all(row["global_steps_per_s"] > 0 for row in rows)


def test_a_bad_flag_is_a_one_line_usage_error():
    result = conftest.run_python("-m", "benchmarks.cluster", "--max_steps=0")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "benchmarks.cluster: error: flag --max_steps=0: 0 is not a positive integer"]
