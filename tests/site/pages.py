"""Helpers to read a built site: pages, their links, and where a URL lands on disk."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag, urlparse

from bs4 import BeautifulSoup


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html"))


def site_pages(output: Path) -> list[Path]:
    """The pages readers browse: every HTML file but the editions' email copies (made to be pasted into mail)."""
    return [page for page in html_pages(output) if page.name != "email.html"]


def url_of(output: Path, page: Path) -> str:
    relative = page.relative_to(output).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def resolve(output: Path, href: str, base: str = "/", siteurl: str = "") -> Path | None:
    """The file an internal href points to, or None for external links."""
    url, _fragment = urldefrag(href)
    if siteurl and url.startswith(siteurl):
        url = url[len(siteurl):] or "/"
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc:
        return None
    if not parsed.path:
        url = base
    elif not parsed.path.startswith("/"):
        url = base.rsplit("/", 1)[0] + "/" + parsed.path
    path = urlparse(url).path
    target = output / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target  # /search/?both=1 is a folder too


def alternates(page: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
