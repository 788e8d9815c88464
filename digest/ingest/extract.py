"""Stage 2: text or HTML to a list of `Block`s (headings, paragraphs, list items) plus what the page says about itself.

HTML is parsed once with lxml. That one tree gives the page's own statements (`PageFacts`:
meta tags, JSON-LD, `<title>`, headline headings, the dateline area under the headline), loses
its hidden elements, and goes to trafilatura for the main text (tables included: government
portals lay out articles in tables). A page nested deeper than the parser reads is rejected; one
nested deeper than trafilatura reads in reasonable time has its deep parts flattened to
paragraphs. The metadata stage chooses among the facts; nothing here decides a title or a date.
Plain text is split on blank lines.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
from dataclasses import dataclass, field, replace

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from digest.ingest.decode import Rejected

HEADING, PARAGRAPH, BULLET, NUMBERED, QUOTE, CODE = "heading", "paragraph", "bullet", "numbered", "quote", "code"


@dataclass(frozen=True)
class Block:
    kind: str
    text: str  # plain text, never markup
    line: int | None = None  # 1-based line in the source, where known
    level: int = 0  # heading level

    def with_text(self, text: str) -> "Block":
        return replace(self, text=text)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    after: str  # the visible text that follows: where 来源 / 发布时间 / bylines sit under a headline


@dataclass(frozen=True)
class PageFacts:
    """What an HTML page states about itself, as written; the metadata stage chooses among it."""

    title_tag: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # lowercased name/property/itemprop → content
    json_ld: tuple[dict, ...] = ()  # the page's JSON-LD objects (@graph flattened)
    headings: tuple["Heading", ...] = ()  # visible <h1>/<h2> in document order, then title boxes (level 0)
    canonical: str | None = None
    time_datetimes: tuple[str, ...] = ()  # <time datetime> values, document order
    htmldate: str | None = None  # htmldate's reading, only for a page whose metadata states no date
    script_date: str | None = None  # the date a page's script prints as its publication time (WeChat)
    account_name: str | None = None  # the publishing account on a platform page (a WeChat 公众号)


@dataclass(frozen=True)
class Extracted:
    blocks: tuple[Block, ...]
    page: PageFacts | None = None  # None for plain text
    removed: tuple[str, ...] = field(default_factory=tuple)
    extractor_found_text: bool = True  # False: the extractor found no article text at all
    second_found_none: bool = False  # the second reader (magic-html) was asked and found no article


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:([-*+•])|(\d{1,3})[.)])\s+(.*)$")
_NEVER_TEXT = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "object", "embed"})
# A hidden element holding this share of the page's text is the article hidden until a script
# shows it (seen on portals that fade the body in), not something to remove.
_HIDDEN_ARTICLE_SHARE = 0.3
_DATELINE_CHARS = 400


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


# libxml2 reads HTML this many levels deep with huge_tree (256 without it), then stops and drops
# the rest of the page. huge_tree also lifts the 10 MB limit on one text node; it opens no memory
# bomb in HTML (no entity definitions): memory stays about 3-4 times the input.
PARSER_DEPTH = 2048
# trafilatura looks at each element's ancestors and at each table's nested tables, so its time grows
# with the square of the depth (the cube for nested tables). Deeper than this, a page is flattened to
# paragraphs of its text first; real pages nest at most 50 deep (442 pages of both benchmarks).
FLAT_DEPTH = 128


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """One lxml parse of the whole page; None when there is no document in it.

    Raises Rejected when the parser stops early (nesting deeper than PARSER_DEPTH): what follows
    that point would be lost."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        tree = None
    for error in parser.error_log:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            if "depth" in error.message:
                raise Rejected(f"HTML nested more than {PARSER_DEPTH} levels deep (at line {error.line}): "
                               f"more than the {PARSER_DEPTH} this tool reads; the rest of the page would be lost")
            raise Rejected(f"the HTML parser stopped at line {error.line}: {error.message.strip()}")
    return tree


