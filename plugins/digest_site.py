"""Pelican adapter: a markdown-it-py reader with schema-checked YAML front matter, and a generator
that writes the bilingual site. Both are thin; the work is in `digest.site`.

Two caches under Pelican's CACHE_PATH make rebuilds cheap: parsed and rendered articles keyed by
their text, and the key of every page (made from the texts of the articles it shows), so an
unchanged page is neither rendered nor written again. The first is ignored when what reading
depends on changes (vocabularies, schema, reading code); the second when anything else a page
depends on changes too (theme, site code, libraries, settings): see `build_signature`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import logging
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.readers import BaseReader

from digest import SCHEMA_PATH, frontmatter, schema, vocab
from digest.dates import date_problem
from digest.site import editions, files as content_files, history, i18n, markdown, model, pages, reading, search
from digest.site.build import Options, PageMemo, render_site
from digest.site.model import ContentError, Entry, load_site, read_entry, source_key
from digest.site.search import ShardIndexer
from digest.site.views import Links

logger = logging.getLogger(__name__)
CONTENT_CACHE = "digest-content.pickle"
PAGE_CACHE = "digest-pages.json"


# Libraries whose output ends up in pages; an upgrade of any of them rebuilds everything.
READING_LIBRARIES = ("markdown-it-py", "nh3", "pyyaml")
RENDERING_LIBRARIES = ("jinja2", "markupsafe", "babel", "feedgenerator", "pelican")


def library_versions(names: tuple[str, ...]) -> str:
    return " ".join(f"{name}=={importlib.metadata.version(name)}" for name in names)


def fingerprint(paths: list[Path], extra: str = "") -> str:
    digest = hashlib.blake2b(extra.encode(), digest_size=16)
    for path in sorted(paths):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class DigestReader(BaseReader):
    """Markdown (CommonMark, markdown-it-py) with YAML front matter validated against the schema."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self.renderer = markdown.make_renderer()
        self.data_dir = Path(settings.get("DIGEST_DATA_DIR", vocab.DATA_DIR))
        self._vocabularies = None

    @property
    def vocabularies(self) -> vocab.Vocabularies:
        if self._vocabularies is None:
            self._vocabularies = vocab.load(self.data_dir)
        return self._vocabularies

    def signature(self) -> str:
        """What a cached reading depends on besides the file's text: vocabularies, schema, reading code."""
        code = [Path(module.__file__) for module in (markdown, model, reading, frontmatter, schema)]
        return fingerprint([*self.data_dir.glob("*.yaml"), SCHEMA_PATH, *code], library_versions(READING_LIBRARIES))

    def render(self, body: str) -> str:
        return markdown.render(body, self.renderer)

    def read_entry(self, path: str, text: str) -> tuple[Entry | None, list[ContentError]]:
        return read_entry(path, text, self.vocabularies, self.render)

    def read(self, filename):
        """Pelican's reader interface: (html, metadata); raises ValueError with path:line on bad input."""
        text, error = content_files.read_article(Path(filename), filename)
        if text is None:
            raise ValueError(str(error or f"{filename}:1: no such file"))
        entry, errors = self.read_entry(filename, text)
        if errors:
            raise ValueError("\n".join(map(str, errors)))
        return entry.html, entry.meta


PARALLEL_READ_FROM = 200  # below this, starting worker processes costs more than it saves


def read_many(reader: DigestReader, files: list[tuple[str, str]]) -> list[tuple[Entry | None, list[ContentError]]]:
    """Parse, validate and render files; on every core when there are many (a cold build)."""
    jobs = os.cpu_count() or 1
    if jobs < 2 or len(files) < PARALLEL_READ_FROM:
        return [reader.read_entry(path, text) for path, text in files]
    with ProcessPoolExecutor(jobs, initializer=_start_reader, initargs=(reader.settings,)) as pool:
        return list(pool.map(_read_in_worker, files, chunksize=64))


_worker_reader: DigestReader | None = None  # one per worker process: vocabularies and renderer built once


def _start_reader(settings) -> None:
    global _worker_reader
    _worker_reader = DigestReader(settings)


def _read_in_worker(item: tuple[str, str]):
    return _worker_reader.read_entry(*item)


