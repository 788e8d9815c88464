"""The quick refresh after a text edit (digest.site.live): the pages it writes are byte for byte the
ones a cold build of the edited content writes, and they are every page listing the article under
its title; any edit but a text edit is left to the full build."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest.site import live
from digest.site.model import ContentErrors
from digest.site.run import build
from tests.site.conftest import content_with_fixtures, settings_file

SEED = "guangdong-accelerates-establishment-modern-industrial-system"
UNTRANSLATED = "invented-untranslated-harbour-robots"


@pytest.fixture
def served(tmp_path):
    """A site built by a serving process: (content, output, settings, session)."""
    content = content_with_fixtures(tmp_path / "content")
    settings, output, session = settings_file(tmp_path), tmp_path / "output", live.Session()
    build(settings, content, output, cache=tmp_path / "cache", search=False, live=session)
    assert session.last is not None
    return content, output, settings, session


def retitle(path: Path, title: str, body: tuple[str, str] | None = None) -> None:
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), count=1)
    if body:
        assert body[0] in text
        text = text.replace(*body)
    path.write_text(text, encoding="utf-8")


LISTING = re.compile(r"^(zh/|zh-hant/)?(index\.html|page/|industries/|officials/|places/|editions/[^/]+/index\.html)")


def pages_with(root: Path, text: str) -> set[str]:
    return {page.relative_to(root).as_posix() for page in root.rglob("*.html") if text in page.read_text(encoding="utf-8")}


@pytest.mark.parametrize("lang, slug, title", [
    ("zh", SEED, "广东加快构建现代化产业体系（编辑改过的标题）"),  # its zh-Hant version is converted again
    ("en", UNTRANSLATED, "Invented Harbour City opens a retitled robot training centre"),  # listed in every tree
])
def test_a_text_edit_rewrites_its_pages_and_listings_as_a_cold_build_writes_them(served, tmp_path, lang, slug, title):
    content, output, settings, session = served
    retitle(content / lang / f"{slug}.md", title)
    refreshed = live.refresh(session, [content / lang / f"{slug}.md"])
    cold = tmp_path / "cold"
    build(settings, content, cold, cache=tmp_path / "fresh-cache", search=False)

    prefix = "" if lang == "en" else f"{lang}/"
    listed = {page for page in pages_with(cold, title) if LISTING.match(page)}  # in every language tree
    assert {f"{prefix}index.html", f"{prefix}industries/robotics/index.html"} <= listed
    assert {f"{prefix}articles/{slug}/index.html", *listed} <= set(refreshed.paths)
    for path in refreshed.paths:
        assert (output / path).read_bytes() == (cold / path).read_bytes(), path
    if lang == "zh":  # the derived tree's page, converted from the new text
        assert f"zh-hant/articles/{slug}/index.html" in refreshed.paths
        assert "編輯改過的標題" in (output / f"zh-hant/articles/{slug}/index.html").read_text(encoding="utf-8")


def test_a_second_edit_refreshes_from_the_first(served, tmp_path):
    content, output, settings, session = served
    article = content / "en" / f"{UNTRANSLATED}.md"
    retitle(article, "A first invented title")
    live.refresh(session, [article])
    retitle(article, "A second invented title", ("opened a fictional robot", "opened a second fictional robot"))
    refreshed = live.refresh(session, [article])
    page = (output / f"articles/{UNTRANSLATED}/index.html").read_text(encoding="utf-8")
    assert "A second invented title" in page and "opened a second fictional robot" in page
    assert f"articles/{UNTRANSLATED}/index.html" in refreshed.paths and "index.html" in refreshed.paths


def test_a_save_by_rename_is_a_text_edit_too(served):
    """sed -i and editors' atomic saves write a temporary file and rename it over the article: the
    watcher reports the temporary file, gone by the time the refresh looks, beside the article."""
    content, output, _, session = served
    article = content / "en" / f"{UNTRANSLATED}.md"
    temporary = article.parent / "sedX1y2Z3"
    temporary.write_text(re.sub(r"(?m)^title: .*$", "title: Renamed into place", article.read_text(encoding="utf-8"), count=1),
                         encoding="utf-8")
    temporary.replace(article)
    refreshed = live.refresh(session, [temporary, article])
    assert refreshed is not None and f"articles/{UNTRANSLATED}/index.html" in refreshed.paths
    assert "Renamed into place" in (output / f"articles/{UNTRANSLATED}/index.html").read_text(encoding="utf-8")


def test_a_file_saved_unchanged_rewrites_nothing(served):
    content, _, _, session = served
    article = content / "en" / f"{UNTRANSLATED}.md"
    article.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    assert live.refresh(session, [article]).paths == []


NOT_TEXT_EDITS = {
    "a new date": lambda text: text.replace("date: 2024-06-18", "date: 2024-06-17"),
    "other industries": lambda text: text.replace("industries: [robotics]", "industries: [robotics, semiconductors-and-integrated-circuits]"),
    "a draft now": lambda text: text.replace("status: published", "status: draft"),
    "another slug": lambda text: text.replace(f"slug: {UNTRANSLATED}", "slug: invented-renamed"),
    "broken front matter": lambda text: text.replace("title: ", "title: [", 1),
    "an unknown official": lambda text: text.replace("officials: []", "officials: [no-such-person]"),
}


@pytest.mark.parametrize("change", sorted(NOT_TEXT_EDITS))
def test_any_other_edit_is_left_to_the_full_build(served, change):
    content, output, _, session = served
    article = content / "en" / f"{UNTRANSLATED}.md"
    page = output / f"articles/{UNTRANSLATED}/index.html"
    before = page.read_bytes()
    article.write_text(NOT_TEXT_EDITS[change](article.read_text(encoding="utf-8")), encoding="utf-8")
    assert live.refresh(session, [article]) is None
    assert page.read_bytes() == before


def test_new_removed_and_non_article_files_are_left_to_the_full_build(served, tmp_path):
    content, _, _, session = served
    new = content / "en" / "invented-new.md"
    new.write_text((content / "en" / f"{UNTRANSLATED}.md").read_text(encoding="utf-8").replace(UNTRANSLATED, "invented-new"),
                   encoding="utf-8")
    assert live.refresh(session, [new]) is None
    gone = content / "en" / "invented-xss.md"
    gone.unlink()
    assert live.refresh(session, [gone]) is None
    note = next((content / "editions").glob("*.md"))
    assert live.refresh(session, [note]) is None
    assert live.refresh(session, [tmp_path / "settings.py"]) is None


def test_a_failed_build_leaves_nothing_to_refresh_from(served):
    content, output, settings, session = served
    article = content / "en" / f"{UNTRANSLATED}.md"
    article.write_text(article.read_text(encoding="utf-8").replace("date: 2024-06-18", "date: 2024-13-45"), encoding="utf-8")
    with pytest.raises(ContentErrors):
        build(settings, content, output, cache=output.parent / "cache", search=False, live=session)
    assert session.last is None
    assert live.refresh(session, [article]) is None
