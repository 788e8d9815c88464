"""A warm rebuild (content and page caches) gives exactly the output of a cold build."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from digest import REPO_ROOT, languages
from digest.site.stamp import STAMP_NAME
from digest.site.run import build
from tests.site.conftest import content_with_fixtures, settings_file

EDITED = "en/invented-untranslated-harbour-robots.md"


BUNDLE_ROOTS = tuple(f"{language.prefix}pagefind/" for language in languages.default())


def tree(root: Path) -> dict[str, bytes]:
    """Every file but the search bundles, whose file names and byte order Pagefind 1.5.2 varies from
    run to run even for identical input (hash-map order); they are compared by `search_bundles`.
    The build stamp names the build's own cache folder and inputs, not the site: it is left out too."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(BUNDLE_ROOTS) and p.name != STAMP_NAME}


def search_bundles(root: Path) -> dict:
    """{bundle folder: pages per index language and index file kinds}, for every bundle (shard) there is."""
    summary = {}
    for entry_file in sorted(p for bundles in BUNDLE_ROOTS for p in (root / bundles).rglob("pagefind-entry.json")):
        bundle = entry_file.parent
        entry = json.loads(entry_file.read_text())
        kinds = Counter(p.parent.name for p in bundle.rglob("*.pf_*"))
        summary[bundle.relative_to(root).as_posix()] = {
            "pages": {lang: info["page_count"] for lang, info in entry["languages"].items()}, "files": kinds}
    return summary


def listed_bundles(root: Path, attribute: str = "bundles") -> list[str]:
    """The search page's shards as it lists them for the browser (search.html, data-bundles)."""
    page = BeautifulSoup((root / "search/index.html").read_text(encoding="utf-8"), "html.parser")
    return [shard["url"] for shard in json.loads(page.select_one("[data-search]")[f"data-{attribute}"])]


def entry_times(root: Path) -> dict[str, int]:
    return {bundle: (root / bundle / "pagefind-entry.json").stat().st_mtime_ns for bundle in search_bundles(root)}


