"""Ingest: raw sources in seeds/ become Markdown with YAML front matter in content/.

One module per stage -- decode, extract, clean, detect, metadata, terminology, write -- and
`pipeline` to run them in order on one input. `cli` is the command-line edge.
"""
