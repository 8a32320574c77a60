# The two commands: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1
UV := $(BIN)/uv
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev env migrate lint check pytest lock clean help

help:
	@echo "make run   - set up and start Vigil on http://$(HOST):$(PORT)/ (SQLite, embedded worker)"
	@echo "make test  - set up and run linters, Django checks and the test suite"
	@echo "make lock  - re-resolve $(LOCK) after changing dependencies in pyproject.toml"

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed: pyproject.toml $(LOCK) | $(UV)
	$(UV) pip install --quiet --python $(BIN)/python -c $(LOCK) -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(LOCK) | $(UV)
	$(UV) pip install --quiet --python $(BIN)/python -c $(LOCK) -e ".[dev$(EXTRAS)]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Writes .env once, with a fresh secret key and encryption key; never overwrites.
env: $(VENV)/.installed
	@$(BIN)/python -m vigil.core.bootstrap_env .env

migrate: env
	@mkdir -p var
	$(BIN)/vigil migrate --noinput
	$(BIN)/vigil collectstatic --noinput --verbosity 0

run: migrate
	$(BIN)/vigil serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install-dev env
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint check pytest

lock: | $(UV)
	$(UV) pip compile --quiet pyproject.toml --extra dev --extra llm -o $(LOCK)

clean:
	rm -rf $(VENV) var/static
