"""Generators of hostile input: text, HTML pages, YAML front matter and Markdown bodies.

Everything invented; the sentences are there so that some inputs get through ingest whole.
"""
from __future__ import annotations

import html as html_lib

from hypothesis import strategies as st

from digest.frontmatter import dump_yaml

HOSTILE = (
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>", "<svg onload=alert(1)>", "<style>*{display:none}</style>",
    '"><script>alert(2)</script>', "'><img src=x onerror=alert(3)>", "&lt;script&gt;alert(4)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(5)&#62;", "&amp;lt;b&amp;gt;", "&", "<!--", "-->", "<![CDATA[x]]>", "]]>",
    "</textarea>", "</title>", "</script>", "{{ 7*7 }}", "{% raw %}", "\\", "`", "*", "_", "~~", "|", "#",
    "[x](javascript:alert(6))", "<javascript:alert(7)>", "\u2028", "\u202e", "\u3000", "\t", "\r\n", ": ", "- ",
    "---", "...", "? ", "&a", "*a", "!!python/object:os.system", "%", "@", '"', "'", "<", ">",
)
SENTENCES = (
    "On 5 March 2025, the invented Riverport council said twelve new robot factories would open this year.",
    "The fictional Orrin Valley bureau expects four hundred technicians to be hired by the end of next year.",
    "Invented officials said the harbour programme would cost 3.5 billion yuan over five years.",
    "虚构的河港市政府2025年3月5日表示，今年将新建十二家机器人工厂，并培训四百名技术人员。",
    "Source: Invented Riverport Daily", "来源：虚构河港日报",
)
WORDS = st.sampled_from(("harbour", "robots", "Riverport", "机器人", "河港", "AI", "2025年", "Huang Kunming", "togel"))

# Text of every kind: any character (no lone surrogates: they cannot come out of a file) and the hostile pieces.
CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs",))
TEXT = st.lists(st.text(CHARACTERS, max_size=10) | st.sampled_from(HOSTILE) | WORDS | st.sampled_from(SENTENCES),
                max_size=8).map("".join)
LINE = TEXT.map(lambda text: " ".join(text.split()))

# --- HTML pages ---------------------------------------------------------------------------------

TAGS = ("p", "div", "span", "a", "b", "i", "h1", "h2", "h3", "ul", "ol", "li", "table", "tr", "td", "th",
        "blockquote", "pre", "code", "script", "style", "noscript", "template", "iframe", "svg", "math",
        "object", "embed", "img", "br", "hr", "title", "meta", "link", "article", "section", "nav",
        "footer", "header", "form", "textarea", "font", "center", "time", "main", "aside", "figure")
ATTRIBUTES = ("class", "id", "style", "hidden", "aria-hidden", "onclick", "onerror", "ONLOAD", "href", "src",
              "srcdoc", "title", "lang", "data-x", "type", "content", "name", "property", "datetime", "rel")
ATTRIBUTE_VALUES = st.sampled_from(("display:none", "visibility: hidden", "true", "javascript:alert(1)", "",
                                    "application/ld+json", "og:title", "article:published_time", "2025-03-05",
                                    "canonical", "https://example.org/invented")) | LINE


def _attributes(draw) -> str:
    pairs = draw(st.lists(st.tuples(st.sampled_from(ATTRIBUTES), ATTRIBUTE_VALUES), max_size=3))
    return "".join(f' {name}="{html_lib.escape(value)}"' if draw(st.booleans()) else f" {name}={value}"
                   for name, value in pairs)


@st.composite
def element(draw, children) -> str:
    tag = draw(st.sampled_from(TAGS))
    body = "".join(draw(st.lists(children, max_size=4)))
    closing = draw(st.sampled_from((f"</{tag}>", f"</{tag}>", "", "</div>", f"</{tag.upper()}>")))
    return f"<{tag}{_attributes(draw)}>{body}{closing}"


HTML_LEAF = TEXT.map(html_lib.escape) | TEXT | st.sampled_from(SENTENCES).map(lambda s: f"<p>{s}</p>")
HTML_TREE = st.recursive(HTML_LEAF, lambda children: element(children), max_leaves=20)
HTML_SNIPPET = st.recursive(HTML_LEAF, lambda children: element(children), max_leaves=4)