def extract_html(html: str) -> Extracted:
    """Raises Rejected for a page the parser cannot read whole."""
    tree = parse_html(html)
    if tree is None:
        return Extracted((), PageFacts(), (), extractor_found_text=False)
    json_ld, script_date = _json_ld(tree), _script_date(tree)  # read before scripts go
    removed = drop_hidden(tree)
    page = page_facts(tree, json_ld, script_date)  # before flattening: a headline stays a headline
    flattened = flatten_deep(tree)
    if flattened:
        removed.append(f"flattened {flattened} element(s) nested more than {FLAT_DEPTH} levels deep into paragraphs of their text")
    result = trafilatura.bare_extraction(  # works on a copy of the tree
        tree,
        url=page.canonical,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        with_metadata=False,
        fast=True,  # without the readability/jusText second opinions: as good on both benchmarks, 30 % faster
    )
    blocks = _blocks_from_tree(result.body) if result is not None else []
    long_enough = sum(map(len, _squeezed_lines(blocks))) >= ALONE_CHARS
    # the second reader gets the page as the first does: hidden parts gone, deep parts flattened
    # (it reads no deeper than libxml2's default 256 levels)
    second_blocks = None if long_enough else magic_html_blocks(lxml.html.tostring(tree, encoding="unicode"),
                                                               page.canonical)
    second = None if second_blocks is None else second_opinion(blocks, second_blocks)
    if second is not None:
        blocks, note = second
        removed.append(note)
    return Extracted(tuple(blocks), page, tuple(removed), extractor_found_text=bool(blocks),
                     second_found_none=second_blocks is not None and not _squeezed_lines(second_blocks))


# A second reader of the page (magic-html) is followed in three cases, each measured on both public
# benchmarks (README, "Evaluation"):
# - its reading is shorter by SHORTER_BY, nearly all of it (AGREEMENT) in lines trafilatura read
#   too, and it starts near where trafilatura's starts (at most START_SHARE of the way in, with no
#   line of PARAGRAPH_CHARS before: a menu, a dateline or a newsletter box, never a lead): both found the
#   same article, and what only trafilatura took is furniture around it (related lists, teasers,
#   newsletter boxes; trafilatura takes the whole page when the article is short), and what it
#   leaves out lies around it, not inside it: from its first line to its last, trafilatura's text
#   is at most SPAN_BY times as long (magic-html has dropped the middle of an article, its list of
#   ten news items, keeping the greeting before it and the sign-off after);
# - its reading is LONGER_BY longer and holds nearly all of trafilatura's: trafilatura found one
#   part of the article. Where it reads only somewhat more, it as often adds furniture as article;
# - it finds nothing and trafilatura fewer than NO_ARTICLE_CHARS characters: a page with no
#   article (a shop item, a list), whose few lines are not one. The pipeline asks the same of what
#   cleaning leaves of a longer reading (`Extracted.second_found_none`): on a channel page, the
#   teasers cut short and the menus trafilatura took go, and the few lines left are no article.
# A reading this long is taken as it is, without asking magic-html (which costs as much as the rest
# of ingest): around an article this long, furniture weighs little, and on both benchmarks no page
# this long gained from the second reading.
ALONE_CHARS = 4000
SHORTER_BY = 1.1
LONGER_BY = 2.0
AGREEMENT = 0.9
START_SHARE = 0.2
SPAN_BY = 1.25
PARAGRAPH_CHARS = 100
START_CHARS = 40  # of its first line, looked for in trafilatura's text
NO_ARTICLE_CHARS = 200


def second_opinion(first: list[Block], second: list[Block]) -> tuple[list[Block], str] | None:
    """(blocks, note) when the second reading is to be followed (see above); None to keep `first`."""
    first_lines, second_lines = _squeezed_lines(first), _squeezed_lines(second)
    first_text, second_text = "".join(first_lines), "".join(second_lines)
    if not second_text:
        if 0 < len(first_text) < NO_ARTICLE_CHARS:
            return [], (f"no article: magic-html found none, and trafilatura only {len(first_text)} characters "
                        f"(fewer than {NO_ARTICLE_CHARS})")
        return None
    if len(second_text) * SHORTER_BY <= len(first_text):
        agreed = sum(len(line) for line in second_lines if line in first_text)
        start = first_text.find(second_lines[0][:START_CHARS])
        end = first_text.rfind(second_lines[-1][-START_CHARS:]) + len(second_lines[-1][-START_CHARS:])
        if agreed >= AGREEMENT * len(second_text) and 0 <= start <= START_SHARE * len(first_text) \
                and not _paragraph_before(first_lines, start) and end - start <= SPAN_BY * len(second_text):
            return second, (f"magic-html's reading of the page kept {len(second_text)} of the {len(first_text)} "
                            "characters trafilatura found, nearly all of them among trafilatura's: the rest taken "
                            "as page furniture")
    if len(second_text) >= LONGER_BY * len(first_text):
        agreed = sum(len(line) for line in first_lines if line in second_text)
        if agreed >= AGREEMENT * len(first_text):
            return second, (f"magic-html read {len(second_text)} characters where trafilatura read "
                            f"{len(first_text)}, nearly all of those among them: trafilatura had found one part "
                            "of the article")
    return None


