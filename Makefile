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

.PHONY: run test install install-dev bytecode env migrate lint check pytest vitest ui lock clean help

help:
	@echo "make run   - set up and start Vigil on http://$(HOST):$(PORT)/ (SQLite, embedded worker)"
	@echo "make test  - set up and run linters, Django checks and the test suite"
	@echo "make lock  - re-resolve $(LOCK) after changing dependencies in pyproject.toml"
	@echo "make ui    - rebuild the console (frontend/ -> vigil/console/dist/; needs Node 20)"

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

# Bytecode is compiled at install time: under PYTHONDONTWRITEBYTECODE (set in many
# images and shells) every process would otherwise compile Django and the rest from
# source at each start (`vigil check`: 3.4 s instead of 1.3 s).
$(VENV)/.installed: pyproject.toml $(LOCK) | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -c $(LOCK) -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(LOCK) | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -c $(LOCK) -e ".[dev$(EXTRAS)]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Vigil's own modules (an editable install, so not compiled above); only what changed.
bytecode: $(VENV)/.installed
	@$(BIN)/python -m compileall -q vigil

# Writes .env once, with a fresh secret key and encryption key; never overwrites.
env: $(VENV)/.installed
	@$(BIN)/python -m vigil.core.bootstrap_env .env

migrate: env
	@mkdir -p var
	$(BIN)/vigil migrate --noinput
	$(BIN)/vigil collectstatic --noinput --verbosity 0

run: bytecode migrate
	$(BIN)/vigil serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install-dev env
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest: install-dev bytecode
	$(BIN)/pytest $(PYTEST_ARGS)

# The console (frontend/). Only `make ui` and the Vitest step need Node: the built bundle
# is committed under vigil/console/dist/, so `make run` and `pip install` do without.
NPM := $(shell command -v npm 2>/dev/null)

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error

ui: frontend/node_modules/.package-lock.json
	cd frontend && npm run build

vitest:
ifdef NPM
	@$(MAKE) --no-print-directory frontend/node_modules/.package-lock.json
	cd frontend && npm test
else
	@echo "vitest: SKIPPED - npm is not installed; the console's unit tests need Node 20 (CI runs them)"
endif

test: lint check vitest pytest

lock: | $(UV)
	$(UV) pip compile --quiet pyproject.toml --extra dev --extra llm -o $(LOCK)

clean:
	rm -rf $(VENV) var/static
	find vigil -name __pycache__ -type d -prune -exec rm -rf {} +
