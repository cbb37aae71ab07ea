"""benchmarks.ptb_worlds: the two PTB scripts' speed lines alternated, the table of medians."""
import itertools

from benchmarks import ptb_worlds
from tests import conftest


def test_rounds_alternate_the_scripts_and_the_table_gives_medians():
    calls, speeds = [], itertools.count(1000, 100)

    def fake_speed_line(name, batches, module):
        calls.append((name, batches, module))
        return float(next(speeds))

    rows = ptb_worlds.run(["small", "test"], batches=5, repeats=3, speed_line=fake_speed_line)
    assert calls == [(name, 5, module) for name in ("small", "test") for _ in range(3)
                     for module in ("experiments.ptb", "experiments.ptb_tf2")]
    assert rows[0] == {"config": "small", "batches": 5, "tf1_wps": [1000.0, 1200.0, 1400.0],
                       "tf2_wps": [1100.0, 1300.0, 1500.0], "ratio": 1300.0 / 1200.0}
    assert ptb_worlds.table(rows) == [
        "| config | batches | experiments.ptb wps (median) | experiments.ptb_tf2 wps (median) "
        "| TF2/TF1 (median of rounds) |", "|---|---|---|---|---|",
        "| small | 5 | 1,200 | 1,300 | 1.08x |", "| test | 5 | 1,800 | 1,900 | 1.06x |"]


def test_an_unknown_config_is_a_one_line_usage_error():
    result = conftest.run_python("-m", "benchmarks.ptb_worlds", "--configs=huge")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "benchmarks.ptb_worlds: error: --configs: unknown config 'huge' (one of small, medium, "
        "large, test)"]
