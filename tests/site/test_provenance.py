"""Provenance a reader can use, and honest translation labels (issue 13, items 1 and 2).

A small site of invented articles covers each case: a machine translation the source published
(named in both languages, with its address and headline) and our reviewed machine translation of
it, a Chinese original with our human translation, and an unreviewed machine translation. The
real seed's pages show what its front matter states and no more.
"""
from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from digest import languages
from digest.site import provenance
from tests.site.conftest import build_site
from tests.site.pages import soup

LANGUAGES = languages.default()

CONTENT = Path(__file__).parent.parent / "fixtures" / "provenance" / "content"
SEED = "articles/guangdong-accelerates-establishment-modern-industrial-system/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output, warnings = build_site(tmp_path_factory.mktemp("provenance"), "pelicanconf.py", CONTENT)
    assert warnings == []
    return output


def page(output: Path, lang: str, slug: str):
    return soup(output / ("zh/" if lang == "zh" else "") / f"articles/{slug}/index.html")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def facts(document) -> dict[str, tuple[str, str | None]]:
    """The source box's facts: label -> (value, lang attribute of the value)."""
    return {text(row.dt): (text(row.dd), row.dd.get("lang")) for row in document.select(".source-facts > div")}


def test_a_machine_translation_published_by_the_source_says_so_with_the_original(site):
    document = page(site, "en", "invented-ferry-line")
    box = document.select_one(".source-box")
    link = box.select_one(".source-name a")
    assert (text(link), link["href"]) == ("Invented Harbour Daily", "https://news.example.org/2024/05/ferry")
    assert facts(document) == {
        "Original headline": ("Invented Harbour opens electric ferry line to Nowhere Island", None),
        "Language": ("English", None),
        "Dated": ("6 May 2024", None),
        "This text": ("A machine translation published by the source", None),
    }
    assert box.select_one("time")["datetime"] == "2024-05-06"
    assert document.select_one(".translation-note") is None  # the source translated it, not we


def test_a_chinese_page_names_the_outlet_in_chinese_and_credits_our_reviewed_machine_translation(site):
    document = page(site, "zh", "invented-ferry-line")
    name = document.select_one(".source-box .source-name")
    assert text(name) == "虚构港日报" and name.get("lang") is None
    assert text(document.select_one(".article-header .meta")).split(" · ")[1] == "虚构港日报"
    assert facts(document) == {
        "原标题": ("Invented Harbour opens electric ferry line to Nowhere Island", "en"),
        "语言": ("英文", None),
        "日期": ("2024年5月6日", None),
        "本文": ("本站译文，译自来源发布的英文机器翻译", None),
    }
    assert text(document.select_one(".article-header .translation-note")) == "由编辑部机器翻译自英文，经人工审校。审校日期：2024年5月8日。"


def test_a_human_translation_credits_its_translator_and_the_original_in_its_own_language(site):
    document = page(site, "en", "invented-lake-robots")
    assert text(document.select_one(".translation-note")) == "Translated from Chinese by Invented Translator."
    assert document.select_one(".source-name")["lang"] == "zh-Hans"  # a name given in one language, as written
    assert facts(document) == {
        "Original headline": ("虚构湖景市建成首个机器人工坊", "zh-Hans"),
        "Language": ("Chinese", None),
        "Dated": ("7 May 2024", None),
        "This text": ("Our translation from Chinese", None),
    }
    original = page(site, "zh", "invented-lake-robots")
    assert facts(original)["本文"] == ("来源原文", None) and original.select_one(".translation-note") is None


def test_an_unreviewed_machine_translation_says_so(site):
    document = page(site, "zh", "invented-canal-bridge")
    assert text(document.select_one(".translation-note")) == "由Invented MT Engine机器翻译自英文，未经人工审校。"
    assert facts(document)["本文"] == ("本站译自英文的译文", None)
    assert "语言" not in facts(document) and "原标题" not in facts(document)  # not stated: not shown


@pytest.mark.parametrize("lang, slug", [("zh", "invented-ferry-line"), ("en", "invented-lake-robots")])
def test_translators_and_editors_notes_are_marked_as_notes_not_text(site, lang, slug):
    document = page(site, lang, slug)
    paragraphs = document.select(".prose p")
    assert [p.get("class") for p in paragraphs] == [None, ["body-note"]]  # the text, then the note
    assert text(paragraphs[-1]).startswith({"zh": "译注：", "en": "Translator's note:"}[lang])


