"""Smoke test of the benchmark harness (`python -m scripts.bench`, issue 6) on a tiny corpus.

It proves the harness runs every peer and reports every row with numbers, that the synthetic
corpus is valid and deterministic, and that ingest publishes the raw inputs it generates. There
are no timing assertions: the performance targets live in the benchmark, not in the tests.
Hugo is a pinned dependency, so a missing Hugo fails here; nothing is skipped.
"""
from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pytest

from digest import schema, vocab
from digest.bench import corpus, peers, report
from digest.frontmatter import parse
from scripts import bench

ARTICLES = 12
SCALED = 30  # --scale: ours again on a larger corpus


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[dict, Path]:
    root = tmp_path_factory.mktemp("bench")
    return bench.run_benchmark(ARTICLES, root, quiet=True, scales=(SCALED,)), root


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_hugo_is_installed():
    assert peers.hugo_binary().is_file()
    assert peers.versions()["Hugo"][0].isdigit()  # `hugo version` ran and named a version


def test_table_has_every_row_with_numbers(run):
    result, _ = run
    rows = {row["key"]: row for row in result["rows"]}
    assert set(report.ROW_KEYS) <= set(rows), f"missing rows: {set(report.ROW_KEYS) - set(rows)}"
    edit = rows.pop("edit-visible")  # a time from a save to pages on disk: no CPU, memory or peer of its own
    assert 0 < edit["wall"] == edit["extra"]["median"] <= edit["extra"]["max"] < edit["extra"]["caught_up_median"]
    assert len(edit["extra"]["trials"]) == bench.EDIT_TRIALS and edit["files_written"] >= 2  # its page and a listing
    assert edit["ratio_pelican"] is None and f"median of {bench.EDIT_TRIALS} retitled articles" in edit["note"]
    # a reader's first search: Pagefind's download, in a real browser, on the 12- and the 30-article site
    for key in ("first-query-en", "first-query-zh", f"first-query-en-{SCALED}"):
        first = rows.pop(key)
        assert first["cpu"] is None and first["peak_rss_mb"] is None and first["ratio_hugo_search"] is None, key
        assert 0 < first["wall"] and 0 < first["files_written"] and first["extra"]["bytes"] > 50_000, key  # the runtime at least
        assert 1 <= first["extra"]["shards_read"] <= first["extra"]["shards"], key
        assert f"{first['extra']['bytes'] / 1000:,.0f} kB in {first['files_written']} requests" in first["note"], key
        assert "“" in first["note"], first["note"]  # the status line the reader saw: results or none, for the query
    for key, row in rows.items():
        for column in ("wall", "cpu", "peak_rss_mb"):
            assert isinstance(row[column], float) and math.isfinite(row[column]) and row[column] > 0, (key, column)
        assert isinstance(row["files_written"], int) and row["files_written"] > 0, key
    scaled_cold, scaled_warm = rows[f"ours-cold-{SCALED}"], rows[f"ours-warm-{SCALED}"]
    assert scaled_cold["files_written"] > rows["ours-cold"]["files_written"] > scaled_warm["files_written"]
    assert scaled_cold["extra"]["per_file_ratio"] == pytest.approx(
        (scaled_cold["wall"] / scaled_cold["files_written"]) / (rows["ours-cold"]["wall"] / rows["ours-cold"]["files_written"]))
    assert scaled_cold["ratio_pelican"] is None and scaled_cold["label"] == f"ours cold ({SCALED} articles)"
    assert not (tmp := run[1] / f"scale-{SCALED}").exists(), tmp  # removed once measured
    for key in ("ours-cold", "ours-warm", "pelican-cold", "hugo-cold"):
        assert rows[key]["ratio_pelican"] > 0 and rows[key]["ratio_hugo"] > 0, key
    assert rows["pelican-cold"]["ratio_pelican"] == pytest.approx(1.0)
    assert rows["hugo-cold"]["ratio_hugo"] == pytest.approx(1.0)
    # Hugo + Pagefind: Hugo's own run, then Pagefind's over its output, as one row the others are compared with
    searchable, hugo = rows["hugo-pagefind-cold"], rows["hugo-cold"]
    assert searchable["wall"] > hugo["wall"] and searchable["cpu"] > hugo["cpu"]
    assert searchable["files_written"] > hugo["files_written"]  # Pagefind's bundle, written into Hugo's output
    assert searchable["ratio_hugo_search"] == pytest.approx(1.0)
    assert rows["ours-cold"]["ratio_hugo_search"] == pytest.approx(rows["ours-cold"]["wall"] / searchable["wall"])
    # Pagefind alone over ours' article pages: exactly the pages our build's own search shards hold
    floor = rows["pagefind-floor"]
    shard_pages = len(list((run[1] / "out" / "ours").glob("**/pagefind/*/fragment/*.pf_fragment")))
    article_pages = len(list((run[1] / "out" / "ours").glob("**/articles/*/index.html")))
    assert floor["extra"]["pages"] == shard_pages == article_pages > 2 * ARTICLES  # three trees
    assert floor["ratio_hugo_search"] == pytest.approx(floor["wall"] / searchable["wall"])
    assert f"{shard_pages:,} article pages of every language tree in one run" in floor["note"]
    assert not (run[1] / "pagefind-floor").exists()  # its index is measured, not kept
    assert rows["ours-warm"]["extra"]["cold_ratio"] == pytest.approx(rows["ours-warm"]["wall"] / rows["ours-cold"]["wall"])
    assert f"{rows['ours-warm']['extra']['cold_ratio']:.2f}× ours cold" in rows["ours-warm"]["note"]
    text = report.format_report(result)
    for row in rows.values():
        assert row["label"] in text
    for name in ("Python", "Pelican", "Python-Markdown", "markdown-it-py", "Hugo", "Pagefind", "machine"):
        assert f"{name}: " in text
    assert result["meta"]["articles"] == ARTICLES


