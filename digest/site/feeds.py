"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 for one language and one selection of articles or editions.

Every URL is absolute (the feed's own `rel="self"` included), relative links inside article
HTML are made absolute, and an empty feed is still deterministic. Text from a source (a summary
that quotes `<img onerror=…>`) is escaped for the element it lands in, so a reader that decodes
an HTML element still shows text: Atom's `<summary type="html">`, RSS `<description>`.

An entry stands on its own in a reader: its whole HTML (Atom `content`, RSS `content:encoded`,
JSON `content_html`) ends with who it is from (and who translated it), its categories are names
in the feed's language, and an article links its version in the other language (Atom
`rel="related"` with `hreflang`, JSON `_alternates`).
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import feedgenerator

from digest.site import urls

CST = dt.timezone(dt.timedelta(hours=8))
EPOCH = dt.date(2000, 1, 1)
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def absolutize(html: str, base: str) -> str:
    return _URL_ATTRIBUTE.sub(lambda m: m.group(1) + urljoin(base, m.group(2)) + m.group(3), html)


def as_html(text: str) -> str:
    """Plain text as the HTML that shows it: for elements feed readers decode as HTML."""
    return html.escape(text, quote=False)


def rss_title(title: str) -> str:
    """RSS titles are plain text by the spec, but readers (feedparser among them) take one that looks
    like markup for HTML; escaped, it shows the same text either way, and runs nothing."""
    return as_html(title) if "<" in title else title


def credit_html(source_label: str, source_name: str | None, source_url: str | None, notes: list[str] = ()) -> str:
    """The paragraphs that end an article's feed content: "Source: name" (linked when the source has
    a URL), then the notes on its text (a machine translation, the translation line); every value is
    text, escaped here."""
    paragraphs = []
    if source_name:
        name = as_html(source_name)
        if source_url:
            name = f'<a href="{html.escape(source_url)}">{name}</a>'
        paragraphs.append(f"<p>{as_html(source_label)}{name}</p>")
    paragraphs.extend(f"<p>{as_html(note)}</p>" for note in notes)
    return "\n".join(paragraphs)


@dataclass(frozen=True)
class FeedItem:
    """One feed entry (an article or an edition): absolute URL, HTML content, days, category names."""

    url: str
    title: str
    summary: str
    content_html: str
    published: dt.date
    updated: dt.date
    categories: list[str]
    authors: tuple[str, ...] = ()
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, absolute URL) of its versions in other languages


@dataclass(frozen=True)
class Channel:
    """What a feed says of itself. `updated_when_empty` dates a feed with no entry (a day from the
    content, so builds repeat); `icon_url` is the absolute URL of a PNG logo."""

    lang: str  # the BCP 47 tag of the feed's language (data/languages.yaml `tag`)
    title: str
    description: str
    page_url: str
    feed_urls: dict[str, str]  # format -> absolute URL
    icon_url: str
    updated_when_empty: dt.date = EPOCH


def _day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), CST)


class _StableMixin:
    """feedgenerator falls back to "now" for an empty feed; use a day from the content so builds repeat.
    The feed is as new as its newest entry, or its most recently updated one."""

    def latest_post_date(self):
        dates = [item[key] for item in self.items for key in ("pubdate", "updateddate") if item.get(key)]
        return max(dates) if dates else _day(self.feed["updated_when_empty"])


class AtomFeed(_StableMixin, feedgenerator.Atom1Feed):
    """Atom with the site's logo, and each entry's versions in other languages as `rel="related"`
    links with `hreflang`. Not `rel="alternate"`: readers take an entry's link from its alternates
    (feedparser the last, SimplePie the first), so a second one would send some readers to the
    other language's page."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("icon", self.feed["icon_url"])
        handler.addQuickElement("logo", self.feed["icon_url"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for hreflang, href in item["alternates"]:
            handler.addQuickElement("link", "", {"rel": "related", "type": "text/html", "hreflang": hreflang, "href": href})


class RssFeed(_StableMixin, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the site's logo, whose entries carry their whole HTML in content:encoded (as
    readers expect), leaving <description> the plain-text summary."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": _RSS_CONTENT_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.startElement("image", {})
        for name, value in (("url", self.feed["icon_url"]), ("title", self.feed["title"]), ("link", self.feed["link"])):
            handler.addQuickElement(name, value)
        handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


_RSS_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


def _xml_feed(cls, fmt: str, items: list[FeedItem], channel: Channel) -> str:
    feed = cls(title=channel.title, link=channel.page_url, description=channel.description,
               language=channel.lang, feed_url=channel.feed_urls[fmt], feed_guid=channel.feed_urls[fmt],
               author_name=channel.title.split(" · ")[0], icon_url=channel.icon_url,
               updated_when_empty=channel.updated_when_empty)
    for item in items:
        feed.add_item(title=item.title if fmt == "atom" else rss_title(item.title), link=item.url, unique_id=item.url,
                      description=as_html(item.summary), content=item.content_html,
                      pubdate=_day(item.published), updateddate=_day(item.updated), categories=item.categories,
                      author_name=", ".join(item.authors) or None, alternates=item.alternates)
    return feed.writeString("utf-8")


def _json_feed(items: list[FeedItem], channel: Channel) -> str:
    html_lang = channel.lang
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": channel.title, "home_page_url": channel.page_url,
        "feed_url": channel.feed_urls["json"], "description": channel.description,
        "icon": channel.icon_url, "favicon": channel.icon_url, "language": html_lang,
        "items": [{"id": item.url, "url": item.url, "title": item.title, "summary": item.summary,
                   "content_html": item.content_html, "date_published": _day(item.published).isoformat(),
                   "date_modified": _day(item.updated).isoformat(), "language": html_lang, "tags": item.categories,
                   **({"authors": [{"name": name} for name in item.authors]} if item.authors else {}),
                   **({"_alternates": [{"hreflang": hreflang, "url": url} for hreflang, url in item.alternates]}
                      if item.alternates else {})}
                  for item in items],
    }, ensure_ascii=False) + "\n"  # no indent: only then does json use its C encoder


def render_feeds(items: list[FeedItem], channel: Channel) -> dict[str, str]:
    """{fmt: text} for atom, rss and json of `items`: the whole content goes into each entry
    (Atom content, RSS content:encoded, JSON content_html), the summary beside it as text."""
    return {"atom": _xml_feed(AtomFeed, "atom", items, channel), "rss": _xml_feed(RssFeed, "rss", items, channel),
            "json": _json_feed(items, channel)}