def _paragraph_before(lines: list[str], start: int) -> bool:
    """Whether a line of paragraph length ends before `start` in the lines' joined text."""
    end = 0
    for line in lines:
        end += len(line)
        if end > start:
            return False
        if len(line) >= PARAGRAPH_CHARS:
            return True
    return False


def _squeezed_lines(blocks: list[Block]) -> list[str]:
    """Each line of each block without its white space: the two readers space text differently."""
    return [squeezed for block in blocks for line in block.text.split("\n") if (squeezed := "".join(line.split()))]


def magic_html_blocks(html: str, url: str | None) -> list[Block]:
    """magic-html's article, as paragraphs broken where its HTML breaks blocks; [] when it finds none."""
    try:
        fragment = magic_html_extractor()().extract(html, base_url=url or "").get("html") or ""
    except Exception:  # a second opinion failing on an odd page must not lose the first one
        return []
    tree = parse_html(fragment) if fragment.strip() else None
    body = tree.find("body") if tree is not None else None
    if body is None:
        return []
    _flatten(body)
    return [Block(PARAGRAPH, paragraph.text) for paragraph in body.iter("p") if paragraph.text]


@functools.lru_cache(maxsize=1)
def magic_html_extractor():
    """magic-html's GeneralExtractor class, imported on first use (it loads numpy).

    Importing magic-html also builds py-asciimath's ASCIIMath-to-LaTeX parser (lark: 1.5 s of CPU,
    a sixth of an ingest run over the article-extraction benchmark's 181 pages) for the one kind of
    element that needs it, `<script type="math/asciimath">`. The import gets a stand-in that builds
    it when a page first has one. py-asciimath sets the root logger to DEBUG when imported: the
    level is put back, as magic-html does around its own import of it."""
    level = logging.getLogger().level
    try:
        from py_asciimath.translator import translator
    finally:
        logging.getLogger().setLevel(level)
    original = translator.ASCIIMath2Tex
    translator.ASCIIMath2Tex = lambda *args, **kwargs: BuiltOnFirstUse(lambda: original(*args, **kwargs))
    try:
        from magic_html import GeneralExtractor
    finally:
        translator.ASCIIMath2Tex = original
    return GeneralExtractor


class BuiltOnFirstUse:
    """Stands for the object `make()` returns, made when one of its attributes is first asked for."""

    def __init__(self, make):
        self._make, self._made = make, None

    def __getattr__(self, name):
        if self._made is None:
            self._made = self._make()
        return getattr(self._made, name)


def drop_hidden(tree) -> list[str]:
    """Remove scripts, styles and hidden elements; linear in the page size.

    A hidden element that holds much of the page's text is kept: it is the article, hidden
    until a script shows it."""
    for element in tree.xpath(_NEVER_TEXT_XPATH):
        element.drop_tree()
    candidates = [e for e in tree.xpath(_HIDDEN_XPATH) if _is_hidden(e)]
    if not candidates:
        return []
    total = len(tree.text_content())
    settled: set = set()  # elements inside a subtree already dropped or kept whole
    notes = []
    for element in candidates:
        if element in settled:
            continue
        settled.update(element.iter())
        text = " ".join(element.text_content().split())
        if total and len(text) >= _HIDDEN_ARTICLE_SHARE * total:
            continue
        if text:
            notes.append(f"hidden <{element.tag}> element: {text[:80]!r}")
        element.drop_tree()
    return notes


_NEVER_TEXT_XPATH = "|".join(f"//{tag}" for tag in sorted(_NEVER_TEXT))
# The first predicate is a cheap test of attribute presence that most elements fail (~30 % faster).
_HIDDEN_XPATH = ('//*[@hidden or @aria-hidden or @style]'
                 '[@hidden or @aria-hidden="true" or contains(@style, "none") or contains(@style, "hidden")]')


# Where text breaks into a new paragraph when a deep subtree is flattened.
_BREAK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
})


