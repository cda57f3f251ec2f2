# Two commands on a fresh Debian machine with Python >= 3.11:
#   make site   build the site from partners/ and content/ into site/
#   make test   run every check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site serve test check

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
	$(BIN)/python -m pytest

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
