"""A quick refresh for `make serve`: after a text edit of articles, their pages and the listings that
show them are rewritten in a fraction of a second, from what the last full build in this process left
in memory; the full build that follows brings the rest of the site up to date (the whole-site feeds,
related links on other articles, e-mail copies, search) and is what the site is judged by.

A text edit is one that changes an article's title, summary or body and nothing else of its front
matter: its slug, language, date, status and terms — what places it in the listings, the editions,
the search shards and the related-articles index — stay as they were, so the last build's plan
(`build.Plan`) still holds and only the pages showing the article change. Any other change (a new,
removed or renamed file, an edit of the date or the terms, a note, a page, the theme, the
vocabularies, the code, or an error in the file) gets no quick refresh: the full build handles it.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from digest import display_path
from digest.site import build, derive, files as content_files, model
from digest.site.incremental import ContentRead, OutputFiles, Reader
from digest.site.views import Links

TEXT_KEYS = frozenset({"title", "summary"})  # front matter a text edit may change, besides the body


@dataclass(frozen=True)
class Last:
    """What a full build leaves for the quick refresh: its site model and how it rendered it."""
    content: ContentRead
    reader: Reader
    env: jinja2.Environment
    links: Links
    options: build.Options
    output: Path
    root: Path  # the content folder, resolved
    pages: dict[str, str]  # output path -> the key the build rendered it from (build.PageMemo)
    layout: build.Plan


@dataclass
class Session:
    """One `make serve`'s memory between builds; the build (digest.site.run) fills it in."""
    last: Last | None = None


@dataclass(frozen=True)
class Refreshed:
    paths: list[str] = field(default_factory=list)  # output files rewritten
    seconds: float = 0.0


def text_edit(old: model.Entry, new: model.Entry) -> bool:
    """Whether `new` differs from `old` in its title, summary or body only (and does differ)."""
    keep = lambda meta: {key: value for key, value in meta.items() if key not in TEXT_KEYS}  # noqa: E731
    return keep(old.meta) == keep(new.meta) and (old.meta, old.html) != (new.meta, new.html)


def edited_entries(last: Last, changed: list[Path], cwd: Path) -> list[model.Entry] | None:
    """The articles `changed` holds, read again, when every change is a text edit of an article the
    site shows; else None. A file that is gone, unreadable or now invalid is the full build's to report."""
    site = last.content.site
    by_path = {entry.path: entry for entry in site.entries if entry.lang in site.languages.written}
    found = []
    for path in changed:
        path = Path(path).resolve()
        if path.suffix != ".md" and not path.exists():
            continue  # an editor's temporary file, gone by now: saving by rename (sed -i, atomic saves)
        if path.suffix != ".md" or last.root not in path.parents:
            return None
        shown = display_path(path, cwd)
        old = by_path.get(shown)
        text, _ = content_files.read_article(path, shown)
        if old is None or text is None:
            return None
        if model.source_key(text) == old.source_key:
            continue  # saved unchanged
        new, errors = last.reader.read_entry(shown, text)
        if errors or new is None or not text_edit(old, new):
            return None
        found.append(new)
    return found


def with_edits(site: model.Site, edited: list[model.Entry]) -> model.Site:
    """The site with the edited articles, and their derived versions (zh-Hant from zh) made again."""
    languages = site.languages
    new = {(entry.slug, entry.lang): entry for entry in edited}
    for entry in edited:
        for language in languages.derived:
            if language.source == entry.lang:
                new[(entry.slug, language.code)] = derive.derive(entry, language)
    return model.with_entries(site, [new.get((entry.slug, entry.lang), entry) for entry in site.entries])


def refresh(session: Session, changed: list[Path], cwd: Path | None = None) -> Refreshed | None:
    """Rewrite the pages showing the articles `changed` holds, when every change is a text edit
    (see the module docstring); None when the full build must do it all."""
    started = time.perf_counter()
    last = session.last
    if last is None:
        return None
    edited = edited_entries(last, changed, (cwd or Path.cwd()).resolve())
    if edited is None:
        return None
    if not edited:
        return Refreshed([], time.perf_counter() - started)
    content = last.content
    site = with_edits(content.site, edited)
    memo = build.PageMemo(previous=last.pages)
    files = OutputFiles(last.output)
    build.render_showing(site, last.env, last.links, content.translations, last.options, memo, files,
                         {entry.slug for entry in edited}, last.layout)
    written = [path for path in files if memo.previous.get(path) != memo.current.get(path)]
    # the next quick refresh starts from this one: its pages as rendered now
    session.last = dataclasses.replace(last, content=dataclasses.replace(content, site=site),
                                       pages={**last.pages, **memo.current})
    return Refreshed(written, time.perf_counter() - started)
