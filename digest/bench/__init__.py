"""The performance benchmark behind `python -m scripts.bench` (issue 6).

`corpus` writes a deterministic synthetic bilingual corpus (and raw inputs for ingest), `peers`
sets up and runs our build, stock Pelican, Hugo and ingest on it, `measure` runs each in its own
subprocess and records wall time, CPU time, peak RSS and files written, and `report` prints the
table. Nothing here has timing targets; the targets live in the issue and the README.
"""
