"""Stage 4: remove what is not article text, and say why.

Repeated titles, site boilerplate ("Exit mobile version", share bars, 返回顶部), spam lines
(Indonesian lottery spam, Chinese gambling spam, English SEO junk) and the "Source:" line
(which becomes metadata) are removed; the machine-translation artifact "high -ranking" becomes
"high-ranking". Every other character of every other paragraph is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from digest.ingest.detect import HAN, detect_language
from digest.ingest.extract import Block

# "high -ranking": a letter, spaces, a hyphen glued to the next letter. Real dashes (–, —),
# spaced hyphens ("2020 - 2025", "A - B") and minus signs ("-5") never match.
SPACED_HYPHEN = re.compile(r"(?<=[A-Za-z])[ \t]+-(?=[A-Za-z])")
SOURCE_LINE = re.compile(r"^\s*(?:source|来源|來源|稿源|信息来源)\s*[:：]\s*(?P<name>\S.{0,150}?)\s*$", re.I)
WORD = re.compile(r"[^\W\d_]+|\d+", re.U)


@dataclass(frozen=True)
class Change:
    line: int | None
    action: str  # "removed", "fixed", "moved"
    reason: str
    text: str

    def describe(self) -> str:
        if self.action == "note":
            return self.reason
        where = f"line {self.line}: " if self.line else ""
        snippet = self.text if len(self.text) <= 70 else self.text[:67] + "..."
        return f"{where}{self.action} {snippet!r}: {self.reason}"


@dataclass(frozen=True)
class Cleaned:
    blocks: tuple[Block, ...]
    changes: tuple[Change, ...]
    source_name: str | None


@dataclass(frozen=True)
class NoiseRules:
    boilerplate: re.Pattern
    strong: re.Pattern
    strong_needles: tuple[str, ...]  # lowercased strong terms: a cheap test before the regex
    markets: frozenset[str]
    gambling: frozenset[str]
    filler: frozenset[str]
    max_short_words: int
    max_short_han: int
    max_list_words: int

    @classmethod
    def from_data(cls, noise: dict) -> "NoiseRules":
        from digest.vocab import phrase_pattern

        spam = noise["spam"]
        return cls(
            boilerplate=re.compile("|".join(f"(?:{p})" for p in noise["boilerplate"]), re.I),
            strong=phrase_pattern(spam["strong"]),
            strong_needles=tuple(sorted({term.lower() for term in spam["strong"]})),
            markets=frozenset(w.lower() for w in spam["markets"]),
            gambling=frozenset(w.lower() for w in spam["gambling"]),
            filler=frozenset(w.lower() for w in spam["filler"]),
            max_short_words=spam["max_short_words"],
            max_short_han=spam["max_short_han"],
            max_list_words=spam["max_list_words"],
        )


def normalise_for_comparison(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def clean(blocks: tuple[Block, ...], title: str | None, rules: NoiseRules, detector) -> Cleaned:
    kept: list[Block] = []
    changes: list[Change] = []
    source_name = None
    title_key = normalise_for_comparison(title) if title else None
    for block in blocks:
        lines_kept = []
        for offset, line in enumerate(block.text.split("\n")):
            number = block.line + offset if block.line else None
            reason = _noise_reason(line, rules, detector)
            if title_key and normalise_for_comparison(line) == title_key and len(block.text.split("\n")) == 1:
                reason = "repeated title"
            source = SOURCE_LINE.match(line) if not reason and source_name is None else None
            if source and len(block.text.split("\n")) == 1:
                source_name = source.group("name").rstrip("。.;；")
                changes.append(Change(number, "moved", "source name goes to the front matter", line))
                continue
            if reason:
                changes.append(Change(number, "removed", reason, line))
                continue
            fixed = SPACED_HYPHEN.sub("-", line)
            if fixed != line:
                for match in SPACED_HYPHEN.finditer(line):
                    left = line[: match.start()].split()[-1]
                    right = WORD.match(line, match.end()).group(0)
                    changes.append(Change(number, "fixed", 'machine-translation spacing "word -word"',
                                          f"{left} -{right} → {left}-{right}"))
            lines_kept.append(fixed)
        if lines_kept:
            kept.append(block.with_text("\n".join(lines_kept)))
    return Cleaned(tuple(kept), tuple(changes), source_name)


def _noise_reason(line: str, rules: NoiseRules, detector) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if rules.boilerplate.fullmatch(stripped):
        return "site boilerplate"
    words = [w.lower() for w in WORD.findall(stripped)]
    han = len(HAN.findall(stripped))
    short = len(words) <= rules.max_short_words and han <= rules.max_short_han
    lowered = stripped.lower()
    if any(needle in lowered for needle in rules.strong_needles) and rules.strong.search(stripped):
        if short:
            return "spam (gambling or SEO term in a short line)"
        if detect_language(stripped, detector) in ("id", "ms"):
            return "spam (Indonesian gambling text)"
    if 0 < len(words) <= rules.max_list_words and not han:
        vocabulary = rules.markets | rules.gambling | rules.filler
        has_market = any(w in rules.markets for w in words)
        has_gambling = any(w in rules.gambling for w in words)
        if has_market and has_gambling and all(w in vocabulary or w.isdigit() for w in words):
            return "spam (Indonesian lottery keywords)"
    return None
