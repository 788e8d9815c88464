"""The real vocabularies in data/ load, are well formed, and match what they should."""
import re

import pytest

from digest import vocab
from digest.vocab import VocabularyError, match_terms

V = vocab.load()


def test_twenty_clusters_and_future_industries():
    groups = [term.group for term in V.industries]
    assert groups.count("pillar") == 10 and groups.count("emerging") == 10
    assert groups.count("future") >= 2
    slugs = {term.slug for term in V.industries}
    assert {"artificial-intelligence", "robotics", "low-altitude-economy"} <= slugs


def test_every_term_is_bilingual():
    for term in (*V.industries, *V.officials):
        assert term.name["en"] and term.name["zh"], term.slug
        assert re.search(r"[\u4e00-\u9fff]", term.name["zh"]), term.slug
    for term in V.industries:
        assert term.description.get("en") and term.description.get("zh"), term.slug


def test_officials_have_pinyin_slugs_and_dated_positions():
    for official in V.officials:
        family, *given = official.name["en"].lower().split()
        assert official.slug == "-".join([family, "".join(given)]), official.slug
        assert official.positions, official.slug
        for position in official.positions:
            assert position["title"]["en"] and position["title"]["zh"]
            assert position["organisation"]["en"] and position["organisation"]["zh"]
            assert position.get("start") or position.get("attested"), official.slug


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Governor Wang Weizhong spoke.", ["wang-weizhong"]),
        ("省长王伟中主持会议。", ["wang-weizhong"]),
        ("Huang further emphasized", []),
        ("Huang Kunming and Huang Chuping", ["huang-kunming", "huang-chuping"]),
    ],
)
def test_officials_are_matched_by_alias(text, expected):
    assert match_terms(text, V.officials) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("artificial intelligence and robotics", {"artificial-intelligence", "robotics"}),
        ("AI chips", {"artificial-intelligence"}),
        ("发展AI芯片", {"artificial-intelligence"}),
        ("MAIN street and a RAID", set()),
        ("the chairman said", set()),
        ("a modern industrial system with high international competitiveness", set()),
        ("发展人工智能和机器人产业", {"artificial-intelligence", "robotics"}),
    ],
)
def test_industries_are_matched_as_whole_words(text, expected):
    assert expected <= set(match_terms(text, V.industries))
    if not expected:
        assert match_terms(text, V.industries) == []


def test_glossary_has_the_seed_variants():
    variants = {variant for entry in V.glossary for variant in entry.variants}
    assert {"PKKCV", "constant committee of the Provincial Congress"} <= variants


def test_a_broken_vocabulary_names_file_and_line(tmp_path):
    for name in ("officials.yaml", "glossary.yaml", "noise.yaml"):
        (tmp_path / name).write_text((vocab.DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "industries.yaml").write_text("- slug: ok\n  name: {en: A, zh: 甲}\n- slug: Bad Slug\n  name: {en: B, zh: 乙}\n")
    with pytest.raises(VocabularyError, match=r"industries.yaml:3: slug 'Bad Slug'"):
        vocab.load(tmp_path)
