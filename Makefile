# The README's commands. Everything installs into a local virtualenv (.venv).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test test-pg lint types bench install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

## Install, create or upgrade the SQLite database, make demo users (their passwords are printed
## the first time only), and serve with gunicorn.
run: install
	$(BIN)/quizapp init --demo
	$(BIN)/quizapp serve --host $(HOST) --port $(PORT)

## Install the test tools, then lint, type-check and run every test (unit, integration, browser).
test: install-test lint types
	$(BIN)/pytest

## The database tests again on PostgreSQL (QUIZAPP_TEST_DATABASE_URL, default: the local server).
test-pg: install-test
	QUIZAPP_TEST_DATABASE_URL=$${QUIZAPP_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest -m "not browser"

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install-test
	$(BIN)/mypy

bench: install-test
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.quiz_cycle

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