def test_warm_rebuild_equals_cold_build(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    warm, settings = tmp_path / "warm", settings_file(tmp_path, DIGEST_SEARCH_SHARD_PAGES=2)  # a shard per year
    build(settings, content, warm, cache=tmp_path / "cache")
    untouched = warm / "officials/huang-kunming/index.html"
    before, indexed = untouched.stat().st_mtime_ns, entry_times(warm)
    assert set(indexed) == {"pagefind/2024", "pagefind/2025", "zh/pagefind/2025", "zh-hant/pagefind/2025"}  # a shard per language and year

    article = content / EDITED
    article.write_text(article.read_text(encoding="utf-8").replace(
        "opened a fictional robot training centre", "opened a larger fictional robot training centre"), encoding="utf-8")
    build(settings, content, warm, cache=tmp_path / "cache")
    cold = tmp_path / "cold"
    build(settings, content, cold, cache=tmp_path / "fresh-cache")

    assert tree(warm) == tree(cold)
    assert search_bundles(warm) == search_bundles(cold)
    assert b"a larger fictional robot training centre" in (warm / "articles/invented-untranslated-harbour-robots/index.html").read_bytes()
    assert untouched.stat().st_mtime_ns == before  # not rewritten: nothing on it changed
    reindexed = {bundle for bundle, time in entry_times(warm).items() if time != indexed[bundle]}
    assert reindexed == {"pagefind/2024"}  # only the edited article's language and year


def test_an_article_moved_to_another_year_moves_between_search_shards(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    output, settings = tmp_path / "output", settings_file(tmp_path, DIGEST_SEARCH_SHARD_PAGES=2)  # a shard per year
    build(settings, content, output, cache=tmp_path / "cache")
    assert search_bundles(output)["pagefind/2024"]["pages"] == {"en": 2}
    for name, date in (("invented-xss", "2023-05-06"), ("invented-untranslated-harbour-robots", "2023-06-18")):
        article = content / "en" / f"{name}.md"
        article.write_text(article.read_text(encoding="utf-8").replace(f"date: 2024-{date[5:]}", f"date: {date}"),
                           encoding="utf-8")
    build(settings, content, output, cache=tmp_path / "cache")
    shards = search_bundles(output)
    assert set(shards) == {"pagefind/2023", "pagefind/2025", "zh/pagefind/2025", "zh-hant/pagefind/2025"}  # 2024 has nothing left: gone
    assert shards["pagefind/2023"]["pages"] == {"en": 2}
    assert not (output / "pagefind/2024").exists()
    assert listed_bundles(output) == ["/pagefind/2025/", "/pagefind/2023/"]  # newest first
    assert listed_bundles(output, "other-bundles") == ["/zh/pagefind/2025/"]


def test_small_years_share_a_shard_until_it_outgrows_the_limit(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    output, settings = tmp_path / "output", settings_file(tmp_path, DIGEST_SEARCH_SHARD_PAGES=3)
    build(settings, content, output, cache=tmp_path / "cache")
    assert {name: shard["pages"] for name, shard in search_bundles(output).items()} == {
        "pagefind/2024-2025": {"en": 3}, "zh/pagefind/2025": {"zh-hans": 1}, "zh-hant/pagefind/2025": {"zh-hant": 1}}
    assert listed_bundles(output) == ["/pagefind/2024-2025/"]
    untouched = entry_times(output)["zh/pagefind/2025"]

    one_more = content / "en/invented-xss.md"  # a fourth English page: 2024 and 2025 part
    (content / "en/invented-one-more.md").write_text(
        one_more.read_text(encoding="utf-8").replace("slug: invented-xss", "slug: invented-one-more")
        .replace("date: 2024-", "date: 2025-"), encoding="utf-8")
    build(settings, content, output, cache=tmp_path / "cache")
    assert {name: shard["pages"] for name, shard in search_bundles(output).items()} == {
        "pagefind/2024": {"en": 2}, "pagefind/2025": {"en": 2}, "zh/pagefind/2025": {"zh-hans": 1},
        "zh-hant/pagefind/2025": {"zh-hant": 1}}
    assert not (output / "pagefind/2024-2025").exists()
    assert listed_bundles(output) == ["/pagefind/2025/", "/pagefind/2024/"]
    assert entry_times(output)["zh/pagefind/2025"] == untouched
    build(settings, content, tmp_path / "cold", cache=tmp_path / "fresh-cache")
    assert tree(output) == tree(tmp_path / "cold")
    assert search_bundles(output) == search_bundles(tmp_path / "cold")


def test_a_removed_article_disappears_on_rebuild(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    output, settings = tmp_path / "output", REPO_ROOT / "pelicanconf.py"
    build(settings, content, output, cache=tmp_path / "cache", search=False)
    assert (output / "articles/invented-xss/index.html").exists()
    (content / "en/invented-xss.md").unlink()
    build(settings, content, output, cache=tmp_path / "cache", search=False)
    assert not (output / "articles/invented-xss/index.html").exists()


def test_reading_on_every_core_gives_the_same_site(tmp_path, monkeypatch):
    from digest.site import incremental

    content = content_with_fixtures(tmp_path / "content")
    settings = REPO_ROOT / "pelicanconf.py"
    build(settings, content, tmp_path / "serial", cache=tmp_path / "cache-serial", search=False)
    used = []
    monkeypatch.setattr(incremental, "PARALLEL_READ_FROM", 1)
    monkeypatch.setattr(incremental.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(incremental, "ProcessPoolExecutor", lambda *a, **k: used.append(a) or ProcessPoolExecutor(*a, **k))
    build(settings, content, tmp_path / "parallel", cache=tmp_path / "cache-parallel", search=False)
    assert used, "the parallel reader did not run"
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")


# Page keys are made from the articles a page shows; everything else is in the build signature.
# Each change below is one a key made from articles alone would miss.
ZH_TRANSLATION = """---
title: 虚构的海港城开设机器人培训中心
slug: invented-untranslated-harbour-robots
lang: zh
date: 2024-06-18
source:
  name: Example Herald (invented)
  file: seeds/000_3237dff4ecd4f46c.txt
  sha256: d16d00acf18651c81c2adbd3e0bc36999243fdf9f11c362233e11eb41a928e0a
industries: [robotics]
officials: []
summary: 一篇虚构的文章，现在有了中文译本。
status: published
translation: {from: en, by: Digest editors}
---

虚构的海港城开设了机器人培训中心。这里的名称和数字都是编造的。
"""


def add_translation(content: Path, data: Path, theme: Path) -> dict:
    (content / "zh/invented-untranslated-harbour-robots.md").write_text(ZH_TRANSLATION, encoding="utf-8")
    return {}


def rename_an_industry(content: Path, data: Path, theme: Path) -> dict:
    industries = data / "industries.yaml"
    text = industries.read_text(encoding="utf-8")
    industries.write_text(text.replace("{en: Intelligent robots,", "{en: Intelligent robots and cobots,"), encoding="utf-8")
    return {}


def edit_a_template(content: Path, data: Path, theme: Path) -> dict:
    base = theme / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace('<main id="main">', '<main id="main" class="edited">'),
                    encoding="utf-8")
    return {}


def add_a_note(content: Path, data: Path, theme: Path) -> dict:
    (content / "editions/2025-W06.zh.md").write_text(
        "---\nedition: 2025-W06\nlang: zh\nstatus: published\n---\n\n一则新的虚构编者按。\n", encoding="utf-8")
    return {}


def update_the_newest_article(content: Path, data: Path, theme: Path) -> dict:
    """A later newest day: the article's feed entries change, and so does every empty feed's date."""
    article = content / SEED_ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("status: published", "updated: 2025-04-01\nstatus: published"),
                       encoding="utf-8")
    return {}


def change_the_site_url(content: Path, data: Path, theme: Path) -> dict:
    return {"SITEURL": "https://digest.example.org", "DIGEST_ABSOLUTE_URL": "https://digest.example.org"}


def edit_the_about_page(content: Path, data: Path, theme: Path) -> dict:
    about = content / "pages/about.zh.md"
    about.write_text(about.read_text(encoding="utf-8").replace("title: 关于本站", "title: 关于珠江政策摘要"), encoding="utf-8")
    return {}


def remove_an_about_page(content: Path, data: Path, theme: Path) -> dict:
    """Every page of that language loses its footer link, and the other about page its alternate."""
    (content / "pages/about.zh.md").unlink()
    return {}


def set_the_report_url(content: Path, data: Path, theme: Path) -> dict:
    return {"DIGEST_REPORT_URL": "https://example.org/digest/issues"}


def remove_a_translation(content: Path, data: Path, theme: Path) -> dict:
    """The article's bilingual pages go, and so do the links to them from its English page."""
    (content / "zh" / SEED_ARTICLE.removeprefix("en/")).unlink()
    return {}


@pytest.mark.parametrize("change", [add_translation, rename_an_industry, edit_a_template, add_a_note, update_the_newest_article,
                                    change_the_site_url, edit_the_about_page, remove_an_about_page, set_the_report_url,
                                    remove_a_translation])
def test_a_rebuild_after_a_change_outside_an_article_equals_a_cold_build(tmp_path, change):
    content = content_with_fixtures(tmp_path / "content")
    data, theme = tmp_path / "data", tmp_path / "theme"
    shutil.copytree(REPO_ROOT / "data", data)
    shutil.copytree(REPO_ROOT / "theme", theme)
    paths = {"DIGEST_DATA_DIR": str(data), "THEME": str(theme)}
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    build(settings_file(tmp_path, **paths), content, warm, cache=tmp_path / "cache")
    (tmp_path / "changed").mkdir()
    settings = settings_file(tmp_path / "changed", **paths, **change(content, data, theme))
    build(settings, content, warm, cache=tmp_path / "cache")
    build(settings, content, cold, cache=tmp_path / "fresh-cache")
    assert tree(warm) == tree(cold)
    assert search_bundles(warm) == search_bundles(cold)


def test_editing_a_translation_rebuilds_its_pages_not_the_original(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    translation = content / "zh/invented-untranslated-harbour-robots.md"
    translation.write_text(ZH_TRANSLATION, encoding="utf-8")
    warm, settings = tmp_path / "warm", REPO_ROOT / "pelicanconf.py"
    build(settings, content, warm, cache=tmp_path / "cache")
    original = warm / "articles/invented-untranslated-harbour-robots/index.html"
    before = original.stat().st_mtime_ns
    translation.write_text(ZH_TRANSLATION.replace("title: 虚构的海港城开设机器人培训中心", "title: 虚构的海港城开设新的机器人培训中心")
                           .replace("这里的名称", "这里的所有名称"), encoding="utf-8")
    build(settings, content, warm, cache=tmp_path / "cache")
    build(settings, content, tmp_path / "cold", cache=tmp_path / "fresh-cache")
    assert tree(warm) == tree(tmp_path / "cold")
    assert "新的机器人培训中心" in (warm / "zh/articles/invented-untranslated-harbour-robots/index.html").read_text(encoding="utf-8")
    assert original.stat().st_mtime_ns == before  # the English page shows nothing of the Chinese text


def test_a_page_cache_cut_short_costs_a_cold_build_not_a_failure(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    output, cache, settings = tmp_path / "output", tmp_path / "cache", settings_file(tmp_path)
    build(settings, content, output, cache=cache, search=False)
    expected = tree(output)
    pages = cache / "digest-pages.json"
    pages.write_bytes(pages.read_bytes()[: pages.stat().st_size // 2])  # a build killed while saving it
    build(settings, content, output, cache=cache, search=False)
    assert tree(output) == expected
    assert json.loads(pages.read_text())["pages"]


SEED_ARTICLE = "en/guangdong-accelerates-establishment-modern-industrial-system.md"


def test_an_edited_article_changes_its_edition_page_and_the_editions_feed(tmp_path):
    import feedparser

    content = content_with_fixtures(tmp_path / "content")
    warm, settings = tmp_path / "warm", REPO_ROOT / "pelicanconf.py"
    build(settings, content, warm, cache=tmp_path / "cache", search=False)
    other_week = warm / "editions/2024-W19/index.html"
    before = other_week.stat().st_mtime_ns
    article = content / SEED_ARTICLE
    article.write_text(article.read_text(encoding="utf-8")
                       .replace("summary: On February 5, 2025,", "summary: Corrected. On February 5, 2025,")
                       .replace("status: published", "updated: 2025-03-01\nstatus: published"), encoding="utf-8")
    build(settings, content, warm, cache=tmp_path / "cache", search=False)
    build(settings, content, tmp_path / "cold", cache=tmp_path / "fresh-cache", search=False)

    assert tree(warm) == tree(tmp_path / "cold")
    for path in ("editions/2025-W06/index.html", "editions/2025-W06/email.html", "editions/2025-W06/email.txt"):
        assert "Corrected. On February 5, 2025" in (warm / path).read_text(encoding="utf-8"), path
    entry = next(e for e in feedparser.parse((warm / "editions/feed.atom.xml").read_bytes()).entries
                 if e.link.endswith("/editions/2025-W06/"))
    assert entry.updated.startswith("2025-03-01") and entry.published.startswith("2025-02-05")
    assert "Corrected. On February 5, 2025" in entry.content[0].value
    assert other_week.stat().st_mtime_ns == before  # another week's edition is not rewritten


def test_a_retitled_article_changes_the_official_pages_that_cite_it(tmp_path):
    """An official's page names the article that attests each post on every page of its listing,
    so page 1 changes when an article that only page 2 lists is retitled."""
    content = content_with_fixtures(tmp_path / "content")
    newer = (content / "en/invented-xss.md").read_text(encoding="utf-8")  # tagged with him, a day later, another source
    (content / "en/invented-later-meeting.md").write_text(
        newer.replace("slug: invented-xss", "slug: invented-later-meeting").replace("date: 2024-05-06", "date: 2025-02-06")
        .replace("officials: []", "officials: [huang-kunming]").replace("file: seeds/000_", "file: seeds/invented_"),
        encoding="utf-8")
    warm, settings = tmp_path / "warm", settings_file(tmp_path, DEFAULT_PAGINATION=1)
    build(settings, content, warm, cache=tmp_path / "cache", search=False)
    first_page = warm / "officials/huang-kunming/index.html"
    assert "invented-later-meeting" in first_page.read_text(encoding="utf-8")
    assert SLUG_OF_SEED not in first_page.read_text(encoding="utf-8").split('class="term-articles"')[1]  # on page 2
    article = content / SEED_ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("title: Guangdong accelerates", "title: Guangdong speeds up"),
                       encoding="utf-8")
    build(settings, content, warm, cache=tmp_path / "cache", search=False)
    build(settings, content, tmp_path / "cold", cache=tmp_path / "fresh-cache", search=False)
    assert tree(warm) == tree(tmp_path / "cold")
    assert "Guangdong speeds up" in first_page.read_text(encoding="utf-8")


SLUG_OF_SEED = "guangdong-accelerates-establishment-modern-industrial-system"


def test_editing_one_version_rewrites_the_bilingual_pages_in_both_languages(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    warm, settings = tmp_path / "warm", REPO_ROOT / "pelicanconf.py"
    build(settings, content, warm, cache=tmp_path / "cache", search=False)
    bilingual = [warm / f"{prefix}articles/{SLUG_OF_SEED}/bilingual/index.html" for prefix in ("", "zh/")]
    english = warm / f"articles/{SLUG_OF_SEED}/index.html"
    before = {page: page.stat().st_mtime_ns for page in [*bilingual, english]}
    translation = content / "zh" / SEED_ARTICLE.removeprefix("en/")
    translation.write_text(translation.read_text(encoding="utf-8").replace("省长王伟中主持会议。", "省长王伟中主持了会议。"),
                           encoding="utf-8")
    build(settings, content, warm, cache=tmp_path / "cache", search=False)
    build(settings, content, tmp_path / "cold", cache=tmp_path / "fresh-cache", search=False)
    assert tree(warm) == tree(tmp_path / "cold")
    for page in bilingual:
        assert "省长王伟中主持了会议。" in page.read_text(encoding="utf-8") and page.stat().st_mtime_ns != before[page], page
    assert english.stat().st_mtime_ns == before[english]  # the English page shows nothing of the Chinese text


def test_editing_a_simplified_article_changes_its_traditional_pages_and_index(tmp_path):
    """/zh-hant/ is converted from /zh/ as the build reads it: an edit to the Simplified text reaches the
    Traditional article, its bilingual view and its search shard, and nothing else of the tree."""
    content = content_with_fixtures(tmp_path / "content")
    warm, settings = tmp_path / "warm", settings_file(tmp_path, DIGEST_SEARCH_SHARD_PAGES=2)  # a shard per year
    build(settings, content, warm, cache=tmp_path / "cache")
    traditional = warm / f"zh-hant/articles/{SLUG_OF_SEED}/index.html"
    untouched = warm / "zh-hant/officials/huang-kunming/index.html"
    before, indexed = untouched.stat().st_mtime_ns, entry_times(warm)
    article = content / "zh" / SEED_ARTICLE.removeprefix("en/")
    article.write_text(article.read_text(encoding="utf-8").replace("省长王伟中主持会议。", "省长王伟中主持了会议。"),
                       encoding="utf-8")
    build(settings, content, warm, cache=tmp_path / "cache")
    build(settings, content, tmp_path / "cold", cache=tmp_path / "fresh-cache")
    assert tree(warm) == tree(tmp_path / "cold")
    assert search_bundles(warm) == search_bundles(tmp_path / "cold")
    assert "省長王偉中主持了會議。" in traditional.read_text(encoding="utf-8")
    assert "省長王偉中主持了會議。" in (warm / f"zh-hant/articles/{SLUG_OF_SEED}/bilingual/index.html").read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == before
    assert {bundle for bundle, time in entry_times(warm).items() if time != indexed[bundle]} == {
        "zh/pagefind/2025", "zh-hant/pagefind/2025"}


def test_a_commit_that_dates_an_update_rebuilds_what_shows_it(tmp_path):
    """git's answer changes with no file changed: an edit built, then committed, makes the article
    updated; the stamp says the site is stale, and the warm rebuild equals a cold build."""
    from scripts.check import why_rebuild
    from tests.site.conftest import commit_all

    repo = tmp_path / "repo"
    content = content_with_fixtures(repo / "content")
    commit_all(repo, "2025-02-06T10:00:00+08:00", "add")
    article = content / SEED_ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("\n\n", "\n\nAn invented correction.\n\n", 1),
                       encoding="utf-8")
    warm, settings = tmp_path / "warm", REPO_ROOT / "pelicanconf.py"
    build(settings, content, warm, cache=tmp_path / "cache", search=False)
    page = warm / "articles/guangdong-accelerates-establishment-modern-industrial-system/index.html"
    assert "An invented correction." in page.read_text(encoding="utf-8") and 'class="updated"' not in page.read_text(encoding="utf-8")
    assert why_rebuild(warm) is None

    commit_all(repo, "2025-03-10T10:00:00+08:00", "the correction")
    assert why_rebuild(warm) == "a commit changed when an article was last updated (git history) after the build"
    build(settings, content, warm, cache=tmp_path / "cache", search=False)
    build(settings, content, tmp_path / "cold", cache=tmp_path / "fresh-cache", search=False)
    assert tree(warm) == tree(tmp_path / "cold")
    assert '<time datetime="2025-03-10">10 March 2025</time>' in page.read_text(encoding="utf-8")
    assert why_rebuild(warm) is None


def test_a_retitled_article_changes_the_pages_that_link_to_it_as_related_or_next(tmp_path):
    """The seed article (2025) links to the harbour article (2024) as related: retitling the harbour
    article renders the seed's pages again, but its search shard stays, since the index takes
    only an article's own text; an edit to the harbour article's body changes no other page."""
    content = content_with_fixtures(tmp_path / "content")
    warm, settings = tmp_path / "warm", settings_file(tmp_path, DIGEST_SEARCH_SHARD_PAGES=2)  # a shard per year
    build(settings, content, warm, cache=tmp_path / "cache")
    seed = warm / "articles/guangdong-accelerates-establishment-modern-industrial-system/index.html"
    assert "Invented Harbour City opens a fictional robot training centre" in seed.read_text(encoding="utf-8")
    article = content / EDITED
    article.write_text(article.read_text(encoding="utf-8").replace("All names and numbers", "Every name and number"),
                       encoding="utf-8")
    before, indexed = seed.stat().st_mtime_ns, entry_times(warm)
    build(settings, content, warm, cache=tmp_path / "cache")
    assert seed.stat().st_mtime_ns == before

    article.write_text(article.read_text(encoding="utf-8").replace(
        "title: Invented Harbour City opens a fictional robot training centre",
        "title: Invented Harbour City opens a larger fictional robot training centre"), encoding="utf-8")
    indexed = entry_times(warm)
    build(settings, content, warm, cache=tmp_path / "cache")
    build(settings, content, tmp_path / "cold", cache=tmp_path / "fresh-cache")
    assert tree(warm) == tree(tmp_path / "cold")
    assert "opens a larger fictional robot training centre" in seed.read_text(encoding="utf-8")
    assert "opens a larger fictional robot training centre" in (
        warm / "zh/articles/guangdong-accelerates-establishment-modern-industrial-system/index.html").read_text(encoding="utf-8")
    assert {bundle for bundle, time in entry_times(warm).items() if time != indexed[bundle]} == {"pagefind/2024"}
