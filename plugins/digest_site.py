"""Pelican adapter: a markdown-it-py reader with schema-checked YAML front matter, and a generator
that writes the bilingual site. Both are thin; the work is in `digest.site`.
"""
from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.readers import BaseReader

from digest import vocab
from digest.site import i18n, markdown
from digest.site.build import render_site
from digest.site.model import Entry, ContentError, load_site, read_entry
from digest.site.views import Links

logger = logging.getLogger(__name__)


class DigestReader(BaseReader):
    """Markdown (CommonMark, markdown-it-py) with YAML front matter validated against the schema."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self.renderer = markdown.make_renderer()
        self._vocabularies = None

    @property
    def vocabularies(self) -> vocab.Vocabularies:
        if self._vocabularies is None:
            self._vocabularies = vocab.load(Path(self.settings.get("DIGEST_DATA_DIR", vocab.DATA_DIR)))
        return self._vocabularies

    def render(self, body: str) -> str:
        return markdown.render(body, self.renderer)

    def read_entry(self, path: str, text: str) -> tuple[Entry | None, list[ContentError]]:
        return read_entry(path, text, self.vocabularies, self.render)

    def read(self, filename):
        """Pelican's reader interface: (html, metadata); raises ValueError with path:line on bad input."""
        text = Path(filename).read_text(encoding="utf-8")
        entry, errors = self.read_entry(filename, text)
        if errors:
            raise ValueError("\n".join(map(str, errors)))
        return entry.html, entry.meta


class DigestGenerator(Generator):
    """Reads content once for both languages and writes every page, feed and the sitemap."""

    def generate_context(self):
        reader: DigestReader = self.readers.readers["md"]
        content = Path(self.path)
        files = [(self.display(path), path.read_text(encoding="utf-8")) for path in sorted(content.rglob("*.md"))]
        self.site = load_site(files, reader.vocabularies, reader.render)
        theme = Path(self.theme)
        self.translations = {lang: i18n.load_translations(theme / "translations", lang) for lang in ("en", "zh")}
        for lang in ("en", "zh"):
            for problem in i18n.untranslated(theme / "templates", theme / "translations", lang):
                logger.warning(problem)

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return str(path)

    def generate_output(self, writer):
        siteurl = self.settings.get("SITEURL", "")
        links = Links(siteurl=siteurl, absolute=self.settings.get("DIGEST_ABSOLUTE_URL") or siteurl,
                      names=self.settings["DIGEST_SITENAMES"])
        files = render_site(self.site, self.env, links, self.translations,
                            per_page=self.settings.get("DEFAULT_PAGINATION") or 10,
                            static_dir=self.settings["THEME_STATIC_DIR"])
        output = Path(self.output_path)
        written = 0
        for relative, text in files.items():
            target = output / relative
            data = text.encode("utf-8")
            if target.exists() and target.read_bytes() == data:
                continue  # unchanged files keep their mtime: rsync and browsers see nothing new
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
        logger.info("digest_site: %d files rendered, %d written", len(files), written)


def add_reader(readers):
    readers.reader_classes["md"] = DigestReader


def get_generators(_pelican):
    return DigestGenerator


def register():
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
