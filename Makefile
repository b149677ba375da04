# Two commands set everything up: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build check test test-fast bench clean freshness linkcheck measure

help:
	@echo "make serve   serve the site on http://$(HOST) with live reload"
	@echo "make test    run every test (installs what is missing first)"
	@echo "make build   build the site strictly into site/"
	@echo "make check   validate data/frameworks.yaml alone"
	@echo "make freshness  compare the data with PyPI and flag old reviews (network)"
	@echo "make bench   measure build, data, page weight and serve latency into bench/report.md"
	@echo "make measure serve the example apps under Gunicorn and Uvicorn on 127.0.0.1, write data/measurements.yaml"
	@echo "make linkcheck  check every external link of the built site online (network)"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change.
$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

check: $(STAMP)
	$(BIN)/python -m fwguide check

test: $(STAMP)
	$(BIN)/python -m pytest

# Compare versions and Python support with PyPI, flag reviews older than a year (needs network).
freshness: $(STAMP)
	$(BIN)/python -m fwguide.freshness

# Not part of `make test`: timings depend on the machine (see bench/README.md).
bench: $(STAMP)
	$(BIN)/python bench/run.py

# Not part of `make test` (its smoke mode is): the example apps under their production servers on
# 127.0.0.1, about 7 minutes on 2 cores; writes data/measurements.yaml for the Measured page.
measure: $(STAMP)
	$(BIN)/python -m measure

# Needs the internet; CI has none. Ignore list with reasons: linkcheck-ignore.txt.
linkcheck: $(STAMP)
	$(BIN)/python tools/linkcheck.py

clean:
	rm -rf site .pytest_cache .hypothesis
