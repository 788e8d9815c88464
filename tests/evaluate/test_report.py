"""Scoring metadata and languages against labels, and the table."""
from __future__ import annotations

from digest.evaluate import report
from digest.evaluate.benchmarks import Label
from digest.evaluate.metrics import PageScore, Scores
from digest.evaluate.report import (
    ExtractionRow, FieldScore, LanguageCounts, PageRecord, field_score, format_report, language_counts,
    names_language,
)
from digest.evaluate.tools import OURS, TRAFILATURA, PageResult


def record(page_id: str, tool: str = OURS, **result) -> PageRecord:
    return PageRecord("bench", tool, page_id, "", None, PageScore(1.0, 1.0), PageResult("text", **result))


LABELS = {
    "p1": Label("en", {"title": "Port  Veltana grows", "date": "2031-04-17", "source": ("Veltana Courier", "VC")}),
    "p2": Label("en", {"title": "Seed library opens", "date": None, "source": None}),
    "p3": Label("de"),
}


def test_titles_match_after_white_space_but_not_case():
    records = [record("p1", title="Port Veltana  grows"), record("p2", title="seed library opens")]
    assert field_score("title", records, LABELS) == FieldScore(matched=1, labelled=2, invented=0, none_stated=0)


def test_source_matches_any_spelling_and_dates_as_iso():
    records = [record("p1", source_name="vc", date="2031-04-17")]
    assert field_score("source", records, LABELS).matched == 1
    assert field_score("date", records, LABELS).matched == 1
    assert field_score("date", [record("p1", date="2031-04-18")], LABELS).matched == 0


def test_a_value_where_the_page_states_none_counts_only_when_ours_would_publish():
    drafted = record("p2", date="2031-01-01", published=False)
    published = record("p2", date="2031-01-01", published=True)
    peer = record("p2", tool=TRAFILATURA, date="2031-01-01", published=False)
    assert field_score("date", [drafted], LABELS) == FieldScore(0, 0, 0, 1)
    assert field_score("date", [published], LABELS) == FieldScore(0, 0, 1, 1)
    assert field_score("date", [peer], LABELS) == FieldScore(0, 0, 1, 1)


def test_language_verdicts():
    records = [
        record("p1", lang="en"),
        record("p2", rejected_reason="language is id, not English or Chinese"),
        record("p3", rejected_reason="language is de, not English or Chinese"),
    ]
    assert language_counts(records, LABELS) == LanguageCounts(right=1, lost=1, rejected_right=1)
    assert language_counts([record("p3", rejected_reason="empty file")], LABELS) == LanguageCounts(rejected_wrong=1)
    assert language_counts([record("p3", lang="en")], LABELS) == LanguageCounts(accepted=1)
    assert language_counts([record("p1", lang="zh")], LABELS) == LanguageCounts(wrong_language=1)


def test_a_reason_names_a_language_by_code_or_english_name():
    assert names_language("language is de, not English or Chinese", "de")
    assert names_language("this page is in German", "de")
    assert not names_language("no article text left", "de")
    assert not names_language("language is id, not English or Chinese", "de")


def test_table_says_no_labels_until_label_files_exist():
    row = ExtractionRow("bench", OURS, Scores(0.9, 0.8, 0.847, 3), Scores(0.95, 0.85, 0.897, 2), 4.0, 0)
    empty = FieldScore(0, 0, 0, 0)
    table = format_report([row], {("bench", OURS): {"title": empty, "date": empty, "source": empty}},
                          {"bench": LanguageCounts()}, [])
    assert "| bench | ours | 3 | 0.900 | 0.800 | 0.847 | 2 | 0.950 | 0.850 | 0.897 | 4.0 | no labels | no labels | no labels |" in table
    assert "| bench | no labels |" in table


def test_a_traditional_page_is_scored_in_simplified_on_both_sides():
    expected, converted = "虛構縣發展低空經濟。", "虚构县发展低空经济。"
    assert report.score_page("rouge-l", expected, converted, traditional=True).f1 == 1.0
    assert report.score_page("rouge-l", expected, converted).f1 < 0.5
    assert report.field_matches("title", "虛構縣發展低空經濟", "虚构县发展低空经济", traditional=True)
    assert not report.field_matches("title", "虛構縣發展低空經濟", "虚构县发展低空经济")


def test_a_source_named_in_both_languages_is_scored_by_the_pages_own_language():
    from digest.evaluate.tools import source_name

    both = {"en": "Xinhua News Agency", "zh": "新华社"}
    assert source_name({"lang": "zh", "source": {"name": both}}) == "新华社"
    assert source_name({"lang": "en", "source": {"name": both}}) == "Xinhua News Agency"
    assert source_name({"lang": "en", "source": {"name": "Invented Daily"}}) == "Invented Daily"
    assert source_name({"lang": "en", "source": {}}) is None
