"""Markup check: live markup from content in a page or inside a feed is reported at its file and line;
the theme's own scripts, escaped text and a JSON Feed's plain-text summary are not."""
from __future__ import annotations

import pytest

from digest.check.markup import html_findings, page_findings, text_findings, xml_feed_findings
from tests.check.conftest import FIXTURES

CLEAN = FIXTURES / "markup" / "clean"
INJECTED = FIXTURES / "markup" / "injected"
PAGE = "articles/invented-injected/index.html"


@pytest.fixture(scope="module")
def injected():
    from scripts import check

    return check.run_checks(check.parse_args(["--output", str(INJECTED), "--only", "markup"]))


def at(problems, path_end: str) -> list[tuple[int, str]]:
    return sorted((p.line, p.message.removeprefix("live markup from content: ")) for p in problems if p.path.endswith(path_end))


def test_the_clean_fixture_passes(run_check):
    run = run_check("--output", CLEAN, "--only", "markup")
    assert run.status == 0, run.text
    assert run.problems == []


def test_the_cli_fails_with_path_line_message(run_check):
    run = run_check("--output", INJECTED, "--only", "markup")
    assert run.status == 1
    assert f"tests/fixtures/check/markup/injected/{PAGE}:14: live markup from content: <img onerror=\"alert(2)\">" in run.text.splitlines()


def test_every_injection_in_a_page_is_found_at_its_line(injected):
    assert at(injected, PAGE) == [
        (6, '<script type="application/ld+json">{"headline":"</script>'),  # JSON-LD broken out of
        (6, "<script>alert('ld')</script>"),
        (7, '<meta http-equiv="refresh">'),
        (8, '<base href="https://evil.example/">'),
        (13, "<script>alert(1)</script>"),
        (14, '<img onerror="alert(2)">'),
        (15, '<img onerror="alert(3)">'),
        (16, '<a href="jav\\tascript:alert(4)">'),
        (17, '<a href="  JAVASCRIPT:alert(5)">'),
        (18, '<a href="data:text/html,<script>alert(6)</script>">'),
        (19, '<iframe src="https://evil.example/">'),
        (20, '<object data="invented.swf">'),
        (21, '<embed src="invented.swf">'),
        (22, "<style>body { display: none }</style>"),
        (23, '<p style="position: fixed">'),
        (24, '<div srcdoc="<script>alert(7)</script>">'),
        (25, '<script type="application/ld+json">{"headline": "JSON-LD outside the head"}</script>'),
        (26, '<script src="https://evil.example/invented.js">'),
        (27, '<script src="/theme/js/search.js">alert(8)</script>'),
        (28, '<script src="/theme/../evil.js">'),
        (29, '<img srcset="https://example.org/a.png 1x, javascript:alert(9) 2x">'),
        (30, "<math>"),
    ]


def test_a_feed_summary_escaped_only_once_is_live_markup(injected):
    """What the site's feeds did with a summary holding `<img src=x onerror=…>` before it was escaped twice."""
    assert (12, "<img src=x onerror=alert(1)>") in at(injected, "feeds/all.atom.xml")
    assert (11, "<img src=x onerror=alert(1)>") in at(injected, "feeds/all.rss.xml")


def test_feed_content_is_read_as_html(injected):
    assert at(injected, "feeds/all.atom.xml") == [
        (12, "<img src=x onerror=alert(1)>"),
        (13, "<script>alert(2)</script>"),
        (16, "<b>"),  # an Atom title of type="html" holds text; a tag in it is markup
        (20, '<p onclick="alert(3)">'),  # type="xhtml" content
    ]
    assert at(injected, "feeds/all.rss.xml") == [(11, "<img src=x onerror=alert(1)>"),
                                                  (12, '<iframe src="https://evil.example/">')]
    assert at(injected, "feeds/all.json") == [(7, '<a href="javascript:alert(1)">')]


def test_a_publish_build_loads_the_theme_script_from_siteurl():
    page = b'<html><head></head><body><script src="https://x.example/digest/theme/js/search.js" defer></script></body></html>'
    assert page_findings(page, siteurl="https://x.example/digest") == []
    assert [f.markup for f in page_findings(page)] == ['<script src="https://x.example/digest/theme/js/search.js">']


@pytest.mark.parametrize("fragment", [
    "<p>plain</p>", "&lt;script&gt;alert(1)&lt;/script&gt;", '<a href="https://example.org/?q=javascript:x">ok</a>',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">', '<a href="/articles/on-error/">on</a>', "<p>a < b</p>",
])
def test_harmless_fragments(fragment):
    assert html_findings(fragment) == []


@pytest.mark.parametrize("fragment", [
    "<svg><animate onbegin=alert(1)></svg>", '<a href="&#106;avascript:alert(1)">x</a>', "<a href=\"java\nscript:alert(1)\">",
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<details open ontoggle=alert(1)>", "<a href=' vbscript:msgbox(1)'>x</a>", "<frameset><frame src=x></frameset>",
])
def test_live_fragments(fragment):
    assert html_findings(fragment), fragment


@pytest.mark.parametrize("text,found", [
    ("An invented summary, 3 < 4 and 5 > 4.", []), ("&lt;img src=x&gt; escaped", []),
    ("a <img src=x onerror=alert(1)> b", ["<img src=x onerror=alert(1)>"]), ("<!-- c -->", ["<!-- c -->"]),
    ("x </p y", ["</p y"]),
])
def test_plain_text_holds_no_tag(text, found):
    assert [f.markup for f in text_findings(text, 1)] == found


def test_what_cannot_be_read_to_the_end_is_an_error_too():
    (deep,) = html_findings("<div>" * 2100 + "<script>alert(1)</script>")
    assert deep.message() == "cannot check the rest: Excessive depth in document: 2048, use XML_PARSE_HUGE option"
    (broken,) = xml_feed_findings(b"<feed xmlns='http://www.w3.org/2005/Atom'><entry></feed>")
    assert broken.message().startswith("cannot check the rest: the feed is not well-formed XML") and broken.line == 1
