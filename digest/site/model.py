"""Read every content file once, validate it, and build the site model both languages share.

Every fault is a `ContentError` with `path:line: message`; the build stops on any of them.
"""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, field

from digest import SCHEMA_PATH, schema
from digest.dates import date_problem
from digest.excerpt import excerpt
from digest.frontmatter import Document, FrontMatterError, nested_key_line, parse
from digest.site import reading
from digest.site.markdown import TooDeep
from digest.languages import Languages
from digest.vocab import Term, Vocabularies


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentErrors(Exception):
    """Raised by the build when content is invalid; str() lists every error, one per line."""

    def __init__(self, errors: list[ContentError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


@dataclass(frozen=True)
class Entry:
    """One article in one language."""

    path: str
    meta: dict
    html: str
    source_key: str  # names the file's text (see source_key): what pages showing this entry are made from
    key_lines: dict = field(default_factory=dict)  # top-level key -> line, for errors and checks
    body_line: int = 1
    minutes: int = 1  # to read it (digest.site.reading), worked out with its HTML

    @property
    def slug_line(self) -> int:
        return self.key_lines.get("slug", 1)

    @property
    def slug(self) -> str:
        return self.meta["slug"]

    @property
    def lang(self) -> str:
        return self.meta["lang"]

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.meta["date"])

    @property
    def published(self) -> bool:
        return self.meta.get("status") == "published"

    def terms(self, kind: str) -> list[str]:
        return list(self.meta.get(kind) or [])


@dataclass
class Site:
    """Published entries (and drafts, in a preview) grouped by slug, plus the vocabularies."""

    entries: list[Entry]
    vocabularies: Vocabularies
    by_slug: dict[str, dict[str, Entry]] = field(default_factory=dict)
    notes: dict = field(default_factory=dict)  # (edition id, lang) -> published editions.Note
    pages: dict = field(default_factory=dict)  # (page name, lang) -> pages.Page: the site's own pages
    left_out: list = field(default_factory=list)  # ContentError per draft a preview cannot show
    changed: dict = field(default_factory=dict)  # entry path -> day git last changed it after adding it (history)
    _listings: dict[tuple, list[Entry]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for entry in self.entries:
            self.by_slug.setdefault(entry.slug, {})[entry.lang] = entry

    def updated(self, entry: Entry) -> dt.date | None:
        """The day the article last changed after it was published, or None: `updated:` when an editor
        set it (the same day as `date` says it has not changed), else the day of the last commit that
        changed its file, when later than its date. The page, the feeds and the editions feed all ask here."""
        day = dt.date.fromisoformat(entry.meta["updated"]) if entry.meta.get("updated") else self.changed.get(entry.path)
        return day if day and day > entry.date else None

    def last_change(self, entry: Entry) -> dt.date:
        """The day of the article's last significant change: its update, else its date (feeds' `updated`)."""
        return self.updated(entry) or entry.date

    def terms(self, kind: str) -> tuple[Term, ...]:
        """The terms of the taxonomy whose key is `kind` (data/taxonomies.yaml); KeyError for an undeclared one."""
        return self.vocabularies.terms(kind)

    @property
    def languages(self) -> Languages:
        return self.vocabularies.languages

    def listing(self, lang: str, kind: str | None = None, slug: str | None = None) -> list[Entry]:
        """What a page in `lang` lists: each article in `lang`, else in the first language of
        `Languages.fallback` it has (a derived language's source, then the written languages)."""
        key = (lang, kind, slug)
        if key not in self._listings:  # each listing is asked for by pages, counts and feeds: made once
            if kind is None:
                order = self.languages.fallback(lang)
                chosen = filter(None, (next((versions[code] for code in order if code in versions), None)
                                       for versions in self.by_slug.values()))
                self._listings[key] = sorted(chosen, key=lambda e: (e.meta["date"], e.slug), reverse=True)
            else:  # one pass over the language's listing makes the listing of every term of the kind
                for term in self.terms(kind):
                    self._listings[(lang, kind, term.slug)] = []
                for entry in self.listing(lang):
                    for term_slug in entry.meta.get(kind) or ():
                        self._listings.setdefault((lang, kind, term_slug), []).append(entry)
                self._listings.setdefault(key, [])
        return list(self._listings[key])

    def in_language(self, lang: str, kind: str | None = None, slug: str | None = None) -> list[Entry]:
        """Feeds: only the articles written in (or translated into) `lang`."""
        return [e for e in self.listing(lang, kind, slug) if e.lang == lang]

    def versions(self, slug: str) -> dict[str, Entry]:
        return self.by_slug.get(slug, {})


def with_entries(site: Site, entries: list[Entry]) -> Site:
    """The site with these entries instead of its own, and all else it holds as it was."""
    return Site(entries, site.vocabularies, notes=site.notes, pages=site.pages, left_out=site.left_out,
                changed=site.changed)


def with_versions(site: Site, extra: list[Entry]) -> Site:
    """The site with more versions of its articles (a derived language's)."""
    return with_entries(site, [*site.entries, *extra])


def source_key(text: str) -> str:
    """A name for a file's text: equal texts read into equal entries (same reader, same vocabularies)."""
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def parse_checked(path: str, text: str, schema_path=SCHEMA_PATH, lists: tuple[str, ...] | None = None,
                  languages: tuple[str, ...] | None = None) -> tuple[Document | None, list[ContentError]]:
    """Parse a file's front matter and validate it against a schema: the document, and each error at its line.
    `lists`: the taxonomies' keys, each a list of slugs; `languages`: the written languages of
    data/languages.yaml (see schema.validate)."""
    try:
        document = parse(text)
    except FrontMatterError as error:
        return None, [ContentError(path, error.line, error.message)]
    problems = schema.validate(document.metadata, schema_path, lists, languages)
    return document, [ContentError(path, document.key_lines.get(p.key, 1), p.message) for p in problems]


def read_entry(path: str, text: str, vocabularies: Vocabularies, render) -> tuple[Entry | None, list[ContentError]]:
    """Parse and validate one file. `render` turns the Markdown body into safe HTML."""
    document, errors = parse_checked(path, text, lists=vocabularies.keys, languages=vocabularies.languages.written)
    if document is None:
        return None, errors
    meta = document.metadata
    line_of = lambda key: document.key_lines.get(key, 1)  # noqa: E731
    for taxonomy, terms in zip(vocabularies.taxonomies, vocabularies.term_lists):
        kind = taxonomy.key
        known = {term.slug for term in terms}
        slugs = meta.get(kind)
        for slug in slugs if isinstance(slugs, list) else ():  # anything else is a schema error already
            if isinstance(slug, str) and slug not in known:
                errors.append(ContentError(path, line_of(kind), unknown_slug_message(kind, slug, terms, taxonomy.vocabulary)))
    translation = meta.get("translation")
    if isinstance(translation, dict) and translation.get("from") == meta.get("lang"):
        errors.append(ContentError(path, line_of("translation"), "translation.from is the article's own language"))
    errors.extend(ContentError(path, line_of(key), f"{key}: {_forbidden(value)}")
                  for key, value in meta.items() if _forbidden(value))
    body = _NOT_XML.search(document.body)
    if body:  # the body is the end of the text: count lines in the text up to the character
        errors.append(ContentError(path, text.count("\n", 0, len(text) - len(document.body) + body.start()) + 1,
                                   f"body: {_forbidden(body.group())}"))
    if not errors and meta.get("updated") and meta.get("date") and meta["updated"] < meta["date"]:
        errors.append(ContentError(path, line_of("updated"), f"updated {meta['updated']} is before date {meta['date']}"))
    if not errors and isinstance(translation, dict):
        lines = text.split("\n")
        errors.extend(ContentError(path, nested_key_line(lines, line_of("translation"), key), message)
                      for key, message in translation_problems(translation, meta.get("date")))
    if errors:
        return None, errors
    try:
        html = render(document.body)
    except TooDeep as error:
        return None, [ContentError(path, document.body_line, str(error))]
    return Entry(path, meta, html, source_key(text), document.key_lines, document.body_line, reading.minutes(html)), []


def translation_problems(translation: dict, date: str | None) -> list[tuple[str, str]]:
    """(key in `translation`, message) for what its method and review day say against each other
    and against the article's date: a machine translation someone reviewed is machine+reviewed,
    and a machine+reviewed one says when."""
    method, reviewed = translation.get("method"), translation.get("reviewed")
    problems = []
    if method == "machine" and reviewed:
        problems.append(("method", "translation.method is 'machine' (not reviewed) but translation.reviewed is set: "
                                   "a reviewed machine translation is 'machine+reviewed'"))
    if method == "machine+reviewed" and not reviewed:
        problems.append(("method", "translation.method is 'machine+reviewed': add translation.reviewed, "
                                   "the day it was reviewed (YYYY-MM-DD)"))
    if reviewed and date and reviewed < date:
        problems.append(("reviewed", f"translation.reviewed {reviewed} is before date {date}"))
    return problems


def unknown_slug_message(kind: str, slug: str, terms: tuple[Term, ...], vocabulary: str) -> str:
    """The error for a tag not in the vocabulary (`vocabulary`, its file in data/), with the nearest
    slug when one is near (a typo, or an alias such as 机器人 written where its slug belongs)."""
    message = f"{kind}: unknown slug {excerpt(slug)} (not in data/{vocabulary})"
    suggestion = nearest_slug(slug, terms)
    return f"{message}; did you mean '{suggestion}'?" if suggestion else message


def nearest_slug(word: str, terms: tuple[Term, ...]) -> str | None:
    """The slug of the term whose slug or alias is closest to `word` (difflib's ratio ≥ 0.6), else None."""
    if len(word) > 100:  # no slug is that long, and difflib is quadratic in it
        return None
    names: dict[str, str] = {}
    for term in terms:
        for name in (term.slug, *(alias for aliases in term.aliases.values() for alias in aliases)):
            names.setdefault(name.casefold(), term.slug)
    close = difflib.get_close_matches(word.casefold(), names, n=1)
    return names[close[0]] if close else None


# Characters XML 1.0 cannot carry: a feed holding one would not be a feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _forbidden(value) -> str | None:
    """What is wrong with a front matter value or body text that holds such a character, else None.

    A walk with a stack, each list or mapping once: YAML nests deeper than Python recurses, and
    its aliases share (even contain) one another."""
    stack, seen = [value], set()
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)) and id(item) not in seen:
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
        elif isinstance(item, str) and (found := _NOT_XML.search(item)):
            return f"control character U+{ord(found.group()):04X}, which feeds cannot carry (XML 1.0 forbids it)"
    return None


