"""Accessibility: axe-core in headless Chromium on one page of each type, in both languages.

The built site is served from output/ on 127.0.0.1 (a free port, only for the run) and every
request to any other address is refused, so the check never touches the network. One browser,
one tab: each page is checked with all of axe's rules in the light colour scheme, then the
colour rules again in the dark scheme (the theme has one). Serious and critical violations are
errors; moderate and minor ones are warnings.

axe.min.js comes from the PyPI package `axe-playwright-python` (AXE_JS overrides it); Chromium is
/usr/bin/chromium or the first of chromium / chromium-browser / google-chrome on PATH
(CHROMIUM overrides it). Playwright drives it; `playwright install` is not needed.
"""
from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from digest import display_path, vocab
from digest.check import ERROR, WARNING, Problem
from digest.check.sitepaths import target_file, under
from digest.localhost import BROWSER_ARGS, find_chromium, serve

CHECK = "a11y"
FAILING = ("critical", "serious")
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
PAGE_TIMEOUT_MS = 30_000
AXE_RUN = "options => axe.run(document, options)"
DARK = " (dark colour scheme)"


def axe_source() -> str | None:
    if os.environ.get("AXE_JS"):
        return Path(os.environ["AXE_JS"]).read_text(encoding="utf-8")
    try:
        script = resources.files("axe_playwright_python") / "axe.min.js"
    except ModuleNotFoundError:
        return None
    return script.read_text(encoding="utf-8") if script.is_file() else None


