"""The bilingual site: content model, URL scheme, views, feeds and sitemap as plain functions.

`incremental` decides what a build reads, renders and writes again; `plugins/digest_site.py`
adapts Pelican's settings and signals to it (a reader and a generator).
"""
