"""data/languages.yaml: the loader, what it makes of each language, and its path:line errors."""
from __future__ import annotations

import json

import pytest

from digest import DATA_DIR, languages
from digest.vocab import VocabularyError

ENGLISH = """\
- code: en
  tag: en
  prefix: ""
  name: English
  names: {zh: 英文}
  locale: en_GB
  date_format: d MMMM y
  colon: ": "
  list_separator: "; "
  sentence_space: " "
  post_format: "{title}, {organisation}"
  og_locale: en_GB
  direction: ltr
  search_index: en
  home_label: English home
  content: written
"""
CHINESE = """\
- code: zh
  tag: zh-Hans
  prefix: zh/
  name: 中文
  names: {en: Chinese}
  locale: zh_Hans_CN
  date_format: long
  colon: "："
  list_separator: "；"
  sentence_space: ""
  post_format: "{organisation}{title}"
  og_locale: zh_CN
  direction: ltr
  search_index: zh-hans
  home_label: 中文首页
  content: written
"""
TRADITIONAL = """\
- code: zh-hant
  tag: zh-Hant
  prefix: zh-hant/
  name: 繁體中文
  names: {en: Traditional Chinese}
  locale: zh_Hant_HK
  date_format: long
  colon: "："
  list_separator: "；"
  sentence_space: ""
  post_format: "{organisation}{title}"
  og_locale: zh_HK
  direction: ltr
  search_index: zh-hant
  home_label: 繁體中文首頁
  content:
    derived: {from: zh, converter: opencc-s2hk}
"""


def load(tmp_path, text: str) -> languages.Languages:
    (tmp_path / "languages.yaml").write_text(text, encoding="utf-8")
    return languages.load(tmp_path)


def test_the_sites_languages_are_english_and_chinese_written_by_editors():
    site = languages.load(DATA_DIR)
    assert site.default.code == "en" and site.default.prefix == ""
    assert {"en", "zh"} <= set(site.written)
    assert site["zh"].tag == "zh-Hans" and site["zh"].locale == "zh_Hans_CN" and site["zh"].prefix == "zh/"
    assert site["en"].name_in("zh") == "英文" and site["zh"].name_in("en") == "Chinese"


def test_a_derived_language_names_the_others_by_converting_its_sources_names(tmp_path):
    site = load(tmp_path, ENGLISH + CHINESE + TRADITIONAL)
    assert site.codes == ("en", "zh", "zh-hant") and site.written == ("en", "zh")
    traditional = site["zh-hant"]
    assert traditional.derived and traditional.source == "zh" and not site["zh"].derived
    assert site["en"].name_in("zh-hant") == "英文"  # 英文 is the same in both scripts
    assert site["zh-hant"].name_in("zh") == "繁體中文"  # not given in Simplified: its own name
    assert traditional.convert("机器人产业") == "機器人產業" and site["zh"].convert("机器人") == "机器人"


def test_fallback_counterpart_and_source_of_each_language(tmp_path):
    site = load(tmp_path, ENGLISH + CHINESE + TRADITIONAL)
    assert site.fallback("zh-hant") == ("zh-hant", "zh", "en")
    assert site.fallback("en") == ("en", "zh") and site.fallback("zh") == ("zh", "en")
    assert site.written_for("zh-hant") == "zh" and site.written_for("en") == "en"
    assert (site.counterpart("en"), site.counterpart("zh"), site.counterpart("zh-hant")) == ("zh", "en", "en")
    assert site.others("zh") == ("en", "zh-hant")


@pytest.mark.parametrize("text, message", [
    (ENGLISH.replace("  direction: ltr\n", "  direction: ltr\n  script: Latn\n"),
     r"languages.yaml:14: 0: Additional properties are not allowed \('script'"),
    (ENGLISH.replace("og_locale: en_GB", "og_locale: english"), r"languages.yaml:12: 0.og_locale: 'english' does not match"),
    (ENGLISH + CHINESE.replace("code: zh", "code: en"), r"languages.yaml:17: language 'en' is already declared \(entry 1\)"),
    (ENGLISH + CHINESE.replace("prefix: zh/", "prefix: chinese/"), r"languages.yaml:19: prefix of 'zh' must be 'zh/'"),
    (CHINESE + ENGLISH, r"languages.yaml:1: the first language is the site's root, 'en'"),
    (ENGLISH + CHINESE.replace("{en: Chinese}", "{en: Chinese, fr: chinois}"), r"languages.yaml:21: names: 'fr' is not a declared"),
    (ENGLISH + CHINESE + TRADITIONAL.replace("from: zh", "from: zh-hans"),
     r"languages.yaml:49: content.derived.from: 'zh-hans' is not a declared written language"),
    (ENGLISH + CHINESE + TRADITIONAL.replace("opencc-s2hk", "opencc-s2xx"),
     r"languages.yaml:49: content.derived.converter: 'opencc-s2xx' is not an OpenCC configuration"),
    ("- code: en\n  tag: en\n  content: printed\n", r"languages.yaml:1: 0: 'prefix' is a required property"),
])
def test_a_mistake_in_languages_yaml_names_its_line(tmp_path, text, message):
    with pytest.raises(VocabularyError, match=message):
        load(tmp_path, text)


