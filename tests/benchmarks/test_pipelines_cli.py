"""The pipelines benchmark: flag errors are one line and exit 2, before any data is touched."""
from tests import conftest


def test_a_bad_flag_is_a_one_line_usage_error():
    result = conftest.run_python("-m", "benchmarks.pipelines", "--batches=0")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "benchmarks.pipelines: error: flag --batches=0: 0 is not a positive integer"]
    assert result.stdout == ""