def test_every_peer_built_every_article(run):
    result, root = run
    out = root / "out"
    generated = corpus.generate_articles(ARTICLES)
    for article in generated:
        for lang in article.langs:
            prefix = "" if lang == "en" else "zh/"
            assert (out / "ours" / f"{prefix}articles/{article.slug}/index.html").is_file()
            assert (out / "hugo" / f"{prefix}articles/{article.slug}/index.html").is_file()
        assert (out / "pelican" / f"{article.slug}.html").is_file() or (out / "pelican" / f"{article.slug}-zh.html").is_file()
    assert (out / "hugo" / "industries" / "robotics" / "index.xml").is_file()  # Hugo's term feeds are on
    entry = (out / "hugo" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")  # Pagefind indexed Hugo's pages
    assert '"en"' in entry and '"zh' in entry
    assert (out / "pelican" / "feeds" / "all.atom.xml").is_file()


def test_ingest_publishes_the_generated_inputs(run):
    result, _ = run
    rows = {row["key"]: row for row in result["rows"]}
    assert rows["ingest-txt"]["extra"]["counts"] == {"published": ARTICLES}
    assert rows["ingest-html"]["extra"]["counts"] == {"published": math.ceil(ARTICLES / corpus.HTML_EVERY)}
    assert rows["ingest-txt"]["extra"]["articles_per_second"] > 0


def test_corpus_is_valid_against_the_schema(tmp_path):
    generated = corpus.generate(tmp_path, ARTICLES)
    vocabularies = vocab.load()
    industries = {t.slug for t in vocabularies.industries}
    officials = {t.slug for t in vocabularies.officials}
    documents = sorted([*generated.content.glob("en/*.md"), *generated.content.glob("zh/*.md")])
    assert len(documents) == generated.documents
    versions: dict[str, set[str]] = {}
    for path in documents:
        document = parse(path.read_text(encoding="utf-8"))
        meta = document.metadata
        assert schema.validate(meta) == [], path
        assert meta["status"] == "published"
        assert (meta["lang"], meta["slug"]) == (path.parent.name, path.stem)
        assert 1 <= len(meta["industries"]) <= 4 and set(meta["industries"]) <= industries
        assert len(meta["officials"]) <= 3 and set(meta["officials"]) <= officials
        assert "2020-01-01" <= meta["date"] <= "2026-12-31"
        source = tmp_path / meta["source"]["file"]
        assert hashlib.sha256(source.read_bytes()).hexdigest() == meta["source"]["sha256"]
        versions.setdefault(meta["slug"], set()).add(meta["lang"])
        words = len(document.body.split()) if meta["lang"] == "en" else len(document.body)
        assert words >= (400 if meta["lang"] == "en" else 500), path
    for path in documents:
        meta = parse(path.read_text(encoding="utf-8")).metadata
        if "translation" in meta:
            assert meta["translation"]["from"] in versions[meta["slug"]] - {meta["lang"]}
    assert any(len(langs) == 2 for langs in versions.values())
    assert len(generated.text_inputs) == ARTICLES
    assert len(generated.html_inputs) == math.ceil(ARTICLES / corpus.HTML_EVERY)


def test_corpus_is_deterministic(tmp_path):
    first = _files(corpus.generate(tmp_path / "a", ARTICLES, seed=7).root)
    second = _files(corpus.generate(tmp_path / "b", ARTICLES, seed=7).root)
    other = _files(corpus.generate(tmp_path / "c", ARTICLES, seed=8).root)
    assert first == second
    assert first != other
    assert any(name.startswith("pelican/content/") for name in first)
    assert any(name.startswith("hugo/content/articles/") for name in first)


def test_corpus_notes_are_valid_and_cover_one_language_or_both(tmp_path):
    from digest import NOTE_SCHEMA_PATH
    from digest.site.editions import week_of

    generated = corpus.generate(tmp_path, ARTICLES)
    weeks = {week_of(article.date).id for article in generated.articles}
    langs: dict[str, set[str]] = {}
    for path in generated.notes:
        meta = parse(path.read_text(encoding="utf-8")).metadata
        assert schema.validate(meta, NOTE_SCHEMA_PATH) == [], path
        assert path.name == f"{meta['edition']}.{meta['lang']}.md" and meta["edition"] in weeks
        langs.setdefault(meta["edition"], set()).add(meta["lang"])
    assert sorted(generated.notes) == sorted((generated.content / "editions").glob("*.md"))
    assert {frozenset(found) for found in langs.values()} == {frozenset({"en", "zh"}), frozenset({"en"}), frozenset({"zh"})}
    assert len(weeks - set(langs)) >= 1  # and weeks without a note
