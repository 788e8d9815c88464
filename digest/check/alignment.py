"""Whether an article's translation pairs with its original paragraph by paragraph (a warning).

The bilingual view (digest.site.bilingual) shows the two versions of a published article block by
block, in order (digest.site.blocks): paragraphs, headings and list items each count as one. When
the translation has more or fewer of them than its original, the view pairs them as far as it can
and shows the rest alone, and from the first added, dropped or merged paragraph on, the pairs do
not say the same thing. The warning is at the translation's Markdown file: at the first paragraph
it has beyond the original's, or, when it has fewer, at its last one, naming the original's first
unpaired paragraph. A note one version has alone (a paragraph opening with 译注： or Translator's
note:, see digest.site.markdown) is not counted.
"""
from __future__ import annotations

from dataclasses import dataclass

from digest.check import WARNING, Problem
from digest import languages as site_languages
from digest.languages import Languages
from digest.site.blocks import align, first_unmatched, markdown_lines, notes, split_blocks
from digest.site.model import Entry

NOTE_HINT = "start a note the other version does not have with its label (译注：, Translator's note:)"


@dataclass(frozen=True)
class Version:
    display: str  # the Markdown file, as printed
    text: str  # the whole file
    entry: Entry

    def lines(self) -> list[int]:
        """The file line each block of the body starts on."""
        rest = "\n".join(self.text.split("\n")[self.entry.body_line - 1:])
        body = rest.lstrip("\n")
        first = self.entry.body_line + len(rest) - len(body)  # the body's text starts after its blank lines
        return [first + line - 1 for line in markdown_lines(body)]


def alignment_problems(versions: list[Version], check: str, languages: Languages | None = None) -> list[tuple[Problem, frozenset[str]]]:
    """A warning for each published translation whose blocks do not pair with its original's, with the
    original's path (a change there can cause it)."""
    default = (languages or site_languages.default()).default.code
    by_slug: dict[str, dict[str, Version]] = {}
    for version in versions:
        if version.entry.published:
            by_slug.setdefault(version.entry.slug, {})[version.entry.lang] = version
    found = []
    for slug, pair in sorted(by_slug.items()):
        translation = next((v for v in pair.values() if v.entry.meta.get("translation")), None)
        if translation is not None:
            original = pair.get(translation.entry.meta["translation"]["from"])
        else:  # neither says: the default language's is the original, as the metadata check compares
            original = pair.get(default)
            translation = next((v for code, v in pair.items() if code != default), None)
        if original is None or translation is None:
            continue
        problem = _mismatch(translation, original, check)
        if problem:
            found.append((problem, frozenset({original.display})))
    return found


def _mismatch(translation: Version, original: Version, check: str) -> Problem | None:
    mine, theirs = translation.entry, original.entry
    blocks, other_blocks = split_blocks(mine.html), split_blocks(theirs.html)
    own_notes, other_notes = notes(blocks), notes(other_blocks)
    rows = align(len(blocks), own_notes, len(other_blocks), other_notes)
    unmatched = first_unmatched(rows, own_notes, other_notes)
    if unmatched is None:
        return None
    here, there = len(blocks) - len(own_notes), len(other_blocks) - len(other_notes)
    counts = f"{_paragraphs(here)} here, {there} in the original {original.display}: the bilingual view pairs them in order"
    lines = translation.lines()
    extra, missing = unmatched
    if extra is not None:
        line = lines[extra] if extra < len(lines) else mine.body_line
        message = f"{counts} and has no partner for this one; split or join paragraphs so that they correspond, or {NOTE_HINT}"
    else:
        line = lines[-1] if lines else mine.body_line
        where = original.lines()
        at = f"{original.display}:{where[missing]}" if missing < len(where) else original.display
        message = (f"{counts} and, after this one, has no partner for the original's paragraph {missing + 1} ({at}); "
                   f"split or join paragraphs so that they correspond, or {NOTE_HINT}")
    return Problem(translation.display, line, message, check, WARNING)


def _paragraphs(count: int) -> str:
    return f"{count} paragraph" if count == 1 else f"{count} paragraphs"