@st.composite
def html_page(draw) -> str:
    """A page: a head of facts, a body that is a random tree, maybe deep, wide or cut short."""
    head = "".join(draw(st.lists(st.sampled_from((
        "<title>Invented harbour robots</title>", '<meta property="og:title" content="Invented &lt;b&gt;robots">',
        '<meta name="description" content="An invented <script> summary">', '<link rel="canonical" href="javascript:x">',
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"<img src=x onerror=y>","datePublished":"2025-03-05"}</script>',
        '<meta property="article:published_time" content="2025-03-05T08:00:00+08:00">', "<base href=//evil.example/>",
    )), max_size=4)))
    body = draw(HTML_TREE)
    shape = draw(st.sampled_from(("plain", "plain", "deep", "wide", "cut")))
    if shape == "deep":
        tag = draw(st.sampled_from(("div", "span", "td", "li", "blockquote", "section", "b")))
        levels = draw(st.integers(0, 3000))
        opening = f"<{tag}{_attributes(draw)}>"
        body = opening * levels + body + (f"</{tag}>" * levels if draw(st.booleans()) else "")
    elif shape == "wide":
        body = body * draw(st.integers(2, 1500))
    page = f"<html><head>{head}</head><body>{body}{''.join(draw(st.lists(st.sampled_from(SENTENCES), max_size=4)))}</body></html>"
    if shape == "cut":
        page = page[: draw(st.integers(0, len(page)))]
    return page


ENCODINGS = st.sampled_from(("utf-8", "utf-8", "utf-8-sig", "utf-16", "gb18030", "cp1252"))


