"""Deeply nested HTML: the text is kept, or the page is rejected saying how deep it is; never lost silently.

libxml2 reads HTML PARSER_DEPTH levels deep and drops the rest of the page after that point;
below FLAT_DEPTH a page is flattened to paragraphs so trafilatura's time stays linear.
"""
from __future__ import annotations

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.ingest.decode import Rejected
from digest.ingest.extract import FLAT_DEPTH, PARSER_DEPTH, flatten_deep
from digest.ingest.pipeline import build_article

DEEP_SENTENCE = "The invented Riverport council said the deepest harbour robots would arrive in June."
LEAD = ("Guangdong's provincial government announced on 5 March 2025 that the invented harbour robotics "
        "programme will expand to twelve new factories this year.")
AFTER = "Officials expect the invented programme to employ four hundred technicians by the end of next year."
SHAPES = {
    "div": ("<div>", "</div>"),
    "div with a paragraph at every level": ("<div><p>Level {n} of the invented harbour story.</p>", "</div>"),
    "hidden wrapper holding the article": ("<div hidden><p>The hidden part {n} of the invented harbour story.</p>", "</div>"),
    "list": ("<ul><li>", "</li></ul>"),
    "table": ("<table><tr><td>", "</td></tr></table>"),
    "unclosed div": ("<div>", ""),
}
NESTED = "HTML nested more than 2048 levels deep"


def nested_page(levels: int, opening: str, closing: str) -> bytes:
    wrappers = "".join(opening.format(n=n) for n in range(levels))
    return (f"<html><head><title>Invented harbour robots</title></head><body><h1>Invented harbour robots expand</h1>"
            f"<p>{LEAD}</p>{wrappers}<p>{DEEP_SENTENCE}</p>{closing * levels}<p>{AFTER}</p></body></html>").encode()


def kept_or_rejected_for_depth(raw: bytes, kit) -> str:
    """'kept' when every sentence is in the article, 'rejected' when the reason is the nesting; fails otherwise."""
    try:
        article = build_article(raw, "seeds/invented-deep.html", ".html", kit)
    except Rejected as reason:
        assert NESTED in str(reason), reason
        return "rejected"
    for sentence in (LEAD, DEEP_SENTENCE, AFTER):
        assert sentence in article.body, (sentence, article.body[:500])
    return "kept"


@pytest.mark.parametrize("shape", SHAPES)
def test_600_levels_keep_every_sentence(shape, kit):
    assert kept_or_rejected_for_depth(nested_page(600, *SHAPES[shape]), kit) == "kept"


def test_flattening_is_reported(kit):
    article = build_article(nested_page(600, *SHAPES["div"]), "seeds/invented-deep.html", ".html", kit)
    assert any(f"nested more than {FLAT_DEPTH} levels deep" in change for change in article.changes)


@pytest.mark.parametrize("shape", SHAPES)
def test_5000_levels_are_rejected_naming_the_depth(shape, kit):
    with pytest.raises(Rejected, match=f"nested more than {PARSER_DEPTH} levels deep .*more than the {PARSER_DEPTH} this tool reads"):
        build_article(nested_page(5000, *SHAPES[shape]), "seeds/invented-deep.html", ".html", kit)


@settings(max_examples=25, deadline=60_000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(levels=st.integers(0, 3000), shape=st.sampled_from(sorted(SHAPES)))
def test_any_depth_keeps_the_text_or_says_it_is_too_deep(levels, shape, kit):
    kept_or_rejected_for_depth(nested_page(levels, *SHAPES[shape]), kit)


TAGS = st.sampled_from(["div", "p", "span", "b", "section", "table", "tr", "td", "ul", "li", "h2", "br", "blockquote"])


@st.composite
def nested_markup(draw) -> str:
    """A page of random tags nested up to a few hundred deep, with words at random places."""
    parts = []
    open_tags = []
    for _ in range(draw(st.integers(0, 600))):
        action = draw(st.sampled_from(["open", "open", "open", "close", "word"]))
        if action == "open":
            tag = draw(TAGS)
            parts.append(f"<{tag}>")
            open_tags.append(tag)
        elif action == "close" and open_tags:
            parts.append(f"</{open_tags.pop()}>")
        else:
            parts.append(f" word{len(parts)} ")
    return "<html><body>" + "".join(parts) + "</body></html>"


def _depth(tree) -> int:
    deepest, depth = 0, 0
    for event, _ in lxml.etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


@settings(max_examples=60, deadline=10_000)
@given(page=nested_markup(), limit=st.integers(1, 40))
def test_flattening_keeps_every_word_in_order_and_bounds_the_depth(page, limit):
    tree = lxml.html.document_fromstring(page)
    before = "".join(tree.text_content().split())
    flatten_deep(tree, limit)
    assert "".join(tree.text_content().split()) == before
    assert _depth(tree) <= limit + 1
