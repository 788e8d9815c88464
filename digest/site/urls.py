"""The public URL scheme (the README's URL table): these paths do not change once published.

Paths are relative to the site root, without a leading slash. The languages are data
(data/languages.yaml, digest/languages.py), which checks that each is where `prefix` puts it: the
default language at the root, every other under its code.
"""
from __future__ import annotations

DEFAULT_LANG = "en"  # the first language of data/languages.yaml
FEED_FORMATS = {"atom": "atom.xml", "rss": "rss.xml", "json": "json"}
FEED_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def lang_of(path: str, codes) -> str:
    """The language whose tree a site path (without a leading slash) is in."""
    first = path.split("/", 1)[0]
    return first if first in codes and first != DEFAULT_LANG else DEFAULT_LANG


def paged(path: str, page: int) -> str:
    return path if page <= 1 else f"{path}page/{page}/"


def home(lang: str, page: int = 1) -> str:
    return paged(prefix(lang), page)


def article(lang: str, slug: str) -> str:
    return f"{prefix(lang)}articles/{slug}/"


def bilingual(lang: str, slug: str) -> str:
    """The article's two versions side by side, the page's language first."""
    return f"{article(lang, slug)}bilingual/"


def term_index(lang: str, kind: str) -> str:
    return f"{prefix(lang)}{kind}/"


def term(lang: str, kind: str, slug: str, page: int = 1) -> str:
    return paged(f"{prefix(lang)}{kind}/{slug}/", page)


def feed(lang: str, fmt: str, kind: str | None = None, slug: str | None = None) -> str:
    if kind is None:
        return f"{prefix(lang)}feeds/all.{FEED_FORMATS[fmt]}"
    return f"{term(lang, kind, slug)}feed.{FEED_FORMATS[fmt]}"


def editions(lang: str) -> str:
    return f"{prefix(lang)}editions/"


def edition(lang: str, edition_id: str) -> str:
    return f"{prefix(lang)}editions/{edition_id}/"


def edition_email(lang: str, edition_id: str, ext: str = "html") -> str:
    """The email-ready copy of an edition (`html`) and its plain-text alternative (`txt`)."""
    return f"{edition(lang, edition_id)}email.{ext}"


def editions_feed(lang: str, fmt: str) -> str:
    return f"{editions(lang)}feed.{FEED_FORMATS[fmt]}"


def search(lang: str) -> str:
    return f"{prefix(lang)}search/"


def page(lang: str, name: str) -> str:
    """One of the site's own pages (content/pages/<name>.<lang>.md): `about/`, `zh/about/`."""
    return f"{prefix(lang)}{name}/"


def not_found(lang: str) -> str:
    return f"{prefix(lang)}404.html"


def output_file(path: str) -> str:
    """Where a URL path is written: directories get an index.html."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path


def href(siteurl: str, path: str) -> str:
    """A link: root-relative when siteurl is empty (development), absolute otherwise."""
    return f"{siteurl.rstrip('/')}/{path}"
