"""Where a URL of the built site lands in output/, shared by the link and feed checks."""
from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import lxml.etree
import lxml.html

DEV_BASE = "http://site.invalid"  # stands for "this site" when links are root-relative
SKIPPED_SCHEMES = {"mailto", "tel", "sms", "data", "about"}


def page_url(output: Path, file: Path) -> str:
    """'/articles/x/' for output/articles/x/index.html, '/404.html' for output/404.html."""
    relative = file.relative_to(output).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return "/" + relative


def target_file(output: Path, path: str) -> tuple[Path | None, bool]:
    """(the file a URL path is served from, whether the server must redirect to reach it).

    `path` is the URL path, still percent-encoded, starting with '/'.
    """
    relative = unquote(path).lstrip("/")
    if ".." in Path(relative).parts:
        return None, False
    candidate = output / relative
    if path.endswith("/") or relative == "":
        index = candidate / "index.html"
        return (index, False) if index.is_file() else (None, False)
    if candidate.is_file():
        return candidate, False
    if candidate.is_dir() and (candidate / "index.html").is_file():
        return candidate / "index.html", True
    return None, False


def is_local_host(host: str | None) -> bool:
    """localhost, *.localhost, 127.0.0.0/8, ::1 and 0.0.0.0: addresses only the author's machine has."""
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def under(url: str, base: str) -> str | None:
    """The site path ('/x/') of an absolute URL when it lies under base, else None."""
    base = base.rstrip("/")
    if url == base:
        return "/"
    if url.startswith(base + "/"):
        return urlparse(url[len(base):]).path or "/"
    return None


def detect_siteurl(output: Path) -> str | None:
    """SITEURL of a publish build, read from the home page's canonical link (None when root-relative)."""
    home = output / "index.html"
    if not home.is_file():
        return None
    document = parse_html(home)
    for link in document.iter("link"):
        if "canonical" in (link.get("rel") or "").split():
            href = link.get("href") or ""
            parsed = urlparse(href)
            if parsed.scheme in ("http", "https") and parsed.netloc:
                return href.rstrip("/")
    return None


def parse_html(path: Path) -> lxml.html.HtmlElement:
    return _parse_html(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _parse_html(path: Path, _mtime: int) -> lxml.html.HtmlElement:
    data = path.read_bytes()
    if not data.strip():
        return lxml.html.document_fromstring("<html></html>")
    return lxml.html.document_fromstring(data)


def element_ids(document: lxml.html.HtmlElement) -> set[str]:
    ids = set()
    for element in document.iter(lxml.etree.Element):
        if element.get("id"):
            ids.add(element.get("id"))
        if element.tag == "a" and element.get("name"):
            ids.add(element.get("name"))
    return ids


CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)""")
