"""The Pagefind search index, sharded by language and runs of months: `/pagefind/2025/`,
`/zh/pagefind/2020-2022/`, `/pagefind/2024-07_2024-12/`.

Pagefind has no incremental mode: whatever it indexes, it indexes from scratch. One bundle per
language and run of months keeps that cheap where it matters: a one-article edit re-indexes one
shard of one language, a new article usually only the newest; a shard is skipped when the pages it
holds are the pages it was built from. Each starts as soon as its article pages are on disk,
beside another while their estimated memory fits (MemoryBudget: Pagefind holds about 0.33 MB a page).

The search page reads the newest shard of its language first and merges older ones into it (in
the browser, `mergeIndex`; merged shards share the first one's WebAssembly) only when a query
finds too few results there, or the reader asks for every year. So the first query's download
depends on the size of one shard, not of the archive: months share a shard until it would hold
more than `SHARD_PAGES` pages (oldest first), a small archive is one shard, and the newest shard
is kept at least half full.

Only article pages are indexed (the extended binary, which segments Chinese). Pagefind computes a
result's URL from the file's path under `--site`, so it runs on the output folder itself with a
`--glob` that names the shard's pages. A glob is one command-line argument, and Pagefind's glob
compiler gives up near 160 kB (about 2,500 pages); a larger shard is linked (or copied) into a
staging tree that mirrors the output instead, which costs a link and an unlink per page.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pagefind_bin_extended

from digest.site import urls

ENTRY = "pagefind-entry.json"
# Pagefind's ready-made UIs; the site has its own (theme/static/js/search.js), so they are not published.
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")


def bundles_root(lang: str) -> str:
    return f"{urls.prefix(lang)}pagefind/"


def bundle(lang: str, shard: str) -> str:
    return f"{bundles_root(lang)}{shard}/"


# The first query reads the newest shard only (theme/static/js/search.js): Pagefind's runtime (~85 kB
# gzipped, WebAssembly included), ten result fragments (~17 kB) and, from the shard, its page list,
# its filters (together ~22 bytes a page) and the index chunk that holds the word (~25 kB whatever
# the shard's size). 800 pages keep that under 150 kB; older shards load when the newest has too
# few results, or when the reader asks for every year.
SHARD_PAGES = 800

Month = tuple[int, int]  # (year, month)


def shard_names(pages_per_month: dict[Month, int], limit: int = SHARD_PAGES) -> dict[Month, str]:
    """{(year, month): its shard}: consecutive months, oldest first, share a shard while it holds
    at most `limit` pages; a month with more is a shard alone. Growth moves only the boundaries
    after the oldest changed month, so older shards keep their names (and are not indexed again) —
    except that a newest shard under half the limit takes months from the one before it, since
    the first query reads it alone.

    A shard of whole years is named by them (`2025`, `2020-2022`), else by its months
    (`2025-07`, `2025-01_2025-06`)."""
    groups: list[list[Month]] = []
    size = 0
    for month in sorted(pages_per_month):
        if not groups or size + pages_per_month[month] > limit:
            groups.append([])
            size = 0
        groups[-1].append(month)
        size += pages_per_month[month]
    if len(groups) > 1:
        _fill_newest(groups, pages_per_month, limit)
    return {month: _shard_name(group, groups) for group in groups for month in group}


def _fill_newest(groups: list[list[Month]], pages: dict[Month, int], limit: int) -> None:
    """Move the last months of the second-newest group into the newest until it holds half the limit."""
    newest, before = groups[-1], groups[-2]
    count = lambda group: sum(pages[month] for month in group)  # noqa: E731
    while len(before) > 1 and count(newest) < limit / 2 and count(newest) + pages[before[-1]] <= limit:
        newest.insert(0, before.pop())


def _shard_name(group: list[Month], groups: list[list[Month]]) -> str:
    years = sorted({year for year, _ in group})
    whole = all(year not in {y for y, _ in other} for other in groups if other is not group for year in years)
    if whole:
        return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    first, last = (f"{year}-{month:02d}" for year, month in (group[0], group[-1]))
    return first if first == last else f"{first}_{last}"


def shard_key(name: str, pages: list[tuple[str, str]]) -> str:
    """What a shard is built from: Pagefind's version and its pages, each as (path, page key)."""
    digest = hashlib.blake2b(f"{importlib.metadata.version('pagefind')}\0{name}".encode(), digest_size=16)
    for path, key in sorted(pages):
        digest.update(f"\0{path}\0{key}".encode())
    return digest.hexdigest()


def stage(output: Path, pages: list[str], staging: Path) -> None:
    """Mirror `pages` (paths relative to output) under staging: hard links, or copies across devices."""
    link = os.link
    for page in pages:
        target = staging / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            link(output / page, target)
        except OSError:
            link = shutil.copyfile
            link(output / page, target)


GLOB_LIMIT = 100_000  # characters: under Linux's 131,072-byte argument and Pagefind's ~160 kB glob
GLOB_SPECIAL = frozenset("\\?*$:<>()[]{},!")  # wax, Pagefind's glob syntax


