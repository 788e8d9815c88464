"""The bilingual site: content model, URL scheme, views, feeds and sitemap as plain functions.

`plugins/digest_site.py` adapts them to Pelican (a reader and a generator).
"""