@st.composite
def source_bytes(draw) -> tuple[bytes, str]:
    """(raw bytes, suffix): a page in some encoding, sometimes corrupted, sometimes any bytes at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000)), draw(st.sampled_from((".html", ".htm", ".txt", ".md")))
    page = draw(html_page())
    raw = page.encode(draw(ENCODINGS), errors="replace")
    if draw(st.integers(0, 5)) == 0 and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at + 1:]
    return raw, draw(st.sampled_from((".html", ".html", ".htm", ".txt")))


# --- YAML front matter -------------------------------------------------------------------------

KEYS = ("title", "slug", "lang", "date", "source", "name", "url", "file", "sha256", "industries", "officials",
        "summary", "status", "translation", "from", "by", "problems", "converted_from", "date_note", "places")
SCALARS = (
    st.sampled_from(("en", "zh", "published", "draft", "2025-03-05", "2024-02-30", "99999-01-01", "2025-3-5",
                     "robotics", "huang-kunming", "seeds/invented.txt", "a" * 64, "https://example.org/x",
                     "javascript:alert(1)", "yes", "no", "null", "~", ".nan", "-.inf", "0x1F", "0o17", "1_000",
                     "1e400", "12:30:00", "2025-03-05T08:00:00+08:00", "", " ")) | LINE
    | st.integers(-(10 ** 30), 10 ** 30) | st.floats(allow_nan=True) | st.booleans() | st.none()
)
# Mapping keys are strings: see the report for what non-string keys still do to schema.validate.
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.sampled_from(KEYS) | LINE, inner, max_size=4), max_leaves=20)


def valid_front_matter(title="Invented harbour robots", lang="en", slug="invented-harbour-robots") -> dict:
    return {"title": title, "slug": slug, "lang": lang, "date": "2025-03-05",
            "source": {"name": "Invented Riverport Daily", "file": "seeds/000_3237dff4ecd4f46c.txt", "sha256": "a" * 64},
            "industries": ["robotics"], "officials": [], "summary": "An invented summary.", "status": "published"}


YAML_PIECES = st.sampled_from((
    "title: x\n", "title: &a x\n", "summary: *a\n", "source: {name: x, file: y}\n", "industries: [robotics, ai]\n",
    "date: 2025-03-05\n", "date: !!str 2025-03-05\n", "date: !!timestamp 2025-03-05\n", "x: !!binary aGk=\n",
    "x: !!set {a, b}\n", "x: !!omap [a: 1]\n", "x: !custom y\n", "x: !!python/object:os.system y\n",
    "summary: |\n  line one\n  line two\n", "summary: >-\n  folded\n", "  indented: x\n", "\tx: tab\n", "- item\n",
    "[a, b\n", "{a: \n", "'quoted\n", '"esc \\x41 \\u263A"\n', "# comment\n", "...\n", "---\n", "? complex\n: key\n",
    "<<: {title: x}\n", "x: " + "[" * 60 + "]" * 60 + "\n", "x: &b [1, 2]\ny: [*b, *b]\n", "\ufeff", "%YAML 1.1\n",
    "x: " + "y" * 5000 + "\n", "x: 1" + "0" * 300 + "\n", "summary: " + "z" * 200_000 + "\n", "x: " + "9" * 4000 + "\n",
    "source: " + "[" * 150 + "]" * 150 + "\n", "title:" + "".join("\n" + " " * depth + "k:" for depth in range(1, 150)) + " v\n",
    "summary: " + "[" * 1000 + "]" * 1000 + "\n", "title: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n",
))


@st.composite
def front_matter_text(draw) -> str:
    """A Markdown file with YAML front matter: valid with hostile text, dumped data, valid front matter
    edited, or YAML pieces."""
    kind = draw(st.sampled_from(("valid", "data", "edited", "pieces")))
    if kind == "valid":  # hostile text where the schema allows any
        meta = valid_front_matter(draw(LINE.filter(str.strip))[:300])
        meta["summary"] = draw(TEXT.filter(str.strip))[:800]
        meta["source"]["name"] = draw(LINE.filter(str.strip))[:200]
        yaml_text = dump_yaml(meta)
    elif kind == "data":
        data = draw(st.dictionaries(st.sampled_from(KEYS) | LINE, DATA, max_size=8))
        if draw(st.booleans()):
            data = {**valid_front_matter(), **data}
        yaml_text = dump_yaml(data)
    elif kind == "edited":
        lines = dump_yaml(valid_front_matter()).splitlines(keepends=True)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(lines)))
            edit = draw(st.sampled_from(("insert", "delete", "duplicate", "replace")))
            if edit == "insert":
                lines.insert(at, draw(YAML_PIECES | LINE.map(lambda s: s + "\n")))
            elif lines and at < len(lines):
                if edit == "delete":
                    del lines[at]
                elif edit == "duplicate":
                    lines.insert(at, lines[at])
                else:
                    key = lines[at].split(":", 1)[0]
                    lines[at] = f"{key}: {draw(LINE)}\n"
        yaml_text = "".join(lines)
    else:
        yaml_text = "".join(draw(st.lists(YAML_PIECES | LINE.map(lambda s: s + "\n"), max_size=10)))
    return f"---\n{yaml_text}---\n\n{draw(markdown_body())}\n"


# --- Markdown bodies ---------------------------------------------------------------------------

DESTINATIONS = st.sampled_from((
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", "java&#09;script:alert(1)", "jav\tascript:alert(1)",
    "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>x</script>",
    "data:image/svg+xml,<svg onload=alert(1)>", "//evil.example/x", "https://example.org/x", "/articles/x/",
    "#note", "mailto:x@example.org", " javascript:alert(1)", "<javascript:alert(1)>", "\\javascript:alert(1)",
)) | LINE
INLINE = st.one_of(
    LINE,
    st.builds(lambda text, dest, title: f'[{text}]({dest} "{title}")', LINE, DESTINATIONS, LINE),
    st.builds(lambda text, dest: f"![{text}]({dest})", LINE, DESTINATIONS),
    DESTINATIONS.map(lambda dest: f"<{dest}>"),
    st.builds(lambda text, n: "*" * n + text + "*" * n, LINE, st.integers(1, 4)),
    LINE.map(lambda text: f"`{text}`"),
    HTML_SNIPPET,
    st.sampled_from(("&#60;script&#62;", "&lt;b&gt;", "&Tab;", "&colon;", "&#x3C;img src=x onerror=y&#x3E;", "\\<b>")),
)


@st.composite
def block(draw, inner) -> str:
    text = "".join(draw(st.lists(INLINE, min_size=1, max_size=3)))
    kind = draw(st.sampled_from(("paragraph", "heading", "quote", "list", "fence", "html", "table", "reference", "nested")))
    if kind == "heading":
        return "#" * draw(st.integers(1, 7)) + " " + text
    if kind == "quote":
        return ">" * draw(st.integers(1, 5)) + " " + text
    if kind == "list":
        return "\n".join(f"{'  ' * depth}{draw(st.sampled_from(('-', '*', '1.')))} {text}" for depth in range(draw(st.integers(1, 6))))
    if kind == "fence":
        return f"```{draw(LINE)}\n{text}\n```"
    if kind == "html":
        return draw(HTML_SNIPPET)
    if kind == "table":
        return f"| {text} | b |\n|---|---|\n| {draw(LINE)} | {draw(INLINE)} |"
    if kind == "reference":
        return f"[{text}][ref]\n\n[ref]: {draw(DESTINATIONS)}"
    if kind == "nested":
        return "\n".join(draw(st.sampled_from(("> ", "- ", "1. ", "  "))) + line for line in draw(inner).split("\n"))
    return text


MARKDOWN_BLOCK = st.recursive(block(st.just("")), lambda inner: block(inner), max_leaves=4)


@st.composite
def markdown_body(draw) -> str:
    body = "\n\n".join(draw(st.lists(MARKDOWN_BLOCK, max_size=5)))
    deep = draw(st.integers(0, 8))
    if deep == 0:  # one construct nested hundreds or thousands deep
        marker = draw(st.sampled_from(("> ", "- ", "* ", "1. ", "<div>", "<b>", "*", "[", "<blockquote>")))
        body += "\n\n" + marker * draw(st.integers(1, 3000)) + draw(LINE)
    return body