def flatten_deep(tree, limit: int = FLAT_DEPTH) -> int:
    """Replace every element `limit` levels down by a <div> of <p>s holding its subtree's text, one
    per block; linear in the page size. Returns how many elements were flattened away."""
    if not tree.xpath("/".join(["self::*"] + ["*"] * (limit - 1))):
        return 0  # nothing that deep, as on nearly every page: libxml2 tells at a third of a walk's cost
    deep = []
    depth = 0
    walker = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walker:
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth == limit and len(element):
            deep.append(element)
            walker.skip_subtree()  # its "end" event still comes
    return sum(_flatten(element) for element in deep)


def _flatten(element) -> int:
    paragraphs: list[str] = []
    current: list[str] = []
    count = -1  # the element itself stays

    def flush():
        text = " ".join("".join(current).split())
        if text:
            paragraphs.append(text)
        current.clear()

    for event, node in etree.iterwalk(element, events=("start", "end")):
        block = isinstance(node.tag, str) and node.tag in _BREAK_TAGS
        if event == "start":
            count += 1
            if block:
                flush()
            current.append(node.text or "")
        elif node is not element:
            if block:
                flush()
            current.append(node.tail or "")
    flush()
    del element[:]
    element.text = None
    element.tag = "div"
    for text in paragraphs:
        etree.SubElement(element, "p").text = text
    return count


def _is_hidden(element) -> bool:
    attributes = element.attrib
    return (
        "hidden" in attributes
        or attributes.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(attributes.get("style", "")))
    )


def page_facts(tree, json_ld: tuple[dict, ...] = (), script_date: str | None = None) -> PageFacts:
    """The page's statements about itself, read from a tree whose scripts are gone."""
    meta: dict[str, str] = {}
    for tag in tree.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        content = " ".join((tag.get("content") or "").split())
        if key and content and key not in meta:
            meta[key] = content
    title = tree.find(".//title")
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    canonical_url = canonical[0].strip() if canonical else meta.get("og:url")
    if canonical_url and not re.match(r"^https?://[^\s<>\"]+$", canonical_url):
        canonical_url = None
    headings = []
    # Headlines are <h1>/<h2>, or on many Chinese portals with no <h1> a <div class="title">: those
    # count as level 0, a place to find the dateline under (looked for only then: the search costs
    # as much as the rest of this function).
    elements = tree.xpath("//h1|//h2")[:12]
    if not any(element.tag == "h1" for element in elements):
        elements += tree.xpath(_TITLE_BOXES)[:8]
    for element in elements:
        text = " ".join(element.text_content().split())
        if text and (element.tag in ("h1", "h2") or len(text) <= _TITLE_BOX_CHARS):
            after = " ".join("".join(element.xpath(_FOLLOWING_TEXT)).split())
            level = int(element.tag[1]) if element.tag in ("h1", "h2") else 0
            headings.append(Heading(level, text, after[:_DATELINE_CHARS]))
    time_datetimes = tuple(v.strip() for v in tree.xpath("//time/@datetime")[:5])
    return PageFacts(
        title_tag=" ".join(title.text_content().split()) or None if title is not None else None,
        meta=meta,
        json_ld=json_ld,
        headings=tuple(headings),
        canonical=canonical_url,
        time_datetimes=time_datetimes,
        htmldate=None if _states_a_date(meta, json_ld, time_datetimes) else _htmldate(tree, canonical_url),
        script_date=script_date,
        account_name=_first_text(tree.xpath(_ACCOUNT_NAME)),
    )


_DATE_KEYS = ("date", "time", "publish", "pdate", "created")


def _states_a_date(meta: dict, json_ld: tuple[dict, ...], time_datetimes: tuple[str, ...]) -> bool:
    return bool(time_datetimes) or any(k in key for key in meta for k in _DATE_KEYS) or any(
        "datePublished" in item for item in json_ld)


