"""Derived languages: Traditional Chinese (/zh-hant/), converted from the Simplified text when the site is built."""
from __future__ import annotations

import json
import re

import feedparser
import opencc

from digest import languages
from digest.site import derive
from digest.site.model import Entry
from tests.site.conftest import PUBLISH_URL
from tests.site.pages import alternates, soup
from tests.site.test_urls import SLUG

LANGUAGES = languages.default()
TRADITIONAL = LANGUAGES["zh-hant"]
S2HK = opencc.OpenCC("s2hk")


def test_only_text_is_converted_never_attributes_urls_or_code():
    html = ('<p title="机器人">发展<a href="/zh/articles/机器人/" lang="zh-Hans">机器人</a>产业</p>\n'
            '<pre><code>机器人 = "里面"</code></pre>\n<p>头发<code>发展</code>里面</p>')
    assert derive.convert_html(html, TRADITIONAL) == (
        '<p title="机器人">發展<a href="/zh/articles/机器人/" lang="zh-Hans">機器人</a>產業</p>\n'
        '<pre><code>机器人 = "里面"</code></pre>\n<p>頭髮<code>发展</code>裏面</p>')
    assert derive.convert_html(html, LANGUAGES["zh"]) == html  # a written language converts nothing


def test_a_derived_version_converts_title_summary_and_source_name_and_keeps_the_rest():
    meta = {"title": "广东发展机器人产业", "slug": "invented-robots", "lang": "zh", "date": "2025-02-05",
            "summary": "虚构的摘要。", "industries": ["robotics"], "status": "published",
            "source": {"name": {"en": "Invented Daily", "zh": "虚构日报"}, "url": "https://example.org/机器人"}}
    entry = Entry("content/zh/invented-robots.md", meta, "<p>机器人</p>", "abc", {"title": 1})
    version = derive.derive(entry, TRADITIONAL)
    assert version.lang == "zh-hant" and version.slug == "invented-robots" and version.path == entry.path
    assert version.title == "廣東發展機器人產業" and version.meta["summary"] == "虛構的摘要。"
    assert version.meta["source"]["name"] == {"en": "Invented Daily", "zh": "虚构日报", "zh-hant": "虛構日報"}
    assert version.meta["source"]["url"] == "https://example.org/机器人"
    assert version.meta["derived"] == {"from": "zh", "converter": "opencc-s2hk"}
    assert version.html == "<p>機器人</p>" and version.source_key == "abc+zh-hant"
    assert entry.meta["lang"] == "zh" and entry.title == "广东发展机器人产业"  # the source is left as it was


def test_the_traditional_tree_has_every_kind_of_page(dev_site):
    output, _ = dev_site
    for path in ("", f"articles/{SLUG}/", f"articles/{SLUG}/bilingual/", "industries/", "industries/robotics/",
                 "officials/", "officials/wang-weizhong/", "editions/", "editions/2025-W06/", "search/", "about/"):
        assert (output / "zh-hant" / path / "index.html").is_file(), path
    for path in ("404.html", "editions/2025-W06/email.html", "editions/2025-W06/email.txt"):
        assert (output / "zh-hant" / path).is_file(), path


def test_a_traditional_article_is_the_simplified_one_converted_and_says_so(dev_site):
    output, _ = dev_site
    simplified, traditional = (soup(output / tree / f"articles/{SLUG}/index.html") for tree in ("zh", "zh-hant"))
    assert traditional.html["lang"] == "zh-Hant"
    assert traditional.h1.get_text() == S2HK.convert(simplified.h1.get_text()) != simplified.h1.get_text()
    body = lambda page: page.select_one("[data-pagefind-body]").get_text()  # noqa: E731
    assert body(traditional) == S2HK.convert(body(simplified))
    note = traditional.select_one(".converted-note")
    assert "自動轉換" in note.get_text() and "簡體中文" in note.get_text()
    assert note.a["href"] == f"/zh/articles/{SLUG}/" and note.a["hreflang"] == "zh-Hans"
    assert simplified.select_one(".converted-note") is None
    data = json.loads(traditional.select_one('script[type="application/ld+json"]').string)
    assert data["inLanguage"] == "zh-Hant" and data["translationOfWork"]["@id"].endswith(f"/zh/articles/{SLUG}/")
    chips = [a.get_text() for a in traditional.select(".chips a")]
    assert "智能機器人" in chips  # vocabulary names converted too


def test_every_page_of_the_traditional_tree_is_labelled_and_in_traditional(dev_site):
    output, _ = dev_site
    pages = [page for page in (output / "zh-hant").rglob("*.html") if page.name != "email.html"]
    assert len(pages) > 20
    for page in pages:
        document = soup(page)
        assert document.html["lang"] == "zh-Hant", page
        assert document.select_one(".converted-note a[hreflang=zh-Hans]") is not None, page


def test_hreflang_is_reciprocal_across_the_three_languages(dev_site):
    output, _ = dev_site
    expected = {"en": f"/articles/{SLUG}/", "zh-Hans": f"/zh/articles/{SLUG}/", "zh-Hant": f"/zh-hant/articles/{SLUG}/",
                "x-default": f"/articles/{SLUG}/"}
    for tree in ("", "zh/", "zh-hant/"):
        page = soup(output / tree / f"articles/{SLUG}/index.html")
        assert alternates(page) == expected, tree
        switch = {a["hreflang"]: a["href"] for a in page.select(".lang-switch a")}
        assert switch == {tag: href for tag, href in expected.items() if tag != "x-default" and href != f"/{tree}articles/{SLUG}/"}


def test_the_sitemap_lists_the_traditional_pages_with_their_alternates(dev_site):
    output, _ = dev_site
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    block = re.search(rf"<url><loc>[^<]*/zh-hant/articles/{SLUG}/</loc>(.*?)</url>", sitemap, re.S)
    assert block is not None
    links = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block.group(1)))
    assert set(links) == {"en", "zh-Hans", "zh-Hant", "x-default"}
    for tree in ("", "zh/"):
        block = re.search(rf"<url><loc>[^<]*/{tree}articles/{SLUG}/</loc>(.*?)</url>", sitemap, re.S)
        assert f'hreflang="zh-Hant" href="{links["zh-Hant"]}"' in block.group(1), tree


def test_the_traditional_feeds_carry_converted_entries_in_zh_hant(publish_site):
    for path in ("zh-hant/feeds/all.atom.xml", "zh-hant/industries/robotics/feed.rss.xml", "zh-hant/editions/feed.atom.xml"):
        feed = feedparser.parse((publish_site / path).read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.feed.get("language", "zh-Hant") == "zh-Hant" and feed.entries, path
        for entry in feed.entries:
            assert entry.link.startswith(f"{PUBLISH_URL}/zh-hant/"), (path, entry.link)
    article = json.loads((publish_site / "zh-hant/feeds/all.json").read_text(encoding="utf-8"))
    assert article["language"] == "zh-Hant"
    first = next(item for item in article["items"] if item["url"].endswith(f"/zh-hant/articles/{SLUG}/"))
    assert "自動轉換" in first["content_html"]  # the entry says what its text is, as the page does
