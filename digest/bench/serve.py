"""Edit to visible in `make serve`: from saving an article to its new HTML on disk.

The serve command runs as an editor runs it (`python -m scripts.serve`, any free port) over the
bench corpus and the output of the bench's own builds. Each trial retitles one article, a text edit
whose new title must appear on its page and on every listing page that shows it (the home pages and
its terms' pages, in every language tree that lists it). The clock runs from just before the file
is written until every one of those pages on disk carries the new title, polled every few
milliseconds; then, before the next trial, on to the end of the full build that follows (the rest
of the site and search), which the serve command reports on its output.
"""
from __future__ import annotations

import queue
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from digest import vocab
from digest.bench import measure
from digest.frontmatter import parse
from digest.site import urls

POLL = 0.005  # seconds between looks at the pages
TIMEOUT = 600.0  # seconds a trial may take before the bench gives up


@dataclass(frozen=True)
class Trial:
    path: str  # the article file edited, relative to the corpus
    pages: int  # pages that had to show the new title
    visible: float  # seconds from the save to the new title on every one of those pages
    caught_up: float  # seconds from the save to the end of the full build


def listing_pages(output: Path) -> list[Path]:
    """Every tree's home and term listing pages (where an article's title is listed)."""
    vocabularies = vocab.load()
    found = []
    for code in vocabularies.languages.codes:
        tree = output / urls.prefix(code)
        found += [tree / "index.html", *tree.glob("page/*/index.html")]
        for kind in vocabularies.keys:
            found += [*tree.glob(f"{kind}/*/index.html"), *tree.glob(f"{kind}/*/page/*/index.html")]
    return [page for page in found if page.is_file()]


def title_link(lang: str, slug: str, title: str) -> str:
    """How a listing item links the article (the site is built with SITEURL ""): its title in its link."""
    return f'<a href="/{urls.article(lang, slug)}">{escape(title)}</a>'


def pages_showing(output: Path, lang: str, slug: str, title: str) -> list[Path]:
    """The article's page and the listing pages that list it under its title."""
    article = output / urls.output_file(urls.article(lang, slug))
    link = title_link(lang, slug, title)
    return [article, *(page for page in listing_pages(output) if link in page.read_text(encoding="utf-8"))]


def retitle(path: Path, suffix: str) -> tuple[str, str]:
    """Append `suffix` to the article's title line; (slug, new title)."""
    text = path.read_text(encoding="utf-8")
    meta = parse(text).metadata
    new_title = f"{meta['title']}{suffix}"
    line = re.search(r"(?m)^title:.*$", text)
    path.write_text(text[: line.start()] + f"title: {_yaml_string(new_title)}" + text[line.end():], encoding="utf-8")
    return meta["slug"], new_title


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Server:
    """`python -m scripts.serve` in a child process; its output lines arrive on a queue."""

    def __init__(self, argv: list[str], cwd: Path, log: Path):
        self.log = open(log, "w", encoding="utf-8")
        self.process = subprocess.Popen(argv, cwd=cwd, env=measure.child_env(), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.process.stdout:
            self.log.write(line)
            self.log.flush()
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout: float = TIMEOUT) -> str:
        """The next output line that matches `pattern` (a regular expression)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise measure.RunFailed(f"serve: no line matching {pattern!r} in {timeout:.0f} s") from None
            if re.search(pattern, line):
                return line
            if self.process.poll() is not None and self.lines.empty():
                raise measure.RunFailed(f"serve exited with {self.process.returncode}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def edit_to_visible(corpus_root: Path, content: Path, output: Path, cache: Path, articles: list[Path], log: Path,
                    settings: Path) -> list[Trial]:
    """Serve `output` (already built from `content` with `cache`), retitle each of `articles` in turn."""
    argv = [sys.executable, "-m", "scripts.serve", "--port", "0", "--content", str(content), "--output", str(output),
            "--cache", str(cache), "--settings", str(settings)]
    server = Server(argv, corpus_root, log)
    trials = []
    try:
        server.wait_for(r"^serving ")
        for number, path in enumerate(articles, 1):
            meta = parse(path.read_text(encoding="utf-8")).metadata
            watched = pages_showing(output, meta["lang"], meta["slug"], meta["title"])
            started = time.perf_counter()
            _, title = retitle(path, f" (revised {number})")
            heading, link = f">{escape(title)}</h1>", title_link(meta["lang"], meta["slug"], title)
            waiting = list(watched)
            while waiting:
                waiting = [page for page in waiting if (heading if page == watched[0] else link) not in _text(page)]
                if waiting:
                    if time.perf_counter() - started > TIMEOUT:
                        raise measure.RunFailed(f"serve: {waiting[0]} never showed the new title")
                    time.sleep(POLL)
            visible = time.perf_counter() - started
            server.wait_for(r"^built |^build stopped")
            trials.append(Trial(str(path.relative_to(corpus_root)), len(watched), visible, time.perf_counter() - started))
    finally:
        server.stop()
    return trials


def _text(page: Path) -> str:
    try:
        return page.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):  # caught between the two steps of a write
        return ""


def summary(trials: list[Trial]) -> dict:
    visible = [trial.visible for trial in trials]
    return {"median": statistics.median(visible), "max": max(visible),
            "caught_up_median": statistics.median(trial.caught_up for trial in trials),
            "pages_median": statistics.median(trial.pages for trial in trials)}
