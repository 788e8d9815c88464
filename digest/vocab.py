"""The bilingual vocabularies in data/*.yaml: industries, officials, the glossary and noise rules.

Loading validates the shape of each entry (a wrong file fails with `path:line: message`) and
compiles the alias patterns once; matching is a pure function of text and vocabulary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from digest import DATA_DIR

LANGS = ("en", "zh")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A Latin alias is a whole word when no Latin letter, digit or hyphen touches it; Han characters
# next to it are a boundary ("发展AI芯片" mentions AI).
_LATIN_WORD = r"[A-Za-z0-9\u00c0-\u024f-]"


class VocabularyError(ValueError):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class Term:
    """An industry or an official: something articles are tagged with."""

    slug: str
    name: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    description: dict[str, str] = field(default_factory=dict)
    group: str | None = None
    positions: tuple[dict, ...] = ()
    pattern: re.Pattern | None = field(default=None, compare=False, repr=False)
    needles: tuple[str, ...] = field(default=(), compare=False, repr=False)  # lowercased aliases

    def occurs_in(self, text: str, lowered: str) -> bool:
        """Whole-word match; a plain substring test first, since most terms are absent from most texts."""
        return self.pattern is not None and any(n in lowered for n in self.needles) and bool(self.pattern.search(text))


@dataclass(frozen=True)
class GlossaryEntry:
    canonical: dict[str, str]
    meaning: dict[str, str]
    variants: tuple[str, ...]
    pattern: re.Pattern | None = field(default=None, compare=False, repr=False)
    needles: tuple[str, ...] = field(default=(), compare=False, repr=False)  # lowercased variants


@dataclass(frozen=True)
class Vocabularies:
    industries: tuple[Term, ...]
    officials: tuple[Term, ...]
    glossary: tuple[GlossaryEntry, ...]
    noise: dict

    def industry(self, slug: str) -> Term | None:
        return self._by_slug[0].get(slug)

    def official(self, slug: str) -> Term | None:
        return self._by_slug[1].get(slug)

    @cached_property
    def _by_slug(self) -> tuple[dict[str, Term], dict[str, Term]]:
        # every article page and listing item looks terms up by slug; the tuples stay the order
        return {t.slug: t for t in self.industries}, {t.slug: t for t in self.officials}


def phrase_pattern(phrases: list[str]) -> re.Pattern | None:
    """One regex for a list of phrases: whole words for Latin script, substrings for Han.

    All-capital Latin phrases (AI, CPPCC) match case-sensitively, so "ai" in a word never fires.
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        if HAN.search(phrase):
            parts.append(body)
            continue
        flags = "" if phrase.isupper() else "(?i:"
        parts.append(rf"(?<!{_LATIN_WORD}){flags}{body}{')' if flags else ''}(?!{_LATIN_WORD})")
    return re.compile("|".join(parts)) if parts else None


def match_terms(text: str, terms: tuple[Term, ...]) -> list[str]:
    """Slugs of the terms any of whose aliases occur in text, in vocabulary order."""
    lowered = text.lower()
    return [term.slug for term in terms if term.occurs_in(text, lowered)]


def load(data_dir: Path = DATA_DIR) -> Vocabularies:
    return Vocabularies(
        industries=tuple(_load_terms(data_dir / "industries.yaml")),
        officials=tuple(_load_terms(data_dir / "officials.yaml")),
        glossary=tuple(_load_glossary(data_dir / "glossary.yaml")),
        noise=_read_yaml(data_dir / "noise.yaml")[0],
    )


def _read_yaml(path: Path) -> tuple[object, yaml.Node]:
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.safe_load(text), yaml.compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise VocabularyError(path, mark.line + 1 if mark else 1, f"malformed YAML: {error.problem}") from None


def _entries(path: Path) -> list[tuple[dict, int]]:
    data, node = _read_yaml(path)
    if not isinstance(data, list):
        raise VocabularyError(path, 1, "expected a list of entries")
    lines = [item.start_mark.line + 1 for item in node.value]
    for entry, line in zip(data, lines):
        if not isinstance(entry, dict):
            raise VocabularyError(path, line, "each entry must be a mapping")
    return list(zip(data, lines))


def _bilingual(entry: dict, key: str, path: Path, line: int, required: bool = True) -> dict[str, str]:
    value = entry.get(key) or {}
    if not isinstance(value, dict) or (required and not all(value.get(lang) for lang in LANGS)):
        raise VocabularyError(path, line, f"'{key}' needs both en and zh")
    return {lang: str(value[lang]) for lang in LANGS if value.get(lang)}


def _load_terms(path: Path) -> list[Term]:
    terms, seen = [], {}
    for entry, line in _entries(path):
        slug = entry.get("slug")
        if not isinstance(slug, str) or not SLUG.match(slug):
            raise VocabularyError(path, line, f"slug {slug!r} is not lowercase ASCII kebab case")
        if slug in seen:
            raise VocabularyError(path, line, f"slug '{slug}' already defined at line {seen[slug]}")
        seen[slug] = line
        name = _bilingual(entry, "name", path, line)
        raw_aliases = entry.get("aliases") or {}
        aliases = {lang: tuple(str(a) for a in raw_aliases.get(lang) or ()) for lang in LANGS}
        phrases = [*name.values(), *aliases["en"], *aliases["zh"]]
        terms.append(
            Term(
                slug=slug,
                name=name,
                aliases=aliases,
                description=_bilingual(entry, "description", path, line, required=False),
                group=entry.get("group"),
                positions=tuple(entry.get("positions") or ()),
                pattern=phrase_pattern(phrases),
                needles=tuple(sorted({" ".join(p.lower().split()) for p in phrases})),
            )
        )
    return terms


def _load_glossary(path: Path) -> list[GlossaryEntry]:
    entries = []
    for entry, line in _entries(path):
        variants = tuple(str(v) for v in entry.get("variants") or ())
        entries.append(
            GlossaryEntry(
                canonical=_bilingual(entry, "canonical", path, line),
                meaning=_bilingual(entry, "meaning", path, line, required=False),
                variants=variants,
                pattern=phrase_pattern(list(variants)),
                needles=tuple(sorted({" ".join(v.lower().split()) for v in variants})),
            )
        )
    return entries
