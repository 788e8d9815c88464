"""`make serve` in a real browser (headless Debian Chromium through Playwright): a saved edit reloads
the page once it is built; a failed build shows its `path:line: message` errors, as text, over the
last good page; the fix reloads it."""
from __future__ import annotations

import pytest

from tests.site.browser import browser
from tests.site.test_serve import WAIT, Server
from tests.site.test_urls import SLUG

NEW = "invented-live-edit"
ARTICLE = """---
title: Invented Stonelark County opens a fictional test field
slug: invented-live-edit
lang: en
date: 2025-02-04
source:
  name: Example Herald (invented)
industries: {industries}
summary: An invented article written while make serve runs.
status: published
---

The invented Stonelark County opened a fictional test field of 7 invented hectares.
"""
INJECTED = "<img src=x onerror=window.__injected=1>"  # an editor's typo that is also markup


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    running.stop()


@pytest.fixture
def page():
    with browser() as chromium:
        context = chromium.new_context()
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        yield tab
        context.close()


def test_a_saved_edit_reloads_the_page_once_it_is_built(server, page):
    page.goto(f"{server.url}articles/{SLUG}/")
    page.evaluate("window.__before_the_edit = true")  # gone after a reload, kept by a patch of the page
    article = server.content / "en" / f"{SLUG}.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nAn invented sentence the editor just saved.\n",
                       encoding="utf-8")
    page.wait_for_function("() => document.querySelector('.prose').textContent.includes('the editor just saved')",
                           timeout=WAIT * 1000)
    assert page.evaluate("window.__before_the_edit") is None
    assert page.errors == []


def test_a_failed_build_shows_its_errors_over_the_last_good_page_and_the_fix_reloads_it(server, page):
    response = page.goto(f"{server.url}articles/{NEW}/")  # not written yet: the site's 404 page
    assert response.status == 404 and page.text_content("h1") == "Page not found"
    article = server.content / "en" / f"{NEW}.md"
    article.write_text(ARTICLE.format(industries=f"['{INJECTED}']"), encoding="utf-8")

    overlay = page.locator("#live-build-errors [role=alert]")  # in an open shadow root: locators see into it
    overlay.wait_for(timeout=WAIT * 1000)
    errors = overlay.locator("li").all_text_contents()
    assert any(error.endswith(f"content/en/{NEW}.md:8: industries: unknown slug '{INJECTED}' (not in data/industries.yaml)")
               for error in errors), errors
    assert overlay.locator(".title").text_content() == f"Build failed: {len(errors)} error{'s' if len(errors) > 1 else ''}"
    assert page.locator("#live-build-errors img").count() == 0 and page.evaluate("window.__injected") is None
    assert page.text_content("h1") == "Page not found"  # the last good page stays under the overlay

    article.write_text(ARTICLE.format(industries="[robotics]"), encoding="utf-8")
    page.wait_for_function("() => document.querySelector('h1').textContent.includes('Stonelark County')",
                           timeout=WAIT * 1000)
    assert page.locator("#live-build-errors").count() == 0
    assert page.errors == []
