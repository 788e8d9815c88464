"""Feeds: every Atom, RSS and JSON feed of the built site parses and follows the W3C rules.

- It parses (feedparser, and an XML parser for line numbers); a JSON Feed is valid JSON 1.1.
- Atom: a `rel="self"` link that is the feed's own URL, absolute `id` and `link`s for the feed
  and every entry, `title` and `updated` on both.
- RSS 2.0: `version="2.0"`, channel title/link/description, an `atom:link rel="self"`, and
  every item has an absolute `guid` (a permalink) and an absolute `link`.
- No relative URL inside content or summaries (feed readers have no base to resolve it).
- Every item links to a page that exists in output/, in the feed's own language tree.

The site's base URL is SITEURL in a publish build; otherwise it is read from each feed's own
self link (the development build's feeds are absolute under DIGEST_ABSOLUTE_URL).
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import feedparser
import lxml.etree
import lxml.html

from digest import display_path, languages as site_languages
from digest.check import ERROR, Problem
from digest.check.sitepaths import SKIPPED_SCHEMES, is_local_host, target_file, under
from digest.languages import Languages
from digest.site import urls

CHECK = "feeds"
ATOM = "{http://www.w3.org/2005/Atom}"
JSON_FEED_VERSIONS = ("https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1")


def feed_files(output: Path) -> list[Path]:
    """*.atom.xml, *.rss.xml, feed.json and the JSON files of a feeds/ folder."""
    found = []
    for path in output.rglob("*"):
        name = path.name
        if not path.is_file():
            continue
        if name.endswith((".atom.xml", ".rss.xml")) or name == "feed.json" or (name.endswith(".json") and path.parent.name == "feeds"):
            found.append(path)
    return sorted(found)


def check_feeds(output: Path, siteurl: str | None = None, languages: Languages | None = None) -> list[Problem]:
    output = Path(output)
    problems: list[Problem] = []
    for path in feed_files(output):
        problems.extend(check_feed(output, path, siteurl, languages))
    return problems


class _Feed:
    """What one feed's checks share: where it is, its URL, the base of the site."""

    def __init__(self, output: Path, path: Path, siteurl: str | None, languages: Languages | None = None):
        self.output, self.path, self.siteurl = output, path, siteurl.rstrip("/") if siteurl else None
        self.languages = languages or site_languages.default()
        self.relative = path.relative_to(output).as_posix()
        self.display = display_path(path)
        self.problems: list[Problem] = []
        self.base: str | None = self.siteurl
        self.lang = urls.lang_of(self.relative, self.languages.codes)
        self.tag = self.languages[self.lang].tag

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.display, line, message, CHECK, ERROR))

    @property
    def own_url(self) -> str | None:
        return f"{self.base}/{self.relative}" if self.base else None

    def self_link(self, href: str | None, line: int | None) -> None:
        """Check the feed's self link and, in a development build, learn the site's base from it."""
        if not href:
            self.error(line, "no rel=\"self\" link giving the feed's own URL")
            return
        if not _absolute(href):
            self.error(line, f"self link {href!r} must be an absolute URL")
            return
        if self.siteurl is None:
            if href.endswith("/" + self.relative):
                self.base = href[: -len(self.relative) - 1]
            else:
                self.error(line, f"self link {href} is not this feed's URL (it should end with /{self.relative})")
        elif href != self.own_url:
            self.error(line, f"self link {href} is not this feed's URL {self.own_url}")

    def absolute(self, url: str | None, line: int | None, what: str) -> bool:
        if not url:
            self.error(line, f"{what} is missing")
            return False
        if not _absolute(url):
            self.error(line, f"{what} {url!r} must be an absolute URL")
            return False
        if self.siteurl and is_local_host(urlparse(url).hostname):
            self.error(line, f"{what} {url} points at localhost in a publish build")
            return False
        return True

    def item_link(self, url: str, line: int | None, what: str = "item link") -> None:
        """An item's link must be a page of this site, in the feed's language."""
        if not self.base:
            return
        path = under(url, self.base)
        if path is None:
            self.error(line, f"{what} {url} is not under the site's URL {self.base}")
            return
        target, _ = target_file(self.output, path)
        if target is None:
            self.error(line, f"{what} {url}: nothing at {display_path(self.output)}{unquote(path)}")
            return
        lang = urls.lang_of(path.lstrip("/"), self.languages.codes)
        if lang != self.lang:
            self.error(line, f"{what} {url} is a page in '{lang}', but this feed carries '{self.lang}'")

    def content_urls(self, html: str | None, line: int | None, what: str) -> None:
        if not html or ("href" not in html and "src" not in html):
            return
        try:
            fragment = lxml.html.fragment_fromstring(html, create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            return
        for element in fragment.iter(lxml.etree.Element):
            for attribute in ("href", "src"):
                value = (element.get(attribute) or "").strip()
                if value and urlparse(value).scheme.lower() not in SKIPPED_SCHEMES and not _absolute(value):
                    self.error(line, f"relative URL {value!r} in {what}: feed readers cannot resolve it; make it absolute")


def _absolute(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.scheme) and (bool(parsed.netloc) or parsed.scheme in ("urn", "tag", "mailto"))


def check_feed(output: Path, path: Path, siteurl: str | None = None, languages: Languages | None = None) -> list[Problem]:
    feed = _Feed(output, path, siteurl, languages)
    if path.suffix == ".json":
        _check_json_feed(feed)
        return feed.problems
    data = path.read_bytes()
    parsed = feedparser.parse(data)
    try:
        root = lxml.etree.fromstring(data, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    except lxml.etree.XMLSyntaxError as error:
        feed.error(error.lineno, f"not well-formed XML: {error.msg}")
        return feed.problems
    if parsed.bozo:
        exception = parsed.get("bozo_exception")
        line = exception.getLineNumber() if hasattr(exception, "getLineNumber") else None
        feed.error(line, f"feedparser cannot read it: {exception}")
    if root.tag == f"{ATOM}feed":
        _check_atom(feed, root)
    elif root.tag == "rss":
        _check_rss(feed, root)
    else:
        feed.error(root.sourceline, f"not an Atom or RSS feed (root element <{lxml.etree.QName(root).localname}>)")
    return feed.problems


def _text(element, tag: str) -> tuple[str | None, int | None]:
    child = element.find(tag)
    if child is None:
        return None, element.sourceline
    return (child.text or "").strip(), child.sourceline


def _check_atom(feed: _Feed, root) -> None:
    self_links = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    feed.self_link(self_links[0].get("href") if self_links else None,
                   self_links[0].sourceline if self_links else root.sourceline)
    for name in ("title", "updated"):
        if _text(root, f"{ATOM}{name}")[0] in (None, ""):
            feed.error(root.sourceline, f"feed has no <{name}>")
    feed_id, line = _text(root, f"{ATOM}id")
    feed.absolute(feed_id, line, "feed <id>")
    for link in root.findall(f"{ATOM}link"):
        feed.absolute(link.get("href"), link.sourceline, f"feed <link rel=\"{link.get('rel', 'alternate')}\">")
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and lang != feed.tag:
        feed.error(root.sourceline, f"xml:lang is '{lang}', but this feed is in the '{feed.lang}' tree ({feed.tag})")
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("title", "updated"):
            if _text(entry, f"{ATOM}{name}")[0] in (None, ""):
                feed.error(entry.sourceline, f"entry has no <{name}>")
        entry_id, line = _text(entry, f"{ATOM}id")
        feed.absolute(entry_id, line, "entry <id>")
        alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        if not alternates:
            feed.error(entry.sourceline, "entry has no <link rel=\"alternate\">")
        for link in entry.findall(f"{ATOM}link"):
            if feed.absolute(link.get("href"), link.sourceline, "entry <link>") and link in alternates:
                feed.item_link(link.get("href"), link.sourceline)
        for name in ("content", "summary"):
            element = entry.find(f"{ATOM}{name}")
            if element is not None and element.get("type") == "html":
                feed.content_urls(element.text, element.sourceline, f"<{name}>")
            elif element is not None and element.get("type") == "xhtml":
                feed.content_urls(lxml.etree.tostring(element, encoding="unicode"), element.sourceline, f"<{name}>")


def _check_rss(feed: _Feed, root) -> None:
    if root.get("version") != "2.0":
        feed.error(root.sourceline, f"RSS version is {root.get('version')!r}, expected '2.0'")
    channel = root.find("channel")
    if channel is None:
        feed.error(root.sourceline, "RSS feed has no <channel>")
        return
    self_links = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    feed.self_link(self_links[0].get("href") if self_links else None,
                   self_links[0].sourceline if self_links else channel.sourceline)
    for name in ("title", "link", "description"):
        if _text(channel, name)[0] is None:
            feed.error(channel.sourceline, f"channel has no <{name}>")
    link, line = _text(channel, "link")
    if link is not None:
        feed.absolute(link, line, "channel <link>")
    language, line = _text(channel, "language")
    if language and language != feed.tag:
        feed.error(line, f"language is '{language}', but this feed is in the '{feed.lang}' tree ({feed.tag})")
    for item in channel.findall("item"):
        guid = item.find("guid")
        if guid is None:
            feed.error(item.sourceline, "item has no <guid>")
        elif guid.get("isPermaLink", "true") == "true":
            feed.absolute((guid.text or "").strip(), guid.sourceline, "item <guid>")
        elif not (guid.text or "").strip():
            feed.error(guid.sourceline, "item <guid> is empty")
        link, line = _text(item, "link")
        if link is None:
            feed.error(item.sourceline, "item has no <link>")
        elif feed.absolute(link, line, "item <link>"):
            feed.item_link(link, line)
        description = item.find("description")
        if description is not None:
            feed.content_urls(description.text, description.sourceline, "<description>")
        encoded = item.find("{http://purl.org/rss/1.0/modules/content/}encoded")
        if encoded is not None:
            feed.content_urls(encoded.text, encoded.sourceline, "<content:encoded>")


def json_line(text: str, needle: str) -> int | None:
    position = text.find(needle)
    return text.count("\n", 0, position) + 1 if position >= 0 else None


def _check_json_feed(feed: _Feed) -> None:
    text = feed.path.read_text(encoding="utf-8", errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        feed.error(error.lineno, f"not valid JSON: {error.msg}")
        return
    if not isinstance(data, dict):
        feed.error(1, "a JSON Feed is an object")
        return
    line = lambda value: json_line(text, json.dumps(value, ensure_ascii=False)) if value else None  # noqa: E731
    if data.get("version") not in JSON_FEED_VERSIONS:
        feed.error(line(data.get("version")) or 1, f"version is {data.get('version')!r}, expected {JSON_FEED_VERSIONS[-1]}")
    if not data.get("title"):
        feed.error(1, "JSON Feed has no title")
    feed.self_link(data.get("feed_url"), line(data.get("feed_url")) or 1)
    if data.get("home_page_url"):
        feed.absolute(data["home_page_url"], line(data["home_page_url"]), "home_page_url")
    language = data.get("language")
    if language and language != feed.tag:
        feed.error(line(language), f"language is '{language}', but this feed is in the '{feed.lang}' tree ({feed.tag})")
    items = data.get("items")
    if not isinstance(items, list):
        feed.error(1, "JSON Feed has no items list")
        return
    for item in items:
        if not isinstance(item, dict) or not item.get("id"):
            feed.error(line(item.get("url")) if isinstance(item, dict) else None, "item has no id")
            continue
        item_line = line(item["id"])
        if item.get("url") and feed.absolute(item["url"], item_line, "item url"):
            feed.item_link(item["url"], item_line)
        feed.content_urls(item.get("content_html"), item_line, "content_html")
