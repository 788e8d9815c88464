"""Evaluate ingest's extraction and metadata against two public benchmarks, beside two peers.

The benchmarks are fetched by the user into `bench-data/` (never committed: their pages are
third-party text). `metrics` re-implements each benchmark's own score, `benchmarks` loads pages
and the label files of facts under `data/labels/`, `tools` runs trafilatura, magic-html and our
pipeline on one page each, `report` turns the results into one table. `scripts/evaluate.py` is
the command-line edge.
"""
