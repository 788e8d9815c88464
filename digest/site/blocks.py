"""An article body's top-level blocks, and how the blocks of two language versions pair up.

The side-by-side view (digest.site.bilingual) shows the two versions of an article block by block.
A block is a top-level element of the rendered body (a paragraph, a heading, a quote, a table, a
code block…), except that each item of a top-level list is a block of its own, so a translated
list of measures pairs item by item; a run of top-level inline markup (raw HTML) is one block. The
view splits the bodies the build has already rendered (`split_blocks`), never the Markdown again.

The check (digest.check.alignment) reads the Markdown too, for the line each block starts on
(`markdown_lines`, from markdown-it's tokens): both count the same blocks for any body written in
Markdown; raw HTML blocks count as the blocks they sanitise to.

A note about the text rather than the text — a paragraph opening with a note's label, 译注： or
Translator's note:, which digest.site.markdown marks `class="body-note"` — has no counterpart in the
other version: it is shown alone and left out of the pairing (`notes`, `align`).
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from digest.site import markdown

NOTE = '<p class="body-note">'  # how digest.site.markdown opens a note's paragraph
# Tags that do not start a block of their own at the top level (the allow-list's phrasing content).
INLINE = frozenset({"a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "img", "ins", "kbd", "mark", "q",
                    "s", "small", "span", "strong", "sub", "sup", "time", "u"})
VOID = frozenset({"br", "hr", "img", "wbr"})
LISTS = frozenset({"ul", "ol"})
# Sanitised HTML quotes every attribute value and escapes < and > inside it, so a tag ends at the first >.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_START = re.compile(r'\sstart="(\d+)"')


def split_blocks(html: str) -> list[str]:
    """The body's blocks, each a piece of HTML that stands on its own: a list item comes wrapped in
    its list (`<ol start="n">` for the nth item of a numbered list)."""
    blocks: list[str] = []
    depth = 0  # elements open at this point
    top: str | None = None  # the top-level block element we are in, if any
    block_start = 0
    run_start: int | None = None  # where a top-level run of inline markup or text began
    item_start = 0  # where the current item of a top-level list began
    number = 1  # the next item's number in a numbered list
    pos = 0
    for tag in _TAG.finditer(html):
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if depth == 0 and run_start is None and html[pos:tag.start()].strip():
            run_start = pos + len(html[pos:tag.start()]) - len(html[pos:tag.start()].lstrip())
        pos = tag.end()
        if top is None and depth == 0 and not closing and name not in INLINE:
            if run_start is not None:
                blocks.append(html[run_start:tag.start()].rstrip())
                run_start = None
            if name in VOID:
                blocks.append(tag.group(0))
                continue
            top, block_start, depth = name, tag.start(), 1
            number = int(_START.search(tag.group(3)).group(1)) if name == "ol" and _START.search(tag.group(3)) else 1
            continue
        if top is None and depth == 0 and run_start is None:
            run_start = tag.start()  # inline markup at the top level
        if name in VOID:
            continue
        if not closing:
            if top in LISTS and depth == 1 and name == "li":
                item_start = tag.start()
            depth += 1
            continue
        depth = max(0, depth - 1)
        if top in LISTS and depth == 1 and name == "li":
            blocks.append(_list_item(top, number, html[item_start:tag.end()]))
            number += 1
        elif depth == 0 and top is not None:
            if top not in LISTS:
                blocks.append(html[block_start:tag.end()])
            top = None
    if run_start is None and html[pos:].strip():
        run_start = pos + len(html[pos:]) - len(html[pos:].lstrip())
    if run_start is not None:
        blocks.append(html[run_start:].rstrip())
    return blocks


def _list_item(kind: str, number: int, item: str) -> str:
    opening = f'<ol start="{number}">' if kind == "ol" and number != 1 else f"<{kind}>"
    return f"{opening}\n{item}\n</{kind}>"


def notes(blocks: list[str]) -> tuple[int, ...]:
    """The indexes of the blocks that are notes (a translator's or editor's), which pair with nothing."""
    return tuple(index for index, block in enumerate(blocks) if block.startswith(NOTE))


def markdown_lines(body: str, renderer: MarkdownIt | None = None) -> list[int]:
    """The line (1-based, counted from the body's first) where each block `split_blocks` finds in the
    body's HTML starts, read from the Markdown."""
    renderer = renderer or markdown.make_renderer()
    lines: list[int] = []
    for token in renderer.parse(body):
        if token.nesting == -1 or not token.map:
            continue
        if token.level == 0 and token.type == "html_block":
            count = len(split_blocks(markdown.sanitise(token.content)))
        elif token.level == 0 and token.type not in ("bullet_list_open", "ordered_list_open"):
            count = 1
        elif token.level == 1 and token.type == "list_item_open":  # an item of a top-level list
            count = 1
        else:
            continue
        lines += [token.map[0] + 1] * count
    return lines


Row = tuple[int | None, int | None]


def align(count: int, unpaired: tuple[int, ...], other_count: int, other_unpaired: tuple[int, ...]) -> list[Row]:
    """Rows of (block of one version, block of the other), by index, None where a side has none.

    Blocks pair in order; a note (`unpaired` holds their indexes) takes a row alone; when one version
    has more other blocks than the other version, its last ones take rows alone at the end."""
    rows: list[Row] = []
    mine, theirs = 0, 0
    while mine < count or theirs < other_count:
        if mine < count and (mine in unpaired or theirs >= other_count):
            rows.append((mine, None))
            mine += 1
        elif theirs < other_count and (theirs in other_unpaired or mine >= count):
            rows.append((None, theirs))
            theirs += 1
        else:
            rows.append((mine, theirs))
            mine, theirs = mine + 1, theirs + 1
    return rows


def first_unmatched(rows: list[Row], unpaired: tuple[int, ...], other_unpaired: tuple[int, ...]) -> Row | None:
    """The first row where a block that is not a note has no counterpart (the versions' counts differ), else None."""
    for mine, theirs in rows:
        if (theirs is None and mine not in unpaired) or (mine is None and theirs not in other_unpaired):
            return mine, theirs
    return None
