"""The build's incremental policy: what is read again, rendered again and written again.

`read_content` reads a content folder into the site model, parsing only files whose text is not in
the content cache (on every core for a cold build); `write_site` renders it into an output folder,
skipping pages whose key (made from the texts of the articles they show) is the last build's, and
writing only files whose bytes changed. Both caches live in one folder (Pelican's CACHE_PATH):

- the content cache: parsed and rendered articles keyed by their text, ignored when what reading
  depends on changes (vocabularies, schema, reading code and libraries: `Reader.signature`);
- the page cache: each page's key, the search shards' keys and the files written, ignored when
  anything else a page depends on changes too (theme, site code, libraries, settings:
  `build_signature`).

Nothing here knows Pelican: `plugins/digest_site.py` passes its settings in.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from digest import SCHEMA_PATH, display_path, frontmatter, languages as site_languages, schema, vocab
from digest.dates import date_problem
from digest.site import derive, editions, files as content_files, history, i18n, markdown, model, pages, reading, search
from digest.site.build import Options, PageMemo, Plan, plan, render_site
from digest.site.model import ContentError, Entry, ContentErrors, Site, load_site, read_entry, source_key
from digest.site.search import ShardIndexer
from digest.site.views import Links

CONTENT_CACHE = "digest-content.pickle"
CONTENT_CACHE_VERSION = 4
PAGE_CACHE = "digest-pages.json"
INTERFACE_CACHE = "digest-interface.json"
PARALLEL_READ_FROM = 200  # below this, starting worker processes costs more than it saves

# Libraries whose output ends up in pages; an upgrade of any of them rebuilds everything.
READING_LIBRARIES = ("markdown-it-py", "nh3", "pyyaml")
RENDERING_LIBRARIES = ("jinja2", "markupsafe", "babel", "feedgenerator", "pelican")


def library_versions(names: tuple[str, ...]) -> str:
    return " ".join(f"{name}=={importlib.metadata.version(name)}" for name in names)


def fingerprint(paths: list[Path], extra: str = "") -> str:
    """A hash of the files' names and bytes, and of `extra`."""
    digest = hashlib.blake2b(extra.encode(), digest_size=16)
    for path in sorted(paths):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Reader:
    """Markdown (CommonMark, markdown-it-py) with YAML front matter validated against the schema,
    against the vocabularies of one data folder (loaded when first needed)."""

    def __init__(self, data_dir: Path = vocab.DATA_DIR):
        self.data_dir = Path(data_dir)
        self.renderer = markdown.make_renderer()
        self._vocabularies = None

    @property
    def vocabularies(self) -> vocab.Vocabularies:
        if self._vocabularies is None:
            self._vocabularies = vocab.load(self.data_dir)
        return self._vocabularies

    def signature(self) -> str:
        """What a cached reading depends on besides the file's text: vocabularies, schema, reading code."""
        code = [Path(module.__file__) for module in (markdown, model, reading, frontmatter, schema, derive, site_languages)]
        return fingerprint([*self.data_dir.glob("*.yaml"), SCHEMA_PATH, *code], library_versions(READING_LIBRARIES))

    def render(self, body: str) -> str:
        return markdown.render(body, self.renderer)

    def read_entry(self, path: str, text: str) -> tuple[Entry | None, list[ContentError]]:
        return read_entry(path, text, self.vocabularies, self.render)


def read_many(reader: Reader, files: list[tuple[str, str]]) -> list[tuple[Entry | None, list[ContentError]]]:
    """Parse, validate and render files; on every core when there are many (a cold build)."""
    jobs = os.cpu_count() or 1
    if jobs < 2 or len(files) < PARALLEL_READ_FROM:
        return [reader.read_entry(path, text) for path, text in files]
    # Workers forked from this process would each hold (and count in its memory) the content read
    # so far; started afresh they hold only what they read (10,000 articles: 93 MB each, not 182).
    # Spawned workers import the caller's main module: a script that builds needs a __main__ guard.
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_reader, initargs=(reader.data_dir,)) as pool:
        return list(pool.map(_read_in_worker, files, chunksize=64))


_worker_reader: Reader | None = None  # one per worker process: vocabularies and renderer built once


def _start_reader(data_dir: Path) -> None:
    global _worker_reader
    _worker_reader = Reader(data_dir)


def _read_in_worker(item: tuple[str, str]):
    return _worker_reader.read_entry(*item)


