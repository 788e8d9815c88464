"""The site's own pages (the about page): Markdown that editors write, with facts the build adds.

A page is `content/pages/<page>.<lang>.md`: YAML front matter (schema/page.schema.json) and a
Markdown body, read and validated like articles and editor's notes, errors as `path:line: message`.
What the page says about the vocabularies (how many terms of each taxonomy the digest follows --
industries, officials, places -- and their names) is not written in the Markdown but taken from data/*.yaml at build time
(`coverage`), so it cannot fall out of date.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digest import PAGE_SCHEMA_PATH
from digest.site import urls
from digest.site.files import is_under, split_under
from digest.site.model import ContentError, claimed_twice, parse_checked, source_key
from digest.vocab import Vocabularies

PAGES_FOLDER = "pages"  # under the content folder
ABOUT = "about"


@dataclass(frozen=True)
class Page:
    """One of the site's own pages in one language."""

    path: str
    meta: dict
    html: str
    source_key: str
    key_lines: dict

    @property
    def name(self) -> str:
        return self.meta["page"]

    @property
    def lang(self) -> str:
        return self.meta["lang"]


def is_page(path: str, content: Path) -> bool:
    """Whether a content file (as displayed: relative to the working folder, or absolute) is under content/pages/."""
    return is_under(path, content, PAGES_FOLDER)


def split_pages(files: list[tuple[str, str]], content: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(the rest, pages) of the (path, text) pairs read from the content folder."""
    return split_under(files, content, PAGES_FOLDER)


def read_page(path: str, text: str, render, languages: tuple[str, ...] | None = None) -> tuple[Page | None, list[ContentError]]:
    """Parse and validate one page file; `render` turns its Markdown body into safe HTML."""
    document, errors = parse_checked(path, text, PAGE_SCHEMA_PATH, languages=languages)
    if document is None or errors:
        return None, errors
    return Page(path, document.metadata, render(document.body), source_key(text), document.key_lines), []


def check_pages(files: list[tuple[str, str]], render,
                languages: tuple[str, ...] | None = None) -> tuple[dict[tuple[str, str], Page], list[ContentError]]:
    """{(page, lang): page} of the valid files, and every error, two files for one page and language too.
    `languages`: the written languages a page may be in (see model.parse_checked)."""
    pages: list[Page] = []
    errors: list[ContentError] = []
    for path, text in sorted(files):
        page, problems = read_page(path, text, render, languages)
        errors.extend(problems)
        if page is not None:
            pages.append(page)
    errors.extend(claimed_twice(pages, lambda page: (page.name, page.lang), lambda page, key, others: ContentError(
        page.path, page.key_lines.get("page", 1), f"page '{key[0]}' ({key[1]}) is also written in {others}")))
    first: dict[tuple[str, str], Page] = {}
    for page in pages:
        first.setdefault((page.name, page.lang), page)
    return first, errors


def split_intro(html: str) -> tuple[str, str]:
    """(what comes before the body's first heading, the rest): the page shows what the digest follows
    between its introduction and its sections."""
    start = html.find("<h2")
    return (html, "") if start < 0 else (html[:start], html[start:])


def coverage(vocabularies: Vocabularies, lang: str, href, group_labels: dict) -> list[dict]:
    """What the digest follows, from the vocabularies: each taxonomy (data/taxonomies.yaml's order)
    with its terms by group, named and linked: [{key, title, count_label (msgids), count, url, groups}].

    `href(path)` makes a link; `group_labels` is {group: label in `lang`}. Groups come in the order
    the vocabulary first names them (industries.yaml's); a group without a label is listed with none."""
    followed = []
    for taxonomy in vocabularies.taxonomies:
        groups: dict[str | None, list[dict]] = {}
        for term in vocabularies.terms(taxonomy.key):
            groups.setdefault(term.group, []).append({"name": term.name[lang],
                                                      "url": href(urls.term(lang, taxonomy.key, term.slug))})
        followed.append({
            "key": taxonomy.key, "title": taxonomy.labels.title, "count_label": list(taxonomy.labels.count),
            "count": len(vocabularies.terms(taxonomy.key)), "url": href(urls.term_index(lang, taxonomy.key)),
            "groups": [{"label": group_labels.get(group), "count": len(terms), "terms": terms}
                       for group, terms in groups.items()],
        })
    return followed