def pages_glob(pages: list[str]) -> str:
    """A glob matching exactly these paths: `articles/{a,b}/index.html`.

    The folders they share stay outside the braces, so Pagefind walks only those folders.
    """
    escape = lambda text: "".join(f"\\{c}" if c in GLOB_SPECIAL else c for c in text)  # noqa: E731
    paths = sorted(set(pages))
    if len(paths) == 1:
        return escape(paths[0])
    head = os.path.commonprefix(paths)
    head = head[: head.rfind("/") + 1]
    tail = os.path.commonprefix([path[len(head):][::-1] for path in paths])[::-1]
    tail = tail[tail.find("/"):] if "/" in tail else ""
    if len(head) + len(tail) >= min(map(len, paths)):  # one path ends where another's folder begins
        tail = ""
    middles = [path[len(head): len(path) - len(tail)] for path in paths]
    return f"{escape(head)}{{{','.join(map(escape, middles))}}}{escape(tail)}"


def index_shard(output: Path, name: str, pages: list[str], glob_limit: int = GLOB_LIMIT) -> None:
    """Build one bundle from scratch (Pagefind never deletes its old hashed files)."""
    target = output / name
    shutil.rmtree(target, ignore_errors=True)
    command = [str(pagefind_bin_extended.get_executable()), "--silent", "--output-path", str(target.resolve())]
    glob = pages_glob(pages)
    if len(glob) <= glob_limit:
        result = subprocess.run([*command, "--site", str(output), "--glob", glob], capture_output=True, text=True)
    else:
        with tempfile.TemporaryDirectory(prefix="digest-search-") as staging:
            stage(output, pages, Path(staging))
            result = subprocess.run([*command, "--site", staging], capture_output=True, text=True)
    if result.returncode != 0 or not (target / ENTRY).exists():
        raise RuntimeError(f"pagefind failed for {name}:\n{result.stdout}{result.stderr}")
    for pattern in UNUSED:
        for unused in target.glob(pattern):
            unused.unlink()


# Pagefind holds a shard's whole index in memory: measured 2026-12 here, about 0.33 MB a page at
# 2,900 pages (a year of a 20,000-article corpus). Shards run at once only while their estimated
# memory fits MEMORY_MB: shards of at most SHARD_PAGES (800 pages, about 260 MB) always fit two
# at a time; a single month larger than that runs alone.
MB_PER_PAGE = 0.33
MEMORY_MB = 1200


class MemoryBudget:
    """Megabytes that tasks hold while they run; a task waits until its share fits, but one task
    always runs, however large."""

    def __init__(self, total: float):
        self.total, self.used, self.running = total, 0.0, 0
        self.condition = threading.Condition()

    def hold(self, megabytes: float):
        with self.condition:
            self.condition.wait_for(lambda: self.running == 0 or self.used + megabytes <= self.total)
            self.used += megabytes
            self.running += 1

    def release(self, megabytes: float):
        with self.condition:
            self.used -= megabytes
            self.running -= 1
            self.condition.notify_all()


class ShardIndexer:
    """Index shards in worker threads as their pages become ready; skip those built from the same pages.

    `previous` maps bundle name to the shard key it was last built with; `keys` collects this build's
    (only for bundles that are, or will be once `finish` returns, on disk). `memory_mb` bounds the
    estimated memory of the Pagefind processes running at once; `index` builds one shard.
    """

    def __init__(self, output: Path, previous: dict[str, str], enabled: bool = True, workers: int | None = None,
                 langs: tuple[str, ...] = (), memory_mb: float = MEMORY_MB, index=None):
        self.output, self.previous, self.enabled = output, previous, enabled
        self.langs = langs  # the site's languages: their bundles' folders are cleaned up
        self.workers = workers or os.cpu_count() or 1
        self.budget = MemoryBudget(memory_mb)
        self.index = index or index_shard
        self.keys: dict[str, str] = {}
        self.pool: ThreadPoolExecutor | None = None
        self.futures: list[Future] = []

    def ready(self, lang: str, shard: str, pages: list[tuple[str, str]]) -> None:
        """Every article page of the shard is on disk; pages are (output path, page key)."""
        name = bundle(lang, shard)
        key = shard_key(name, pages)
        if self.previous.get(name) == key and (self.output / name / ENTRY).exists():
            self.keys[name] = key
            return
        if not self.enabled:
            return
        if self.pool is None:
            self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="pagefind")
        self.futures.append(self.pool.submit(self._index_within_budget, name, [path for path, _ in pages]))
        self.keys[name] = key

    def _index_within_budget(self, name: str, pages: list[str]) -> None:
        megabytes = len(pages) * MB_PER_PAGE
        self.budget.hold(megabytes)
        try:
            self.index(self.output, name, pages)
        finally:
            self.budget.release(megabytes)

    def finish(self) -> dict[str, str]:
        """Wait for every shard, re-raise the first failure, remove bundles of shards that are gone."""
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        for future in self.futures:
            future.result()
        if self.enabled:
            for lang in self.langs:
                root = self.output / bundles_root(lang)
                for child in root.iterdir() if root.is_dir() else ():
                    if f"{bundles_root(lang)}{child.name}/" not in self.keys:
                        shutil.rmtree(child) if child.is_dir() else child.unlink()
        return self.keys
