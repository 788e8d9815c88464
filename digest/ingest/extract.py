"""Stage 2: text or HTML to a list of `Block`s (headings, paragraphs, list items) plus page metadata.

HTML goes through trafilatura (main-text extraction, see the README's design notes) after
hidden elements, scripts and styles are dropped; plain text is split on blank lines.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

import trafilatura
from bs4 import BeautifulSoup

HEADING, PARAGRAPH, BULLET, NUMBERED, QUOTE = "heading", "paragraph", "bullet", "numbered", "quote"


@dataclass(frozen=True)
class Block:
    kind: str
    text: str  # plain text, never markup
    line: int | None = None  # 1-based line in the source, where known
    level: int = 0  # heading level

    def with_text(self, text: str) -> "Block":
        return replace(self, text=text)


@dataclass(frozen=True)
class Extracted:
    blocks: tuple[Block, ...]
    title: str | None = None
    date: str | None = None  # ISO date from structured metadata (HTML meta, JSON-LD)
    description: str | None = None
    site_name: str | None = None
    url: str | None = None
    removed: tuple[str, ...] = field(default_factory=tuple)


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:([-*+•])|(\d{1,3})[.)])\s+(.*)$")


def extract_text(text: str) -> Extracted:
    """Blank-line separated blocks; `# ` headings and `- ` / `1. ` items keep their kind."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 1

    def flush():
        if current:
            blocks.append(Block(PARAGRAPH, "\n".join(current), start))
            current.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        heading, item = _ATX.match(line.strip()), _ITEM.match(line)
        if not line.strip():
            flush()
        elif heading:
            flush()
            blocks.append(Block(HEADING, heading.group(2), number, len(heading.group(1))))
        elif item:
            flush()
            blocks.append(Block(BULLET if item.group(1) else NUMBERED, item.group(3), number))
        else:
            if not current:
                start = number
            current.append(line.strip())
    flush()
    return Extracted(tuple(blocks))


def extract_html(html: str) -> Extracted:
    soup = BeautifulSoup(html, "lxml")
    meta = _page_metadata(soup)
    removed = _drop_hidden(soup)
    result = trafilatura.bare_extraction(
        str(soup),
        url=meta.get("url"),
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_formatting=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return Extracted((), meta.get("title"), meta.get("date"), meta.get("description"),
                         meta.get("site_name"), meta.get("url"), tuple(removed))
    blocks = _blocks_from_tree(result.body)
    return Extracted(
        blocks=tuple(blocks),
        title=meta.get("title") or _clean(result.title),
        date=meta.get("date") or (result.date if _is_iso_date(result.date) else None),
        description=meta.get("description") or _clean(result.description),
        site_name=meta.get("site_name") or _clean(result.sitename),
        url=meta.get("url"),
        removed=tuple(removed),
    )


def _drop_hidden(soup: BeautifulSoup) -> list[str]:
    removed = []
    for element in soup.find_all(True):
        if element.decomposed:
            continue
        hidden = (
            element.name in ("script", "style", "noscript", "template", "iframe", "svg", "form")
            or element.has_attr("hidden")
            or element.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(element.get("style", "") or "")
        )
        if hidden:
            text = " ".join(element.get_text(" ").split())
            if text and element.name not in ("script", "style"):
                removed.append(f"hidden <{element.name}> element: {text[:80]!r}")
            element.decompose()
    return removed


def _page_metadata(soup: BeautifulSoup) -> dict:
    def meta(*names: str) -> str | None:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            if tag and tag.get("content", "").strip():
                return " ".join(tag["content"].split())
        return None

    found = {
        "title": meta("og:title", "twitter:title", "dc.title", "DC.title"),
        "description": meta("og:description", "description", "twitter:description", "dc.description"),
        "site_name": meta("og:site_name", "publisher", "dc.publisher", "DC.publisher", "SiteName"),
        "url": meta("og:url"),
    }
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href"):
        found["url"] = canonical["href"].strip()
    if found["url"] and not re.match(r"^https?://[^\s<>\"]+$", found["url"]):
        found["url"] = None
    date = meta("article:published_time", "datePublished", "date", "dc.date", "DC.date",
                "pubdate", "publishdate", "PubDate")
    date = date or _json_ld_date(soup)
    time_tag = soup.find("time", attrs={"datetime": True})
    date = date or (time_tag["datetime"] if time_tag else None)
    found["date"] = date[:10] if date and _is_iso_date(date[:10]) else None
    if not found["title"] and soup.title and soup.title.string:
        found["title"] = " ".join(soup.title.string.split())
    return found


def _json_ld_date(soup: BeautifulSoup) -> str | None:
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return item["datePublished"]
    return None


def _is_iso_date(value: str | None) -> bool:
    if not value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


def _blocks_from_tree(body) -> list[Block]:
    """Trafilatura's internal tree (head/p/list/item/quote) to blocks."""
    blocks: list[Block] = []
    if body is None:
        return blocks
    for element in body.iter("head", "p", "item", "quote"):
        if element.tag != "item" and any(a.tag in ("item", "quote") for a in element.iterancestors()):
            continue
        text = _element_text(element)
        if not text:
            continue
        if element.tag == "head":
            level = element.get("rend", "h2")[1:]
            blocks.append(Block(HEADING, text, level=int(level) if level.isdigit() else 2))
        elif element.tag == "item":
            parent = element.getparent()
            numbered = parent is not None and parent.get("rend") == "ol"
            blocks.append(Block(NUMBERED if numbered else BULLET, text))
        else:
            blocks.append(Block(QUOTE if element.tag == "quote" else PARAGRAPH, text))
    return blocks


def _element_text(element) -> str:
    """Text of an element without the text of nested lists (they become blocks of their own)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag != "list":
            parts.append(_element_text(child))
        parts.append(child.tail or "")
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)
