"""Editions: each ISO week (Monday to Sunday) of articles is an edition, with an optional editor's note.

An article's edition is the ISO week of its date. Front matter dates are calendar dates as the
source gives them (China Standard Time), so a date's week is its own; a zoned datetime is turned
into an Asia/Shanghai date first (Sunday 23:30 in Shanghai is Sunday 15:30 UTC, same week).

Notes are `content/editions/<YYYY-Www>.<lang>.md`: YAML front matter (schema/edition-note.schema.json)
and a Markdown body, read and validated like articles, errors as `path:line: message`.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from zoneinfo import ZoneInfo

from digest import NOTE_SCHEMA_PATH
from digest.site.files import is_under, split_under
from digest.site.model import ContentError, Entry, claimed_twice, parse_checked, source_key

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOTES_FOLDER = "editions"  # under the content folder
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, order=True)
class Week:
    year: int  # the ISO year, which differs from the calendar year around 1 January
    number: int

    @property
    def id(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 7)


def week_of(when: dt.date | dt.datetime) -> Week:
    if isinstance(when, dt.datetime):
        if when.tzinfo is None:
            raise ValueError(f"{when.isoformat()} has no time zone: its day in Shanghai is unknown")
        when = when.astimezone(SHANGHAI).date()
    year, number, _ = when.isocalendar()
    return Week(year, number)


def parse_week(text: str) -> Week:
    """'2025-W06' -> Week(2025, 6); ValueError for a week the ISO calendar does not have (2025-W53)."""
    match = _WEEK.match(text)
    if not match:
        raise ValueError(f"'{text}' is not an ISO week like 2025-W06")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        weeks = dt.date(year, 12, 28).isocalendar()[1]  # 28 December is always in the year's last week
        raise ValueError(f"'{text}' does not exist: {year} has {weeks} ISO weeks") from None
    return Week(year, number)


@dataclass(frozen=True)
class Note:
    """An editor's note for one edition in one language."""

    path: str
    meta: dict
    html: str
    source_key: str
    key_lines: dict
    body_line: int = 1

    @property
    def week(self) -> Week:
        return parse_week(self.meta["edition"])

    @property
    def lang(self) -> str:
        return self.meta["lang"]

    @property
    def published(self) -> bool:
        return self.meta["status"] == "published"

    @property
    def updated(self) -> dt.date | None:
        return dt.date.fromisoformat(self.meta["updated"]) if self.meta.get("updated") else None


def is_note(path: str, content: Path) -> bool:
    """Whether a content file (as displayed: relative to the working folder, or absolute) is under content/editions/."""
    return is_under(path, content, NOTES_FOLDER)


def split_notes(files: list[tuple[str, str]], content: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(articles, notes) of the (path, text) pairs read from the content folder."""
    return split_under(files, content, NOTES_FOLDER)


def read_note(path: str, text: str, render, languages: tuple[str, ...] | None = None) -> tuple[Note | None, list[ContentError]]:
    document, errors = parse_checked(path, text, NOTE_SCHEMA_PATH, languages=languages)
    if document is None:
        return None, errors
    meta = document.metadata
    if not errors:
        try:
            parse_week(meta["edition"])
        except ValueError as error:
            errors.append(ContentError(path, document.key_lines.get("edition", 1), f"edition: {error}"))
    if errors:
        return None, errors
    return Note(path, meta, render(document.body), source_key(text), document.key_lines, document.body_line), []


def check_notes(files: list[tuple[str, str]], render, date_problem=lambda day: None,
                languages: tuple[str, ...] | None = None) -> tuple[list[Note], list[ContentError]]:
    """Every note valid on its own (drafts included), and every error, two notes for one edition and language too.

    `date_problem(day)` says why a note's `updated` cannot be (digest.dates, as for articles), or None;
    `languages` are the written languages a note may be in (see model.parse_checked).
    """
    notes, errors = [], []
    for path, text in sorted(files):
        note, problems = read_note(path, text, render, languages)
        implausible = date_problem(note.updated) if note and note.updated else None
        if implausible:
            note, problems = None, [ContentError(path, note.key_lines.get("updated", 1), f"updated: {implausible}")]
        errors.extend(problems)
        if note is not None:
            notes.append(note)
    errors.extend(claimed_twice(notes, lambda note: (note.meta["edition"], note.lang), lambda note, key, others: ContentError(
        note.path, note.key_lines.get("edition", 1), f"edition {key[0]} ({key[1]}) already has a note: {others}")))
    return notes, errors


def published_notes(notes: list[Note]) -> dict[tuple[str, str], Note]:
    return {(note.meta["edition"], note.lang): note for note in notes if note.published}


def orphan_notes(notes: dict[tuple[str, str], Note], weeks: set[str]) -> list[ContentError]:
    """Published notes for a week without a published article: there is no edition to show them in."""
    return [ContentError(note.path, note.key_lines.get("edition", 1),
                         f"edition {edition} has no published article yet; the note is not shown until it has one")
            for (edition, _lang), note in sorted(notes.items()) if edition not in weeks]


@dataclass(frozen=True)
class Edition:
    week: Week
    entries: tuple[Entry, ...]  # what a language's pages list that week, newest first

    @property
    def id(self) -> str:
        return self.week.id

    @property
    def published(self) -> dt.date:
        return min(entry.date for entry in self.entries)


def editions(listing: list[Entry]) -> list[Edition]:
    """A language's listing (newest first) as editions, newest first; weeks without articles have none."""
    return [Edition(week, tuple(entries)) for week, entries in groupby(listing, key=lambda entry: week_of(entry.date))]


def updated(edition: Edition, notes: list[Note], last_change: Callable[[Entry], dt.date]) -> dt.date:
    """The edition's last significant change: its newest article, an article's update (`last_change`,
    model.Site's) or a note's `updated`."""
    return max([last_change(entry) for entry in edition.entries] + [note.updated for note in notes if note.updated])


def lead_term(entry: Entry, kind: str) -> str | None:
    """The entry's first term of the taxonomy `kind` (editions use the primary one, industries)."""
    terms = entry.terms(kind)
    return terms[0] if terms else None


def by_lead_term(entries, kind: str, order: Sequence[str]) -> list[tuple[str | None, list[Entry]]]:
    """Entries grouped by their first term of `kind` (an edition: by industry): the largest group
    first, then vocabulary order; none last."""
    groups: dict[str | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(lead_term(entry, kind), []).append(entry)
    rank = {slug: index for index, slug in enumerate(order)}
    return sorted(groups.items(), key=lambda item: (item[0] is None, -len(item[1]), rank.get(item[0], len(rank))))


def top_terms(entries, kind: str, order: Sequence[str], count: int = 3) -> list[str]:
    """The terms of `kind` most articles of the edition are tagged with (its top industries; ties in vocabulary order)."""
    tally = Counter(slug for entry in entries for slug in entry.terms(kind))
    rank = {slug: index for index, slug in enumerate(order)}
    return sorted(tally, key=lambda slug: (-tally[slug], rank.get(slug, len(rank))))[:count]
