"""Speed measurements; each module is a script (``python -m benchmarks.<name>``)."""