def default_pages(output: Path, kinds: tuple[str, ...] | None = None) -> list[str]:
    """One page of each type (the newest edition and its email copy too), for each language tree present:
    paths relative to output/. `kinds`: the taxonomies' keys (default: data/taxonomies.yaml's)."""
    kinds = kinds if kinds is not None else tuple(taxonomy.key for taxonomy in vocab.load_taxonomies())
    pages = []
    for prefix in ("", "zh/"):
        root = output / prefix
        if not (root / "index.html").is_file():
            continue
        pages.append(prefix)
        articles = sorted(p.parent.name for p in (root / "articles").glob("*/index.html"))
        if articles:
            pages.append(f"{prefix}articles/{articles[0]}/")
        side_by_side = sorted(p.parent.parent.name for p in (root / "articles").glob("*/bilingual/index.html"))
        if side_by_side:  # an article's bilingual view
            pages.append(f"{prefix}articles/{side_by_side[0]}/bilingual/")
        for kind in kinds:
            if (root / kind / "index.html").is_file():
                pages.append(f"{prefix}{kind}/")
            terms = sorted((root / kind).glob("*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
            if terms:  # the fullest term page: the one listing the most articles
                pages.append(f"{prefix}{kind}/{terms[0].parent.name}/")
        if (root / "editions" / "index.html").is_file():
            pages.append(f"{prefix}editions/")
        editions = sorted(p.parent.name for p in (root / "editions").glob("*/index.html"))
        if editions:  # the newest edition, and the email copy made from it
            pages += [f"{prefix}editions/{editions[-1]}/", f"{prefix}editions/{editions[-1]}/email.html"]
        if (root / "search" / "index.html").is_file():
            pages.append(f"{prefix}search/")
        if (root / "about" / "index.html").is_file():
            pages.append(f"{prefix}about/")
        if (root / "404.html").is_file():
            pages.append(f"{prefix}404.html")
    return pages


def file_of(output: Path, page: str) -> Path:
    target = output / page
    return target / "index.html" if page == "" or page.endswith("/") else target


def source_line(path: Path, html: str) -> int | None:
    """Best effort: the line of the file where the element axe reports starts."""
    opening = html.split(">", 1)[0]
    if not opening or not path.is_file():
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
        if opening in line:
            return number
    return None


def check_accessibility(output: Path, pages: list[str] | None = None, siteurl: str | None = None) -> list[Problem]:
    """axe-core on `pages` (paths relative to output/; default: one of each type per language).

    In a publish build (`siteurl`), the pages' absolute URLs under SITEURL are answered from
    output/ too, so stylesheets load as they will in production.
    """
    output = Path(output)
    where = display_path(output)
    pages = default_pages(output) if pages is None else pages
    if not pages:
        return [Problem(where, None, "no pages to check (build the site first)", CHECK)]
    script = axe_source()
    if script is None:
        return [Problem(where, None, "cannot run axe-core: axe.min.js not found (pip install axe-playwright-python, or set AXE_JS)", CHECK)]
    executable = find_chromium()
    if executable is None:
        return [Problem(where, None, "cannot run axe-core: no Chromium found (Debian: apt-get install chromium; or set CHROMIUM)", CHECK)]
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [Problem(where, None, "cannot run axe-core: the playwright package is not installed", CHECK)]
    problems: list[Problem] = []
    with serve(output) as base, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS, headless=True)
        except PlaywrightError as error:
            return [Problem(where, None, f"cannot start Chromium ({executable}): {str(error).splitlines()[0]}", CHECK)]
        try:
            context = browser.new_context()
            context.route("**/*", functools.partial(_route, output, urlparse(base).netloc, siteurl))
            tab = context.new_page()
            tab.set_default_timeout(PAGE_TIMEOUT_MS)
            for page in pages:
                try:
                    problems.extend(_check_page(tab, base, output, page, script))
                except PlaywrightError as error:  # a page that hangs or crashes the tab: say so, go on
                    problems.append(Problem(display_path(file_of(output, page)), None,
                                            f"could not be checked: {str(error).splitlines()[0]}", CHECK))
        finally:
            browser.close()
    return problems


def _route(output: Path, host: str, siteurl: str | None, route) -> None:
    """Let requests to the local server through, answer SITEURL from output/, refuse the rest."""
    url = route.request.url
    if urlparse(url).netloc == host:
        route.continue_()
        return
    path = under(url, siteurl) if siteurl else None
    target = target_file(output, path)[0] if path else None
    if target is not None:
        route.fulfill(path=str(target))
    else:
        route.abort()


def _check_page(tab, base: str, output: Path, page: str, script: str) -> list[Problem]:
    path = file_of(output, page)
    shown = display_path(path)
    tab.emulate_media(color_scheme="light")
    response = tab.goto(base + page, wait_until="load")
    if response is None or (response.status >= 400 and not page.endswith("404.html")):
        return [Problem(shown, None, f"page did not load (HTTP {response.status if response else 'no response'})", CHECK)]
    tab.evaluate(script)
    light = tab.evaluate(AXE_RUN, {"resultTypes": ["violations"]})
    tab.emulate_media(color_scheme="dark")
    dark = tab.evaluate(AXE_RUN, {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": COLOUR_RULES}})
    found = _problems(light, path, shown, "")
    seen = {(p.line, p.message) for p in found}
    dark_only = [p for p in _problems(dark, path, shown, DARK)
                 if (p.line, p.message.replace(DARK, "", 1)) not in seen]  # the same fault in both schemes once
    return found + dark_only


def _problems(result: dict, path: Path, shown: str, scheme: str) -> list[Problem]:
    problems = []
    for violation in result.get("violations", []):
        impact = violation.get("impact") or "minor"
        severity = ERROR if impact in FAILING else WARNING
        for node in violation.get("nodes", []):
            target = " ".join(" >>> ".join(t) if isinstance(t, list) else str(t) for t in node.get("target", []))
            checks = [c.get("message") for group in ("any", "all", "none") for c in node.get(group, []) if c.get("message")]
            detail = f": {checks[0]}" if checks else ""
            message = f"{violation['id']} ({impact}){scheme} at {target}: {violation.get('help', '')}{detail}"
            problems.append(Problem(shown, source_line(path, node.get("html", "")), message, CHECK, severity))
    return problems
