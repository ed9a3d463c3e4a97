# The archive's verbs. `make site` and `make test` do all the set-up on a fresh clone.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-deps
TEST_STAMP := $(VENV)/.test-deps

# Timestamps in the site (sitemap) come from the last commit, so the same inputs give byte-identical builds.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site site-clean build serve test test-deps report eval verify check-links fuzz bench clean

site: $(SITE_STAMP)            ## create the environment, build the archive, leave the site in site/ (only the changed pages rendered again where that is safe)
	$(BIN)/archive build
	$(BIN)/archive site --dirty

site-clean: $(SITE_STAMP)      ## the same, every page rendered again (`mkdocs build --strict` into an emptied site/)
	$(BIN)/archive build
	$(BIN)/archive site

build: $(SITE_STAMP)           ## ingest and write the Markdown pages into docs/ (no MkDocs)
	$(BIN)/archive build

serve: site                    ## preview the site at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

bench: $(SITE_STAMP)           ## build benchmark at N = 100 and 1,000 stories (N=10000: python -m tests.bench.bench_build 10000)
	$(BIN)/python -m tests.bench.bench_build 100 1000

fuzz: test-deps                ## the hostile-input properties with thousands of examples
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q --hypothesis-show-statistics tests/test_hostile.py tests/test_hostile_files.py

verify: $(SITE_STAMP)          ## build twice from the same inputs and check the two sites are byte-identical
	$(BIN)/python -m build_tools.site_checks.verify

check-links: site              ## check every internal link and anchor of the built site
	$(BIN)/python -m build_tools.site_checks.links site

eval: $(SITE_STAMP)            ## score headlines, dates, places and story counts on the development corpus of real page shapes
	$(BIN)/archive eval

report: $(SITE_STAMP)          ## print the ingest report
	$(BIN)/archive ingest && cat build/ingest-report.md

test: test-deps                ## install what the tests need (Chromium included) and run them all
	$(BIN)/python -m pytest

test-deps: $(TEST_STAMP) node_modules/.installed
	@{ command -v chromium && fc-list :lang=zh | grep -q . && command -v soffice ; } >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (browser tests) and LibreOffice Calc (the CSV export opened in a spreadsheet)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk \
	    libreoffice-calc-nogui >/dev/null; }

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(SITE_STAMP): pyproject.toml $(VENV)/bin/python
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(SITE_STAMP)
	$(BIN)/pip install -q -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json   # vnu-jar (W3C Nu HTML checker) and axe-core
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:                         ## remove everything the build generated (the list: GENERATED_OUTPUTS in build_tools/settings.py)
	rm -rf $(shell $(PYTHON) -m build_tools.settings --generated)

# ---- Offline translation (Argos Translate) ---------------------------------------------------------------------
TRANSLATE_STAMP := $(VENV)/.translate-deps
.PHONY: model mt-eval bench-translate

$(TRANSLATE_STAMP): pyproject.toml $(SITE_STAMP)
	$(BIN)/pip install -q -e '.[translate]'
	touch $@

model: $(TRANSLATE_STAMP)      ## install the zh→en model: ARGOS_MODEL=path/to/file.argosmodel, else argospm (internet)
	@if [ -n "$(ARGOS_MODEL)" ]; then \
	  $(BIN)/python -m build_tools.translate.engine install "$(ARGOS_MODEL)"; \
	else \
	  $(BIN)/python -m build_tools.translate.engine index && $(BIN)/argospm install translate-zh_en \
	    && $(BIN)/python -m build_tools.translate.engine; \
	fi

mt-eval: $(TRANSLATE_STAMP)    ## score the installed model against the reference translations (chrF, BLEU)
	$(BIN)/python -m build_tools.translate.evaluate

bench-translate: $(TRANSLATE_STAMP)   ## throughput: our batched engine vs argostranslate, same input and model
	$(BIN)/python -m tests.bench.bench_translate --big

# ---- Search at scale -------------------------------------------------------------------------------------------
.PHONY: bench-search

bench-search: test-deps        ## 10,000 synthetic stories with Pagefind: the first search in Chromium stays under 1 MB
	$(BIN)/python -m pytest -q -s -m slow tests/bench/test_search_scale.py

# ---- Reprints ---------------------------------------------------------------------------------------------------
.PHONY: bench-reprints

bench-reprints: test-deps      ## 10,000 synthetic stories with planted reprints: recall, precision, seconds added
	$(BIN)/python -m tests.bench.bench_reprints 10000
