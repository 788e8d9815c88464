"""python -m scripts.bench [--articles N | --quick] [--scale N,N…] [--seed S] [--jobs J] [--keep DIR] [--json FILE]

Generate a deterministic synthetic bilingual corpus, build it with our pipeline, stock Pelican
and Hugo, ingest its raw text and HTML sources, and print one table: wall time, CPU time, peak
RSS, files written, and the ratio of each build to stock Pelican and to Hugo. With --scale, our
build also runs cold and warm on larger corpora, each compared with the first per file written.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from digest import languages
from digest.bench import corpus as corpus_mod
from digest.bench import first_query
from digest.bench import measure, peers, report
from digest.bench import serve as serve_bench
from digest.bench.report import Row

DEFAULT_ARTICLES = 5000
QUICK_ARTICLES = 50
EDIT_TRIALS = 5  # articles retitled in make serve, one after another


def _say(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def _settle() -> None:
    """Flush the previous run's writes so they are not charged to the next run."""
    if hasattr(os, "sync"):
        os.sync()


def run_benchmark(articles: int, root: Path, seed: int = corpus_mod.DEFAULT_SEED, jobs: int | None = None,
                  quiet: bool = False, scales: tuple[int, ...] = ()) -> dict:
    """Run everything under root (which must be empty); return the JSON-able result."""
    jobs = jobs or os.cpu_count() or 1
    root = Path(root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    peers.hugo_binary()  # a pinned peer: fail now, loudly, not after minutes of other work
    versions = peers.versions()
    logs, out = root / "logs", root / "out"
    notes: list[str] = []

    started = time.perf_counter()
    _say(f"generating {articles} articles under {root} …", quiet)
    corpus = corpus_mod.generate(root / "corpus", articles, seed)
    peers.setup_pelican(corpus.pelican)
    peers.setup_hugo(corpus.hugo)
    meta = {
        "articles": len(corpus.articles),
        "documents": corpus.documents,
        "translated": sum(len(a.versions) == 2 for a in corpus.articles),
        "single": sum(len(a.versions) == 1 for a in corpus.articles),
        "seed": seed,
        "jobs": jobs,
        "text_inputs": len(corpus.text_inputs),
        "html_inputs": len(corpus.html_inputs),
        "root": str(root),
    }
    _say(f"  {corpus.documents} documents in {time.perf_counter() - started:.1f} s", quiet)
    rows: list[Row] = []

    def first_queries(output: Path, size: int | None = None, langs: tuple[str, ...] = ("en", "zh")) -> None:
        """Rows for a reader's first search on our built site (Hugo's output has no search page to compare)."""
        scale = f" ({size:,} articles)" if size else ""
        _say(f"first query{scale} …", quiet)
        try:
            found = first_query.measure(output, langs)
        except (first_query.ChromiumMissing, ImportError) as error:
            notes.append(f"first query{scale} not measured: {error}")
            return
        for q in found:
            rows.append(Row(f"first-query-{q.lang}" + (f"-{size}" if size else ""), f"first query “{q.query}”{scale}",
                            q.seconds, None, None, q.requests,
                            note=f"{q.bytes / 1000:,.0f} kB in {q.requests} requests; {q.shards_read} of {q.shards} "
                                 f"shards read; {q.status}",
                            extra={"bytes": q.bytes, "shards_read": q.shards_read, "shards": q.shards,
                                   **({"articles": size} if size else {})}))
            _say(f"  {q.query}: {q.bytes / 1000:,.0f} kB, {q.requests} requests, {q.shards_read}/{q.shards} shards, "
                 f"{q.seconds:.2f} s", quiet)

    def row(key: str, label: str, m: measure.Measurement, files: int, note: str, **extra) -> Row:
        cores = os.cpu_count() or 1
        if m.others_cpu is not None and m.others_cpu > 0.05 * m.wall * cores:
            note += f"; busy machine: other processes used {m.others_cpu:.1f} CPU s meanwhile"
        result = Row(key, label, m.wall, m.cpu, m.peak_rss_mb, files, note=note,
                     extra={"user": m.user, "sys": m.sys, "inner": m.inner, "others_cpu": m.others_cpu,
                            "largest_process_mb": m.largest_process_mb,
                            **m.value, **extra})
        rows.append(result)
        _say(f"  {label}: {m.wall:.2f} s wall, {m.cpu:.2f} s CPU, {m.peak_rss_mb:.0f} MB, {files} files", quiet)
        return result

    cwd = corpus.root  # display paths (seeds/…, content/…) are relative to the corpus

    # (a) ours, cold, then warm after a one-article edit, into the same output folder.
    _say("ours, cold …", quiet)
    ours_out = out / "ours"
    _settle()
    ours_args = {"settings": str(peers.OURS_SETTINGS), "content": str(corpus.content), "output": str(ours_out),
                 "cache": str(root / "ours-cache")}
    m = measure.run_function("digest.bench.peers:build_ours", ours_args, cwd=cwd, log=logs / "ours-cold.log")
    before = measure.snapshot(ours_out)
    cold = row("ours-cold", "ours cold", m, len(before), f"{m.value.get('warnings', 0)} warning(s)"
        + ("; Pagefind index included" if (ours_out / "pagefind").is_dir() else "; no search index")
        + ("" if m.value.get("cache") else "; build() takes no cache folder"))

    first_queries(ours_out)

    edited = corpus_mod.edit_one_article(corpus)
    _say(f"ours, warm (edited {edited.relative_to(corpus.root)}) …", quiet)
    _settle()
    m = measure.run_function("digest.bench.peers:build_ours", ours_args, cwd=cwd, log=logs / "ours-warm.log")
    after = measure.snapshot(ours_out)
    rewritten = measure.written_since(before, after)
    row("ours-warm", "ours warm (1 article edited)", m, rewritten,
        f"{m.wall / cold.wall:.2f}× ours cold; {rewritten:,} of {len(after):,} files rewritten",
        edited=str(edited.relative_to(corpus.root)), cold_ratio=m.wall / cold.wall)

    # (a') ours in make serve: from saving a retitled article to its page and listings on disk.
    _say("ours, edit to visible in make serve …", quiet)
    trials = serve_bench.edit_to_visible(corpus.root, corpus.content, ours_out, root / "ours-cache",
                                         corpus_mod.articles_to_edit(corpus, EDIT_TRIALS), logs / "serve.log",
                                         peers.OURS_SETTINGS)
    seen = serve_bench.summary(trials)
    rows.append(Row("edit-visible", "ours edit → visible (make serve)", seen["median"], None, None, int(seen["pages_median"]),
                    note=f"median of {len(trials)} retitled articles, max {seen['max']:.2f} s; its page and "
                         f"{seen['pages_median'] - 1:.0f} listing pages; full build and search caught up after "
                         f"{seen['caught_up_median']:.2f} s", extra={**seen, "trials": [vars(t) for t in trials]}))
    _say(f"  edit → visible: median {seen['median']:.2f} s, max {seen['max']:.2f} s", quiet)

    # (b) stock Pelican, cold.
    _say("stock Pelican, cold …", quiet)
    pelican_out = out / "pelican"
    _settle()
    m = measure.run_function("digest.bench.peers:build_pelican",
                             {"settings": str(corpus.pelican / "pelicanconf.py"), "output": str(pelican_out)},
                             cwd=cwd, log=logs / "pelican-cold.log")
    row("pelican-cold", "stock Pelican cold", m, measure.count_files(pelican_out),
        "notmyidea, Python-Markdown, tags, default feeds, no cache")

    # (c) Hugo, cold.
    _say("Hugo, cold …", quiet)
    hugo_out = out / "hugo"
    _settle()
    m = measure.run_command(peers.hugo_command(corpus.hugo, hugo_out, root / "hugo-cache"), cwd=cwd,
                            log=logs / "hugo-cold.log")
    hugo = row("hugo-cold", "Hugo cold", m, measure.count_files(hugo_out), "--ignoreCache, fresh --cacheDir, no --gc")

    # (d) Hugo, then Pagefind over its output: what a Hugo user runs for a searchable site.
    _say("Pagefind over Hugo's output …", quiet)
    _settle()
    indexed = measure.run_command(peers.pagefind_command(hugo_out), cwd=cwd, log=logs / "hugo-pagefind.log")
    row("hugo-pagefind-cold", "Hugo + Pagefind cold", measure.one_after_another(m, indexed),
        measure.count_files(hugo_out), f"Hugo {hugo.wall:.2f} s, then Pagefind (extended) {indexed.wall:.2f} s over all its pages")

    # (e) Pagefind alone over the article pages our cold build wrote: the floor under any build of ours
    # with search, whatever its rendering costs.
    _say("Pagefind alone over our article pages …", quiet)
    floor_out = root / "pagefind-floor"
    _settle()
    m = measure.run_command(peers.pagefind_floor_command(ours_out, floor_out, languages.default().codes), cwd=cwd,
                            log=logs / "pagefind-floor.log")
    indexed_pages = len(list(floor_out.glob("fragment/*.pf_fragment")))
    row("pagefind-floor", "Pagefind alone over ours' articles", m, measure.count_files(floor_out),
        f"{indexed_pages:,} article pages of every language tree in one run; no rendering: the least any build of ours "
        "with search can take", pages=indexed_pages)
    shutil.rmtree(floor_out, ignore_errors=True)

    # Ingest: text and HTML sources, one process, then --jobs.
    for kind, inputs in (("txt", corpus.text_inputs), ("html", corpus.html_inputs)):
        for n_jobs in ((1, jobs) if jobs > 1 else (1,)):
            key = f"ingest-{kind}" + ("" if n_jobs == 1 else "-jobs")
            _say(f"ingest {kind}, {n_jobs} job(s) …", quiet)
            target = out / key
            _settle()
            m = measure.run_function("digest.bench.peers:ingest",
                                     {"inputs": [str(p.relative_to(cwd)) for p in inputs], "out": str(target),
                                      "jobs": n_jobs}, cwd=cwd, log=logs / f"{key}.log")
            counts = m.value.get("counts", {})
            done = counts.get("published", 0) + counts.get("draft", 0)
            rate = done / m.value["ingest_seconds"] if m.value.get("ingest_seconds") else 0.0
            label = f"ingest {kind}" + ("" if n_jobs == 1 else f" (--jobs {n_jobs})")
            row(key, label, m, measure.count_files(target),
                f"{counts.get('published', 0):,}/{len(inputs):,} published; {rate:,.0f} articles/s in ingest_paths, "
                f"{done / m.wall:,.0f}/s with start-up",
                articles_per_second=rate, articles_per_second_with_startup=done / m.wall)

    # Ours at scale: the same cold and warm builds on larger corpora, per file written against the first.
    for size in scales:
        _say(f"ours at {size:,} articles: generating …", quiet)
        scaled = corpus_mod.generate(root / f"scale-{size}" / "corpus", size, seed)
        scaled_out = root / f"scale-{size}" / "out"
        scaled_args = {**ours_args, "content": str(scaled.content), "output": str(scaled_out),
                       "cache": str(root / f"scale-{size}" / "cache")}
        for phase in ("cold", "warm"):
            if phase == "warm":
                corpus_mod.edit_one_article(scaled)
            _say(f"ours at {size:,} articles, {phase} …", quiet)
            snapshot = measure.snapshot(scaled_out) if phase == "warm" else {}
            _settle()
            m = measure.run_function("digest.bench.peers:build_ours", scaled_args, cwd=scaled.root,
                                     log=logs / f"ours-{phase}-{size}.log")
            if phase == "cold":
                files = measure.count_files(scaled_out)
                per_file, base = m.wall / files, cold.wall / cold.files_written
                row(f"ours-{phase}-{size}", f"ours cold ({size:,} articles)", m, files,
                    f"{per_file * 1000:.2f} ms per file written, {per_file / base:.2f}× the {articles:,}-article build's",
                    articles=size, per_file_ratio=per_file / base)
                first_queries(scaled_out, size, ("en",))
            else:
                written = measure.written_since(snapshot, measure.snapshot(scaled_out))
                row(f"ours-{phase}-{size}", f"ours warm ({size:,} articles)", m, written,
                    f"1 article edited; {written:,} files rewritten", articles=size)
        shutil.rmtree(root / f"scale-{size}", ignore_errors=True)  # gigabytes at 50,000 articles

    report.add_ratios(rows)
    meta["seconds_total"] = time.perf_counter() - started
    return report.to_json(meta, versions, rows, notes)


def _sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(int(part) for part in text.split(",") if part.strip())
    if any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be at least 1")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.split("\n\n")[1])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, metavar="N",
                      help=f"articles in the corpus, most in both languages (default {DEFAULT_ARTICLES})")
    size.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES} articles: a smoke test")
    parser.add_argument("--scale", type=_sizes, default=(), metavar="N,N…",
                        help="also build ours cold and warm at these corpus sizes (make bench: 20000,50000)")
    parser.add_argument("--seed", type=int, default=corpus_mod.DEFAULT_SEED, help="corpus seed")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for the parallel ingest run (default: every core)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR (new or empty) and keep the corpus, outputs and logs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the result as JSON")
    parser.add_argument("--quiet", action="store_true", help="print only the table")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    articles = QUICK_ARTICLES if args.quick else args.articles
    if articles < 1:
        print("--articles must be at least 1", file=sys.stderr)
        return 2
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        print(f"{args.keep}: not empty; --keep needs a new or empty folder", file=sys.stderr)
        return 2
    root = args.keep or Path(tempfile.mkdtemp(prefix="digest-bench-"))
    try:
        result = run_benchmark(articles, root, args.seed, args.jobs, args.quiet, () if args.quick else args.scale)
    except (measure.RunFailed, peers.PeerMissing) as error:
        print(f"bench failed: {error}", file=sys.stderr)
        if not args.keep:
            print(f"(kept {root} for the logs)", file=sys.stderr)
        return 1
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
        result["meta"]["root"] = None
    print(report.format_report(result))
    if args.json:
        report.write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
