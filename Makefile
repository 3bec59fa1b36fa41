# policy-etl developer commands. `make help` lists them.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
ETL := $(VENV)/bin/etl

.DEFAULT_GOAL := help
.PHONY: help ingest test golden lint fmt bench clean system-deps-ingest system-deps-test
# Prerequisites run in the order written: system packages first, so a missing one stops at once.
.NOTPARALLEL:

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test,ocr]"
	touch $@

# System packages (scripts/system-deps.sh, also run by .ci/run): LibreOffice for legacy
# .doc/.wps/.rtf files (for ingest only when raw_docs/ holds one), python3-venv where missing.
system-deps-ingest:
	@VENV=$(VENV) scripts/system-deps.sh ingest raw_docs

system-deps-test:
	@VENV=$(VENV) scripts/system-deps.sh test

ingest: system-deps-ingest $(VENV)/.installed ## install, then ingest raw_docs/ into outputs/policy.db and print the summary
	$(ETL) ingest raw_docs --db outputs/policy.db

test: system-deps-test $(VENV)/.installed ## install with the test extra and run the test suite
	$(PY) -m pytest

golden: $(VENV)/.installed ## rewrite tests/golden/ (raw_docs/ and a few real plans) on purpose (review the diff!)
	$(PY) -m pytest tests/test_golden.py --update-golden -q

lint: $(VENV)/.installed ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(VENV)/.installed ## format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(VENV)/.installed ## run the throughput benchmark (see bench/README.md)
	$(PY) bench/run.py

clean: ## remove the virtualenv and outputs
	rm -rf $(VENV) outputs/*.db outputs/*.db-* outputs/*.db.cache
