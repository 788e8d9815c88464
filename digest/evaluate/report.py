"""Score tool results against a benchmark and its labels, and print everything as one table.

Extraction: the benchmark's own metric (shingle F1 or ROUGE-L), on all pages and on the
English and Chinese pages only. Metadata: exact-match rate of title, date and source over the
pages labelled with a value, and "wrong where none stated" over the pages labelled null.
Languages: ours against every page with a `lang` label.
"""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass

from digest.evaluate import metrics
from digest.evaluate.benchmarks import FACT_FIELDS, Label
from digest.evaluate.tools import OURS, PageResult

OUR_LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class PageRecord:
    benchmark: str
    tool: str
    page_id: str
    url: str
    lang: str | None  # the label's, else detected from the ground truth
    score: metrics.PageScore
    result: PageResult

    def as_json(self) -> dict:
        r = self.result
        return {
            "benchmark": self.benchmark, "tool": self.tool, "page": self.page_id, "url": self.url, "lang": self.lang,
            "precision": self.score.precision, "recall": self.score.recall, "f1": self.score.f1,
            "title": r.title, "date": r.date, "source": r.source_name, "tool_lang": r.lang,
            "rejected": r.rejected_reason, "published": r.published, "error": r.error,
            "seconds": r.seconds, "text_chars": len(r.text),
        }


def score_page(metric: str, expected: str, text: str, traditional: bool = False) -> metrics.PageScore:
    """One page's score. A Traditional Chinese page is scored in Simplified characters on both
    sides: ingest converts such pages, and the peers' text is converted alike."""
    if traditional:
        expected, text = _simplified(expected), _simplified(text or "")
    if metric == "shingles":
        return metrics.shingle_page_score(expected, text)
    return metrics.rouge_page_score(expected, text)


@dataclass(frozen=True)
class ExtractionRow:
    benchmark: str
    tool: str
    all_pages: metrics.Scores
    ours_languages: metrics.Scores
    pages_per_second: float | None
    errors: int


def extraction_row(records: list[PageRecord]) -> ExtractionRow:
    seconds = sum(record.result.seconds for record in records)
    return ExtractionRow(
        records[0].benchmark, records[0].tool,
        metrics.harmonic_mean_of_means([record.score for record in records]),
        metrics.harmonic_mean_of_means([record.score for record in records if record.lang in OUR_LANGUAGES]),
        len(records) / seconds if seconds else None,
        sum(record.result.error is not None for record in records),
    )


@dataclass(frozen=True)
class FieldScore:
    matched: int
    labelled: int  # pages labelled with a value
    invented: int  # pages labelled null where the tool gave a value
    none_stated: int  # pages labelled null


def normalise(value: str | None, casefold: bool = False) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text.casefold() if casefold else text


def field_matches(name: str, expected, found: str | None, traditional: bool = False) -> bool:
    """Titles whitespace-normalised and case-sensitive; sources any listed spelling, case-blind;
    dates as ISO strings. On a Traditional Chinese page both sides are compared in Simplified
    characters, since ingest converts the page (for every tool alike)."""
    if found is None or expected is None:
        return False
    if traditional:
        found, expected = _simplified(found), [_simplified(e) for e in expected] if name == "source" else _simplified(expected)
    if name == "source":
        return normalise(found, True) in {normalise(spelling, True) for spelling in expected}
    return normalise(found) == normalise(expected)


def _simplified(text: str) -> str:
    return _t2s().convert(text)


@functools.lru_cache(maxsize=1)
def _t2s():
    from digest.words import make_t2s

    return make_t2s()


def tool_value(name: str, result: PageResult) -> str | None:
    return {"title": result.title, "date": result.date, "source": result.source_name}[name]


def field_score(name: str, records: list[PageRecord], labels: dict[str, Label]) -> FieldScore:
    matched = labelled = invented = none_stated = 0
    for record in records:
        label = labels.get(record.page_id)
        # metadata is scored where ingest publishes: English and Chinese pages
        if label is None or not label.labelled(name) or label.lang not in ("en", "zh"):
            continue
        expected, found = label.facts[name], tool_value(name, record.result)
        if expected is None:
            none_stated += 1
            # ours holds a draft back for an editor; only a published article would mislead.
            gave = found is not None and (record.tool != OURS or record.result.published)
            invented += gave
        else:
            labelled += 1
            matched += field_matches(name, expected, found, traditional=label.script == "Hant")
    return FieldScore(matched, labelled, invented, none_stated)


