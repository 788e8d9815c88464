# Pearl River Policy Digest. `make site` builds, `make test` proves it; both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site serve demo test fuzz ingest check new bench stress evaluate venv clean

# magic-html is ingest's second reader of a page (digest/ingest/extract.py): see EVAL_STAMP below
# for why it is installed apart.
$(STAMP): requirements.txt requirements-evaluate.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-evaluate.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python $(MAGIC_HTML)
	touch $(STAMP)

venv: $(STAMP)

# Build the bilingual site from content/ into output/.
site: $(STAMP)
	$(PY) -m scripts.build --output output

# Build, serve output/ on http://127.0.0.1:8000 and rebuild when content, theme or data change; the
# browser reloads after each good build. A failed build prints path:line errors and shows them over
# the page; the last good site stays up. make serve ARGS=--drafts previews drafts, under a DRAFT
# banner, in output-drafts/ (never in output/, which is what is published).
serve: $(STAMP)
	$(PY) -m scripts.serve $(ARGS)

# The site at scale: DEMO_ARTICLES invented articles (the bench corpus) built into demo/output and
# served on http://127.0.0.1:8001 with live reload. Never touches content/ or output/.
DEMO_ARTICLES ?= 300
demo: $(STAMP)
	$(PY) -m scripts.demo --articles $(DEMO_ARTICLES) $(ARGS)

ingest: $(STAMP)
	$(PY) -m scripts.ingest --report output/ingest-report.json seeds/

# Check content/ and output/: metadata, links, feeds, HTML (vnu) and accessibility (axe).
# make check ARGS="--skip html,a11y" skips the two that need Java and Chromium.
# --build: output/ is built first (incrementally, as it was built) when content, data, theme or
# settings changed after its build; a check of the content alone (--metadata-only) builds nothing.
check: $(STAMP)
	$(PY) -m scripts.check --build $(ARGS)

# make new ARGS='--title "..." --lang en --date YYYY-MM-DD'   or   make new ARGS="--translate SLUG --lang zh"
# or an edition's editor's note: make new ARGS="--edition 2025-W06 --lang en"
new: $(STAMP)
	$(PY) -m scripts.new $(ARGS)

# The benchmark against stock Pelican and Hugo, then ours alone at BENCH_SCALES articles (about
# half an hour in all on two cores). BENCH_ARTICLES=1000 BENCH_SCALES= for a shorter run.
BENCH_ARTICLES ?= 5000
BENCH_SCALES ?= 20000,50000
bench: $(STAMP)
	$(PY) -m scripts.bench --articles $(BENCH_ARTICLES) --scale "$(BENCH_SCALES)" --json output/bench.json

# Crash consistency: ingest and the build killed (SIGKILL) at KILLS seeded random points, each
# followed by a normal run that must end as a clean run does (README, "Crash consistency").
KILLS ?= 200
SEED ?= 1
stress: $(STAMP)
	$(PY) -m scripts.stress --kills $(KILLS) --seed $(SEED)

# Extraction and metadata quality on two public benchmarks, cloned into bench-data/ (README,
# "Evaluation"). magic-html 0.1.8 says Python >= 3.12 but runs on 3.11: installed without its
# declared dependencies, which requirements-evaluate.txt pins. make evaluate ARGS="--limit 20"
EVAL_STAMP := $(VENV)/.evaluate-installed
MAGIC_HTML := magic-html==0.1.8

$(EVAL_STAMP): $(STAMP) requirements-evaluate.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-evaluate.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python $(MAGIC_HTML)
	touch $(EVAL_STAMP)

evaluate: $(EVAL_STAMP)
	$(PY) -m scripts.evaluate $(ARGS)

test: $(STAMP)
	$(PY) -m pytest

# The fuzz campaign of tests/fuzz with its big profile: over 10,000 generated sources, front
# matters, Markdown bodies and small sites (new ones each run); prints how many of each kind ran.
fuzz: $(STAMP)
	DIGEST_FUZZ=fuzz $(PY) -m pytest tests/fuzz -q -p no:cacheprovider

clean:
	rm -rf output output-drafts demo .pytest_cache .hypothesis