def claimed_twice(items: list, key_of, error_for) -> list[ContentError]:
    """An error on each item whose key another item has too (two articles with one slug and
    language, two notes for one edition, two pages of one name): `error_for(item, key, others)`,
    `others` the other items' paths."""
    owners: dict = {}
    for item in items:
        owners.setdefault(key_of(item), []).append(item)
    return [error_for(item, key, ", ".join(other.path for other in same if other is not item))
            for key, same in owners.items() if len(same) > 1 for item in same]


def check_entries(files: list[tuple[str, str]], vocabularies: Vocabularies, render, today: dt.date,
                  read=None) -> tuple[list[Entry], list[ContentError]]:
    """Read every file once: the entries that are valid on their own (drafts included), and every
    error, including those between files (duplicate slugs, a translation without its original).

    `today` is the day dates are judged from (see digest.dates), outside the cached `read`: a date
    too far ahead today is fine in a week. `read(path, text)` defaults to read_entry with these
    vocabularies; a caller may pass a cached one.
    """
    read = read or (lambda path, text: read_entry(path, text, vocabularies, render))
    errors: list[ContentError] = []
    entries: list[Entry] = []
    failed: set[tuple[str, str]] = set()  # (slug, lang) of published files with errors of their own
    for path, text in sorted(files):
        entry, problems = read(path, text)
        errors.extend(problems)
        if entry is None:
            failed.update(_published_version(text))
            continue
        implausible = [(key, line, problem) for key, line, day in _days(entry, text)
                       if (problem := date_problem(dt.date.fromisoformat(day), today, vocabularies.dates))]
        if implausible:
            errors.extend(ContentError(path, line, f"{key}: {problem}") for key, line, problem in implausible)
            failed.update(_published_version(text))
            continue
        entries.append(entry)
    errors.extend(claimed_twice(entries, lambda entry: (entry.slug, entry.lang), lambda entry, key, others: ContentError(
        entry.path, entry.slug_line, f"slug '{key[0]}' ({key[1]}) is also used by {others}")))
    # An original with an error of its own is reported there; blaming its translation too would
    # send the editor to the wrong file.
    originals = {(entry.slug, entry.lang) for entry in entries if entry.published} | failed
    for entry in entries:
        origin = (entry.meta.get("translation") or {}).get("from")
        if entry.published and origin and (entry.slug, origin) not in originals:
            errors.append(ContentError(entry.path, 1, f"translation.from is '{origin}' but there is no published '{origin}' article with slug '{entry.slug}'"))
    return entries, errors