INVENTED = """
- code: qaa
  tag: qaa
  prefix: qaa/
  name: Invented
  names: {en: Invented language, zh: 虚构语言, zh-hant: 虛構語言}
  locale: en_GB
  date_format: y-MM-dd
  colon: ": "
  list_separator: "; "
  sentence_space: " "
  post_format: "{title} ({organisation})"
  og_locale: qaa_ZZ
  direction: ltr
  search_index: qaa
  home_label: Invented home
  content: written
"""
INVENTED_ARTICLE = """---
title: Invented lighthouse keepers of Quarry Bay build a robot
slug: invented-qaa-lighthouse-robot
lang: qaa
date: 2025-02-06
source:
  name: Invented Lighthouse Gazette
  file: seeds/000_3237dff4ecd4f46c.txt
  sha256: d16d00acf18651c81c2adbd3e0bc36999243fdf9f11c362233e11eb41a928e0a
industries: [robotics]
officials: []
summary: An invented article in an invented language, for a test.
status: published
---

Invented keepers of an invented lighthouse build a zorblatt robot, the only one of its kind.
"""


def test_a_fourth_language_declared_in_data_alone_gets_its_pages_feeds_sitemap_and_index(tmp_path):
    """ISO 639 reserves qaa–qtz for local use: an invented written language, in a copy of data/ only."""
    import shutil

    from digest import REPO_ROOT
    from digest.site.run import build
    from tests.site.conftest import content_with_fixtures, settings_file
    from tests.site.pages import alternates, soup

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "languages.yaml").open("a", encoding="utf-8") as stream:
        stream.write(INVENTED)
    content = content_with_fixtures(tmp_path / "content")
    (content / "qaa").mkdir()
    (content / "qaa/invented-qaa-lighthouse-robot.md").write_text(INVENTED_ARTICLE, encoding="utf-8")
    output = tmp_path / "output"
    warnings = build(settings_file(tmp_path, DIGEST_DATA_DIR=str(data)), content, output, cache=tmp_path / "cache")
    assert warnings == [f"{REPO_ROOT / 'theme/translations/qaa/LC_MESSAGES/messages.po'}:1: no catalogue for 'qaa'"]

    page = soup(output / "qaa/articles/invented-qaa-lighthouse-robot/index.html")
    assert page.html["lang"] == "qaa" and page.h1.get_text() == "Invented lighthouse keepers of Quarry Bay build a robot"
    assert alternates(page)["qaa"].endswith("/qaa/articles/invented-qaa-lighthouse-robot/")
    home = soup(output / "qaa/index.html")
    assert home.html["lang"] == "qaa" and "/qaa/articles/invented-qaa-lighthouse-robot/" in str(home)
    english_home = soup(output / "index.html")  # listed in the other trees, marked as in its language
    assert "/qaa/articles/invented-qaa-lighthouse-robot/" in str(english_home)
    assert {a["hreflang"] for a in english_home.select(".lang-switch a")} == {"zh-Hans", "zh-Hant", "qaa"}
    assert "invented-qaa-lighthouse-robot" in (output / "qaa/feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "invented-qaa-lighthouse-robot" in (output / "qaa/industries/robotics/feed.json").read_text(encoding="utf-8")
    assert (output / "qaa/editions/feed.rss.xml").is_file() and (output / "qaa/search/index.html").is_file()
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="qaa" href="http://localhost:8000/qaa/industries/robotics/"' in sitemap
    entries = [json.loads(path.read_text()) for path in (output / "qaa/pagefind").glob("*/pagefind-entry.json")]
    assert [list(entry["languages"]) for entry in entries] == [["qaa"]]
    assert sum(entry["languages"]["qaa"]["page_count"] for entry in entries) == 1


def test_front_matter_may_be_in_a_written_language_only():
    from digest import schema

    site = languages.load(DATA_DIR)
    article = {"slug": "invented", "lang": "zh", "status": "draft", "source": {"name": "Invented Daily"}}
    assert schema.validate(article, languages=site.written) == []
    for lang in ("zh-hant", "fr"):  # derived (the build makes it) or not declared
        problems = schema.validate({**article, "lang": lang}, languages=site.written)
        assert [(p.key, p.message) for p in problems] == [("lang", f"lang: '{lang}' is not one of {list(site.written)}")]
    translated = {**article, "lang": "en", "translation": {"from": "zh-hant", "by": "Digest editors"}}
    assert [p.key for p in schema.validate(translated, languages=site.written)] == ["translation"]
