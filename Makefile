# One Makefile for everything a developer or CI runs. `make demo` and `make test` set up
# the environment themselves, so a fresh clone needs nothing else.

SHELL := /bin/bash
VENV := .venv
TOOLS := .tools
BIN := $(VENV)/bin
UV := $(TOOLS)/bin/uv

# Django 6 needs Python 3.12+. Prefer the interpreter .python-version selects (pyenv), then
# any python3.13/python3.12 on PATH, then pyenv's own installs.
PYTHON ?= $(shell \
  for c in python3 python3.13 python3.12 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
    if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
      command -v $$c; break; \
    fi; \
  done)

HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install demo serve test test-postgres fuzz-api bench bench-quick lint format messages check clean mutation

$(UV):
	@test -n "$(PYTHON)" || { echo "Wandel needs Python 3.12 or newer (python3.12 / python3.13 not found)."; exit 1; }
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv>=0.5"

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --locked --extra dev --python $(PYTHON) --quiet
	@touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/wandel demo --host $(HOST) --port $(PORT)

serve: install
	$(BIN)/wandel migrate --no-input
	$(BIN)/wandel serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The same suite against PostgreSQL (CI runs both).
WANDEL_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
test-postgres: install
	WANDEL_TEST_DATABASE_URL=$(WANDEL_TEST_DATABASE_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

# Schema fuzzing of the REST API with schemathesis against a demo organisation served from a
# throw-away data directory (see .ci/fuzz-api for FUZZ_EXAMPLES, FUZZ_SEED, FUZZ_DATABASE_URL).
fuzz-api: install
	.ci/fuzz-api

# The benchmark harness (see benchmarks/README.md): `make bench` builds the large demo on
# PostgreSQL (WANDEL_BENCH_DATABASE_URL, default a database wandel_bench on 127.0.0.1:5432
# that it creates and drops) and writes benchmarks/results/large.{md,json}; `make bench-quick`
# runs the same on small data into var/bench/ (CI runs it: it records, it asserts no timings).
bench: install
	$(BIN)/python -m benchmarks.run large

bench-quick: install
	$(BIN)/python -m benchmarks.run quick

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-extract the translatable strings and compile both catalogues (needs GNU gettext).
messages: install
	cd wandel && WANDEL_DATA_DIR=../var ../$(BIN)/wandel makemessages --locale de --no-obsolete --no-location
	cd wandel && WANDEL_DATA_DIR=../var ../$(BIN)/wandel compilemessages

check: install
	$(BIN)/wandel makemigrations --check --dry-run
	$(BIN)/mypy wandel benchmarks

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache

# Mutation testing of the rules modules with mutmut (slow; not part of `make test`).
# `make mutation MODULES="audit roles"` runs only those; see docs/testing.md.
MODULES ?=
mutation: install
	$(BIN)/python tools/mutation.py $(MODULES)
