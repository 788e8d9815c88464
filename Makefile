# Pearl River Policy Digest. `make site` builds, `make test` proves it; both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test ingest venv clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

# Until the Pelican build lands, the site is the ingested content.
site: ingest

ingest: $(STAMP)
	$(PY) -m scripts.ingest --report output/ingest-report.json seeds/

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf output .pytest_cache .hypothesis
