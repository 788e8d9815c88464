"""Markup: no live markup from content anywhere in output/, in pages or inside feeds.

The theme emits two kinds of script and nothing else that runs: JSON-LD data in <head>
(`application/ld+json`, valid JSON) and scripts loaded from its own static folder. Anything else
that runs or loads active content came from an article: another <script>, an event-handler
attribute (on*=), a javascript:/vbscript: URL (or data: outside an image), <iframe>, <frame>,
<object>, <embed>, <applet>, <base>, <meta http-equiv="refresh">, <style> or a style attribute,
<svg>, <math>, srcdoc.

Feeds are read as their readers read them: Atom `<content type="html">`, RSS `content:encoded`
and JSON Feed `content_html` are HTML and are held to the same rules. Summaries, titles and
descriptions hold plain text from the front matter, so any tag in what a reader decodes from an
Atom `type="html"` text or an RSS `<description>` is markup from content. (JSON Feed's
`summary` is plain text by its spec and reaches no HTML parser.)
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html

from digest import display_path
from digest.check import ERROR, Problem
from digest.check.feeds import ATOM, feed_files, json_line
from digest.excerpt import clip

CHECK = "markup"
SHOWN_CHARS = 100  # of the offending markup, in a message
EMAIL_COPY = "email.html"  # an edition's email-ready copy, styled inline by its template
MESSAGE = "live markup from content"
ACTIVE_ELEMENTS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "svg", "math")
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "cite", "background", "srcset",
                  "xlink:href", "lowsrc", "dynsrc", "longdesc", "codebase", "ping", "manifest"})
BAD_SCHEMES = ("javascript", "vbscript", "livescript")
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")
# Where an HTML tokenizer starts a tag, a comment or a declaration: plain text has none of these.
_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")
_URL_JUNK = re.compile(r"[\x00-\x20\x7f]")  # browsers drop tabs and newlines inside a URL and C0 around it
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


@dataclass(frozen=True)
class Finding:
    line: int | None
    markup: str  # the offending tag as a reader would see it, shortened; or why the rest went unread
    unread: bool = False  # the file could not be read to the end: nothing after `line` is vouched for

    def message(self) -> str:
        return f"cannot check the rest: {self.markup}" if self.unread else f"{MESSAGE}: {self.markup}"


def check_markup(output: Path, siteurl: str | None = None, static_dir: str = "theme") -> list[Problem]:
    """Every HTML page and every feed under output/."""
    output = Path(output)
    problems: list[Problem] = []
    for path in sorted(output.rglob("*.htm*")):
        if path.suffix in (".html", ".htm") and path.is_file():
            findings = page_findings(path.read_bytes(), siteurl, static_dir, styled=path.name == EMAIL_COPY)
            problems.extend(Problem(display_path(path), f.line, f.message(), CHECK, ERROR) for f in findings)
    for path in feed_files(output):
        findings = json_feed_findings(path.read_text(encoding="utf-8", errors="replace")) if path.suffix == ".json" \
            else xml_feed_findings(path.read_bytes())
        problems.extend(Problem(display_path(path), f.line, f.message(), CHECK, ERROR) for f in findings)
    return problems


def page_findings(data: bytes, siteurl: str | None = None, static_dir: str = "theme", styled: bool = False) -> list[Finding]:
    """A whole page of the site: the theme's own scripts are allowed, and on an edition's email
    copy (`styled`) the style attributes its template writes, since mail clients read no other CSS
    (the content in it went through the sanitiser, which keeps no style attribute)."""
    if not data.strip():
        return []
    return html_findings(data, allowed_script=lambda script: _theme_script(script, siteurl, static_dir),
                         allowed_attributes=("style",) if styled else ())


def html_findings(html: str | bytes, line: int | None = None, allowed_script=lambda script: False,
                  allowed_attributes: tuple[str, ...] = ()) -> list[Finding]:
    """Live markup in HTML (a page or a fragment); `line` overrides the lines for a fragment inside a feed."""
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8") if isinstance(html, str) else html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        root = None
    findings = [Finding(line or error.line, error.message.strip(), unread=True)
                for error in parser.error_log if error.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT]
    # A walk in Python over the elements (about 100 on an article page) is twice as fast as XPath here.
    for element in root.iter(lxml.etree.Element) if root is not None else ():
        tag = element.tag
        if tag in ACTIVE_ELEMENTS or (tag in ("script", "meta") and not _allowed_element(element, allowed_script)):
            findings.append(Finding(line or element.sourceline, _show(element)))
        for name, value in element.items():
            if name.startswith("on") or (name in ("srcdoc", "style") and name not in allowed_attributes) or (
                    name in URL_ATTRIBUTES and ":" in value and _bad_url(element, name, value)):
                findings.append(Finding(line or element.sourceline, _show(element, name)))
    return findings


def text_findings(text: str | None, line: int | None) -> list[Finding]:
    """Plain text a reader decodes as HTML: any tag in it is markup."""
    match = _TAG_OPEN.search(text or "")
    if not match:
        return []
    end = text.find(">", match.start())
    tag = text[match.start(): end + 1 if end >= 0 else len(text)]
    return [Finding(line, clip(" ".join(tag.split()), SHOWN_CHARS))]


def _allowed_element(element, allowed_script) -> bool:
    """A <meta> that does not redirect, or the theme's own script."""
    if element.tag == "meta":
        return (element.get("http-equiv") or "").strip().lower() != "refresh"
    return allowed_script(element)


