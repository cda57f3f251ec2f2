# Two commands on a fresh Debian machine with Python >= 3.11:
#   make site   build the site from partners/ and content/ into site/
#   make test   run every check and test
#   make check  the fast tier: lint, types, the partner files and the tests that build no site and open no browser
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site serve test check check-types check-tests

site: $(VENV)/.runtime
	sh scripts/system-deps.sh
	$(BIN)/python -m generator build

serve: $(VENV)/.runtime
	$(BIN)/python -m generator serve

test: $(VENV)/.dev node_modules/.package-lock.json
	sh scripts/system-deps.sh
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2

# Tests of the rules and the data that build no site: what a contributor runs before a pull request.
FAST_TESTS := tests/test_validate.py tests/test_gate.py tests/test_schema.py tests/test_new.py tests/test_loader.py \
	tests/test_coverage.py tests/test_monitor.py tests/test_normalize.py tests/test_aliases.py tests/test_fuzz.py \
	tests/test_strings.py tests/test_register.py tests/test_translations.py tests/test_fields.py \
	tests/test_search_terms.py tests/test_pieces.py tests/test_builtsite.py tests/test_partnership_queries.py

# The type check and the tests run side by side: each uses one core.
check: $(VENV)/.dev
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/python -m generator validate
	$(MAKE) --no-print-directory -j2 check-types check-tests

check-types: $(VENV)/.dev
	$(BIN)/mypy

check-tests: $(VENV)/.dev
	$(BIN)/python -m pytest -q -m "not browser" -k "not build" $(FAST_TESTS)

$(VENV)/.runtime: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

# axe-core for the accessibility tests, at the version package-lock.json pins (node_modules/ is git-ignored).
node_modules/.package-lock.json: package.json package-lock.json
	sh scripts/system-deps.sh
	npm ci --no-audit --no-fund
