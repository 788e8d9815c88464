"""A built site served on 127.0.0.1 and a headless Debian Chromium driven by Playwright."""
from __future__ import annotations

import contextlib
from pathlib import Path

from digest import localhost


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` like a static host on 127.0.0.1; yields the base URL (no trailing slash)."""
    with localhost.serve(directory, localhost.StaticHost) as base:
        yield base.rstrip("/")


@contextlib.contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=localhost.find_chromium(), args=localhost.BROWSER_ARGS)
        try:
            yield instance
        finally:
            instance.close()


class Page:
    """A Playwright page that records console errors and every response's size."""

    def __init__(self, context):
        self.page = context.new_page()
        self.errors: list[str] = []
        self.responses: list[tuple[str, int]] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("requestfinished", self._record)

    def _record(self, request):
        response = request.response()
        sizes = request.sizes()
        self.responses.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"] if response else 0))

    def search(self, base: str, path: str, query: str, both: bool = False) -> list[str]:
        """Open a search page, type the query, wait for the status line; return result hrefs."""
        self.page.goto(f"{base}/{path}{'?both=1' if both else ''}")
        self.page.fill("#search-q", query)
        self.page.press("#search-q", "Enter")
        self.wait_for_status()
        return self.result_links()

    def wait_for_status(self):
        self.page.wait_for_function(
            "() => { const s = document.querySelector('#search-status').textContent; return s && !s.endsWith('…'); }",
            timeout=15_000)

    def result_links(self) -> list[str]:
        return self.page.eval_on_selector_all("[data-results] .article-item-title a", "links => links.map(a => a.getAttribute('href'))")

    def status(self) -> str:
        return self.page.text_content("#search-status")