def display(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return str(path)


class OutputFiles(dict):
    """Writes each file as render_site produces it and keeps only its path (the value is None)."""

    def __init__(self, output: Path):
        super().__init__()
        self.output, self.written = output, 0
        self.folders: dict[str, bool] = {}  # folder -> made by this build (so empty before it); one check each

    def __setitem__(self, relative: str, text: str | None) -> None:
        super().__setitem__(relative, None)
        if text is None:
            return  # made from the same inputs last time (see PageMemo): the file is current
        target = os.path.join(self.output, relative)
        data = text.encode("utf-8")
        if not self.made_folder(os.path.dirname(target)):
            try:
                with open(target, "rb") as current:
                    if current.read() == data:
                        return  # unchanged files keep their mtime: rsync and browsers see nothing new
            except FileNotFoundError:
                pass
        with open(target, "wb") as new:
            new.write(data)
        self.written += 1

    def made_folder(self, folder: str) -> bool:
        """Make sure the folder exists; whether this build made it. A cold build then writes each page
        into a folder it just made, with no look for an old copy (a failed open per file)."""
        made = self.folders.get(folder)
        if made is None:
            parent = os.path.dirname(folder)
            if parent != folder and self.made_folder(parent):
                os.mkdir(folder)
                made = True
            else:
                made = not os.path.isdir(folder)
                os.makedirs(folder, exist_ok=True)
            self.folders[folder] = made
        return made

    def update(self, other) -> None:
        for relative, text in other.items():
            self[relative] = text


class DigestGenerator(Generator):
    """Reads content once for both languages and writes every page, feed and the sitemap."""

    def cache_file(self, name: str) -> Path:
        return Path(self.settings["CACHE_PATH"]) / name

    def generate_context(self):
        reader: DigestReader = self.readers.readers["md"]
        cwd = Path.cwd().resolve()  # error paths are relative to the working directory
        files, unreadable = content_files.read_articles(Path(self.path).resolve(), lambda path: display(path, cwd))
        signature = reader.signature()
        cached = self.load_content_cache(signature)
        fresh: dict[str, tuple[dict, str, dict, int, int]] = {}
        files, note_files = editions.split_notes(files, Path(self.path))  # content/editions/: editor's notes
        files, page_files = pages.split_pages(files, Path(self.path))  # content/pages/: the about page
        key_of = {path: source_key(text) for path, text in files}
        misses = [(path, text) for path, text in files if key_of[path] not in cached]
        parsed = dict(zip(misses, read_many(reader, misses)))

        def read(path: str, text: str):
            key = key_of[path]
            if key in cached:
                meta, html, key_lines, body_line, minutes = fresh[key] = cached[key]
                return Entry(path, meta, html, key, key_lines, body_line, minutes), []
            entry, errors = parsed[(path, text)]
            if entry is not None:
                fresh[key] = (entry.meta, entry.html, entry.key_lines, entry.body_line, entry.minutes)
            return entry, errors

        # the day dates are judged from: tests and --today set it
        today = dt.date.fromisoformat(str(self.settings.get("DIGEST_TODAY") or dt.date.today()))
        self.site = load_site(files, reader.vocabularies, reader.render, today, read, unreadable,
                              drafts=bool(self.settings.get("DIGEST_DRAFTS")))
        for left_out in self.site.left_out:
            logger.warning(str(left_out))
        self.save(CONTENT_CACHE, pickle.dumps({"version": 4, "signature": signature, "entries": fresh}))
        self.site.notes = self.read_notes(reader, note_files, today)
        self.site.pages = self.read_pages(reader, page_files)
        root = Path(self.path).resolve()
        self.site.changed = {display(root / path, cwd): day for path, day in history.changed_after_adding(root).items()}
        theme = Path(self.theme)
        self.translations = {lang: i18n.load_translations(theme / "translations", lang) for lang in ("en", "zh")}
        for lang in ("en", "zh"):
            for problem in i18n.untranslated(theme / "templates", theme / "translations", lang):
                logger.warning(problem)

    def read_notes(self, reader: DigestReader, note_files: list[tuple[str, str]], today: dt.date) -> dict:
        """The published editor's notes; invalid ones stop the build like invalid articles."""
        notes, errors = editions.check_notes(note_files, reader.render,
                                             lambda day: date_problem(day, today, reader.vocabularies.dates))
        if errors:
            raise model.ContentErrors(errors)
        published = editions.published_notes(notes)
        weeks = {editions.week_of(entry.date).id for entry in self.site.entries}
        for orphan in editions.orphan_notes(published, weeks):
            logger.warning(str(orphan))
        return published

    def read_pages(self, reader: DigestReader, page_files: list[tuple[str, str]]) -> dict:
        """The site's own pages; an invalid one stops the build like an invalid article."""
        found, errors = pages.check_pages(page_files, reader.render)
        if errors:
            raise model.ContentErrors(errors)
        return found

    def load_content_cache(self, signature: str) -> dict:
        path = self.cache_file(CONTENT_CACHE)
        if not self.settings.get("LOAD_CONTENT_CACHE", True) or not path.exists():
            return {}
        try:
            data = pickle.loads(path.read_bytes())
        except Exception:  # a cache from another version is simply rebuilt
            return {}
        return data["entries"] if data.get("signature") == signature and data.get("version") == 4 else {}

    def save(self, name: str, data: bytes) -> None:
        """In one step: a build killed while saving leaves the old cache file or the new one."""
        path = self.cache_file(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        content_files.replace_atomically(path, data)

    def build_signature(self, reader: DigestReader, links: Links, options: Options) -> str:
        """Everything a page depends on besides the content: when it differs, every page is rendered again.

        Page keys are made from the content they show (see digest.site.build), so this covers the
        rest: what reading depends on, the theme, the site code, the libraries and the settings.
        """
        theme = Path(self.theme)
        files = [p for p in theme.rglob("*") if p.is_file() and p.suffix in (".html", ".po")]
        code = [*Path(model.__file__).parent.glob("*.py"), Path(vocab.__file__), Path(__file__)]
        # Which languages have an about page decides every page's footer, so it is part of the signature too.
        about = sorted(lang for name, lang in self.site.pages if name == pages.ABOUT)
        settings = (sorted(self.settings["JINJA_ENVIRONMENT"].items()), links, options, about)
        return fingerprint(files + code, f"{reader.signature()} {library_versions(RENDERING_LIBRARIES)} {settings!r}")

    def generate_output(self, writer):
        siteurl = self.settings.get("SITEURL", "")
        links = Links(siteurl=siteurl, absolute=self.settings.get("DIGEST_ABSOLUTE_URL") or siteurl,
                      names=self.settings["DIGEST_SITENAMES"])
        output = Path(self.output_path)
        options = Options(per_page=self.settings.get("DEFAULT_PAGINATION") or 10,
                          static_dir=self.settings["THEME_STATIC_DIR"],
                          feed_items=self.settings.get("DIGEST_FEED_ITEMS", 50),
                          shard_pages=self.settings.get("DIGEST_SEARCH_SHARD_PAGES", search.SHARD_PAGES),
                          edition_feed_items=self.settings.get("DIGEST_EDITION_FEED_ITEMS", 10),
                          email_budget=self.settings.get("DIGEST_EMAIL_BUDGET", Options.email_budget),
                          report_url=self.settings.get("DIGEST_REPORT_URL") or None,
                          related=self.settings.get("DIGEST_RELATED", Options.related))
        signature = self.build_signature(self.readers.readers["md"], links, options)
        previous = self.previous_build(signature, output)
        memo = PageMemo(previous=previous.get("pages", {}))
        files = OutputFiles(output)
        indexer = ShardIndexer(output, previous.get("shards", {}), enabled=self.settings.get("DIGEST_SEARCH", True))

        render_site(self.site, self.env, links, self.translations, options, memo, files, indexer.ready)
        for stale in set(previous.get("written", ())) - set(files):
            (output / stale).unlink(missing_ok=True)  # a page that no longer exists (article or about page removed)
        shards = indexer.finish()
        self.save(PAGE_CACHE, json.dumps({"signature": signature, "output": str(output.resolve()),
                                          "pages": memo.current, "shards": shards}).encode())
        logger.info("digest_site: %d files, %d unchanged pages not re-rendered, %d written",
                    len(files), memo.skipped, files.written)

    def previous_build(self, signature: str, output: Path) -> dict:
        """The last build's page keys (of pages still on disk) and search shard keys, if it had this signature and output.

        `written`, the pages it wrote that are still on disk, comes with any signature: a page that is
        no longer made (an about page removed, which changes the signature) must go either way."""
        path = self.cache_file(PAGE_CACHE)
        if not self.settings.get("LOAD_CONTENT_CACHE", True) or not path.exists():
            return {}
        try:
            data = json.loads(path.read_text())
        except ValueError:  # cut short (saved before saving was atomic): start as a cold build does
            return {}
        if data.get("output") != str(output.resolve()):
            return {}
        keys = {page: key for page, key in data["pages"].items() if (output / page).exists()}
        if data.get("signature") != signature:
            return {"written": list(keys)}
        return {"pages": keys, "shards": data.get("shards", {}), "written": list(keys)}


def add_reader(readers):
    readers.reader_classes["md"] = DigestReader


def get_generators(_pelican):
    return DigestGenerator


def register():
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
