import pytest

from digest.ingest.credits import plausible_source, tidy_source_name


@pytest.mark.parametrize("name", ["虚构日报", "The Invented Times", "Lantern Bay Gazette (Invented)"])
def test_outlet_names_are_plausible_sources(name):
    assert plausible_source(name)


@pytest.mark.parametrize(
    "name",
    ["", "  ", "本站", "网络", "原创", "虚构日报版权所有", "© 2031 Invented Times", "@InventedNews",
     "Follow us on Twitter", "https://news.example.org", "2031-05-01", "12345", "Agencies", "Staff", "x" * 61],
)
def test_names_that_are_no_outlet_are_not_sources(name):
    assert not plausible_source(name)


@pytest.mark.parametrize(
    "raw, tidy",
    [("【虚构资讯】", "虚构资讯"), ("虚构日报2031-05-13", "虚构日报"), ("虚构证券报）", "虚构证券报"),
     (" Invented Wire The", "Invented Wire"), ("虚构日报 · 2031年5月13日 06:15", "虚构日报")],
)
def test_a_credited_name_is_tidied(raw, tidy):
    assert tidy_source_name(raw) == tidy


def test_cleaning_takes_no_credit_that_names_no_outlet(kit):
    from digest.ingest.clean import clean
    from digest.ingest.extract import PARAGRAPH, Block

    prose = "The invented Lantern Bay council approved a fictional harbour plan on Tuesday, officials said."
    cleaned = clean((Block(PARAGRAPH, "来源：本站"), Block(PARAGRAPH, prose)), None, kit.rules, kit.detector)
    assert cleaned.source_name is None
