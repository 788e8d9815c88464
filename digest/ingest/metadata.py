"""Stage 6: the article's metadata -- title, date, summary, slug -- read from the text, never guessed.

A date needs day, month and year written in the source ("On February 5, 2025", "5 February
2025", "Feb. 18, 2025", "2025年2月5日", "2025-02-05") or in the page's metadata; when there is
none, the article has no date and becomes a draft.
"""
from __future__ import annotations

import datetime as dt
import re

from pypinyin import lazy_pinyin
from unidecode import unidecode

from digest.ingest.detect import HAN
from digest.ingest.extract import HEADING, PARAGRAPH, Block

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
          r"aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
DATE_PATTERNS = (
    re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"(?<![\w]){_DAY}\s+{_MONTH},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"{_YEAR}\s*年\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*日"),
    re.compile(rf"(?<![\d/.-]){_YEAR}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?![\d/.-])"),
)
SENTENCE_EN = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
SENTENCE_ZH = re.compile(r"(?<=[。！？；])")
ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|No|Nos|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|vs|U\.S)\.$")
STOPWORDS = frozenset("a an and are as at by for from in into is its of on or the to with".split())
SUMMARY_WORDS = 60
SUMMARY_HAN = 120
SLUG_LENGTH = 60


def find_title(blocks: tuple[Block, ...]) -> str | None:
    """A plain-text source's title is its first block when that reads as a title, not prose."""
    if not blocks:
        return None
    first = blocks[0]
    if "\n" in first.text:
        return None
    text = first.text.strip()
    if first.kind == HEADING:
        return text
    if first.kind != PARAGRAPH:
        return None
    limit = 80 if HAN.search(text) else 200
    ends_like_prose = text.endswith(("。", "！", "？")) or (text.endswith(".") and len(text.split()) > 12)
    if len(text) > limit or ends_like_prose or len(blocks) == 1:
        return None
    return text


def find_date(texts: list[str]) -> str | None:
    """The first complete, valid calendar date in texts, as ISO 8601."""
    for text in texts:
        found = []
        for pattern in DATE_PATTERNS:
            for match in pattern.finditer(text):
                iso = _to_iso(match)
                if iso:
                    found.append((match.start(), iso))
        if found:
            return min(found)[1]
    return None


def _to_iso(match: re.Match) -> str | None:
    month = match.group("month")
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower()[:3])
    try:
        return dt.date(int(match.group("year")), number, int(match.group("day"))).isoformat()
    except (TypeError, ValueError):
        return None


def summarise(blocks: tuple[Block, ...], lang: str) -> str | None:
    """The lead: whole sentences of the first paragraph, at most ~60 words or ~120 characters."""
    lead = next((b.text for b in blocks if b.kind == PARAGRAPH and b.text.strip()), None)
    if not lead:
        return None
    lead = " ".join(lead.split()) if lang == "en" else "".join(lead.split("\n"))
    if lang == "zh":
        sentences = [s for s in SENTENCE_ZH.split(lead) if s]
        return _take(sentences, lambda text: len(text), SUMMARY_HAN, "", lambda s: s[:SUMMARY_HAN] + "…")
    sentences = _english_sentences(lead)
    return _take(sentences, lambda text: len(text.split()), SUMMARY_WORDS, " ",
                 lambda s: " ".join(s.split()[:SUMMARY_WORDS]).rstrip(",;:") + " …")


def _english_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for piece in SENTENCE_EN.split(text):
        if sentences and ABBREVIATIONS.search(sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


def _take(sentences, size, limit, joiner, cut) -> str:
    taken: list[str] = []
    for sentence in sentences:
        if size(joiner.join([*taken, sentence])) > limit:
            break
        taken.append(sentence)
    return joiner.join(taken).strip() if taken else cut(sentences[0])


def make_slug(title: str | None, fallback: str) -> str:
    """ASCII kebab case from the title (pinyin for Chinese), without filler words, ≤ 60 characters."""
    if title:
        if HAN.search(title):
            words = re.findall(r"[a-z0-9]+", " ".join(lazy_pinyin(title)).lower())
        else:
            words = [w for w in re.findall(r"[a-z0-9]+", unidecode(title).lower()) if w not in STOPWORDS]
        slug = ""
        for word in words:
            candidate = f"{slug}-{word}" if slug else word
            if len(candidate) > SLUG_LENGTH:
                break
            slug = candidate
        if slug:
            return slug
    return "-".join(re.findall(r"[a-z0-9]+", unidecode(fallback).lower()))[:SLUG_LENGTH].strip("-") or "article"
