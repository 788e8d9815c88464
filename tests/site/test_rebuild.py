"""A warm rebuild (content and page caches) gives exactly the output of a cold build."""
from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from collections import Counter
from pathlib import Path

from digest import REPO_ROOT
from scripts.build import build
from tests.site.conftest import content_with_fixtures

EDITED = "en/invented-untranslated-harbour-robots.md"


BUNDLE_ROOTS = ("pagefind/", "zh/pagefind/")


def tree(root: Path) -> dict[str, bytes]:
    """Every file but the search bundles, whose file names and byte order Pagefind 1.5.2 varies from
    run to run even for identical input (hash-map order); they are compared by `search_bundles`."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(BUNDLE_ROOTS)}


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


def entry_times(root: Path) -> dict[str, int]:
    return {bundle: (root / bundle / "pagefind-entry.json").stat().st_mtime_ns for bundle in search_bundles(root)}


def test_warm_rebuild_equals_cold_build(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    warm, settings = tmp_path / "warm", REPO_ROOT / "pelicanconf.py"
    build(settings, content, warm, cache=tmp_path / "cache")
    untouched = warm / "officials/huang-kunming/index.html"
    before, indexed = untouched.stat().st_mtime_ns, entry_times(warm)
    assert set(indexed) == {"pagefind/2024", "pagefind/2025", "zh/pagefind/2025"}  # a shard per language and year

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
    output, settings = tmp_path / "output", REPO_ROOT / "pelicanconf.py"
    build(settings, content, output, cache=tmp_path / "cache")
    assert search_bundles(output)["pagefind/2024"]["pages"] == {"en": 2}
    for name, date in (("invented-xss", "2023-05-06"), ("invented-untranslated-harbour-robots", "2023-06-18")):
        article = content / "en" / f"{name}.md"
        article.write_text(article.read_text(encoding="utf-8").replace(f"date: 2024-{date[5:]}", f"date: {date}"),
                           encoding="utf-8")
    build(settings, content, output, cache=tmp_path / "cache")
    shards = search_bundles(output)
    assert set(shards) == {"pagefind/2023", "pagefind/2025", "zh/pagefind/2025"}  # 2024 has nothing left: gone
    assert shards["pagefind/2023"]["pages"] == {"en": 2}
    assert not (output / "pagefind/2024").exists()
    search_page = (output / "search/index.html").read_text(encoding="utf-8")
    assert 'data-bundles="/pagefind/2025/ /pagefind/2023/"' in search_page
    assert 'data-other-bundles="/zh/pagefind/2025/"' in search_page


def test_a_removed_article_disappears_on_rebuild(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    output, settings = tmp_path / "output", REPO_ROOT / "pelicanconf.py"
    build(settings, content, output, cache=tmp_path / "cache", search=False)
    assert (output / "articles/invented-xss/index.html").exists()
    (content / "en/invented-xss.md").unlink()
    build(settings, content, output, cache=tmp_path / "cache", search=False)
    assert not (output / "articles/invented-xss/index.html").exists()


def test_reading_on_every_core_gives_the_same_site(tmp_path, monkeypatch):
    import sys

    content = content_with_fixtures(tmp_path / "content")
    settings = REPO_ROOT / "pelicanconf.py"
    build(settings, content, tmp_path / "serial", cache=tmp_path / "cache-serial", search=False)
    plugin = sys.modules["digest_site"]  # as Pelican imported it from PLUGIN_PATHS
    used = []
    monkeypatch.setattr(plugin, "PARALLEL_READ_FROM", 1)
    monkeypatch.setattr(plugin.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(plugin, "ProcessPoolExecutor", lambda *a, **k: used.append(a) or ProcessPoolExecutor(*a, **k))
    build(settings, content, tmp_path / "parallel", cache=tmp_path / "cache-parallel", search=False)
    assert used, "the parallel reader did not run"
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")
