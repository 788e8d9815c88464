"""Fuzz (c): Markdown bodies through the site's renderer: safe HTML or a clear error, never live markup."""
from __future__ import annotations

from hypothesis import example, given

from digest.check.markup import html_findings
from digest.site import markdown
from tests.fuzz.conftest import fuzz_settings, hang_guard
from tests.fuzz.strategies import markdown_body

RENDERER = markdown.make_renderer()


@fuzz_settings("markdown")
@given(body=markdown_body())
@example(body="<blockquote>" * 3000)  # found by the fuzz: nh3 kept it all, deeper than anything reads HTML
@example(body="*" * 5000 + "x" + "*" * 5000)  # emphasis nests as deep as its delimiters run
def test_a_body_renders_to_html_without_live_markup(body, tally):
    tally("markdown")
    with hang_guard("markdown"):
        try:
            html = markdown.render(body, RENDERER)
        except markdown.TooDeep as error:
            assert str(error).startswith("body: markup nested ") and "\n" not in str(error)
            tally("markdown", "too deep")
            return
        assert markdown.nesting_depth(html) <= markdown.MAX_DEPTH
        assert html_findings(html) == [], html[:300]
    tally("markdown", "rendered")
