import pytest

from digest.ingest.extract import extract_text
from digest.ingest.metadata import find_date, find_title, make_slug, summarise


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On February 5, 2025, the first working day", "2025-02-05"),
        ("published 5 February 2025 in an invented gazette", "2025-02-05"),
        ("Feb. 18, 2025 — invented", "2025-02-18"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("2025年2月5日，虚构县召开会议", "2025-02-05"),
        ("2025 年 2 月 5 日", "2025-02-05"),
        ("dated 2025-02-05 in the invented register", "2025-02-05"),
        ("the 1st of nothing, March 2025", None),  # no day next to the month: never guessed
        ("in February 2025", None),
        ("on February 5", None),
        ("February 30, 2025", None),
        ("2025年13月5日", None),
        ("version 2.2025-1", None),
    ],
)
def test_dates_need_day_month_and_year(text, expected):
    assert find_date([text]) == expected


def test_first_date_wins():
    assert find_date(["From 3 March 2024 until 4 April 2024"]) == "2024-03-03"


def test_title_is_a_short_first_line():
    blocks = extract_text("An invented headline\n\nThe body of an invented story. It is prose.").blocks
    assert find_title(blocks) == "An invented headline"


def test_prose_first_line_is_not_a_title():
    blocks = extract_text(
        "The invented county said on Monday that a fictional plan would be adopted next year by its council.\n\nMore."
    ).blocks
    assert find_title(blocks) is None


def test_english_summary_takes_whole_sentences_up_to_sixty_words():
    lead = ("One invented sentence with exactly ten words in it here. " * 7).strip()
    summary = summarise(extract_text(lead).blocks, "en")
    assert len(summary.split()) == 60
    assert summary.endswith(".")


def test_long_first_sentence_is_cut_at_a_word():
    lead = " ".join(["word"] * 100) + "."
    summary = summarise(extract_text(lead).blocks, "en")
    assert summary == " ".join(["word"] * 60) + " …"


def test_abbreviations_do_not_end_a_sentence():
    summary = summarise(extract_text("On Feb. 18, 2025, Dr. Madeup spoke. Then " + "more " * 70 + "words.").blocks, "en")
    assert summary == "On Feb. 18, 2025, Dr. Madeup spoke."


def test_chinese_summary_is_at_most_120_characters():
    lead = "虚构的县发布了一项产业计划。" * 20
    summary = summarise(extract_text(lead).blocks, "zh")
    assert len(summary) <= 120 and summary.endswith("。")


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Guangdong accelerates the establishment of a modern industrial system",
         "guangdong-accelerates-establishment-modern-industrial-system"),
        ("Café “Naïve” opens: 5G & AI!", "cafe-naive-opens-5g-ai"),
        ("虚构县启用电池产业园", "xu-gou-xian-qi-yong-dian-chi-chan-ye-yuan"),
        (None, "seed-0001"),
        ("!!!", "seed-0001"),
    ],
)
def test_slug_is_ascii_kebab_case(title, slug):
    assert make_slug(title, "seed_0001") == slug


def test_slug_stays_within_sixty_characters():
    assert len(make_slug("word " * 40, "x")) <= 60
