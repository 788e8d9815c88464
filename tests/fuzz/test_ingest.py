"""Fuzz (a): source bytes and HTML pages (deep, wide, cut short, hostile) through build_article:
a Rejected with its reason, or an article that matches the schema and carries no markup."""
from __future__ import annotations

import pytest
from hypothesis import example, given
from markdown_it import MarkdownIt

from digest import vocab
from digest.check.markup import html_findings
from digest.frontmatter import parse
from digest.ingest.decode import Rejected
from digest.ingest.pipeline import Toolkit, build_article
from digest.ingest.write import render_article
from digest.site import markdown
from digest.site.model import read_entry
from tests.fuzz.conftest import fuzz_settings, hang_guard
from tests.fuzz.strategies import source_bytes

RENDERER = markdown.make_renderer()
VOCABULARIES = vocab.load()
# Without the sanitiser: ingest escapes every source character itself, so nothing may come through.
UNSANITISED = MarkdownIt("commonmark", {"html": True}).enable("table")


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    return Toolkit.create()


@fuzz_settings("ingest")
@given(source=source_bytes())
@example(source=(b"<html><body>" + b"<table><tr><td>" * 700 + b"<p>On 5 March 2025, the invented Riverport council said"
                 b" twelve new robot factories would open.</p></body></html>", ".html"))
@example(source=(b"<html><body>" + b"<div>" * 5000 + b"<p>Invented.</p></body></html>", ".html"))
@example(source=(("On 5 March 2025, the invented Riverport council said twelve new robot factories would open, "
                  "officials said. " * 3 + "A control character\x05 stays in.\n").encode(), ".txt"))  # found: the build failed
def test_a_source_becomes_a_valid_article_or_is_rejected_with_a_reason(source, toolkit, tally):
    raw, suffix = source
    tally("ingest")
    with hang_guard("ingest"):
        try:
            article = build_article(raw, "seeds/invented-fuzz" + suffix, suffix, toolkit)
        except Rejected as reason:
            assert str(reason) and "\n" not in str(reason)
            tally("ingest", "rejected")
            return
        text = render_article(toolkit.env, article.front_matter, article.body)
        entry, errors = read_entry(f"content/{article.front_matter['lang']}/invented-fuzz.md", text, VOCABULARIES,
                                   lambda body: markdown.render(body, RENDERER))
    assert [str(error) for error in errors] == []  # what ingest writes, the build reads
    assert html_findings(entry.html) == []
    body = parse(text).body
    assert html_findings(UNSANITISED.render(body)) == [], body[:300]
    tally("ingest", article.front_matter["status"])
