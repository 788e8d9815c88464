"""Metadata: every content file's front matter, and what holds between files.

Schema, vocabularies, plausible dates, duplicate slugs and `translation.from` are the build's own
validation (`digest.site.model.check_entries`, which `load_site` is built on), called here rather
than repeated; each file is read once, as the build reads it (`digest.site.files`). On top of it:

- a file lives at content/<lang>/<slug>.md (a warning otherwise);
- `source.file` is inside the repository, exists, and hashes to `source.sha256`;
- the two language versions of one slug agree on date and their terms (industries, officials,
  places: every taxonomy data/taxonomies.yaml declares), unless the
  differing key's line carries a YAML comment `# differs: <reason>` (in either version);
- a published translation has as many paragraphs as its original, for the bilingual view (a
  warning; digest.check.alignment);
- a published article links to no draft and to no article that does not exist;
- a translation says how it was made (`translation.method`; a note when it does not);
- a published article or note holds no TODO comment left by scripts.new.

Editor's notes (content/editions/) are checked against their own schema, as the build reads
them; a note lives at content/editions/<edition>.<lang>.md (a warning otherwise), a published one
is for a week with a published article (a warning: it is not shown until then), and links to no
draft or missing article either. The site's own pages (content/pages/, the about page) are checked
against theirs, as the build reads them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import lxml.html

from digest import display_path, vocab as vocab_module
from digest.check import ERROR, NOTICE, WARNING, Problem, alignment
from digest.check.sources import first_line_with
from digest.dates import date_problem
from digest.excerpt import excerpt
from digest.frontmatter import FrontMatterError, nested_key_line, parse
from digest.site import editions, markdown, pages, urls
from digest.site.files import article_paths, read_article
from digest.site.model import Entry, check_entries

CHECK = "metadata"
DIFFERS = re.compile(r"#\s*differs\s*:\s*(?P<reason>\S.*?)\s*$")
COMPARED = ("date",)  # and each taxonomy's key
_ARTICLE_PATH = re.compile(r"^/(?:(?P<lang>[a-z]{2,3}(?:-[a-z0-9]+)*)/)?articles/(?P<slug>[^/]+)/?(?:index\.html)?$")


@dataclass(frozen=True)
class _File:
    path: Path  # on disk
    display: str  # as printed
    text: str


@dataclass(frozen=True)
class _Found:
    problem: Problem
    related: frozenset[str] = frozenset()  # other files whose change can cause it


def check_content(content: Path, root: Path | None = None, only: list[Path] | None = None,
                  vocabularies: vocab_module.Vocabularies | None = None, today: dt.date | None = None) -> list[Problem]:
    """Check every file under `content`; with `only`, report just what concerns those files.

    `root` is the folder `source.file` paths are relative to (default: content's parent, the
    repository); dates are judged as of `today` (default: the real one). `only` (e.g. the files
    staged for a commit) still sees the whole content folder, so a duplicate slug or a
    translation that no longer agrees is found.
    """
    content = Path(content)
    root = Path(root) if root else content.resolve().parent
    today = today or dt.date.today()
    vocabularies = vocabularies or vocab_module.load()
    found: list[_Found] = []
    files: list[_File] = []
    wanted = {Path(p).resolve() for p in only} if only is not None else None
    for path in article_paths(content):  # what the build reads
        shown = display_path(path)
        text, error = read_article(path, shown)
        if error is not None:
            found.append(_Found(Problem(error.path, error.line, error.message, CHECK)))
        elif text is not None:
            files.append(_File(path, shown, text))
    known = {f.path.resolve() for f in files}
    for path in sorted(wanted or ()):
        if not path.is_file():
            found.append(_Found(Problem(display_path(path), None, "no such file", CHECK)))
        elif path not in known and path.suffix == ".md":
            found.append(_Found(Problem(display_path(path), None, f"not under the content folder {display_path(content)}", CHECK, WARNING)))
    note_files = [f for f in files if editions.is_note(f.display, content)]
    page_files = [f for f in files if pages.is_page(f.display, content)]  # the about page: its own schema
    files = [f for f in files if f not in note_files and f not in page_files]
    languages = vocabularies.languages
    _, page_errors = pages.check_pages([(f.display, f.text) for f in page_files], _renderer(), languages.written)
    found.extend(_Found(Problem(e.path, e.line, e.message, CHECK)) for e in page_errors)
    valid, errors = check_entries([(f.display, f.text) for f in files], vocabularies, _renderer(), today)
    by_display = {f.display: f for f in files}
    entries = [_Valid(by_display[entry.path], entry, entry.key_lines, entry.body_line) for entry in valid]
    found.extend(_model_problems(files, entries, errors))
    found.extend(_draft_notices(entries))
    found.extend(_method_notices(entries))
    found.extend(_location_problems(content, entries))
    found.extend(_source_problems(entries, root))
    found.extend(_translation_problems(entries, (*COMPARED, *vocabularies.keys), languages.default.code))
    notes, note_errors = _notes(note_files, lambda day: date_problem(day, today, vocabularies.dates), languages.written)
    found.extend(_note_problems(content, notes, note_errors, entries))
    found.extend(_draft_link_problems(entries, notes, languages))
    found.extend(_scaffold_problems([v for v in entries if v.entry.published] + [v for v in notes if v.note.published]))
    # Paragraph counts last: a version with an error of its own (a body still the scaffold's TODO) is not counted too.
    failing = {f.problem.path for f in found if f.problem.severity == ERROR}
    found.extend(_Found(problem, related) for problem, related in alignment.alignment_problems(
        [alignment.Version(v.file.display, v.file.text, v.entry) for v in entries if v.file.display not in failing], CHECK,
        languages))
    if wanted is not None:
        concerns = lambda f: any(Path(p).resolve() in wanted for p in (f.problem.path, *f.related))  # noqa: E731
        found = [f for f in found if concerns(f)]
    unique = list(dict.fromkeys(f.problem for f in found))
    return sorted(unique, key=lambda p: (p.path, p.line or 0, p.message))


def _renderer():
    engine = markdown.make_renderer()
    return lambda body: markdown.render(body, engine)


def _model_problems(files: list[_File], entries: list["_Valid"], errors: list) -> list[_Found]:
    """The build's validation (schema, vocabularies, duplicate slugs, translation.from), each error
    also concerning the other versions of its slug (a translation loses its original when the
    original becomes a draft)."""
    if not errors:
        return []
    slug_of = {v.file.display: v.entry.slug for v in entries}
    for f in files:
        if f.display not in slug_of:  # invalid on its own: its slug, if it can be read at all
            try:
                slug = parse(f.text).metadata.get("slug")
            except FrontMatterError:
                continue
            if isinstance(slug, str):
                slug_of[f.display] = slug
    versions: dict[str, set[str]] = {}
    for display, slug in slug_of.items():
        versions.setdefault(slug, set()).add(display)
    return [_Found(Problem(e.path, e.line, e.message, CHECK), frozenset(versions.get(slug_of.get(e.path), set()) - {e.path}))
            for e in errors]


@dataclass(frozen=True)
class _Valid:
    file: _File
    entry: Entry
    key_lines: dict[str, int]
    body_line: int

    @property
    def lines(self) -> list[str]:
        return self.file.text.split("\n")


def _draft_notices(entries: list[_Valid]) -> list[_Found]:
    found = []
    for v in entries:
        if v.entry.published:
            continue
        count = len(v.entry.meta.get("problems") or [])
        line = v.key_lines.get("problems") or v.key_lines.get("status")
        todo = f"{count} problem(s) listed to resolve" if count else "set status: published when it is ready"
        found.append(_Found(Problem(v.file.display, line, f"draft, not published: {todo}", CHECK, NOTICE)))
    return found


def _method_notices(entries: list[_Valid]) -> list[_Found]:
    """A translation that does not say how it was made: its page can say who translated it, not how."""
    return [_Found(Problem(v.file.display, v.key_lines.get("translation"),
                           "translation.method is not recorded: add method: human, machine or machine+reviewed "
                           "(the page says who translated it, and that how is not recorded)", CHECK, NOTICE))
            for v in entries if isinstance(v.entry.meta.get("translation"), dict) and "method" not in v.entry.meta["translation"]]


def _location_problems(content: Path, entries: list[_Valid]) -> list[_Found]:
    found = []
    for v in entries:
        expected = content / v.entry.lang / f"{v.entry.slug}.md"
        if v.file.path.resolve() != expected.resolve():
            found.append(_Found(Problem(v.file.display, v.key_lines.get("slug"),
                                        f"slug '{v.entry.slug}' and lang '{v.entry.lang}' belong in "
                                        f"{display_path(expected)}; the tools (scripts.new --translate) look for it there",
                                        CHECK, WARNING)))
    return found


def _sha256(path: Path, cache: dict[Path, str]) -> str:
    if path not in cache:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        cache[path] = digest.hexdigest()
    return cache[path]


def _source_problems(entries: list[_Valid], root: Path) -> list[_Found]:
    found, cache = [], {}
    root = root.resolve()
    for v in entries:
        source = v.entry.meta.get("source") or {}
        name = source.get("file")
        if not name:
            continue
        source_line = v.key_lines.get("source", 1)
        file_line = nested_key_line(v.lines, source_line, "file")
        target = (root / name).resolve()
        if not target.is_relative_to(root):
            found.append(_Found(Problem(v.file.display, file_line, f"source.file {excerpt(name)} is outside the repository", CHECK)))
        elif not target.is_file():
            found.append(_Found(Problem(v.file.display, file_line, f"source.file {excerpt(name)} does not exist", CHECK)))
        else:
            actual = _sha256(target, cache)
            if source.get("sha256") != actual:
                found.append(_Found(Problem(
                    v.file.display, nested_key_line(v.lines, source_line, "sha256"),
                    f"source.sha256 does not match {name}: the file's SHA-256 is {actual} "
                    f"(the source changed, or the hash was mistyped)", CHECK)))
    return found


def differs_reason(line: str) -> str | None:
    """The reason in a `# differs: reason` YAML comment at the end of a front matter line."""
    match = DIFFERS.search(line)
    return match.group("reason") if match else None


def _describe(key: str, mine, theirs) -> str:
    if key == "date":
        return f"date {mine} differs from {theirs}"
    missing = [s for s in theirs if s not in mine]
    extra = [s for s in mine if s not in theirs]
    parts = ([f"missing {', '.join(missing)}"] if missing else []) + ([f"extra {', '.join(extra)}"] if extra else [])
    return f"{key} differ ({'; '.join(parts)})"


def _translation_problems(entries: list[_Valid], compared: tuple[str, ...], default: str) -> list[_Found]:
    found = []
    by_slug: dict[str, list[_Valid]] = {}
    for v in entries:
        by_slug.setdefault(v.entry.slug, []).append(v)
    for slug, versions in sorted(by_slug.items()):
        languages = [v.entry.lang for v in versions]
        if len(set(languages)) < 2 or len(set(languages)) != len(languages):
            continue  # one language only, or a duplicate slug (reported by the build's validation)
        for translated in versions:
            origin = (translated.entry.meta.get("translation") or {}).get("from")
            if not origin:
                # Two versions and neither says it is a translation: compare the non-default one.
                if any((o.entry.meta.get("translation") or {}).get("from") for o in versions) or translated.entry.lang == default:
                    continue
                origin = default
            original = next((v for v in versions if v.entry.lang == origin), None)
            if original is None:
                continue  # check_entries reports a translation.from without an original
            for key in compared:
                mine, theirs = translated.entry.meta.get(key), original.entry.meta.get(key)
                if key == "date":
                    if mine is None or theirs is None or mine == theirs:
                        continue
                else:
                    mine, theirs = list(mine or []), list(theirs or [])
                    if set(mine) == set(theirs):
                        continue
                line = translated.key_lines.get(key) or translated.key_lines.get("slug") or 1
                other_line = original.key_lines.get(key)
                said = differs_reason(translated.lines[line - 1]) if key in translated.key_lines else None
                said = said or (differs_reason(original.lines[other_line - 1]) if other_line else None)
                if said:
                    continue
                found.append(_Found(Problem(
                    translated.file.display, line,
                    f"{_describe(key, mine, theirs)} in the original {original.file.display}; make them agree, "
                    f"or end this line with '# differs: <reason>'", CHECK),
                    frozenset({original.file.display})))
    return found


def _article_target(href: str, page_path: str, codes: tuple[str, ...]) -> tuple[str, str] | None:
    """(lang, slug) when href, seen from the page at page_path, points at an article page."""
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc or not parsed.path:
        return None
    resolved = urlparse(urljoin("/" + page_path, href)).path
    resolved = posixpath.normpath(resolved) + ("/" if resolved.endswith("/") else "")
    match = _ARTICLE_PATH.match(resolved)
    if not match:
        return None
    lang = match.group("lang") or codes[0]
    return (lang, match.group("slug")) if lang in codes else None


def _line_of(v: _Valid, needle: str) -> int:
    """The first body line that contains `needle` (the body's first line if none does)."""
    return first_line_with(v.lines, v.body_line, [needle]) or v.body_line


@dataclass(frozen=True)
class _ValidNote:
    file: _File
    note: editions.Note

    @property
    def lines(self) -> list[str]:
        return self.file.text.split("\n")

    @property
    def body_line(self) -> int:
        return self.note.body_line


def _notes(files: list[_File], judge, written: tuple[str, ...]) -> tuple[list[_ValidNote], list]:
    """The build's reading of the notes: the valid ones (drafts included) and every error."""
    by_display = {f.display: f for f in files}
    notes, errors = editions.check_notes([(f.display, f.text) for f in files], _renderer(), judge, written)
    return [_ValidNote(by_display[note.path], note) for note in notes], errors


def _note_problems(content: Path, notes: list[_ValidNote], errors: list, entries: list[_Valid]) -> list[_Found]:
    """The build's errors, where each note belongs, drafts, and notes no edition shows."""
    found = [_Found(Problem(e.path, e.line, e.message, CHECK)) for e in errors]
    for v in notes:
        note, line = v.note, v.note.key_lines.get("edition")
        expected = content / editions.NOTES_FOLDER / f"{note.meta['edition']}.{note.lang}.md"
        if v.file.path.resolve() != expected.resolve():
            found.append(_Found(Problem(v.file.display, line, f"the note for edition {note.meta['edition']} in "
                                        f"'{note.lang}' belongs in {display_path(expected)}", CHECK, WARNING)))
        if not note.published:
            found.append(_Found(Problem(v.file.display, v.note.key_lines.get("status"),
                                        "draft, not published: set status: published when it is ready", CHECK, NOTICE)))
    weeks = {editions.week_of(v.entry.date).id for v in entries if v.entry.published}
    published = editions.published_notes([v.note for v in notes])
    found.extend(_Found(Problem(e.path, e.line, e.message, CHECK, WARNING)) for e in editions.orphan_notes(published, weeks))
    return found


SCAFFOLD_TODO = "<!-- TODO"  # what scripts.new leaves where an editor writes the text


def _scaffold_problems(published: list) -> list[_Found]:
    """A published article or note that still holds the TODO comment scripts.new wrote in place of
    its text: the comment is invisible on the page, so the page shows less than the editor meant."""
    found = []
    for v in published:
        line = first_line_with(v.lines, v.body_line, [SCAFFOLD_TODO]) if SCAFFOLD_TODO in v.file.text else None
        if line:
            found.append(_Found(Problem(v.file.display, line, "body: the TODO comment scripts.new wrote is still here: "
                                        "write what it asks for, then delete it", CHECK)))
    return found


def _draft_link_problems(entries: list[_Valid], notes: list[_ValidNote] = (), languages=None) -> list[_Found]:
    """Links from published articles and notes to drafts and to articles that do not exist."""
    found = []
    known = {(v.entry.lang, v.entry.slug): v for v in entries}
    pages = [(v, v.entry.html, urls.article(v.entry.lang, v.entry.slug)) for v in entries if v.entry.published]
    pages += [(v, v.note.html, urls.edition(v.note.lang, v.note.meta["edition"])) for v in notes if v.note.published]
    for v, html, page in pages:
        if "href" not in html:
            continue
        for element in lxml.html.fragment_fromstring(html, create_parent="div").iter("a"):
            href = element.get("href") or ""
            target = _article_target(href, page, languages.codes)
            if target is None:
                continue
            other = known.get(target)
            line = _line_of(v, href)
            if other is not None and other.entry.published:
                found.extend(_other_language_link(v, href, target, known, line, languages))
                continue
            if other is None:
                message = f"links to {href}, but there is no article with slug '{target[1]}' in '{target[0]}'"
                related = frozenset()
            else:
                message = f"links to {href}, the draft {other.file.display}, which is not published"
                related = frozenset({other.file.display})
            found.append(_Found(Problem(v.file.display, line, message, CHECK, ERROR), related))
    return found


def _other_language_link(v, href: str, target: tuple[str, str], known: dict, line: int, languages) -> list[_Found]:
    """A warning when a page links to the other language's version of an article that has one in its own."""
    lang, slug = target
    own = v.entry.lang if isinstance(v, _Valid) else v.note.lang
    mine = known.get((own, slug))
    if lang == own or mine is None or not mine.entry.published:
        return []
    name = lambda code: languages[code].name_in(languages.default.code) if code in languages else code  # noqa: E731  (messages are in the default language)
    return [_Found(Problem(v.file.display, line,
                           f"links to {href}, the {name(lang)} version of '{slug}'; this page is "
                           f"{name(own)}: link /{urls.article(own, slug)}, its {name(own)} version",
                           CHECK, WARNING), frozenset({mine.file.display}))]