@dataclass(frozen=True)
class LanguageCounts:
    right: int = 0  # en/zh page accepted with the right language
    wrong_language: int = 0  # en/zh page accepted as the other one
    lost: int = 0  # en/zh page rejected
    rejected_right: int = 0  # other-language page rejected with a reason naming its language
    rejected_wrong: int = 0  # other-language page rejected for another reason
    accepted: int = 0  # other-language page accepted as en/zh

    @property
    def labelled(self) -> int:
        return sum(vars(self).values())


def names_language(reason: str, code: str) -> bool:
    """Does a rejection reason name this language, by English name or ISO 639-1 code?"""
    return bool(re.search(rf"\b{re.escape(code)}\b", reason, re.IGNORECASE)) or (
        (name := language_name(code)) is not None and name.casefold() in reason.casefold())


def language_name(code: str) -> str | None:
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code)).name.title()
    except ValueError:
        return None


def language_counts(records: list[PageRecord], labels: dict[str, Label]) -> LanguageCounts:
    counts = dict.fromkeys(vars(LanguageCounts()), 0)
    for record in records:
        label = labels.get(record.page_id)
        if label is None or label.lang is None:
            continue
        reason = record.result.rejected_reason
        if label.lang in OUR_LANGUAGES:
            key = "lost" if reason is not None else "right" if record.result.lang == label.lang else "wrong_language"
        elif reason is None:
            key = "accepted"
        else:
            key = "rejected_right" if names_language(reason, label.lang) else "rejected_wrong"
        counts[key] += 1
    return LanguageCounts(**counts)


def worst_pages(records: list[PageRecord], count: int) -> list[PageRecord]:
    ours = [record for record in records if record.tool == OURS]
    return sorted(ours, key=lambda record: (record.score.f1, record.benchmark, record.page_id))[:count]


# --- the table --------------------------------------------------------------------------------

def format_number(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _rate(score: FieldScore) -> str:
    if not score.labelled and not score.none_stated:
        return "no labels"
    rate = f"{score.matched / score.labelled:.2f} ({score.matched}/{score.labelled})" if score.labelled else "–"
    return f"{rate}; {score.invented}/{score.none_stated} invented" if score.none_stated else rate


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def format_report(
    extraction: list[ExtractionRow],
    metadata: dict[tuple[str, str], dict[str, FieldScore]],
    languages: dict[str, LanguageCounts],
    commands: list[tuple[str, int, float]],
) -> str:
    """One Markdown table of extraction, then metadata, languages and whole-command speed."""
    rows = []
    for row in extraction:
        fields = metadata.get((row.benchmark, row.tool), {})
        rows.append([
            row.benchmark, row.tool, str(row.all_pages.pages),
            format_number(row.all_pages.precision), format_number(row.all_pages.recall), format_number(row.all_pages.f1),
            str(row.ours_languages.pages),
            format_number(row.ours_languages.precision), format_number(row.ours_languages.recall), format_number(row.ours_languages.f1),
            format_number(row.pages_per_second, 1) + (f" ({row.errors} errors)" if row.errors else ""),
            *(_rate(fields[name]) if name in fields else "–" for name in FACT_FIELDS),
        ])
    parts = [_markdown_table(
        ["benchmark", "tool", "pages", "P", "R", "F1", "en+zh pages", "en+zh P", "en+zh R", "en+zh F1", "pages/s",
         "title", "date", "source"], rows)]
    language_rows = [
        [benchmark, "no labels"] + [""] * 6 if not counts.labelled else
        [benchmark, str(counts.labelled), str(counts.right), str(counts.wrong_language), str(counts.lost),
         str(counts.rejected_right), str(counts.rejected_wrong), str(counts.accepted)]
        for benchmark, counts in languages.items()
    ]
    if language_rows:
        parts.append("Languages (ours):\n\n" + _markdown_table(
            ["benchmark", "labelled", "en/zh right", "en/zh wrong language", "en/zh lost (rejected)",
             "other: rejected right", "other: rejected wrong", "other: accepted"], language_rows))
    if commands:
        parts.append("Whole command (ours):\n\n" + _markdown_table(
            ["command", "pages", "wall s", "pages/s"],
            [[command, str(pages), format_number(wall, 1), format_number(pages / wall if wall else None, 1)]
             for command, pages, wall in commands]))
    return "\n\n".join(parts) + "\n"
