# Two commands on a fresh machine: `make demo` and `make test`. Everything is installed
# into .venv from pinned versions (requirements.lock); nothing is downloaded at run time.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= detente.duckdb

.PHONY: install demo test lint bench clean lock

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=23"
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB) $(DB).wal
	$(BIN)/detente ingest examples --db $(DB); test $$? -le 1
	$(BIN)/detente summary --db $(DB)
	@echo
	@echo "Explore further:"
	@echo "  $(BIN)/detente events --db $(DB)                 # every event with its sentence"
	@echo "  $(BIN)/detente events --db $(DB) --dyad KOR-PRK  # one dyad, either direction"
	@echo "  $(BIN)/detente articles --db $(DB)               # then: detente show ARTICLE_ID"
	@echo "  $(BIN)/detente quotes --db $(DB)                 # who said what"
	@echo "  $(BIN)/detente export events --db $(DB) --format csv -o events.csv"
	@echo "  duckdb $(DB)  (or python -c 'import duckdb') for SQL over tables articles, events, quotes"

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache

# Regenerate the lock from a fresh resolve (on purpose only).
lock:
	rm -rf /tmp/detente-lock && $(PYTHON) -m venv /tmp/detente-lock
	/tmp/detente-lock/bin/pip install --quiet -e ".[dev]"
	/tmp/detente-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