def test_the_feeds_credit_what_the_page_credits(site):
    """A feed entry ends with the page's source line, what its text is when the source machine-translated
    it, and the page's credit line, in the feed's language."""
    for feed, slug, lang in (("zh/feeds/all.atom.xml", "invented-ferry-line", "zh"),
                             ("feeds/all.atom.xml", "invented-lake-robots", "en"),
                             ("feeds/all.atom.xml", "invented-ferry-line", "en")):
        entry = next(e for e in feedparser.parse((site / feed).read_bytes()).entries if e.link.endswith(f"/articles/{slug}/"))
        document = page(site, lang, slug)
        label = text(document.select_one("#source-heading")) + ("：" if lang == "zh" else ": ")
        expected = [label + text(document.select_one(".source-name"))]
        this_text = list(facts(document).values())[-1][0]
        if this_text in {"A machine translation published by the source", "本站译文，译自来源发布的英文机器翻译"}:
            expected.append(this_text)
        expected += [text(note) for note in document.select(".translation-note")]
        paragraphs = soup_fragment(entry.content[0].value).select("p")
        assert [" ".join(p.get_text().split()) for p in paragraphs[-len(expected):]] == expected, (feed, slug)
        assert [author.name for author in entry.authors] == [text(document.select_one(".source-name"))]


def soup_fragment(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "lxml")


def test_json_ld_names_the_original_its_publisher_and_the_translator(site):
    data = json.loads(page(site, "zh", "invented-ferry-line").find("script", type="application/ld+json").string)
    assert data["isBasedOn"] == {"@type": "CreativeWork", "headline": "Invented Harbour opens electric ferry line to Nowhere Island",
                                 "inLanguage": "en", "url": "https://news.example.org/2024/05/ferry",
                                 "publisher": {"@type": "Organization", "name": "虚构港日报"}}
    assert data["translator"] == {"@type": "Organization", "name": "编辑部"}
    assert data["translationOfWork"]["@id"].endswith("/articles/invented-ferry-line/")
    english = json.loads(page(site, "en", "invented-canal-bridge").find("script", type="application/ld+json").string)
    assert english["isBasedOn"] == {"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": "Example Canal Gazette (invented)"}}


def test_the_seed_pages_state_what_the_seed_states_and_fold_the_file_away(dev_site):
    output, _ = dev_site
    english, chinese = soup(output / SEED), soup(output / "zh" / SEED)
    assert facts(english) == {
        "Original headline": ("Guangdong accelerates the establishment of a modern industrial system with higher "
                              "international competitiveness", None),
        "Language": ("English", None),
        "Dated": ("5 February 2025", None),
        "This text": ("The source's own wording", None),  # the seed does not say it is a machine translation
    }
    assert english.select_one(".source-name a") is None  # the seed gives no address
    assert text(chinese.select_one(".translation-note")) == "由编辑部机器翻译自英文，未经人工审校。"
    assert facts(chinese)["本文"] == ("本站译自英文的译文", None)
    assert [text(note)[:3] for note in chinese.select(".prose .body-note")] == ["译注："]  # the editors' 译注
    for document in (english, chinese):
        details = document.select_one(".source-box details.provenance")
        assert details is not None and not details.has_attr("open")
        assert "seeds/000_3237dff4ecd4f46c.txt" in text(details)
        assert "d16d00acf18651c81c2adbd3e0bc36999243fdf9f11c362233e11eb41a928e0a" in text(details)
        assert details.find_previous_sibling("dl", class_="source-facts") is not None


@pytest.mark.parametrize("method, reviewed, expected", [
    ("human", None, "Translated from Chinese by Digest editors."),
    ("human", "2025-02-07", "Translated from Chinese by Digest editors. Reviewed on 7 February 2025."),
    ("machine", None, "Machine-translated from Chinese by Digest editors, not reviewed."),
    ("machine+reviewed", "2025-02-07", "Machine-translated from Chinese by Digest editors, reviewed by a person. "
                                       "Reviewed on 7 February 2025."),
    (None, None, "Translated from Chinese by Digest editors (method not recorded)."),
])
def test_the_credit_line_says_how_a_translation_was_made(method, reviewed, expected):
    translation = {"from": "zh", "by": "Digest editors", **({"method": method} if method else {}),
                   **({"reviewed": reviewed} if reviewed else {})}
    assert provenance.credit({"lang": "en", "translation": translation}, lambda message: message, LANGUAGES) == expected
