# The two commands of the README: `make run` and `make test`. Everything else is a helper for them.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.txt 2>/dev/null | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=
BENCH_ARGS ?=
# Python keeps its compiled modules (and pytest its rewritten tests) even where the environment says not to: without
# them each test worker and each process a test starts compiles every module again.
export PYTHONDONTWRITEBYTECODE :=

.PHONY: run test install lint format lock seed reset-demo check-deploy messages bench screenshots clean help

help:
	@echo "make run    - install what is missing, migrate, seed the demo, serve the site with a Celery worker and beat"
	@echo "make test   - run the whole test suite in parallel (SQLite by default, PostgreSQL when DATABASE_URL is set)"
	@echo "make lint   - ruff check and format check, and the import layers of docs/architecture.md"
	@echo "make bench  - seed a national-size data set, serve it as in production, measure every page, export and 10,000 reminders (docs/benchmarks.md)"

$(PY):
	@PYTHON_BIN=$$(scripts/find-python) || exit 1; \
	echo "Creating the virtual environment with $$($$PYTHON_BIN --version)"; \
	$$PYTHON_BIN -m venv $(VENV)

$(STAMP): $(PY) requirements/dev.txt
	@echo "Installing Python packages (first run only)..."
	@set -o pipefail; $(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "is ignored: it is neither" || exit $${PIPESTATUS[0]}
	@set -o pipefail; $(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt 2>&1 | grep -v "is ignored: it is neither" || exit $${PIPESTATUS[0]}
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: install
	@$(PY) manage.py rundemo

seed: install
	@$(PY) manage.py migrate --noinput
	@$(PY) manage.py seed_demo

reset-demo: install
	@$(PY) manage.py seed_demo --reset

# One test database per xdist worker (pytest-django adds the worker's suffix); `--dist loadgroup` with the browser
# journeys as one group, handed out first (tests/conftest.py, `pytest_xdist_make_scheduler`); the 25 slowest tests
# are listed at the end. One worker per core, plus one: the journeys' worker waits on Chromium half of its time.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
# Shuffled (pytest-randomly; the seed is printed at the top, TEST_ORDER="-p randomly --randomly-seed=<seed>" replays
# an order); TEST_ORDER="-p no:randomly" keeps the files' own order.
TEST_ORDER ?= -p randomly

test: install
	@$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=25 $(TEST_ORDER) $(PYTEST_ARGS)

lint: install
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/lint-imports --no-cache

format: install
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

messages: install
	@$(PY) scripts/po.py update-all

lock: install
	@$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/base.txt requirements/base.in
	@$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/dev.txt requirements/dev.in

check-deploy: install
	@DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$(head -c 64 /dev/urandom | base64 | tr -d '\n/+=') \
		ALLOWED_HOSTS=example.org $(PY) manage.py check --deploy --fail-level WARNING

screenshots: install
	@$(PY) scripts/screenshots.py

# The scale benchmark (bench/scale.py): recreates the PostgreSQL database bench_scale on 127.0.0.1, uses Redis db 13,
# serves on port 8301 and rewrites the "Scale benchmark" section of docs/benchmarks.md. BENCH_ARGS=--help for more.
bench: install
	@$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
