# agendakaart — `make demo` runs the whole pipeline against the bundled replica site (offline);
# `make test` runs the test suite. Both do their own set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out

.PHONY: setup demo test lint bench clean

setup: $(STAMP) node_modules/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

demo: setup
	$(BIN)/agendakaart demo --out $(OUT)

test: setup lint
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: setup
	$(BIN)/python bench/collect.py
	$(BIN)/python bench/enrich.py
	$(BIN)/python bench/map.py
	$(BIN)/python bench/figure.py
	$(BIN)/python bench/transparency.py
	$(BIN)/python bench/import.py

clean:
	rm -rf $(VENV) node_modules $(OUT) .pytest_cache
