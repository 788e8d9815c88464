"""Markdown bodies to safe HTML: markdown-it-py (CommonMark) then nh3 (an allow-list sanitiser).

Raw HTML an editor puts in Markdown survives only as far as the allow-list lets it: no script,
no event handlers, no javascript: URLs, no iframes or forms. A body nested deeper than MAX_DEPTH
is refused (`TooDeep`): feed readers stop reading HTML at 256 levels, and the sanitiser's time
grows with the square of the depth. A paragraph that opens with a note's label (译注：, Translator's
note:) is marked as a note (`class="body-note"`), so the page sets it apart from the text.
"""
from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "title", "id"},  # ids keep fragment links (#note) working; the site runs no script
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
}


# Labels that open a note about the text rather than the text: the translator's, the editor's.
NOTE_LABELS = ("译注", "译者注", "编者注", "编者按", "Translator's note", "Translator’s note", "Editor's note",
               "Editor’s note", "Translation note")
_NOTE = re.compile(r"<p>(?=(?:<(?:em|i|strong|b)>)?\s*(?:" + "|".join(map(re.escape, NOTE_LABELS)) + r")\s*[:：])", re.I)

MAX_DEPTH = 100  # elements inside one another; an article's lists and quotes nest a few deep
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# End tags a parser may imply: a new <p> or <li> closes the last one, so they never pile up.
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "rt", "rp"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


class TooDeep(ValueError):
    """The body's HTML nests deeper than MAX_DEPTH."""


def nesting_depth(html: str) -> int:
    """How deep elements nest, counted from the tags alone (linear; at worst an overestimate)."""
    depth = deepest = 0
    for closing, name in _TAG.findall(html):
        name = name.lower()
        if name in _VOID or name in _OPTIONAL_END:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def make_renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "typographer": False}).enable("table")


def render(body: str, renderer: MarkdownIt) -> str:
    """Safe HTML; raises TooDeep."""
    html = renderer.render(body)
    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        raise TooDeep(f"body: markup nested {depth} levels deep, more than the {MAX_DEPTH} the site renders")
    # Headings start at h2: the page's h1 is the article title.
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _NOTE.sub('<p class="body-note">', clean) if "<p>" in clean else clean
