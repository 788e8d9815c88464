"""Links: every href/src of the built site resolves, fragments included.

- An internal link must reach a file in output/ (a folder link needs its trailing slash), and a
  `#fragment` must name an `id` on the target page.
- No link to localhost (or 127.0.0.1, ::1) and none to a `file:` path or `javascript:`.
- In a publish build (absolute links; SITEURL given or read from the home page's canonical
  link) every link to the site's own host stays under SITEURL, and so do the Open Graph and
  JSON-LD URLs, the sitemap and robots.txt.
- A 404 page is served at any missing URL, so it may not use document-relative links.
- Links to other sites are listed as notices, and fetched only by `check_external`
  (`--external`).
"""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import lxml.etree

from digest import display_path
from digest.check import ERROR, NOTICE, WARNING, Problem
from digest.check.sitepaths import (CSS_URL, DEV_BASE, SKIPPED_SCHEMES, element_ids, is_local_host, page_url,
                                    parse_html, target_file, under)
from digest.check.sources import BODY_CLASS, Source, body_page, body_sources, link_line

CHECK = "links"
# (tag, attribute) pairs that hold one URL; srcset holds several.
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "form": ("action",), "img": ("src", "srcset"),
    "script": ("src",), "source": ("src", "srcset"), "iframe": ("src",), "audio": ("src",), "video": ("src", "poster"),
    "track": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",), "blockquote": ("cite",),
    "q": ("cite",), "ins": ("cite",), "del": ("cite",),
}
META_URLS = ("og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image")
JSON_LD_URL_KEYS = ("url", "@id", "image", "logo", "sameAs")
USER_AGENT = "pearl-river-digest-link-check/1"


@dataclass(frozen=True)
class Link:
    page: Path
    line: int | None
    url: str
    what: str = "link"  # link | meta | json-ld | css | sitemap | robots
    in_body: bool = False  # written in the page's article or note text, not by a template
    body_lang: str | None = None  # the lang attribute of the body that holds it (the bilingual view's other version)


@dataclass
class External:
    url: str
    first: Link
    count: int = 1
    pages: set = field(default_factory=set)


def check_links(output: Path, siteurl: str | None = None, external: list[External] | None = None,
                content: Path | None = None) -> list[Problem]:
    """Problems with the links of every page, stylesheet, the sitemap and robots.txt.

    External links are appended to `external` (when given) and listed as notices. With `content`
    (the folder the site was built from), a problem with a link in an article's or a note's text
    is reported at its line in the Markdown file.
    """
    output = Path(output)
    base = siteurl.rstrip("/") if siteurl else DEV_BASE
    problems: list[Problem] = []
    outside: dict[str, External] = {}
    sources: dict[str, Source] | None = None
    for file in sorted(output.rglob("*")):
        if file.suffix in (".html", ".htm") and file.is_file():
            links = html_links(file, publish=bool(siteurl))
        elif file.suffix == ".css" and file.is_file():
            links = css_links(file)
        else:
            continue
        page = base + page_url(output, file)
        for link in links:
            found = _check_one(output, link, page, base, siteurl, outside)
            if found and link.in_body and content is not None:
                sources = sources if sources is not None else body_sources(content)  # read once, when needed
                source = sources.get(body_page(page_url(output, file), link.body_lang))
                found = [at_source(problem, source, link.url) for problem in found]
            problems.extend(found)
    problems.extend(_check_sitemap(output, siteurl))
    for item in outside.values():
        where = f" (and {len(item.pages) - 1} more page(s))" if len(item.pages) > 1 else ""
        problems.append(Problem(display_path(item.first.page), item.first.line,
                                f"external link {item.url}{where}; checked only with --external", CHECK, NOTICE))
    if external is not None:
        external.extend(outside.values())
    return problems


def html_links(file: Path, publish: bool = False) -> list[Link]:
    document = parse_html(file)
    body = {element: text.get("lang") for text in document.find_class(BODY_CLASS) for element in text.iter(lxml.etree.Element)}
    links = []
    for element in document.iter(lxml.etree.Element):
        tag = element.tag if isinstance(element.tag, str) else ""
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            value = element.get(attribute)
            if value is None:
                continue
            urls = [c.split()[0] for c in value.split(",") if c.strip()] if attribute == "srcset" else [value.strip()]
            links.extend(Link(file, element.sourceline, url, in_body=element in body, body_lang=body.get(element))
                         for url in urls)
        if not publish:
            continue
        if tag == "meta" and (element.get("property") or element.get("name")) in META_URLS and element.get("content"):
            links.append(Link(file, element.sourceline, element.get("content").strip(), "meta"))
        if tag == "script" and element.get("type") == "application/ld+json" and element.text:
            links.extend(Link(file, element.sourceline, url, "json-ld") for url in _json_ld_urls(element.text))
    return links


