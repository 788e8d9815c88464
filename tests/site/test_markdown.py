"""Markdown bodies: markup nested deeper than the site renders stops the build where the body starts."""
from __future__ import annotations

import shutil

import pytest

from digest import REPO_ROOT
from digest.check.markup import html_findings
from digest.site import markdown
from digest.site.model import ContentErrors
from tests.site.conftest import build_site

FRONT_MATTER = """---
title: Invented deep quotes
slug: invented-deep-quotes
lang: en
date: 2024-01-02
source: {name: Invented, file: seeds/000_3237dff4ecd4f46c.txt, sha256: d16d00acf18651c81c2adbd3e0bc36999243fdf9f11c362233e11eb41a928e0a}
summary: Invented.
status: published
---

"""


def test_a_body_nested_too_deep_stops_the_build_where_the_body_starts(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    (content / "en" / "invented-deep-quotes.md").write_text(FRONT_MATTER + "<blockquote>" * 150 + "Invented.\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build_site(tmp_path, "pelicanconf.py", content)
    (error,) = raised.value.errors
    assert error.path.endswith("content/en/invented-deep-quotes.md") and error.line == 10  # the line after the front matter
    assert error.message == "body: markup nested 150 levels deep, more than the 100 the site renders"


def test_the_deepest_body_the_site_renders():
    html = markdown.render("<blockquote>" * 100 + "Invented.", markdown.make_renderer())
    assert html.count("<blockquote>") == 100 and html_findings(html) == []


@pytest.mark.parametrize("html,depth", [
    ("<p>a<p>b<p>c", 0), ("<ul><li><ul><li>x</li></ul></li></ul>", 2), ("<p>a<br>b<img src=x></p>", 0),
    ("<em><strong>x</strong></em>", 2), ("<div></div><div><div></div></div>", 2), ("</div></div><b>", 1),
])
def test_depth_is_counted_from_the_tags(html, depth):
    assert markdown.nesting_depth(html) == depth
