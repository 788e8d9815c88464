"""Which content file a built page's text comes from, and the line of a link in it.

An article page's body is one Markdown file's body, and so is an edition page's editor's note; a
fault in a link there is the editor's to fix in that file, so the checks report it at the file's
line rather than at the built page. An article's bilingual view holds both versions' bodies: a
block is its own language's file's. The rest of a page comes from the theme's templates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from digest import display_path, languages as site_languages
from digest.languages import Languages
from digest.frontmatter import FrontMatterError, parse
from digest.site import editions, urls
from digest.site.files import article_paths, read_article

BODY_CLASS = "prose"  # theme/templates: the element holding an article's or a note's rendered Markdown


@dataclass(frozen=True)
class Source:
    display: str  # the content file, as printed
    lines: tuple[str, ...]
    body_line: int  # the first line after the front matter


def body_sources(content: Path, languages: Languages | None = None) -> dict[str, Source]:
    """{site path of a page ('/zh/articles/x/'): the content file its body comes from}."""
    sources: dict[str, Source] = {}
    for path in article_paths(content):
        shown = display_path(path)
        text, _ = read_article(path, shown)  # an unreadable file is the metadata check's to report
        if text is None:
            continue
        try:
            document = parse(text)
        except FrontMatterError:
            continue
        page = _page_of(document.metadata, editions.is_note(str(path), content), languages or site_languages.default())
        if page is not None:
            sources.setdefault(page, Source(shown, tuple(text.split("\n")), document.body_line))
    return sources


def _page_of(meta: dict, is_note: bool, languages: Languages) -> str | None:
    lang, name = meta.get("lang"), meta.get("edition" if is_note else "slug")
    if lang not in languages.written or not isinstance(name, str):
        return None
    return "/" + (urls.edition(lang, name) if is_note else urls.article(lang, name))


_BILINGUAL = re.compile(r"^/(?:(?P<lang>[a-z]{2,3}(?:-[a-z0-9]+)*)/)?articles/(?P<slug>[^/]+)/bilingual/$")


def body_page(page: str, body_lang: str | None, languages: Languages | None = None) -> str:
    """The page whose content file wrote a body on `page`: itself, except on a bilingual view, where a
    block is its article page's in the language of the block (`body_lang`, or the view's own)."""
    match = _BILINGUAL.match(page)
    if match is None:
        return page
    languages = languages or site_languages.default()
    lang_of = {language.tag: language.code for language in languages}
    lang = lang_of.get(body_lang or "") or match.group("lang") or languages.default.code
    return "/" + urls.article(lang, match.group("slug"))


def first_line_with(lines, start: int, needles) -> int | None:
    """The 1-based number of the first line from `start` on that contains a needle (the first needle
    found anywhere wins over later ones), else None."""
    for needle in needles:
        for index in range(start - 1, len(lines)):
            if needle in lines[index]:
                return index + 1
    return None


def link_line(source: Source, href: str) -> int:
    """The line of the body that writes `href` (as built, or as an editor typed it), else the body's first."""
    return first_line_with(source.lines, source.body_line, written_forms(href)) or source.body_line


def written_forms(href: str) -> list[str]:
    """How a link in the built page may be written in Markdown: as built, unescaped (markdown-it
    percent-encodes), without its fragment, and site-relative when the build made it absolute."""
    parsed = urlparse(href)
    forms = [href, unquote(href), href.split("#", 1)[0]]
    if parsed.netloc and parsed.path:
        forms.append(parsed.path + (f"#{parsed.fragment}" if parsed.fragment else ""))
    return [form for form in dict.fromkeys(forms) if form]