def _htmldate(tree, url: str | None) -> str | None:
    """htmldate's cautious reading of the page's markup and URL (no extensive search: no
    guessing from arbitrary text)."""
    try:
        return htmldate.find_date(tree, url=url, extensive_search=False, original_date=True,
                                  outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None


# WeChat prints the 公众号 that published the article under the headline (the site is only "微信公众平台").
# One pass, not a union of two; the class word is looked for as a substring before the costly concat().
_ACCOUNT_NAME = ('//*[@id="js_name" or contains(@class, "profile_nickname")'
                 ' and contains(concat(" ", @class, " "), " profile_nickname ")]')


def _first_text(elements) -> str | None:
    for element in elements:
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


_TITLE_BOXES = ('//*[not(self::h1 or self::h2 or self::a or self::li) and (contains(@class, "title") or '
                'contains(@id, "title"))][not(.//h1 or .//h2)]')
_TITLE_BOX_CHARS = 120
_FOLLOWING_TEXT = "following::text()[position() <= 40]"


# WeChat articles print their time from a script: e(0,"1659274471",0,document.getElementById("publish_time"))
# or var ct = "1659274471"; a Unix time, shown in China's time zone.
_PUBLISH_TIMESTAMP = re.compile(r'"(\d{10})"\s*,\s*\d\s*,\s*document\.getElementById\(\s*"publish_time"|\bvar\s+ct\s*=\s*"(\d{10})"')
_CHINA_TIME = dt.timezone(dt.timedelta(hours=8))


def _script_date(tree) -> str | None:
    for script in tree.xpath('//script[contains(., "publish_time") or contains(., "var ct")]'):
        match = _PUBLISH_TIMESTAMP.search(script.text or "")
        if match:
            seconds = int(match.group(1) or match.group(2))
            return dt.datetime.fromtimestamp(seconds, _CHINA_TIME).date().isoformat()
    return None


def _json_ld(tree) -> tuple[dict, ...]:
    found: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
            elif isinstance(item, list):
                stack.extend(item)
    return tuple(found)


def _blocks_from_tree(body) -> list[Block]:
    """Trafilatura's internal tree (head/p/list/item/quote/table/code) to blocks.

    Government portals lay out whole articles in table cells: a row of plain cells becomes one
    paragraph ("cell | cell"), and a cell holding paragraphs gives its loose text and each
    paragraph as blocks of their own. A blank line (two <br>) splits a paragraph."""
    blocks: list[Block] = []
    if body is None:
        return blocks
    for element in body.iter("head", "p", "item", "quote", "row", "code"):
        if element.tag == "code":
            if not any(a.tag in _BLOCK_TAGS or a.tag == "code" for a in element.iterancestors()):
                code = _code_text(element)  # a code block; <code> inside a paragraph is its text
                blocks.extend([Block(CODE, code)] if code else [])
            continue
        if element.tag != "item" and any(a.tag in ("item", "quote") for a in element.iterancestors()):
            continue
        if element.tag == "row":
            blocks.extend(_row_blocks(element))
            continue
        text = _element_text(element)
        if not text:
            continue
        if element.tag == "head":
            level = element.get("rend", "h2")[1:]
            blocks.append(Block(HEADING, " ".join(text.split()), level=int(level) if level.isdigit() else 2))
        elif element.tag == "item":
            parent = element.getparent()
            numbered = parent is not None and parent.get("rend") == "ol"
            blocks.append(Block(NUMBERED if numbered else BULLET, text.replace("\n\n", "\n")))
        else:
            kind = QUOTE if element.tag == "quote" else PARAGRAPH
            blocks.extend(Block(kind, part) for part in text.split("\n\n"))
    return blocks


_BLOCK_TAGS = ("head", "p", "list", "item", "quote", "table", "row")


def _row_blocks(row) -> list[Block]:
    cells = row.findall("cell")
    if all(next(cell.iter(*_BLOCK_TAGS), None) is None for cell in cells):
        texts = [" ".join(_element_text(cell).split()) for cell in cells]
        texts = [text for text in texts if text]
        return [Block(PARAGRAPH, " | ".join(texts))] if texts else []
    blocks = []
    for cell in cells:
        loose = _element_text(cell, nested_blocks=_BLOCK_TAGS)  # the cell's own text
        blocks.extend(Block(PARAGRAPH, part) for part in loose.split("\n\n") if part)
    return blocks


def _code_text(element) -> str:
    """A code block's text as written: every line and its indentation, trailing space trimmed."""
    lines = [line.rstrip() for line in "".join(element.itertext()).split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines).rstrip("\n")


def _element_text(element, nested_blocks: tuple[str, ...] = ("list",)) -> str:
    """Text of an element without the text of the blocks nested in it (lists by default: they
    become blocks of their own); lines kept, a blank line where two breaks were."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in nested_blocks:
            parts.append(_element_text(child))
        parts.append(child.tail or "")
    return _tidy_lines("".join(parts))


def _tidy_lines(text: str) -> str:
    paragraphs = []
    for paragraph in re.split(r"\n[ \t\u3000]*\n", text):
        lines = [" ".join(line.split()) for line in paragraph.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
