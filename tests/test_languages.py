"""data/languages.yaml: the loader, what it makes of each language, and its path:line errors."""
from __future__ import annotations

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
