# Two commands set everything up: `make serve` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Two stamps, one per set of pins (requirements/*.txt, exact versions with hashes): SITE for the
# site build only (serve, build, check, freshness, linkcheck), STAMP for everything (the site, the
# examples and the test tools).
SITE   := $(VENV)/.site-installed
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes
HOST   ?= 127.0.0.1:8000
PYTEST_ARGS ?=
# Which builder `make build` uses: mkdocs (MkDocs with Material, the default) or zensical.
BUILDER ?= mkdocs
ZVENV  := .venv-zensical

.PHONY: help serve build check test test-fast bench clean freshness linkcheck measure

help:
	@echo "make serve   serve the site on http://$(HOST) with live reload"
	@echo "             another address or port: make serve HOST=127.0.0.1:8001"
	@echo "make test    run every test; finds or installs a browser first (tools/browser.py)"
	@echo "             pytest options: make test PYTEST_ARGS='tests/test_rules.py -x'"
	@echo "make test-fast  every test except the browser tests (no browser needed)"
	@echo "make build   build the site strictly into site/ (BUILDER=zensical: with Zensical instead)"
	@echo "make check   validate data/frameworks.yaml alone"
	@echo "make freshness  compare the data with PyPI and flag old reviews (network)"
	@echo "make measure serve the example apps under Gunicorn and Uvicorn on 127.0.0.1, write data/measurements.yaml"
	@echo "make linkcheck  check every external link of the built site online (network)"
	@echo "make bench   measure build, data, page weight and serve latency into bench/report.md"
	@echo "make clean   remove generated files (site/, docs/api/, bench reports, caches); keeps .venv"
	@echo "make serve, build, check, freshness and linkcheck install only requirements/site.txt;"
	@echo "make test, test-fast and bench install requirements/test.txt (everything)."

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change.
$(SITE): requirements/site.txt | $(BIN)/python
	$(PIP) -r requirements/site.txt
	touch $(SITE)

# test.txt holds every pin of site.txt as well (tests/test_repo.py checks), so it satisfies both.
$(STAMP): requirements/test.txt | $(BIN)/python
	$(PIP) -r requirements/test.txt
	touch $(SITE) $(STAMP)

# `python -m fwguide.export` writes docs/api/*.json (git-ignored) before the builder starts, never
# during a build: MkDocs publishes the API from memory anyway (fwguide/mkdocs_hooks.py); a builder
# without that hook (Zensical) copies docs/api/ and stops when it is stale. See fwguide/export.py.
# On bad data the export prints the problems and exits 1: `build` stops there, `serve` starts anyway
# (the leading -) and shows the problems on every page.
EXPORT := $(BIN)/python -m fwguide.export

serve: $(SITE)
	@$(BIN)/python tools/portcheck.py $(HOST)
	-$(EXPORT)
	$(BIN)/mkdocs serve --dev-addr $(HOST) --livereload

# tools/build.py: check the data, publish the JSON API, then build strictly into site/.
build: $(SITE) $(if $(filter zensical,$(BUILDER)),$(ZVENV)/.installed)
	$(BIN)/python tools/build.py --builder $(BUILDER) --zensical $(ZVENV)/bin/zensical

$(ZVENV)/.installed: requirements/zensical.txt
	$(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/zensical.txt
	touch $@

check: $(SITE)
	$(BIN)/python -m fwguide check

# The browser comes from tools/browser.py ($CHROME_PATH, PATH, Playwright's download, or an
# install); without one it stops here with one message, before pytest starts.
test: $(STAMP)
	@CHROME_PATH="$$($(BIN)/python tools/browser.py)" || exit 1; export CHROME_PATH; \
	echo "$(BIN)/python -m pytest $(PYTEST_ARGS)"; $(BIN)/python -m pytest $(PYTEST_ARGS)

# Everything but the browser tests; the last line says how many were left out.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

# Compare versions and Python support with PyPI, flag reviews older than a year (needs network).
# Exit 1: something is out of date; exit 2: PyPI could not be reached, nothing was judged.
freshness: $(SITE)
	$(BIN)/python -m fwguide.freshness

# Not part of `make test`: timings depend on the machine (see bench/README.md).
bench: $(STAMP)
	@CHROME_PATH="$$($(BIN)/python tools/browser.py)" || exit 1; export CHROME_PATH; \
	$(BIN)/python bench/run.py

# Not part of `make test` (its smoke mode is): the example apps under their production servers on
# 127.0.0.1, about 7 minutes on 2 cores; writes data/measurements.yaml for the Measured page.
measure: $(STAMP)
	$(BIN)/python -m measure

# Needs the internet; CI has none. Ignore list with reasons: linkcheck-ignore.txt.
# Exit 1: a broken link; exit 2: the network is down or the time ran out, nothing was judged.
linkcheck: $(SITE)
	$(BIN)/python tools/linkcheck.py

# Generated files only; .venv (and its install stamps) stays.
clean:
	rm -rf site .pytest_cache .hypothesis docs/api bench/report*.md
	find . \( -path ./.venv -o -path ./$(ZVENV) \) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