def _json_ld_urls(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return []
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in JSON_LD_URL_KEYS and isinstance(value, str) and value.startswith(("http://", "https://")):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return found


def css_links(file: Path) -> list[Link]:
    links = []
    for number, line in enumerate(file.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
        links.extend(Link(file, number, match.group("url").strip(), "css") for match in CSS_URL.finditer(line))
    return links


def _check_one(output: Path, link: Link, page: str, base: str, siteurl: str | None,
               outside: dict[str, External]) -> list[Problem]:
    href = link.url
    where = (display_path(link.page), link.line)
    problem = lambda message, severity=ERROR: [Problem(*where, message, CHECK, severity)]  # noqa: E731
    if href == "" or href.startswith("#") and len(href) == 1:
        return []
    scheme = urlparse(href).scheme.lower()
    if scheme in SKIPPED_SCHEMES:
        return []
    if scheme == "javascript":
        return problem(f"javascript: URL in {link.what}: {href[:60]}")
    if scheme == "file":
        return problem(f"{link.what} to a file: path {href} (it exists only on the author's machine)")
    if link.page.name == "404.html" and not scheme and not href.startswith(("/", "#")) and link.what != "css":
        return problem(f"document-relative {link.what} {href} on a 404 page breaks when the page is served at "
                       f"another URL; use a root-relative or absolute URL")
    absolute = urljoin(page, href)
    parsed = urlparse(absolute)
    if parsed.scheme not in ("http", "https"):
        return _external(outside, link, absolute)
    if is_local_host(parsed.hostname):
        return problem(f"{link.what} to {href}: localhost exists only on the author's machine")
    path = under(absolute, base)
    if path is None:
        if siteurl and parsed.hostname == urlparse(base).hostname:
            resolved = f" (it resolves to {absolute})" if absolute != href else ""
            return problem(f"{link.what} {href} leaves SITEURL {siteurl}{resolved}")
        return _external(outside, link, absolute)
    if link.what in ("meta", "json-ld") and not urlparse(href).scheme:
        return problem(f"{link.what} URL {href} must be absolute")
    target, redirected = target_file(output, path)
    if target is None:
        return problem(f"broken {link.what} {href}: nothing at {display_path(output)}{unquote(path)}")
    found = []
    if redirected:
        found += problem(f"{link.what} {href} points at a folder without its trailing slash (a redirect); "
                         f"write {path}/", WARNING)
    fragment = unquote(parsed.fragment)
    if fragment and target.suffix in (".html", ".htm") and fragment.lower() != "top":
        if fragment not in element_ids(parse_html(target)):
            found += problem(f"broken fragment {href}: {display_path(target)} has no element with id=\"{fragment}\"")
    return found


def at_source(problem: Problem, source: Source | None, href: str) -> Problem:
    """The problem moved to the line of the content file that wrote the link, when there is one."""
    if source is None:
        return problem
    return Problem(source.display, link_line(source, href), problem.message, problem.check, problem.severity)


def _external(outside: dict[str, External], link: Link, url: str) -> list[Problem]:
    key = url.split("#", 1)[0]
    if key in outside:
        outside[key].count += 1
        outside[key].pages.add(link.page)
    else:
        outside[key] = External(key, link, 1, {link.page})
    return []


def _check_sitemap(output: Path, siteurl: str | None) -> list[Problem]:
    """sitemap.xml: every <loc> and hreflang alternate is absolute and lands on a page of the site."""
    robots, sitemap = output / "robots.txt", output / "sitemap.xml"
    problems: list[Problem] = []
    base = siteurl
    if robots.is_file():
        for number, line in enumerate(robots.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
            match = re.match(r"(?i)\s*sitemap\s*:\s*(\S+)", line)
            if not match:
                continue
            url = match.group(1)
            if siteurl and under(url, siteurl) is None:
                problems.append(Problem(display_path(robots), number, f"Sitemap URL {url} is not under SITEURL {siteurl}", CHECK))
            elif url.endswith("/sitemap.xml"):
                base = base or url[: -len("/sitemap.xml")]
    if not sitemap.is_file():
        return problems
    try:
        tree = lxml.etree.parse(str(sitemap))
    except lxml.etree.XMLSyntaxError as error:
        return problems + [Problem(display_path(sitemap), error.lineno, f"not well-formed XML: {error.msg}", CHECK)]
    for element in tree.iter("{*}loc", "{http://www.w3.org/1999/xhtml}link"):
        url = (element.text if element.tag.endswith("loc") else element.get("href")) or ""
        url = url.strip()
        where = (display_path(sitemap), element.sourceline)
        if not urlparse(url).scheme:
            problems.append(Problem(*where, f"sitemap URL {url!r} must be absolute", CHECK))
            continue
        if is_local_host(urlparse(url).hostname) and siteurl:
            problems.append(Problem(*where, f"sitemap URL {url} points at localhost", CHECK))
            continue
        path = under(url, base) if base else None
        if path is None:
            problems.append(Problem(*where, f"sitemap URL {url} is not under {base or 'the site (no Sitemap line in robots.txt)'}", CHECK))
        elif target_file(output, path)[0] is None:
            problems.append(Problem(*where, f"sitemap URL {url}: nothing at {display_path(output)}{unquote(path)}", CHECK))
    return problems


Fetch = Callable[[str, float], tuple[int | None, str]]


def fetch_status(url: str, timeout: float) -> tuple[int | None, str]:
    """(HTTP status, reason) with HEAD, then GET when the server refuses HEAD; (None, why) on failure."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.reason
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return error.code, str(error.reason)
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return None, str(reason)
    return None, "no answer"  # pragma: no cover


def check_external(links: list[External], timeout: float = 10.0, fetch: Fetch = fetch_status,
                   workers: int = 8) -> list[Problem]:
    """Fetch each external URL once; an error status or no answer is an error at its first use."""
    def one(item: External) -> Problem | None:
        status, reason = fetch(item.url, timeout)
        if status is not None and status < 400:
            return None
        what = f"HTTP {status} {reason}".strip() if status is not None else f"no answer ({reason})"
        more = f" (used on {len(item.pages)} pages)" if len(item.pages) > 1 else ""
        return Problem(display_path(item.first.page), item.first.line, f"external link {item.url}: {what}{more}", CHECK)

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(links) or 1))) as pool:
        return [p for p in pool.map(one, links) if p is not None]
