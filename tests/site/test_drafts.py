"""Drafts preview (`make serve ARGS=--drafts`): a draft with a title and a date is built, under a
DRAFT banner, into a folder of its own; the published build never has a draft."""
from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from digest import REPO_ROOT
from scripts import build as build_script
from digest.site.run import build
from tests.site.conftest import SITE_FIXTURES, content_with_fixtures, settings_file

DRAFTS = SITE_FIXTURES / "drafts"
DRAFT = "invented-dated-draft"
TITLE = "Invented Lanternbrook County drafts a fictional drone corridor"


def html_files(output):
    return {path: path.read_text(encoding="utf-8") for path in output.rglob("*.html")}


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    """The real content, the site fixtures (an undated draft among them) and a dated draft."""
    target = content_with_fixtures(tmp_path_factory.mktemp("drafts") / "content")
    shutil.copytree(DRAFTS, target, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="module")
def preview(content, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("preview")
    warnings = build(REPO_ROOT / "pelicanconf.py", content, tmp / "output", search=False, cache=tmp / "cache", drafts=True)
    return tmp / "output", warnings


def test_a_dated_draft_is_previewed_under_a_draft_banner_listing_its_problems(preview):
    output, _ = preview
    page = BeautifulSoup((output / "articles" / DRAFT / "index.html").read_text(encoding="utf-8"), "html.parser")
    banner = page.select_one("article .draft-banner")
    assert banner is not None and banner.select_one(".draft-banner-title").get_text() == "Draft"
    assert [li.get_text() for li in banner.select("li")] == [
        "source.name: not found in the invented source", "summary: <b>still to write</b>"]  # text, not markup
    assert banner.find("b") is None
    assert page.h1.get_text() == TITLE
    assert page.select_one(".source-box .source-name") is None  # no source name yet: none shown, no "None"
    assert "None" not in page.select_one(".source-box").get_text()


def test_a_draft_is_marked_where_it_is_listed_in_both_languages(preview):
    output, _ = preview
    for listing in ("index.html", "zh/index.html", "industries/robotics/index.html", "editions/2025-W06/index.html"):
        page = BeautifulSoup((output / listing).read_text(encoding="utf-8"), "html.parser")
        item = next(li for li in page.select("li.article-item") if li.a and li.a["href"].endswith(f"/articles/{DRAFT}/"))
        assert item.select_one(".draft-tag").get_text() == ("草稿" if listing.startswith("zh/") else "Draft"), listing
    published = BeautifulSoup((output / "articles" / "invented-untranslated-harbour-robots" / "index.html").read_text(
        encoding="utf-8"), "html.parser")
    assert published.select(".draft-banner, .draft-tag") == []


def test_a_draft_without_a_date_is_left_out_of_the_preview_with_a_warning(preview):
    output, warnings = preview
    assert not (output / "articles" / "invented-draft").exists()
    assert any(w.endswith("content/en/invented-draft.md:8: draft not previewed: no date yet (a preview needs a title and a date)")
               for w in warnings), warnings


def test_the_published_build_has_no_draft(content, tmp_path, monkeypatch):
    """What deploy.yml runs: scripts.build with publishconf.py, on content holding a complete draft."""
    monkeypatch.setenv("DIGEST_SITEURL", "https://digest.example.org")
    settings = settings_file(tmp_path, CACHE_PATH=str(tmp_path / "cache"))
    settings.write_text(settings.read_text().replace("from pelicanconf import", "from publishconf import"))
    assert build_script.main(["--settings", str(settings), "--content", str(content), "--output", str(tmp_path / "out"),
                              "--no-search"]) == 0
    pages = html_files(tmp_path / "out")
    assert not (tmp_path / "out" / "articles" / DRAFT).exists()
    assert [path for path, text in pages.items() if TITLE in text or "draft-banner" in text or "draft-tag" in text] == []
    assert DRAFT not in (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
