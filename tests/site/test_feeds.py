"""Feeds: parse cleanly, one language each, correct self links, absolute URLs under publishconf."""
from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest

from tests.site.conftest import PUBLISH_URL

ATOM = "{http://www.w3.org/2005/Atom}"


def xml_feeds(output: Path) -> list[Path]:
    return sorted([*output.rglob("*.atom.xml"), *output.rglob("*.rss.xml")])


def feed_url(output: Path, path: Path) -> str:
    return f"{PUBLISH_URL}/{path.relative_to(output).as_posix()}"


def test_every_feed_parses_without_errors(publish_site):
    feeds = xml_feeds(publish_site)
    assert len(feeds) > 100
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))


def test_feeds_have_one_language_and_correct_self_links(publish_site):
    with_entries = 0
    for path in xml_feeds(publish_site):
        parsed = feedparser.parse(path.read_bytes())
        tree = path.relative_to(publish_site).parts[0]
        chinese = tree in ("zh", "zh-hant")
        assert parsed.feed.language == {"zh": "zh-Hans", "zh-hant": "zh-Hant"}.get(tree, "en"), path
        self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert self_links == [feed_url(publish_site, path)], path
        for entry in parsed.entries:
            with_entries += 1
            assert entry.link.startswith(f"{PUBLISH_URL}/{tree}/" if chinese else PUBLISH_URL), (path, entry.link)
            assert ("/zh/" in entry.link or "/zh-hant/" in entry.link) == chinese, (path, entry.link)
            assert entry.id == entry.link
    assert with_entries > 10


def test_every_url_in_a_published_feed_is_absolute(publish_site):
    import re

    for path in xml_feeds(publish_site):
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|src)=(?:"|&quot;)([^"&]*)', text):
            assert url.startswith(PUBLISH_URL) or url.startswith("https://"), (path, url)


def test_feed_entries_link_to_pages_that_exist(publish_site):
    for path in xml_feeds(publish_site):
        for entry in feedparser.parse(path.read_bytes()).entries:
            target = publish_site / entry.link[len(PUBLISH_URL) + 1:] / "index.html"
            assert target.is_file(), (path, entry.link)


