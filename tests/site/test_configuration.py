"""The site is generalised: a fourth language and a fourth taxonomy, both declared in a copy of data/
only (an invented language code and an invented taxonomy of two terms), build together with no code
change -- pages, feeds, sitemap alternates and the search filter, in every tree."""
from __future__ import annotations

import json
import shutil

import feedparser

from digest.check.feeds import check_feeds
from digest.languages import load as load_languages
from digest.site.run import build
from digest.vocab import DATA_DIR
from tests.conftest import FIXTURES
from tests.site.conftest import PUBLISH_URL, content_with_fixtures, settings_file
from tests.site.pages import alternates, soup
from tests.test_languages import INVENTED, INVENTED_ARTICLE

HARBOURS = FIXTURES / "taxonomy"
ARTICLE = "invented-qaa-lighthouse-robot"


def test_a_fourth_language_and_a_fourth_taxonomy_from_data_alone(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "languages.yaml").open("a", encoding="utf-8") as stream:
        stream.write(INVENTED)
    shutil.copy(HARBOURS / "harbours.yaml", data)
    with (data / "taxonomies.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + (HARBOURS / "harbours.taxonomy.yaml").read_text(encoding="utf-8"))
    content = content_with_fixtures(tmp_path / "content")
    (content / "qaa").mkdir()
    tagged = INVENTED_ARTICLE.replace("officials: []\n", "officials: []\nharbours: [invented-north-harbour]\n")
    assert tagged != INVENTED_ARTICLE
    (content / "qaa" / f"{ARTICLE}.md").write_text(tagged, encoding="utf-8")
    output = tmp_path / "output"
    build(settings_file(tmp_path, DIGEST_DATA_DIR=str(data), DIGEST_ABSOLUTE_URL=PUBLISH_URL), content, output,
          cache=tmp_path / "cache")
    languages = load_languages(data)
    codes = languages.codes
    assert codes == ("en", "zh", "zh-hant", "qaa")

    # the invented taxonomy's pages and feeds in every language's tree, the invented language's too
    prefixes = {"en": "", "zh": "zh/", "zh-hant": "zh-hant/", "qaa": "qaa/"}
    for code in codes:
        prefix = prefixes[code]
        term = soup(output / prefix / "harbours/invented-north-harbour/index.html")
        assert term.html["lang"] == {"en": "en", "zh": "zh-Hans", "zh-hant": "zh-Hant", "qaa": "qaa"}[code]
        assert [a["href"] for a in term.select(".article-item-title a")] == [f"/qaa/articles/{ARTICLE}/"]
        # the term page names every version of itself, the invented language's included
        assert set(alternates(term)) == {"en", "zh-Hans", "zh-Hant", "qaa", "x-default"}
        for fmt in ("atom.xml", "rss.xml", "json"):
            assert (output / prefix / f"harbours/invented-north-harbour/feed.{fmt}").is_file()
        search = soup(output / prefix / "search/index.html").select_one("[data-search]")
        assert search["data-filter-names"].split() == ["industry", "official", "place", "harbour", "year", "language"]
    assert check_feeds(output, PUBLISH_URL, languages) == []
    feed = feedparser.parse((output / "qaa/harbours/invented-north-harbour/feed.atom.xml").read_bytes())
    assert not feed.bozo and [entry.link for entry in feed.entries] == [f"{PUBLISH_URL}/qaa/articles/{ARTICLE}/"]

    # the article carries the filter the search page offers, and its index holds it under that name
    article = soup(output / f"qaa/articles/{ARTICLE}/index.html")
    assert [a.get_text(strip=True) for a in article.select('a[data-pagefind-filter="harbour"]')] == ["Invented North Harbour"]
    entries = [json.loads(path.read_text()) for path in (output / "qaa/pagefind").glob("*/pagefind-entry.json")]
    assert [list(entry["languages"]) for entry in entries] == [["qaa"]]
    filters = [path for path in (output / "qaa/pagefind").glob("*/filter/*")]
    assert filters, "the invented language's index has no filter files"

    # the sitemap lists the term page with an alternate per language
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for code, tag in (("en", "en"), ("zh", "zh-Hans"), ("zh-hant", "zh-Hant"), ("qaa", "qaa")):
        assert f'hreflang="{tag}" href="{PUBLISH_URL}/{prefixes[code]}harbours/invented-north-harbour/"' in sitemap


def test_each_build_reports_its_warnings_though_an_earlier_build_in_the_process_reported_them(tmp_path):
    """Pelican's loggers drop a message they have logged once; `make serve` and the tests build many
    times in one process, and each build's warnings must be all of its own."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    shutil.copy(HARBOURS / "harbours.yaml", data)
    with (data / "taxonomies.yaml").open("a", encoding="utf-8") as stream:  # its labels have no translation
        stream.write("\n" + (HARBOURS / "harbours.taxonomy.yaml").read_text(encoding="utf-8"))
    content = content_with_fixtures(tmp_path / "content")
    settings = settings_file(tmp_path, DIGEST_DATA_DIR=str(data))
    first = build(settings, content, tmp_path / "first", search=False, cache=tmp_path / "cache-first")
    second = build(settings, content, tmp_path / "second", search=False, cache=tmp_path / "cache-second")
    assert any("untranslated interface string 'Harbours'" in warning for warning in first), first
    assert second == first