def save(path: Path, data: bytes) -> None:
    """In one step: a build killed while saving leaves the old cache file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    content_files.replace_atomically(path, data)


def save_pickle(path: Path, value) -> None:
    """save(path, pickle.dumps(value)) without the pickle in memory whole: at 50,000 articles the
    content cache is about as large as the site model it is made from."""
    path.parent.mkdir(parents=True, exist_ok=True)
    content_files.write_atomically(path, lambda file: pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL))


def load_content_cache(path: Path, signature: str) -> dict:
    """{source key: (meta, html, key lines, body line, reading minutes)} of the last build, if read with this signature."""
    if not path.exists():
        return {}
    try:
        with open(path, "rb") as file:  # buffered: the file's bytes are never held whole beside what they make
            data = pickle.load(file)
    except Exception:  # a cache from another version is simply rebuilt
        return {}
    matches = data.get("signature") == signature and data.get("version") == CONTENT_CACHE_VERSION
    return data["entries"] if matches else {}


@dataclass(frozen=True)
class ContentRead:
    """A content folder read: the site model, the UI translations, and what an editor should hear."""
    site: Site
    translations: dict
    warnings: list[str]


def shown_under(root: Path, cwd: Path):
    """display_path(path, cwd) for paths under the resolved folder `root` whose folders are not
    symlinks (files.article_paths follows none), without resolving each one: a warm build shows
    some 10,000 paths."""
    root_text, prefix = str(root), display_path(root, cwd)

    def shown(path: Path) -> str:
        text = str(path)
        if os.path.islink(text) or not text.startswith(root_text + os.sep):
            return display_path(path, cwd)  # a symlinked file is shown where it points
        inside = text[len(root_text) + 1:].replace(os.sep, "/")
        return inside if prefix == "." else f"{prefix}/{inside}"
    return shown


def read_content(root: Path, theme: Path, reader: Reader, cache_dir: Path, *, use_cache: bool = True,
                 today: dt.date | None = None, drafts: bool = False, cwd: Path | None = None) -> ContentRead:
    """Read every article, editor's note and page under `root`; raises ContentErrors listing every fault.

    Error paths are shown relative to `cwd` (the working directory). The content cache is read
    (unless `use_cache` is false) and saved under `cache_dir`."""
    root, cwd = Path(root).resolve(), (cwd or Path.cwd()).resolve()
    shown = shown_under(root, cwd)
    files, unreadable = content_files.read_articles(root, shown)
    signature = reader.signature()
    cached = load_content_cache(cache_dir / CONTENT_CACHE, signature) if use_cache else {}
    fresh: dict[str, tuple[dict, str, dict, int, int]] = {}
    files, note_files = editions.split_notes(files, root)  # content/editions/: editor's notes
    files, page_files = pages.split_pages(files, root)  # content/pages/: the about page
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

    today = today or dt.date.today()
    site = load_site(files, reader.vocabularies, reader.render, today, read, unreadable, drafts=drafts)
    languages = reader.vocabularies.languages

    def derived(entry: Entry, language) -> Entry:  # converted once: kept in the content cache with its source
        key = derive.derived_key(entry.source_key, language)
        if key in cached:
            meta, html, key_lines, body_line, minutes = fresh[key] = cached[key]
            return Entry(entry.path, meta, html, key, key_lines, body_line, minutes)
        version = derive.derive(entry, language)
        fresh[key] = (version.meta, version.html, version.key_lines, version.body_line, version.minutes)
        return version

    site = model.with_versions(site, [derived(entry, language) for language in languages.derived
                                      for entry in site.entries if entry.lang == language.source])
    warnings = [str(left_out) for left_out in site.left_out]
    if fresh.keys() != cached.keys():  # else the cache on disk holds exactly these
        save_pickle(cache_dir / CONTENT_CACHE, {"version": CONTENT_CACHE_VERSION, "signature": signature, "entries": fresh})

    notes, errors = editions.check_notes(note_files, reader.render,
                                         lambda day: date_problem(day, today, reader.vocabularies.dates), languages.written)
    site.pages, page_errors = pages.check_pages(page_files, reader.render, languages.written)
    if errors or page_errors:
        raise ContentErrors(errors + page_errors)
    # a derived language's notes and pages: few and short, converted on every build
    notes += [derive.derive(note, language) for language in languages.derived for note in notes if note.lang == language.source]
    site.pages.update({(name, language.code): derive.derive(page, language) for language in languages.derived
                       for (name, lang), page in list(site.pages.items()) if lang == language.source})
    site.notes = editions.published_notes(notes)
    weeks = {editions.week_of(entry.date).id for entry in site.entries}
    written = {key: note for key, note in site.notes.items() if key[1] in languages.written}  # a derived note is its source's
    warnings += [str(orphan) for orphan in editions.orphan_notes(written, weeks)]
    site.changed = {shown(root / path): day for path, day in history.changed_after_adding(root).items()}
    translations = {language.code: i18n.load_translations(theme / "translations", language, languages) for language in languages}
    warnings += interface_warnings(theme, reader, cache_dir if use_cache else None)
    return ContentRead(site, translations, warnings)


def interface_warnings(theme: Path, reader: Reader, cache_dir: Path | None) -> list[str]:
    """i18n.untranslated for every language: the interface strings a catalogue lacks. Remembered
    under `cache_dir` (None: made afresh) by a fingerprint of what they come from -- templates, site
    code, catalogues, data files -- since extracting the strings costs a warm build 0.3 s."""
    sources = [*(theme / "templates").rglob("*.html"), *i18n.PYTHON_SOURCES.glob("*.py"),
               *(theme / "translations").rglob("*.po"), *reader.data_dir.glob("*.yaml")]
    key = fingerprint(sources, library_versions(("babel",)))
    path = cache_dir / INTERFACE_CACHE if cache_dir else None
    try:
        remembered = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        remembered = {}
    if remembered.get("key") == key:
        return remembered["warnings"]
    languages = reader.vocabularies.languages
    messages = [*i18n.template_messages(theme / "templates"), *taxonomy_messages(reader)]
    warnings = [warning for language in languages
                for warning in i18n.untranslated(messages, theme / "translations", language, languages)]
    if path:
        save(path, json.dumps({"key": key, "warnings": warnings}, ensure_ascii=False).encode())
    return warnings


def taxonomy_messages(reader: Reader) -> list[tuple[str, int, str]]:
    """(file, line, msgid) of every taxonomy's labels (data/taxonomies.yaml), for i18n.untranslated."""
    path = str(reader.data_dir / vocab.TAXONOMIES_FILE)
    return [(path, taxonomy.line, msgid) for taxonomy in reader.vocabularies.taxonomies for msgid in taxonomy.messages()]


