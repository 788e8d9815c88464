"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 for one language and one selection of articles.

Every URL is absolute (the feed's own `rel="self"` included), relative links inside article
HTML are made absolute, and an empty feed is still deterministic. Text from a source (a summary
that quotes `<img onerror=…>`) is escaped for the element it lands in, so a reader that decodes
an HTML element still shows text: Atom's `<summary type="html">`, RSS `<description>`.
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
from digest.site.model import Entry

CST = dt.timezone(dt.timedelta(hours=8))
EPOCH = dt.datetime(2000, 1, 1, tzinfo=CST)
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


def _stamp(entry: Entry) -> dt.datetime:
    return dt.datetime.combine(entry.date, dt.time(), CST)


class _StableMixin:
    """feedgenerator falls back to "now" for an empty feed; use a fixed date so builds repeat.
    The feed is as new as its newest entry, or its most recently updated one."""

    def latest_post_date(self):
        dates = [item[key] for item in self.items for key in ("pubdate", "updateddate") if item.get(key)]
        return max(dates) if dates else EPOCH


class AtomFeed(_StableMixin, feedgenerator.Atom1Feed):
    pass


class RssFeed(_StableMixin, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 whose entries may carry their whole HTML in content:encoded (as readers expect),
    leaving <description> the plain-text summary."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": _RSS_CONTENT_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


_RSS_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


def _feed(cls, fmt: str, title: str, description: str, page_url: str, html_lang: str, feed_url_for):
    return cls(title=title, link=page_url, description=description, language=html_lang,
               feed_url=feed_url_for(fmt), author_name=title.split(" · ")[0], feed_guid=feed_url_for(fmt))


def render_feeds(entries: list[Entry], lang: str, title: str, description: str, page_url: str,
                 feed_url_for, absolute) -> dict[str, str]:
    """Return {fmt: text} for atom, rss and json. feed_url_for(fmt) and absolute(path) give absolute URLs."""
    html_lang = urls.HTML_LANG[lang]
    out = {}
    for fmt, cls in (("atom", AtomFeed), ("rss", RssFeed)):
        feed = _feed(cls, fmt, title, description, page_url, html_lang, feed_url_for)
        for entry in entries:
            link = absolute(urls.article(entry.lang, entry.slug))
            feed.add_item(
                title=entry.title if fmt == "atom" else rss_title(entry.title), link=link, unique_id=link,
                description=as_html(entry.meta.get("summary") or ""),
                pubdate=_stamp(entry), updateddate=_stamp(entry),
                content=absolutize(entry.html, link) if fmt == "atom" else None,
                categories=entry.terms("industries"),
            )
        out[fmt] = feed.writeString("utf-8")
    out["json"] = json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": page_url,
        "feed_url": feed_url_for("json"),
        "description": description,
        "language": html_lang,
        "items": [
            {
                "id": absolute(urls.article(entry.lang, entry.slug)),
                "url": absolute(urls.article(entry.lang, entry.slug)),
                "title": entry.title,
                "summary": entry.meta.get("summary"),
                "content_html": absolutize(entry.html, absolute(urls.article(entry.lang, entry.slug))),
                "date_published": _stamp(entry).isoformat(),
                "language": html_lang,
                "tags": entry.terms("industries") + entry.terms("officials"),
            }
            for entry in entries
        ],
    }, ensure_ascii=False, indent=1) + "\n"
    return out


@dataclass(frozen=True)
class FeedItem:
    """A feed entry that is not one article (an edition): absolute URL, HTML content, days."""

    url: str
    title: str
    summary: str
    content_html: str
    published: dt.date
    updated: dt.date
    categories: list[str]


def _day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), CST)


def render_item_feeds(items: list[FeedItem], lang: str, title: str, description: str, page_url: str,
                      feed_url_for) -> dict[str, str]:
    """{fmt: text} for atom, rss and json of `items`; the whole content goes into each entry
    (Atom content, RSS content:encoded, JSON content_html), the summary beside it as text."""
    html_lang = urls.HTML_LANG[lang]
    out = {}
    for fmt, cls in (("atom", AtomFeed), ("rss", RssFeed)):
        feed = _feed(cls, fmt, title, description, page_url, html_lang, feed_url_for)
        for item in items:
            feed.add_item(title=item.title, link=item.url, unique_id=item.url, pubdate=_day(item.published),
                          updateddate=_day(item.updated), categories=item.categories,
                          description=as_html(item.summary), content=item.content_html)
        out[fmt] = feed.writeString("utf-8")
    out["json"] = json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": title, "home_page_url": page_url,
        "feed_url": feed_url_for("json"), "description": description, "language": html_lang,
        "items": [{"id": item.url, "url": item.url, "title": item.title, "summary": item.summary,
                   "content_html": item.content_html, "date_published": _day(item.published).isoformat(),
                   "date_modified": _day(item.updated).isoformat(), "language": html_lang, "tags": item.categories}
                  for item in items],
    }, ensure_ascii=False, indent=1) + "\n"
    return out
