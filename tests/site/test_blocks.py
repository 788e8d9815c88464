"""digest.site.blocks: a rendered body cut into the blocks the bilingual view pairs, where the same blocks
start in the Markdown, which blocks are notes, and the pairing."""
from __future__ import annotations

import pytest

from digest import REPO_ROOT
from digest.bench import corpus
from digest.frontmatter import parse
from digest.site import markdown
from digest.site.blocks import align, first_unmatched, markdown_lines, notes, split_blocks

RENDERER = markdown.make_renderer()

BODY = """Invented Lanternbrook opened a ferry pier
on a Tuesday.

# Fares

- one
- two

3. third
4. fourth

   with a second paragraph

> a quote
>
> in two paragraphs

<!-- a comment, which is no block -->
*Translator's note:* with <span>inline</span> markup.

<div>raw <b>HTML</b> at the top</div>

| a | b |
|---|---|
| 1 | 2 |

```
code

more
```

---
<p title="a>b" id="fares">last</p>
"""


def render(body: str) -> str:
    return markdown.render(body, RENDERER)


def test_a_body_splits_into_its_top_level_blocks_and_each_list_item_stands_in_its_own_list():
    assert split_blocks(render(BODY)) == [
        "<p>Invented Lanternbrook opened a ferry pier\non a Tuesday.</p>",
        "<h2>Fares</h2>",
        "<ul>\n<li>one</li>\n</ul>",
        "<ul>\n<li>two</li>\n</ul>",
        '<ol start="3">\n<li>\n<p>third</p>\n</li>\n</ol>',  # a loose list: the second item has two paragraphs
        '<ol start="4">\n<li>\n<p>fourth</p>\n<p>with a second paragraph</p>\n</li>\n</ol>',
        "<blockquote>\n<p>a quote</p>\n<p>in two paragraphs</p>\n</blockquote>",
        '<p class="body-note"><em>Translator\'s note:</em> with <span>inline</span> markup.</p>',  # a note
        "raw <b>HTML</b> at the top",  # a <div> is not allowed: its content stays, as inline markup
        "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>",
        "<pre><code>code\n\nmore\n</code></pre>",
        "<hr>",
        '<p title="a&gt;b" id="fares">last</p>',
    ]


def test_the_markdown_gives_the_line_of_each_block_and_notes_are_found_by_their_class():
    assert markdown_lines(BODY) == [1, 4, 6, 7, 9, 10, 14, 19, 21, 23, 27, 33, 34]
    assert notes(split_blocks(render(BODY))) == (7,)
    assert notes(split_blocks(render("译注：虚构的说明。\n\n正文。\n\n*编者按：虚构。*\n"))) == (0, 2)


def test_nested_lists_and_quoted_lists_stay_inside_their_block():
    body = "- outer\n  - inner one\n  - inner two\n- second\n\n> - quoted\n> - list\n"
    assert split_blocks(render(body)) == [
        "<ul>\n<li>outer\n<ul>\n<li>inner one</li>\n<li>inner two</li>\n</ul>\n</li>\n</ul>",
        "<ul>\n<li>second</li>\n</ul>",
        "<blockquote>\n<ul>\n<li>quoted</li>\n<li>list</li>\n</ul>\n</blockquote>",
    ]
    assert len(markdown_lines(body)) == 3


@pytest.mark.parametrize("body, count", [
    ("", 0),
    ("<!-- only a comment -->\n", 0),
    ("<script>alert(1)</script>\n", 0),  # sanitised away
    ("Text, then raw HTML:\n\n<p>one</p><p>two</p>\n", 3),
    ("<span>inline</span> text\n\nAnd a paragraph.\n", 2),
])
def test_raw_html_counts_as_the_blocks_it_sanitises_to(body, count):
    assert len(split_blocks(render(body))) == count
    assert len(markdown_lines(body)) == count


def bodies() -> list[tuple[str, str]]:
    """Every Markdown body the repository has, and a generated corpus's."""
    files = [*(REPO_ROOT / "content").rglob("*.md"), *(REPO_ROOT / "tests/fixtures").rglob("*.md")]
    found = []
    for path in sorted(files):
        try:
            found.append((str(path), parse(path.read_text(encoding="utf-8")).body))
        except Exception:  # the fixtures of broken files
            continue
    for article in corpus.generate_articles(40, seed=7):
        found += [(f"{article.slug}.{lang}", version.body) for lang, version in article.versions.items()]
    return found


def test_the_markdown_and_the_html_count_the_same_blocks_in_every_body():
    checked = 0
    for name, body in bodies():
        assert len(markdown_lines(body)) == len(split_blocks(render(body))), name
        checked += 1
    assert checked > 80


def test_blocks_pair_in_order_and_the_rest_stand_alone():
    assert align(3, (), 3, ()) == [(0, 0), (1, 1), (2, 2)]
    rows = align(3, (), 4, ())
    assert rows == [(0, 0), (1, 1), (2, 2), (None, 3)]
    assert first_unmatched(rows, (), ()) == (None, 3)
    rows = align(3, (), 2, ())
    assert rows == [(0, 0), (1, 1), (2, None)] and first_unmatched(rows, (), ()) == (2, None)


def test_a_note_takes_a_row_alone_and_the_rest_still_pair():
    rows = align(3, (), 4, (1,))  # the other version's second block is a note of its own
    assert rows == [(0, 0), (None, 1), (1, 2), (2, 3)]
    assert first_unmatched(rows, (), (1,)) is None
    rows = align(2, (1,), 2, (0,))  # a note on each side
    assert rows == [(None, 0), (0, 1), (1, None)]
    assert first_unmatched(rows, (1,), (0,)) is None
    assert align(0, (), 0, ()) == []


def test_the_corpus_translations_pair_paragraph_by_paragraph():
    """The benchmark corpus is aligned by construction: its bilingual pages show no mismatch."""
    for article in corpus.generate_articles(20, seed=3):
        if len(article.versions) == 2:
            counts = {len(split_blocks(render(v.body))) for v in article.versions.values()}
            assert len(counts) == 1, article.slug


def test_markdown_lines_count_from_the_body():
    body = "\n".join(["First.", "", "Second", "continued.", "", "## Third"]) + "\n"
    assert markdown_lines(body) == [1, 3, 6]
