"""What a reader's first search downloads: a built site served like a static host (gzip) on
127.0.0.1, its search page opened in headless Chromium, one word searched, every Pagefind
response counted from the keystroke to the network falling quiet."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from digest import localhost

# Words a reader of the bench corpus would look for: an industry of data/industries.yaml, which a
# few hundred of every 5,000 articles name.
QUERIES = {"en": ("search/", "robotics"), "zh": ("zh/search/", "机器人")}
STATUS_DONE = "() => { const s = document.querySelector('#search-status').textContent; return s && !s.endsWith('…'); }"


@dataclass(frozen=True)
class FirstQuery:
    lang: str
    query: str
    bytes: int  # Pagefind's responses, bodies and headers, as sent (gzip where the host compresses)
    requests: int
    shards_read: int
    shards: int  # the language's shards, as the search page lists them
    seconds: float  # from Enter to the results on the page
    status: str  # the results line the reader sees


class ChromiumMissing(RuntimeError):
    pass


def measure(output: Path, langs: tuple[str, ...] = ("en", "zh")) -> list[FirstQuery]:
    """One fresh browser context per language: nothing cached from another search."""
    from playwright.sync_api import sync_playwright

    chromium = localhost.find_chromium()
    if chromium is None:
        raise ChromiumMissing("no Chromium found (install Debian's chromium, or set CHROMIUM)")
    results = []
    with localhost.serve(output, localhost.StaticHost) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=localhost.BROWSER_ARGS)
        try:
            for lang in langs:
                path, query = QUERIES[lang]
                results.append(_one(browser, base, lang, path, query))
        finally:
            browser.close()
    return results


def _one(browser, base: str, lang: str, path: str, query: str) -> FirstQuery:
    context = browser.new_context()
    page = context.new_page()
    responses: list[tuple[str, int]] = []

    def record(request):
        sizes = request.sizes()
        responses.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    page.on("requestfinished", record)
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    shards = page.evaluate("() => JSON.parse(document.querySelector('[data-search]').dataset.bundles).length")
    before = len(responses)
    started = time.perf_counter()
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    page.wait_for_function(STATUS_DONE, timeout=60_000)
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    status = page.text_content("#search-status") or ""
    context.close()
    traffic = [(url, size) for url, size in responses[before:] if "/pagefind/" in url]
    read = {url.split("/pagefind/")[1].split("/")[0] for url, _ in traffic}
    return FirstQuery(lang, query, sum(size for _, size in traffic), len(traffic), len(read), shards, seconds, status)
