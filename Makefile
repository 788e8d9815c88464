# Pearl River Policy Digest. `make site` builds, `make test` proves it; both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site serve test ingest check new bench venv clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

# Build the bilingual site from content/ into output/.
site: $(STAMP)
	$(PY) -m scripts.build --output output

# Serve output/ on http://localhost:8000 and rebuild when content, theme or data change.
serve: site
	$(PY) -m scripts.serve

ingest: $(STAMP)
	$(PY) -m scripts.ingest --report output/ingest-report.json seeds/

# Check content/ and output/: metadata, links, feeds, HTML (vnu) and accessibility (axe).
# make check ARGS="--skip html,a11y" skips the two that need Java and Chromium.
check: $(STAMP)
	$(PY) -m scripts.check $(ARGS)

# make new ARGS='--title "..." --lang en --date YYYY-MM-DD'   or   make new ARGS="--translate SLUG --lang zh"
new: $(STAMP)
	$(PY) -m scripts.new $(ARGS)

# The benchmark against stock Pelican and Hugo. BENCH_ARTICLES=1000 for a shorter run.
BENCH_ARTICLES ?= 5000
bench: $(STAMP)
	$(PY) -m scripts.bench --articles $(BENCH_ARTICLES) --json output/bench.json

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf output .pytest_cache .hypothesis
