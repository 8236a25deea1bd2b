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

.PHONY: serve test build validate lint schema lock clean

serve: $(STAMP)
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --livereload --dev-addr $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

validate: $(STAMP)
	$(BIN)/python scripts/validate_cases.py

# Regenerate schema/case.schema.json after changing the schema or the taxonomy.
schema: $(STAMP)
	$(BIN)/python scripts/case_schema.py

lint: $(STAMP)
	$(BIN)/ruff check .

# Refresh the exact versions after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra test --generate-hashes --strip-extras -o requirements.lock pyproject.toml

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

clean:
	rm -rf $(VENV) site .pytest_cache