def build_signature(reader: Reader, theme: Path, site: Site, settings, extra_code: list[Path] = ()) -> str:
    """Everything a page depends on besides the content: when it differs, every page is rendered again.

    Page keys are made from the content they show (see digest.site.build), so this covers the
    rest: what reading depends on, the theme, the site code, the libraries and `settings` (any
    value with a stable repr: the links, the options and the template environment's settings) and
    `extra_code` (the caller's own, such as the Pelican adapter).
    """
    files = [p for p in theme.rglob("*") if p.is_file() and p.suffix in (".html", ".po")]
    code = [*Path(model.__file__).parent.glob("*.py"), Path(vocab.__file__), *extra_code]
    # Which languages have an about page decides every page's footer, so it is part of the signature too.
    about = sorted(lang for name, lang in site.pages if name == pages.ABOUT)
    return fingerprint(files + code, f"{reader.signature()} {library_versions(RENDERING_LIBRARIES)} {(settings, about)!r}")


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


def previous_build(path: Path, signature: str, output: Path) -> dict:
    """The last build's page keys (of pages still on disk) and search shard keys, if it had this signature and output.

    `written`, the pages it wrote that are still on disk, comes with any signature: a page that is
    no longer made (an about page removed, which changes the signature) must go either way."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except ValueError:  # cut short (saved before saving was atomic): start as a cold build does
        return {}
    if data.get("output") != str(output.resolve()):
        return {}
    folder = str(output)
    keys = {page: key for page, key in data["pages"].items() if os.path.exists(os.path.join(folder, page))}
    if data.get("signature") != signature:
        return {"written": list(keys)}
    return {"pages": keys, "shards": data.get("shards", {}), "written": list(keys)}


@dataclass(frozen=True)
class Written:
    files: int  # files the site has
    skipped: int  # pages whose key was the last build's: not rendered
    written: int  # files whose bytes changed
    pages: dict[str, str] = field(default_factory=dict, repr=False)  # output path -> the key it was rendered from
    layout: Plan | None = field(default=None, repr=False)


def write_site(content: ContentRead, env, links: Links, options: Options, output: Path, cache_dir: Path,
               signature: str, *, use_cache: bool = True, search_enabled: bool = True,
               search_memory_mb: float = search.MEMORY_MB) -> Written:
    """Render the site into `output`: only pages whose key changed, only files whose bytes changed;
    remove the pages the last build wrote and this one does not; index search by shard as pages come."""
    output = Path(output)
    previous = previous_build(cache_dir / PAGE_CACHE, signature, output) if use_cache else {}
    memo = PageMemo(previous=previous.get("pages", {}))
    files = OutputFiles(output)
    indexer = ShardIndexer(output, previous.get("shards", {}), enabled=search_enabled, langs=content.site.languages.codes,
                           memory_mb=search_memory_mb)
    layout = plan(content.site, options)
    render_site(content.site, env, links, content.translations, options, memo, files, indexer.ready, layout)
    for stale in set(previous.get("written", ())) - set(files):
        (output / stale).unlink(missing_ok=True)  # a page that no longer exists (article or about page removed)
    shards = indexer.finish()
    save(cache_dir / PAGE_CACHE, json.dumps({"signature": signature, "output": str(output.resolve()),
                                             "pages": memo.current, "shards": shards}).encode())
    return Written(len(files), memo.skipped, files.written, memo.current, layout)
