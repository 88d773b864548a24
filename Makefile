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
## The several-server tests need PostgreSQL and Redis: test-pg runs them.
test: install-test lint types
	$(BIN)/pytest -m "not several_servers"

## The database tests again on PostgreSQL (QUIZAPP_TEST_DATABASE_URL, default: the local server),
## with the several-server tests (marker several_servers: two gunicorn servers on that database and
## Redis at QUIZAPP_TEST_REDIS_URL, default redis://127.0.0.1:6379/11). On SQLite they would fail,
## not skip: `make test` deselects them with -m "not several_servers".
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
	$(BIN)/python -m bench.review
	$(BIN)/python -m bench.classroom

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
