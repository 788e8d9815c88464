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


BUNDLES = ("pagefind", "zh/pagefind")


def tree(root: Path) -> dict[str, bytes]:
    """Every file but the search bundles, whose file names and byte order Pagefind 1.5.2 varies from
    run to run even for identical input (hash-map order); they are compared by `search_bundles`."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(BUNDLES)}


def search_bundles(root: Path) -> dict:
    summary = {}
    for bundle in BUNDLES:
        entry = json.loads((root / bundle / "pagefind-entry.json").read_text())
        kinds = Counter(p.parent.name for p in (root / bundle).rglob("*.pf_*"))
        summary[bundle] = {"pages": {lang: info["page_count"] for lang, info in entry["languages"].items()}, "files": kinds}
    return summary


def test_warm_rebuild_equals_cold_build(tmp_path):
    content = content_with_fixtures(tmp_path / "content")
    warm, settings = tmp_path / "warm", REPO_ROOT / "pelicanconf.py"
    build(settings, content, warm, cache=tmp_path / "cache")
    untouched = warm / "officials/huang-kunming/index.html"
    before = untouched.stat().st_mtime_ns

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
