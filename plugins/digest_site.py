"""Pelican adapter: a reader for Pelican's own use of `.md` files, and a generator that hands the
content folder to `digest.site.incremental` and logs what it says. Neither decides anything: the
reading, the caches and the rendering policy are plain functions in `digest.site`.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.readers import BaseReader

from digest import vocab
from digest.site import files as content_files, incremental, live, search
from digest.site.build import Options
from digest.site.views import Links

logger = logging.getLogger(__name__)


class DigestReader(BaseReader):
    """Markdown (CommonMark, markdown-it-py) with YAML front matter validated against the schema."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self.reader = incremental.Reader(Path(settings.get("DIGEST_DATA_DIR", vocab.DATA_DIR)))

    def read(self, filename):
        """Pelican's reader interface: (html, metadata); raises ValueError with path:line on bad input."""
        text, error = content_files.read_article(Path(filename), filename)
        if text is None:
            raise ValueError(str(error or f"{filename}:1: no such file"))
        entry, errors = self.reader.read_entry(filename, text)
        if errors:
            raise ValueError("\n".join(map(str, errors)))
        return entry.html, entry.meta


class DigestGenerator(Generator):
    """Reads content once for both languages and writes every page, feed and the sitemap."""

    def generate_context(self):
        settings = self.settings
        today = settings.get("DIGEST_TODAY")  # the day dates are judged from: tests and --today set it
        self.content = incremental.read_content(
            Path(self.path), Path(self.theme), self.readers.readers["md"].reader, Path(settings["CACHE_PATH"]),
            use_cache=settings.get("LOAD_CONTENT_CACHE", True), drafts=bool(settings.get("DIGEST_DRAFTS")),
            today=dt.date.fromisoformat(str(today)) if today else None)
        self.site = self.content.site
        for warning in self.content.warnings:
            logger.warning(warning)

    def generate_output(self, writer):
        settings = self.settings
        siteurl = settings.get("SITEURL", "")
        links = Links(siteurl=siteurl, absolute=settings.get("DIGEST_ABSOLUTE_URL") or siteurl,
                      names=settings["DIGEST_SITENAMES"], languages=self.site.languages)
        options = Options(per_page=settings.get("DEFAULT_PAGINATION") or 10,
                          static_dir=settings["THEME_STATIC_DIR"],
                          feed_items=settings.get("DIGEST_FEED_ITEMS", 50),
                          shard_pages=settings.get("DIGEST_SEARCH_SHARD_PAGES", search.SHARD_PAGES),
                          edition_feed_items=settings.get("DIGEST_EDITION_FEED_ITEMS", 10),
                          email_budget=settings.get("DIGEST_EMAIL_BUDGET", Options.email_budget),
                          report_url=settings.get("DIGEST_REPORT_URL") or None,
                          related=settings.get("DIGEST_RELATED", Options.related))
        reader = self.readers.readers["md"].reader
        signature = incremental.build_signature(reader, Path(self.theme), self.site,
                                                (sorted(settings["JINJA_ENVIRONMENT"].items()), links, options),
                                                extra_code=[Path(__file__)])
        written = incremental.write_site(self.content, self.env, links, options, Path(self.output_path),
                                         Path(settings["CACHE_PATH"]), signature,
                                         use_cache=settings.get("LOAD_CONTENT_CACHE", True),
                                         search_enabled=settings.get("DIGEST_SEARCH", True),
                                         search_memory_mb=settings.get("DIGEST_SEARCH_MEMORY_MB", search.MEMORY_MB))
        session = settings.get("DIGEST_LIVE")
        if session is not None:  # make serve: what a quick refresh after a text edit starts from
            session.last = live.Last(self.content, reader, self.env, links, options, Path(self.output_path),
                                     Path(self.path).resolve(), written.pages, written.layout)
        logger.info("digest_site: %d files, %d unchanged pages not re-rendered, %d written",
                    written.files, written.skipped, written.written)


def add_reader(readers):
    readers.reader_classes["md"] = DigestReader


def get_generators(_pelican):
    return DigestGenerator


def register():
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
