# Two commands do all the set-up on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB ?= data/danvan.duckdb
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Chromium renders chart images (kaleido) and drives the browser tests; Noto has every Vietnamese glyph.
# tesseract with its Vietnamese model reads scanned reports (OCR, etl/readers/ocr.py), run locally.
RUN_DEBS := chromium fonts-noto-core tesseract-ocr tesseract-ocr-vie
# LibreOffice and poppler turn a test deck into PDF and PNG pages to look at; LibreOffice Writer
# makes the test PDFs of a Word report, poppler's pdftoppm their scans (tests/readers/document_fixtures.py).
TEST_DEBS := $(RUN_DEBS) libreoffice-impress-nogui libreoffice-writer-nogui poppler-utils

.PHONY: run test lint bench deck screenshots system-deps-run system-deps-test db clean analyst

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "cài gói Debian:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi
endef

system-deps-run:
	$(call apt_install,$(RUN_DEBS))

system-deps-test:
	$(call apt_install,$(TEST_DEBS))

# The database is rebuilt when it is missing or older than any of its inputs.
DB_INPUTS := $(wildcard data/reports/*.txt data/tables/*.csv data/tables/*.xlsx data/inbox/*/published.json) \
	data/review.csv data/localities.csv $(wildcard data/reference/*.csv) data/indicators.yaml data/lexicon.yaml \
	$(wildcard etl/*.py etl/sql/*.sql domain/*.py)

$(DB): $(STAMP) $(DB_INPUTS)
	$(PY) -m etl build --db $@

db: $(DB)

run: system-deps-run $(STAMP) $(DB)
	DANVAN_DB=$(abspath $(DB)) $(PY) -m core.ui.serve --server.address 127.0.0.1 --server.port $(PORT)

# ruff with the settings in pyproject.toml (pinned in requirements.txt); `make test` runs it first.
lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: lint system-deps-test $(STAMP) $(DB)
	$(PY) -m pytest

# A PowerPoint deck from a YAML spec: make deck SPEC=data/decks/example.yaml OUT=out/example.pptx
deck: system-deps-run $(STAMP) $(DB)
	@if [ -z "$(SPEC)" ] || [ -z "$(OUT)" ]; then \
	  echo "dùng: make deck SPEC=data/decks/example.yaml OUT=out/example.pptx"; exit 2; fi
	DANVAN_DB=$(abspath $(DB)) $(PY) -m core.deck.cli "$(SPEC)" "$(OUT)"

# Add an analyst who may publish reports, or reset a password (asked twice): make analyst NAME="Nguyễn Văn A"
analyst: $(STAMP)
	@if [ -z "$(strip $(NAME))" ]; then echo "dùng: make analyst NAME=<tên chuyên viên>"; exit 2; fi
	$(PY) -m etl.intake.analyst_cli "$(NAME)"

# Timings against the goals of issues 5 and 12 on national-size synthetic data (4–10 minutes): prints a
# table and writes bench-results.json; work files in out/bench/. See tests/bench/run.py.
bench: system-deps-test $(STAMP)
	$(PY) tests/bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) .pytest_cache

# Refresh the README's screenshots from the browser test.
screenshots: system-deps-test $(STAMP) $(DB)
	DANVAN_SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/test_browser.py tests/test_browser_intake.py -q
