"""Accessibility check: axe-core in headless Chromium finds a contrast failure, served from 127.0.0.1 only."""
from __future__ import annotations

import urllib.request

from digest.check.a11y import default_pages, source_line
from digest.localhost import find_chromium, serve
from tests.check.conftest import FIXTURES

SITE = FIXTURES / "a11y"


def test_a_contrast_failure_is_reported(run_check):
    run = run_check("--output", SITE, "--only", "a11y")
    assert run.status == 1
    (problem,) = run.errors()  # once: the same fault in the dark scheme is not repeated
    assert problem["path"].endswith("tests/fixtures/check/a11y/index.html") and problem["line"] == 15
    assert problem["message"].startswith("color-contrast (serious) at p")
    assert "foreground color: #b8b8b8" in problem["message"] and "Expected contrast ratio of 4.5:1" in problem["message"]


def test_a_chromium_is_available():
    assert find_chromium(), "Debian: apt-get install chromium"


def test_default_pages_cover_each_type_in_both_languages(real_site):
    pages = default_pages(real_site)
    for prefix in ("", "zh/"):
        mine = [p[len(prefix):] for p in pages if p.startswith(prefix) and not (prefix == "" and p.startswith("zh/"))]
        assert {"", "industries/", "officials/", "404.html"} <= set(mine)
        for kind in ("articles", "industries", "officials"):  # one article, one industry, one official
            assert len([p for p in mine if p.startswith(f"{kind}/") and p.count("/") == 2]) == 1, (prefix, kind, mine)
        assert len([p for p in mine if p.startswith("articles/") and p.endswith("/bilingual/")]) == 1, mine


def test_the_server_listens_on_loopback_only(tmp_path):
    (tmp_path / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    with serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base, timeout=5) as response:
            assert response.read() == b"<p>hello</p>"


def test_source_line(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<html>\n<body>\n<p class="faint">x</p>\n</body></html>', encoding="utf-8")
    assert source_line(page, '<p class="faint">x</p>') == 3
    assert source_line(page, "<div>") is None


def test_a_publish_build_loads_its_absolute_stylesheet_from_output():
    """The low contrast is in the stylesheet at https://editors.example.org/digest/theme/site.css:
    the check can only see it by answering SITEURL from output/ (and never from the network).
    A page that does not exist is reported too (same browser)."""
    from digest.check.a11y import check_accessibility

    site = FIXTURES / "a11y-publish"
    problems = check_accessibility(site, ["", "missing/"], siteurl="https://editors.example.org/digest")
    contrast, missing = problems
    assert contrast.path.endswith("a11y-publish/index.html") and contrast.line == 12
    assert contrast.message.startswith("color-contrast (serious)") and contrast.severity == "error"
    assert missing.path.endswith("a11y-publish/missing/index.html") and missing.severity == "error"
    assert "page did not load (HTTP 404)" in missing.message
