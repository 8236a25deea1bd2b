# Every target sets up .venv/ from requirements.lock first, when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Material 9.8 prints a notice about MkDocs 2.0 on every build; the pin in
# pyproject.toml already answers it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build validate lint schema pages lock clean

serve: $(STAMP)
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --livereload --dev-addr $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	node --test tests/js/
	$(BIN)/python -m pytest

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

lint: $(STAMP)
	$(BIN)/ruff check .

# Refresh the exact versions after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra test --generate-hashes --strip-extras -o requirements.lock pyproject.toml

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $(STAMP)

clean:
	rm -rf $(VENV) site pages .pytest_cache
