# Every target sets up .venv/ first, when it is missing or stale: building and serving
# need only requirements.lock; the tests add requirements-test.lock (a superset).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
# pytest-xdist: one worker per core, each taking work from the other when it runs dry
# (the default hands out fixed runs of tests, leaving one worker with every slow one).
WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(WORKERS) --dist worksteal
HOST ?= 127.0.0.1
PORT ?= 8000

# Material 9.8 prints a notice about MkDocs 2.0 on every build; the pin in
# pyproject.toml already answers it.
export NO_MKDOCS_2_WARNING := 1
# Some machines set PYTHONDONTWRITEBYTECODE; the suite starts about a hundred Python
# processes (builds, servers, the validator), and each would compile this project's
# modules, and pytest its rewritten test modules, from source again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: serve test test-fast build validate lint schema pages lock clean

serve: $(STAMP)
	@echo "Building the site, then serving it at http://$(HOST):$(PORT)/ (Ctrl-C stops)."
	@echo "Edits to cases/, docs/ and overrides/ rebuild it and reload open pages."
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --livereload --dirty --dev-addr $(HOST):$(PORT)

test: $(TEST_STAMP)
	$(BIN)/ruff check .
	node --test tests/js/
	$(PYTEST)

# Everything but the browser: lint, the gallery's logic, unit and build tests.
test-fast: $(TEST_STAMP)
	$(BIN)/ruff check .
	node --test tests/js/
	$(PYTEST) -m "not browser"

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

validate: $(STAMP)
	$(BIN)/uc-validate

# Regenerate schema/case.schema.json after changing the schema or the taxonomy.
schema: $(STAMP)
	$(BIN)/uc-schema

# The site as a plain MkDocs project in pages/, buildable without the project's hooks.
pages: $(STAMP)
	$(BIN)/python -m under_constraint.tools.make_pages pages

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

# Refresh the exact versions after changing dependencies in pyproject.toml. No index or
# find-links options are written: each machine's pip configuration supplies those.
LOCK_OPTIONS := --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile $(LOCK_OPTIONS) -o requirements.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_OPTIONS) --extra test -o requirements-test.lock pyproject.toml

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || echo "First run: setting up .venv/ with what building and serving need (requirements.lock)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	@touch $(STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.lock
	@echo "Adding the test tools to .venv/ (requirements-test.lock)..."
	$(PIP) -r requirements-test.lock
	@touch $(TEST_STAMP)

clean:
	rm -rf $(VENV) site pages .pytest_cache
