"""The bilingual reading view: `/articles/<slug>/bilingual/` and `/zh/articles/<slug>/bilingual/`.

An article published in two written languages gets one such page in each tree whose language has a
version of it, showing that version and its counterpart's (`Languages.counterpart`: English beside
Chinese, Chinese and a derived Traditional Chinese beside English) block by block
(digest.site.blocks), the page's own language first; in a local preview with drafts
(`make serve ARGS=--drafts`) a draft counts as the preview shows it, and the view says so. The
blocks are cut from the bodies the build rendered for the article pages; nothing is rendered from
Markdown again. The page is a reading aid, not a third copy to find: it is left out of the search
index and the sitemap, which send readers to the article pages.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from digest.site import provenance, urls
from digest.site.blocks import align, first_unmatched, notes, split_blocks
from digest.site.i18n import format_day
from digest.site.model import Entry, Site
from digest.site.views import Links, bilingual_counterpart, term_link

N_ = lambda text: text  # noqa: E731  (marks a string for extraction; see i18n.template_messages)
NO_COUNTERPART = N_("No counterpart in the %(language)s version")

# Tags and their attributes in sanitised HTML: every value is double-quoted, with any " inside it
# escaped, so reading a tag's attributes from its start finds each one whole.
_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_ATTRIBUTE = re.compile(r'(\s([a-zA-Z][-a-zA-Z0-9]*)=")([^"]*)"')
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def _rewrite(html: str, attribute) -> str:
    """`html` with each attribute value replaced by `attribute(name, value)` (None keeps it)."""
    def tag(match: re.Match) -> str:
        def one(found: re.Match) -> str:
            new = attribute(found.group(2), found.group(3))
            return found.group() if new is None else f'{found.group(1)}{new}"'
        return _ATTRIBUTE.sub(one, match.group())
    return _TAG.sub(tag, html)


def pairs(site: Site, lang: str, only: set[str] | None = None) -> list[tuple[str, dict[str, Entry]]]:
    """(slug, {lang: entry, counterpart: entry}) of every article with a view in `lang` (of the slugs `only`, if given)."""
    found = []
    for slug, versions in sorted(site.by_slug.items()):
        if only is not None and slug not in only:
            continue
        other = bilingual_counterpart(lang, versions, site.languages)
        if other:
            found.append((slug, {lang: versions[lang], other: versions[other]}))
    return found


def has_view(site: Site, slug: str, lang: str) -> bool:
    return bilingual_counterpart(lang, site.versions(slug), site.languages) is not None


def prefix_ids(html: str, prefix: str) -> str:
    """Ids and the fragment links to them, prefixed: both versions may use one id, a page may not."""
    if ' id="' not in html and 'href="#' not in html:
        return html
    return _rewrite(html, lambda name, value: prefix + value if name == "id" else
                    f"#{prefix}{value[1:]}" if name == "href" and value.startswith("#") else None)


def from_article_folder(html: str) -> str:
    """The body's document-relative links as the article page resolves them: the view is a folder deeper."""
    if ' href="' not in html and ' src="' not in html:
        return html
    return _rewrite(html, lambda name, value: "../" + value if name in ("href", "src") and not value.startswith(("/", "#"))
                    and not _SCHEME.match(value) else None)


def view(lang: str, versions: dict[str, Entry], site: Site, links: Links, gettexts: dict) -> dict:
    """The page's context: both titles, the date, source and translation, and the pairs of blocks.
    `gettexts`: each language's gettext; a translated version's credit line is in its own language,
    as its own page words it."""
    languages = site.languages
    mine, theirs = versions[lang], next(entry for code, entry in versions.items() if code != lang)
    own_blocks = split_blocks(from_article_folder(mine.html))
    other_blocks = split_blocks(prefix_ids(from_article_folder(theirs.html), f"{theirs.lang}-"))
    own_notes, other_notes = notes(own_blocks), notes(other_blocks)
    rows = align(len(own_blocks), own_notes, len(other_blocks), other_notes)
    translated = next((entry for entry in (mine, theirs) if entry.meta.get("translation")), None)
    name = provenance.name_in((mine.meta.get("source") or {}).get("name"), lang, languages)  # a previewed draft may have none
    named = lambda code: languages[code].name_in(lang)  # noqa: E731  (a language named in the page's)
    # a derived version translates what its source translates: named as the version shown
    origin = translated and languages.written_for(translated.meta["translation"]["from"])
    primary = site.vocabularies.primary.key
    return {
        "draft": not all(entry.published for entry in (mine, theirs)),  # only in a preview with drafts
        "title": mine.title,
        "other_title": theirs.title,
        "date_iso": mine.date.isoformat(),
        "date_display": format_day(mine.date, languages[lang]),
        "kicker": [term_link(primary, site.vocabularies.term(primary, slug), lang, links)
                   for slug in mine.terms(primary)],  # the primary taxonomy's terms (industries), over the title
        "source": {"name": name.text if name else None, "name_html_lang": name.html_lang if name else None},
        "translation": {"language": named(translated.lang),
                        "original": named(next((e.lang for e in (mine, theirs) if languages.written_for(e.lang) == origin), origin))}
        if translated else None,
        "columns": [{"lang_name": languages[entry.lang].name, "language": named(entry.lang),
                     "html_lang": languages[entry.lang].tag, "url": links.href(urls.article(entry.lang, entry.slug)),
                     "credit": provenance.credit(entry.meta, gettexts[entry.lang], languages)}
                    for entry in (mine, theirs)],
        "pairs": pairs_html(rows, own_blocks, other_blocks, languages[theirs.lang].tag,
                            [gettexts[lang](NO_COUNTERPART) % {"language": named(entry.lang)}
                             for entry in (mine, theirs)]),
        "counts": None if first_unmatched(rows, own_notes, other_notes) is None else
        (len(own_blocks) - len(own_notes), len(other_blocks) - len(other_notes)),
    }


def pairs_html(rows: list[tuple[int | None, int | None]], own: list[str], other: list[str], other_lang: str,
               missing: list[str]) -> Markup:
    """The pairs of blocks (sanitised HTML), each version's in its cell, `missing[side]` where a side has none.

    Assembled here rather than in a template loop: a view has a dozen pairs or more, a large archive
    thousands of views, and the loop cost a third of rendering each."""
    own_missing, other_missing = (Markup('<div class="bi-cell bi-missing"><p>{}</p></div>').format(text) for text in missing)
    other_open = Markup('<div class="bi-cell bi-other prose" lang="{}">').format(other_lang)
    pairs = []
    for a, b in rows:
        mine = own_missing if a is None else f'<div class="bi-cell prose">{own[a]}</div>'
        theirs = other_missing if b is None else f"{other_open}{other[b]}</div>"
        pairs.append(f'<div class="bi-pair">\n{mine}\n{theirs}\n</div>')
    return Markup("\n".join(pairs))
