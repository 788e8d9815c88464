"""Run one extractor on one page: trafilatura, magic-html, or our ingest pipeline.

Each runner returns a `PageResult`: the article text as a reader would see it, the metadata the
tool found, and the seconds the extraction took. Only `run_ours` knows about the pipeline, and it
depends only on `build_article`, `Toolkit`, `Rejected` and the front-matter keys.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

TRAFILATURA = "trafilatura"
MAGIC_HTML = "magic-html"
OURS = "ours"
TOOLS = (TRAFILATURA, MAGIC_HTML, OURS)


@dataclass(frozen=True)
class PageResult:
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    source_name: str | None = None
    lang: str | None = None
    rejected_reason: str | None = None
    published: bool = True  # ours: status published (a draft is held back for an editor)
    seconds: float = 0.0
    error: str | None = None  # the tool raised; text is empty


def html_to_text(html: str | None) -> str:
    """What magic-html's benchmark does with an extractor's HTML output."""
    return BeautifulSoup(html or "", "lxml").get_text("\n", strip=True)


def run_trafilatura(html: str, rouge_settings: bool) -> PageResult:
    """`trafilatura.extract(html)`; on the magic-html benchmark with that benchmark's settings
    (include_comments=False, no_fallback=True, which trafilatura 2 calls fast=True). Metadata
    from `bare_extraction(with_metadata=True)`, not timed."""
    import trafilatura

    options = {"include_comments": False, "fast": True} if rouge_settings else {}
    started = time.perf_counter()
    text = trafilatura.extract(html, **options) or ""
    seconds = time.perf_counter() - started
    document = trafilatura.bare_extraction(html, with_metadata=True)
    meta = document.as_dict() if hasattr(document, "as_dict") else (document or {})
    return PageResult(text, _clean(meta.get("title")), _clean(meta.get("date")), _clean(meta.get("sitename")),
                      seconds=seconds)


def make_magic_extractor():
    from magic_html import GeneralExtractor

    return GeneralExtractor()


def run_magic_html(html: str, url: str, extractor) -> PageResult:
    """`GeneralExtractor().extract(html, base_url=url)["html"]`, then `html_to_text`."""
    started = time.perf_counter()
    result = extractor.extract(html, base_url=url)
    text = html_to_text(result.get("html"))
    return PageResult(text, _clean(result.get("title")), seconds=time.perf_counter() - started)


def run_ours(raw: bytes, page_id: str, kit) -> PageResult:
    """Our pipeline on one page, as `python -m scripts.ingest` would see `<page_id>.html`.

    The text is what a reader sees of the body: the Markdown rendered to HTML and read back as
    text. The title is not part of it, as it is not of trafilatura's text: the article-extraction
    benchmark's articleBody has no headline, and only 10 of magic-html's 84 labelled en/zh pages
    have it in their ground truth. A rejection keeps its reason; one naming a language is a
    language verdict.
    """
    from markdown_it import MarkdownIt

    from digest.ingest.decode import Rejected
    from digest.ingest.pipeline import build_article

    started = time.perf_counter()
    try:
        article = build_article(raw, f"{page_id}.html", ".html", kit)
    except Rejected as reason:
        return PageResult("", rejected_reason=str(reason), published=False, seconds=time.perf_counter() - started)
    seconds = time.perf_counter() - started
    front = article.front_matter
    body = BeautifulSoup(MarkdownIt("commonmark").render(article.body), "lxml").get_text("\n")
    title = front.get("title")
    date = front.get("date")
    return PageResult(
        body.strip(),
        title=title,
        date=date.isoformat() if isinstance(date, (dt.date, dt.datetime)) else _clean(date),
        source_name=source_name(front),
        lang=front.get("lang"),
        published=front.get("status") == "published",
        seconds=seconds,
    )


def source_name(front: dict) -> str | None:
    """The source's name as the article's own language writes it: a name ingest knows in both
    languages (`{en, zh}`) is compared by the one the page's language uses."""
    name = (front.get("source") or {}).get("name")
    return name.get(front.get("lang")) if isinstance(name, dict) else name


def _clean(value) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def run_tool(tool: str, pages, rouge_settings: bool, kit=None, magic_extractor=None) -> list[PageResult]:
    """One tool over every page; a tool that raises on a page scores an empty text there."""
    results = []
    for page in pages:
        try:
            if tool == TRAFILATURA:
                result = run_trafilatura(page.html, rouge_settings)
            elif tool == MAGIC_HTML:
                result = run_magic_html(page.html, page.url, magic_extractor)
            else:
                result = run_ours(page.raw, page.id, kit)
        except Exception as error:  # a peer's bug on one page must not end the run
            result = PageResult("", published=False, error=f"{type(error).__name__}: {error}")
        results.append(result)
    return results


def time_ingest_command(pages, jobs: int, python: str, repo_root, work_dir) -> tuple[int, float]:
    """Write the pages as `<id>.html` under work_dir and time `python -m scripts.ingest` on them
    as a subprocess; (pages, wall seconds). Its exit status is 1 when a page is rejected: ignored."""
    work_dir = Path(work_dir)
    source_dir = work_dir / "pages"
    if not source_dir.is_dir():
        source_dir.mkdir(parents=True)
        for page in pages:
            (source_dir / f"{page.id}.html").write_bytes(page.raw)
    out_dir = work_dir / f"out-jobs{jobs}"
    started = time.perf_counter()
    report = out_dir / "r.json"
    finished = subprocess.run(
        [python, "-m", "scripts.ingest", "--quiet", "--out", str(out_dir), "--report", str(report),
         "--jobs", str(jobs), str(source_dir)],
        cwd=repo_root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )
    wall = time.perf_counter() - started
    if finished.returncode not in (0, 1) or not report.is_file():
        raise RuntimeError(f"scripts.ingest --jobs {jobs} failed ({finished.returncode}): {finished.stderr[-500:]}")
    return len(pages), wall