def _theme_script(script, siteurl: str | None, static_dir: str) -> bool:
    """JSON-LD in <head>, or a script file of the theme's static folder with nothing inline."""
    kind = (script.get("type") or "").strip().lower()
    if kind == "application/ld+json":
        if not any(parent.tag == "head" for parent in script.iterancestors()):
            return False
        try:
            json.loads(script.text or "")
        except ValueError:
            return False
        return True
    src = (script.get("src") or "").strip()
    if kind not in _SCRIPT_TYPES or not src or (script.text or "").strip():
        return False
    if siteurl and src.startswith(siteurl.rstrip("/") + "/"):
        src = src[len(siteurl.rstrip("/")):]
    return src.startswith(f"/{static_dir}/") and not src.startswith("//") and ".." not in src.split("/")


def _bad_url(element, name: str, value: str) -> bool:
    if name == "srcset":
        return any(_bad_url(element, "src", part.strip()) for part in value.split(","))
    url = _URL_JUNK.sub("", value).lower()
    scheme = _SCHEME.match(url)
    scheme = scheme.group(1) if scheme else ""
    if scheme in BAD_SCHEMES:
        return True
    return scheme == "data" and not (element.tag in ("img", "source") and url.startswith("data:image/")
                                     and not url.startswith("data:image/svg"))


def _show(element, attribute: str | None = None) -> str:
    """`<img onerror="alert(1)">`: the tag with the attribute that makes it live, or its first attribute."""
    name = attribute or next(iter(element.attrib), None)
    shown = f" {name}={json.dumps(element.get(name), ensure_ascii=False)}" if name else ""  # one line, tabs shown
    text = "" if attribute else " ".join((element.text or "").split())
    return clip(f"<{element.tag}{shown}>" + (f"{text}</{element.tag}>" if text else ""), SHOWN_CHARS)


_PLAIN_ATOM_TEXTS = ("title", "subtitle", "summary", "rights")
_ATOM_HTML = ("html", "text/html", "xhtml")
_RSS_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def xml_feed_findings(data: bytes) -> list[Finding]:
    """An Atom or RSS feed: the HTML inside it as a feed reader decodes it."""
    try:
        root = lxml.etree.fromstring(data, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    except lxml.etree.XMLSyntaxError as error:
        return [Finding(error.lineno, f"the feed is not well-formed XML ({error.msg})", unread=True)]
    findings: list[Finding] = []
    for element in root.iter(lxml.etree.Element):
        tag, line = element.tag, element.sourceline
        if tag.startswith(ATOM) and element.get("type") in _ATOM_HTML:
            html = _decoded(element)
            plain = tag[len(ATOM):] in _PLAIN_ATOM_TEXTS
            findings.extend(text_findings(html, line) if plain else html_findings(html, line))
        elif tag == "description":
            findings.extend(text_findings(element.text, line))
        elif tag == _RSS_CONTENT:
            findings.extend(html_findings(element.text or "", line))
    return findings


def _decoded(element) -> str:
    """What a reader parses as HTML: the text of type="html", the inside of type="xhtml"'s <div>."""
    if element.get("type") != "xhtml":
        return element.text or ""
    wrapper = element[0] if len(element) else element
    return (wrapper.text or "") + "".join(lxml.etree.tostring(child, encoding="unicode") for child in wrapper)


def json_feed_findings(text: str) -> list[Finding]:
    """A JSON Feed: each item's content_html."""
    try:
        data = json.loads(text)
    except ValueError as error:
        return [Finding(getattr(error, "lineno", None), "the feed is not valid JSON", unread=True)]
    items = data.get("items") if isinstance(data, dict) else None
    findings: list[Finding] = []
    for item in items if isinstance(items, list) else ():
        html = item.get("content_html") if isinstance(item, dict) else None
        if isinstance(html, str) and html:
            line = json_line(text, json.dumps(item["id"], ensure_ascii=False)) if isinstance(item.get("id"), str) else None
            findings.extend(html_findings(html, line))
    return findings
