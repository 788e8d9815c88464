"""Feeds: parse cleanly, one language each, correct self links, absolute URLs under publishconf."""
from __future__ import annotations

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
        chinese = path.relative_to(publish_site).as_posix().startswith("zh/")
        assert parsed.feed.language == ("zh-Hans" if chinese else "en"), path
        self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert self_links == [feed_url(publish_site, path)], path
        for entry in parsed.entries:
            with_entries += 1
            assert entry.link.startswith(f"{PUBLISH_URL}/zh/" if chinese else PUBLISH_URL), (path, entry.link)
            assert ("/zh/" in entry.link) == chinese, (path, entry.link)
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
