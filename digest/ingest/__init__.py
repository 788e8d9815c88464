"""Ingest: raw sources in seeds/ become Markdown with YAML front matter in content/.

One module per stage, in the order `pipeline` runs them on one input: decode, extract, clean,
detect, terminology, metadata, write (`people` and `credits` serve metadata and clean;
`similarity` finds near-duplicates of what is already in content/). `scripts/ingest.py` is the
command-line edge.
"""
