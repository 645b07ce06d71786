# Two commands do all the set-up on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test lint bench bench-load bench-soak bench-weight bench-activities bench-needs install messages clean

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

## The interface's translations (cbap/locale/<language>/LC_MESSAGES/django.po), compiled.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard cbap/locale/*/LC_MESSAGES/django.po))
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile -i $< -o $@

install: $(STAMP) $(CATALOGUES)

## After marking texts: the catalogues gain the new ones (needs GNU gettext's xgettext).
messages: $(STAMP)
	cd cbap && ../$(BIN)/cbap makemessages --all --no-obsolete --no-location --ignore 'engine/*' --ignore 'bch/*'

## The web platform on SQLite with the plan, the Parties, the questionnaires and the demo data,
## served by granian, with the worker beside it (big imports, warming pages; stopped with it).
run: install
	$(BIN)/cbap migrate --no-input
	$(BIN)/cbap setup --demo
	$(BIN)/cbap db_worker --no-reload & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/cbap serve --production $(HOST)

## Lint, the import contract, migrations check, the suite on SQLite, then on PostgreSQL when a
## server answers; each pass on every core (pytest-xdist), a test module's tests in one worker.
PARALLEL ?= -n auto --dist loadfile
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/cbap makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PARALLEL)
	$(BIN)/python scripts/postgres_pass.py $(PARALLEL)

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m bench

## The public pages under load (wrk, 64 connections) on SQLite and PostgreSQL; the 10-minute soak.
bench-load: install
	$(BIN)/python -m bench.load

bench-soak: install
	$(BIN)/python -m bench.soak

## The ten heaviest pages on a first load, compressed, with what they link (target < 200 KB).
bench-weight: install
	$(BIN)/python -m bench.weight

bench-activities: install
	$(BIN)/python -m bench.activities

## Every need of 200 Parties against 10,000 offers, in memory: the best 5 each (target < 1 s).
bench-needs: install
	$(BIN)/python -m bench.needs

clean:
	rm -rf $(VENV) var .pytest_cache .import_linter_cache
