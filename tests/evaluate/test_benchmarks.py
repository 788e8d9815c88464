"""Loading benchmarks laid out like the real ones, and the label files of facts."""
from __future__ import annotations

import gzip

import pytest

from digest.evaluate.benchmarks import (
    AEB, MAGIC, BenchmarkMissing, Label, LabelError, ground_truth_language, load_aeb, load_labels, load_magic,
    make_language_detector, page_languages, parse_labels,
)
from tests.conftest import FIXTURES

EVALUATION = FIXTURES / "evaluation"


def test_loads_the_article_extraction_benchmark_and_decompresses_its_pages():
    benchmark = load_aeb(EVALUATION / "aeb")
    assert benchmark.name == AEB and benchmark.metric == "shingles"
    assert [page.id for page in benchmark.pages] == ["a1veltana", "a2muerzdorf"]
    first = benchmark.pages[0]
    assert first.url == "https://courier.example/harbour"
    assert first.raw == gzip.decompress((EVALUATION / "aeb" / "html" / "a1veltana.html.gz").read_bytes())
    assert "<h1>Port Veltana to add four deep-water berths</h1>" in first.html
    assert first.expected.startswith("Port Veltana will add four deep-water berths")
    assert "Mürzdorf" in benchmark.pages[1].html  # read as UTF-8


def test_loads_magic_html_articles():
    benchmark = load_magic(EVALUATION / "magic")
    assert benchmark.name == MAGIC and benchmark.metric == "rouge-l"
    assert [page.id for page in benchmark.pages] == ["m1qingwan", "m2seeds"]
    assert "青湾市人民政府" in benchmark.pages[0].html
    assert benchmark.pages[0].expected.startswith("青湾市人民政府日前印发")


def test_limit_takes_the_first_pages_in_id_order():
    assert [page.id for page in load_aeb(EVALUATION / "aeb", limit=1).pages] == ["a1veltana"]
    assert [page.id for page in load_magic(EVALUATION / "magic", limit=1).pages] == ["m1qingwan"]


def test_a_missing_benchmark_says_how_to_fetch_it(tmp_path):
    with pytest.raises(BenchmarkMissing, match="git clone https://github.com/scrapinghub/article-extraction-benchmark"):
        load_aeb(tmp_path / "nowhere")
    with pytest.raises(BenchmarkMissing, match="git clone https://github.com/opendatalab/magic-html"):
        load_magic(tmp_path)


def test_label_file_facts_null_and_missing_fields():
    labels = load_labels(EVALUATION / "labels", AEB)
    assert labels["a1veltana"] == Label("en", {
        "title": "Port Veltana to add four deep-water berths", "date": "2025-04-17",
        "source": ("Veltana Courier", "The Veltana Courier")})
    assert labels["a2muerzdorf"] == Label("de", {})  # language only: no fact labelled
    seeds = load_labels(EVALUATION / "labels", MAGIC)["m2seeds"]
    assert seeds.labelled("date") and seeds.facts["date"] is None  # the page states none
    assert load_labels(EVALUATION / "labels", MAGIC)["m1qingwan"].facts["source"] == ("青湾日报",)


def test_no_label_file_yet_is_no_labels(tmp_path):
    assert load_labels(tmp_path, AEB) == {}


def test_labels_accept_a_quoted_date_and_reject_malformed_entries():
    assert parse_labels('p1: {lang: EN, date: "2031-01-09"}')["p1"] == Label("en", {"date": "2031-01-09"})
    assert parse_labels("0042: {title: 7}")["0042"].facts == {"title": "7"}
    with pytest.raises(LabelError, match="p2: date must be YYYY-MM-DD"):
        parse_labels("p2: {date: 9 January 2031}")
    with pytest.raises(LabelError, match="p3: unknown field"):
        parse_labels("p3: {lang: en, author: Mirela Tosk}")
    with pytest.raises(LabelError, match="p4: expected a mapping"):
        parse_labels("p4: en")


@pytest.fixture(scope="module")
def detector():
    return make_language_detector()


def test_ground_truth_language(detector):
    assert ground_truth_language("青湾市将重点发展风电整机、储能电池和 H2 氢能装备三大领域。", detector) == "zh"
    assert ground_truth_language("The seed library opened in the old post office on Saturday.", detector) == "en"
    assert ground_truth_language(
        "Die Gemeinde baut bis zum Jahr 2032 ein neues Wasserkraftwerk am Fluss, teilte die Bürgermeisterin mit.",
        detector) == "de"
    assert ground_truth_language("東京都は新しい港湾計画を発表しました。", detector) == "ja"
    assert ground_truth_language("2031 — 42", detector) is None


def test_page_languages_prefer_the_label(detector):
    benchmark = load_aeb(EVALUATION / "aeb")
    detected = page_languages(benchmark, {}, detector)
    assert detected == {"a1veltana": "en", "a2muerzdorf": "de"}
    assert page_languages(benchmark, {"a2muerzdorf": Label("fr")}, detector)["a2muerzdorf"] == "fr"
