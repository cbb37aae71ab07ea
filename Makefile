# Two entry points: `make run` (the flagship experiment) and `make test` (the whole suite);
# `make lint` runs ruff (configured in pyproject.toml); `make bench` the PTB throughput benchmark
# with its PyTorch peer; `make matrix` every supported TensorFlow.
# TF=2.NN installs that TensorFlow from .ci/constraints/tf-2.NN.txt (every package the pinned
# values depend on, exactly) into its own .venv-tf2.NN; the default is 2.21 in .venv.
PYTHON ?= python3.11
TF ?= 2.21
# pytest-xdist workers for `make test`, one per core; each runs whole test files (a file's tests
# share their expensive set-up)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CONSTRAINTS := .ci/constraints/tf-$(TF).txt
VENV ?= $(if $(filter 2.21,$(TF)),.venv,.venv-tf$(TF))
STAMP := $(VENV)/.installed

.PHONY: run test lint bench matrix clean

$(STAMP): setup.cfg pyproject.toml $(CONSTRAINTS)
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	touch $(STAMP)

$(CONSTRAINTS):
	@echo "make: TF=$(TF) is not supported: no $(CONSTRAINTS) (supported:" \
	    "$(patsubst .ci/constraints/tf-%.txt,%,$(wildcard .ci/constraints/tf-*.txt)))" >&2; exit 2

run: $(STAMP)
	$(VENV)/bin/python -m experiments.ptb $(ARGS)

test: $(STAMP)
	$(VENV)/bin/python -m pytest -n $(JOBS) --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# the PTB throughput benchmark with its PyTorch peer (the bench extra), e.g. ARGS=--quick
$(VENV)/.bench-installed: $(STAMP)
	$(VENV)/bin/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	$(VENV)/bin/python -m benchmarks.ptb_throughput $(ARGS)

# every supported TensorFlow: its venv, its ledger, the whole suite; one table (not in `test`)
matrix: $(STAMP)
	$(VENV)/bin/python -m tests.matrix $(MATRIX_ARGS)

clean:
	rm -rf .venv .venv-tf* *.egg-info .pytest_cache