@pytest.mark.parametrize("path", ["feeds/all.json", "zh/feeds/all.json", "officials/wang-weizhong/feed.json"])
def test_json_feed(path, publish_site):
    data = json.loads((publish_site / path).read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == f"{PUBLISH_URL}/{path}"
    assert data["items"] and all(item["url"].startswith(PUBLISH_URL) for item in data["items"])


def test_publish_build_links_are_absolute_under_siteurl(publish_site):
    from tests.site.pages import alternates, soup

    page = soup(publish_site / "index.html")
    assert all(href.startswith(PUBLISH_URL) for href in alternates(page).values())
    sitemap = (publish_site / "sitemap.xml").read_text()
    assert f"<loc>{PUBLISH_URL}/zh/</loc>" in sitemap and 'hreflang="zh-Hans"' in sitemap


class _Elements(HTMLParser):
    """The elements and the text of an HTML fragment, as a feed reader that renders it sees them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


XSS_ARTICLE = f"{PUBLISH_URL}/articles/invented-xss/"
SUMMARY = '<img src=x onerror=alert("summary")> An invented summary.'
QUOTED = "<img src=x onerror=alert(1)>"


def assert_inert(html: str, literal: str) -> None:
    """Read as HTML, `html` holds no element or attribute from the source, and shows `literal` as text."""
    read = _Elements(html)
    assert not [tag for tag, _ in read.elements if tag in ("script", "iframe")], html
    assert not [attrs for _, attrs in read.elements if attrs.get("src") == "x" or any(n.startswith("on") for n in attrs)], html
    assert literal in read.text, html


def test_text_from_a_source_stays_text_in_every_feed(publish_site):
    atom = ElementTree.parse(publish_site / "feeds/all.atom.xml").getroot()
    entry = next(e for e in atom.iter(f"{ATOM}entry") if e.find(f"{ATOM}id").text == XSS_ARTICLE)
    summary, content, title = (entry.find(f"{ATOM}{name}") for name in ("summary", "content", "title"))
    assert summary.get("type") == "html" and content.get("type") == "html"
    assert_inert(summary.text, SUMMARY)
    assert_inert(content.text, QUOTED)
    assert title.get("type", "text") == "text" and title.text.startswith('<script>alert("title")</script>')

    rss = ElementTree.parse(publish_site / "feeds/all.rss.xml").getroot()
    item = next(i for i in rss.iter("item") if i.findtext("guid") == XSS_ARTICLE)
    assert_inert(item.findtext("description"), SUMMARY)
    # An RSS title is plain text by the spec, but many readers (feedparser among them) take one that
    # looks like markup for HTML: read either way, it must show the headline and run nothing.
    assert_inert(item.findtext("title"), '<script>alert("title")</script> Invented & "quoted" headline')

    data = json.loads((publish_site / "feeds/all.json").read_text(encoding="utf-8"))
    json_item = next(i for i in data["items"] if i["id"] == XSS_ARTICLE)
    assert json_item["summary"] == SUMMARY  # JSON Feed's summary is plain text
    assert_inert(json_item["content_html"], QUOTED)


# Feeds that stand on their own (issue 13, item 8): an entry in a reader carries the article, its
# source and translator, its categories by name, its other version and its last change; the feed
# has a logo and a date even when it is empty.
SEED = "guangdong-accelerates-establishment-modern-industrial-system"
EN_SEED, ZH_SEED = f"{PUBLISH_URL}/articles/{SEED}/", f"{PUBLISH_URL}/zh/articles/{SEED}/"
HARBOUR = f"{PUBLISH_URL}/articles/invented-untranslated-harbour-robots/"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CST = dt.timezone(dt.timedelta(hours=8))


def entries_by_url(output: Path, path: str) -> dict[str, dict]:
    """{entry URL: feedparser entry} of an Atom or RSS feed, or {item URL: item} of a JSON Feed."""
    if path.endswith(".json"):
        return {item["url"]: item for item in json.loads((output / path).read_text(encoding="utf-8"))["items"]}
    return {entry.link: entry for entry in feedparser.parse((output / path).read_bytes()).entries}


def entry_html(entry) -> str:
    return entry["content_html"] if "content_html" in entry else entry.content[0].value


def normalised(text: str) -> str:
    return " ".join(text.split())


def test_rss_items_carry_the_whole_article_beside_the_plain_text_summary(publish_site):
    rss = ElementTree.parse(publish_site / "feeds/all.rss.xml").getroot()
    item = next(i for i in rss.iter("item") if i.findtext("guid") == EN_SEED)
    assert "the first working day in the Year of the Snake" in item.findtext(CONTENT)
    assert "<p>" in item.findtext(CONTENT) and "Huang Kunming emphasized" in item.findtext(CONTENT)
    assert "<" not in item.findtext("description")  # still the summary, as text
    for path in ("feeds/all.rss.xml", "industries/robotics/feed.rss.xml", "officials/wang-weizhong/feed.rss.xml"):
        assert all(entry.get("content") for entry in entries_by_url(publish_site, path).values()), path


@pytest.mark.parametrize("fmt", ["atom.xml", "rss.xml", "json"])
def test_each_entry_credits_its_source_and_translator_in_the_feeds_language(fmt, publish_site):
    english = entries_by_url(publish_site, f"feeds/all.{fmt}")
    chinese = entries_by_url(publish_site, f"zh/feeds/all.{fmt}")
    assert normalised(_Elements(entry_html(english[EN_SEED])).text).endswith("Source: Province of Guangdong")
    assert normalised(_Elements(entry_html(chinese[ZH_SEED])).text).endswith("来源：Province of Guangdong 由编辑部机器翻译自英文，未经人工审校。")
    assert_inert(entry_html(english[XSS_ARTICLE]), "Source: <b>Invented</b> Source")  # a source's name is text
    linked = _Elements(entry_html(english[HARBOUR])).elements
    assert ("a", {"href": "https://news.example.org/2024/06/harbour-robotics"}) in linked
    authors = english[EN_SEED]["authors"] if fmt == "json" else english[EN_SEED].authors
    assert [author["name"] for author in authors] == ["Province of Guangdong"]


@pytest.mark.parametrize("fmt", ["atom.xml", "rss.xml", "json"])
def test_categories_are_term_names_in_the_feeds_language(fmt, publish_site):
    def names(entry):
        return entry["tags"] if fmt == "json" else [tag.term for tag in entry.tags]

    english = entries_by_url(publish_site, f"industries/robotics/feed.{fmt}")[EN_SEED]
    chinese = entries_by_url(publish_site, f"zh/officials/wang-weizhong/feed.{fmt}")[ZH_SEED]
    assert names(english)[:3] == ["Intelligent robots", "Artificial intelligence", "Huang Kunming"]
    assert names(chinese)[:3] == ["智能机器人", "人工智能", "黄坤明"]
    assert len(names(english)) == len(names(chinese)) == 9
    assert names(english)[-1] == "Guangzhou" and names(chinese)[-1] == "广州"  # places come last, as declared


def test_an_atom_entry_links_its_version_in_the_other_language(publish_site):
    traditional = ("zh-Hant", ZH_SEED.replace("/zh/", "/zh-hant/"))
    for path, url, others in (("feeds/all.atom.xml", EN_SEED, [("zh-Hans", ZH_SEED), traditional]),
                              ("zh/feeds/all.atom.xml", ZH_SEED, [("en", EN_SEED), traditional])):
        entry = entries_by_url(publish_site, path)[url]
        assert entry.link == url  # readers still open the feed's own language
        related = [(link.hreflang, link.href) for link in entry.links if link.rel == "related"]
        assert related == others, path
    untranslated = entries_by_url(publish_site, "feeds/all.atom.xml")[HARBOUR]
    assert [link.rel for link in untranslated.links] == ["alternate"]
    json_item = entries_by_url(publish_site, "feeds/all.json")[EN_SEED]
    assert json_item["_alternates"] == [{"hreflang": "zh-Hans", "url": ZH_SEED}, {"hreflang": traditional[0], "url": traditional[1]}]


def test_an_entry_is_updated_on_its_articles_updated_day(publish_site):
    # The fixture dated 2024-06-18 was updated 2025-03-01, after the seed article (2025-02-05).
    atom = entries_by_url(publish_site, "industries/robotics/feed.atom.xml")
    assert atom[HARBOUR].published.startswith("2024-06-18") and atom[HARBOUR].updated.startswith("2025-03-01")
    assert atom[EN_SEED].updated.startswith("2025-02-05")  # no `updated:`: its date
    item = entries_by_url(publish_site, "industries/robotics/feed.json")[HARBOUR]
    assert (item["date_published"], item["date_modified"]) == ("2024-06-18T00:00:00+08:00", "2025-03-01T00:00:00+08:00")
    assert feedparser.parse((publish_site / "industries/robotics/feed.atom.xml").read_bytes()).feed.updated.startswith("2025-03-01")
    assert "01 Mar 2025" in ElementTree.parse(publish_site / "feeds/all.rss.xml").getroot().findtext("channel/lastBuildDate")


def test_every_feed_names_a_logo_that_the_site_serves(publish_site):
    logos = set()
    for path in xml_feeds(publish_site):
        parsed = feedparser.parse(path.read_bytes())
        logos.add(parsed.feed.image.href if path.name.endswith(".rss.xml") else parsed.feed.icon)
        if path.name.endswith(".atom.xml"):
            logos.add(parsed.feed.logo)
    for path in publish_site.rglob("*.json"):
        if path.name == "feed.json" or path.parent.name == "feeds":
            data = json.loads(path.read_text(encoding="utf-8"))
            logos.update((data["icon"], data["favicon"]))
    assert len(logos) == 1, logos
    logo = logos.pop()
    assert logo.startswith(f"{PUBLISH_URL}/")
    assert (publish_site / logo[len(PUBLISH_URL) + 1:]).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_an_empty_feed_is_as_new_as_its_languages_newest_article(publish_site):
    empty = [path for path in xml_feeds(publish_site) if not feedparser.parse(path.read_bytes()).entries]
    assert {path.name for path in empty} == {"feed.atom.xml", "feed.rss.xml"}
    assert {path.relative_to(publish_site).parts[0] in ("zh", "zh-hant") for path in empty} == {True, False}
    for path in empty:
        parsed = feedparser.parse(path.read_bytes())
        chinese = path.relative_to(publish_site).parts[0] in ("zh", "zh-hant")
        # English: the fixture updated on 2025-03-01; Chinese: the seed article's translation of 2025-02-05
        newest = dt.datetime(2025, 2, 5, tzinfo=CST) if chinese else dt.datetime(2025, 3, 1, tzinfo=CST)
        assert tuple(parsed.feed.updated_parsed[:6]) == newest.astimezone(dt.timezone.utc).timetuple()[:6], path


def test_a_reader_shows_the_article_pages_body_and_its_credit(publish_site):
    """The entry's content, as text, is the page's body, then its source and translation lines as the page words them."""
    from tests.site.pages import soup

    for feed, url, page in (("zh/feeds/all.atom.xml", ZH_SEED, f"zh/articles/{SEED}/index.html"),
                            ("feeds/all.rss.xml", HARBOUR, "articles/invented-untranslated-harbour-robots/index.html")):
        document = soup(publish_site / page)
        texts = lambda selector: [normalised(e.get_text()) for e in document.select(selector)]  # noqa: E731
        colon = "：" if feed.startswith("zh/") else ": "
        expected = [*texts(".prose"), texts("#source-heading")[0] + colon + texts(".source-name")[0], *texts(".translation-note")]
        assert normalised(_Elements(entry_html(entries_by_url(publish_site, feed)[url])).text) == " ".join(expected), feed
