"""Fuzz (d): small whole sites of fuzzed articles, built for real: the build stops with
`path:line: message` lines, or the site it writes passes the markup and feeds checks."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from digest import REPO_ROOT, vocab
from digest.check import ERROR
from digest.check.feeds import check_feeds
from digest.check.markup import check_markup
from digest.frontmatter import dump_yaml
from digest.site.model import ContentErrors
from digest.site.run import build
from tests.fuzz.conftest import fuzz_settings, hang_guard
from tests.fuzz.strategies import LINE, front_matter_text, markdown_body, valid_front_matter

VOCABULARIES = vocab.load()
ERROR_LINE = re.compile(r"[^\n]+\.md:[1-9][0-9]*: [^\n]+")
# Characters no feed can carry stop the build (tests/site/test_reader.py); without them most sites build.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ONE_LINE = LINE.map(lambda text: NOT_XML.sub("", text)[:200]).filter(str.strip)
SUMMARY = ONE_LINE.map(lambda text: text.strip() or "Invented.")
BODY = markdown_body().map(lambda text: NOT_XML.sub("", text))
HOSTILE_ARTICLE = """---
title: '</script><script>alert(1)</script> "Invented" & <b>bold</b>'
slug: invented-fuzz-0
lang: en
date: '2025-03-05'
source: {name: '<img src=x onerror=alert(2)>', file: seeds/000_3237dff4ecd4f46c.txt, sha256: %s}
industries: [robotics]
officials: []
summary: An invented summary with & and "quotes" and javascript:alert(3)
status: published
---

<img src=x onerror=alert(4)> [link](javascript:alert(5)) <iframe src=//evil.example></iframe> &lt;script&gt;
""" % ("a" * 64)


@st.composite
def article_files(draw, index: int) -> dict[str, str]:
    """{relative path: text}: an English article, maybe its Chinese translation, maybe a broken file."""
    slug = f"invented-fuzz-{index}"
    chosen = st.lists(st.sampled_from([term.slug for term in VOCABULARIES.industries]), max_size=3, unique=True)
    people = st.lists(st.sampled_from([term.slug for term in VOCABULARIES.officials]), max_size=2, unique=True)
    meta = {**valid_front_matter(draw(ONE_LINE), "en", slug), "summary": draw(SUMMARY),
            "industries": draw(chosen), "officials": draw(people),
            "date": f"{draw(st.integers(2000, 2030))}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"}
    meta["source"] = {**meta["source"], "name": draw(ONE_LINE)}
    files = {f"en/{slug}.md": f"---\n{dump_yaml(meta)}---\n\n{draw(BODY)}\n"}
    if draw(st.booleans()):
        translated = {**meta, "lang": "zh", "title": draw(ONE_LINE), "summary": draw(SUMMARY),
                      "translation": {"from": "en", "by": draw(ONE_LINE)}}
        files[f"zh/{slug}.md"] = f"---\n{dump_yaml(translated)}---\n\n{draw(BODY)}\n"
    if draw(st.integers(0, 4)) == 0:
        files[f"en/invented-broken-{index}.md"] = draw(front_matter_text())
    return files


SITES = st.integers(1, 3).flatmap(lambda n: st.tuples(*(article_files(index) for index in range(n))))


@fuzz_settings("site")
@given(articles=SITES)
@example(articles=({"en/invented-fuzz-0.md": HOSTILE_ARTICLE},))
def test_a_site_of_fuzzed_articles_builds_clean_or_stops_with_errors_at_lines(articles, tally):
    files = {path: text for article in articles for path, text in article.items()}
    tally("site")
    with tempfile.TemporaryDirectory() as folder, hang_guard("site"):
        content, output = Path(folder) / "content", Path(folder) / "output"
        for relative, text in files.items():
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            (content / relative).write_text(text, encoding="utf-8")
        try:
            build(REPO_ROOT / "pelicanconf.py", content, output, search=False, cache=Path(folder) / "cache")
        except ContentErrors as errors:
            tally("site", "stopped with content errors")
            assert errors.errors and all(ERROR_LINE.fullmatch(str(error)) for error in errors.errors), errors
            return
        tally("site", "built and checked")
        assert check_markup(output) == []
        assert [str(p) for p in check_feeds(output) if p.severity == ERROR] == []