def _days(entry: Entry, text: str) -> list[tuple[str, int, str]]:
    """(key, line, ISO day) of each day the article states: its date, `updated`, `translation.reviewed`."""
    days = [(key, entry.key_lines.get(key, 1), entry.meta[key]) for key in ("date", "updated") if key in entry.meta]
    reviewed = (entry.meta.get("translation") or {}).get("reviewed")
    if reviewed:
        line = nested_key_line(text.split("\n"), entry.key_lines.get("translation", 1), "reviewed")
        days.append(("translation.reviewed", line, reviewed))
    return days


def _published_version(text: str) -> set[tuple[str, str]]:
    """{(slug, lang)} of a file that says it is published, read as far as its front matter parses, else {}."""
    try:
        meta = parse(text).metadata
    except FrontMatterError:
        return set()
    slug, lang = meta.get("slug"), meta.get("lang")
    return {(slug, lang)} if meta.get("status") == "published" and isinstance(slug, str) and isinstance(lang, str) else set()


def load_site(files: list[tuple[str, str]], vocabularies: Vocabularies, render, today: dt.date, read=None,
              unreadable: list[ContentError] = (), drafts: bool = False) -> Site:
    """files: (display path, text) pairs; `unreadable`: the files that could not be read (not UTF-8).
    Raises ContentErrors listing every problem.

    The site has the published entries and, with `drafts` (a local preview, never the published
    site), the drafts that have what a page needs; `Site.left_out` says which drafts are not shown."""
    entries, errors = check_entries(files, vocabularies, render, today, read)
    if errors or unreadable:
        raise ContentErrors([*unreadable, *errors])
    drafts_left_out = [ContentError(entry.path, entry.key_lines.get("status", 1), problem) for entry in entries
                       if drafts and not entry.published and (problem := unpreviewable(entry))]
    shown = [entry for entry in entries if entry.published or (drafts and not unpreviewable(entry))]
    return Site(shown, vocabularies, left_out=drafts_left_out)


PREVIEW_NEEDS = ("title", "date")  # a page has a heading, and a place in the listings and editions


def unpreviewable(entry: Entry) -> str | None:
    """Why a draft cannot be previewed (it lacks what every page of it needs), or None."""
    missing = [key for key in PREVIEW_NEEDS if not entry.meta.get(key)]
    return f"draft not previewed: no {' and no '.join(missing)} yet (a preview needs a title and a date)" if missing else None
