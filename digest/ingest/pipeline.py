"""Run the ingest stages on one source and decide what happens to its Markdown file.

`build_article` is pure (bytes in, article out); `ingest_file` adds the file-system edge:
duplicate detection, the editor-edit guard, atomic writes and the manifest.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import jinja2

from digest import schema, vocab
from digest.dates import date_problem
from digest.ingest import people, similarity, write
from digest.ingest.clean import SPACED_HYPHEN, Change, NoiseRules, clean, normalise_for_comparison
from digest.ingest.decode import Rejected, decode
from digest.ingest.detect import HAN, detect_language, language_name, make_detector, to_simplified
from digest.ingest.extract import HEADING, PARAGRAPH, Block, Extracted, extract_html, extract_text
from digest.ingest.metadata import (
    body_credit, find_date, find_title, headline_dateline, make_slug, page_credit, page_date, page_description,
    page_publisher, page_title, page_url, summarise, trim_summary,
)
from digest.ingest.terminology import apply_glossary
from digest.words import ChineseWords

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED = HTML_SUFFIXES + TEXT_SUFFIXES
DATE_SEARCH_BLOCKS = 3


@dataclass(frozen=True)
class Toolkit:
    """Everything a run needs, built once: vocabularies, noise rules, detector, templates, Chinese
    words (jieba and OpenCC, loaded on first use), the titles that introduce officials, and the
    day found dates are judged from."""

    vocabularies: vocab.Vocabularies
    rules: NoiseRules
    detector: object
    env: jinja2.Environment
    words: ChineseWords
    titles: people.TitleRules
    today: dt.date = field(default_factory=dt.date.today)

    @classmethod
    def create(cls, data_dir: Path | None = None) -> "Toolkit":
        vocabularies = vocab.load(data_dir) if data_dir else vocab.load()
        return cls(vocabularies, NoiseRules.from_data(vocabularies.noise), make_detector(), write.make_environment(),
                   vocab.chinese_words(vocabularies), people.load_rules(data_dir) if data_dir else people.load_rules())


@dataclass(frozen=True)
class Article:
    front_matter: dict
    body: str
    text_sha256: str
    changes: tuple[str, ...]
    problems: tuple[str, ...]
    signature: str = ""  # similarity.signature of the body's text, to find near copies


@dataclass
class Outcome:
    input: str
    output: str | None
    status: str  # published | draft | unchanged | duplicate | rejected
    problems: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    def report_entry(self) -> dict:
        return {"input": self.input, "output": self.output, "status": self.status,
                "problems": self.problems, "changes": self.changes}


def build_article(raw: bytes, source_file: str, suffix: str, kit: Toolkit) -> Article:
    """Decode, extract, clean, detect, describe. Raises Rejected when there is no article."""
    decoded = decode(raw)
    extracted = extract_html(decoded.text) if suffix in HTML_SUFFIXES else extract_text(decoded.text)
    changes: list[Change] = [Change(None, "note", text, "") for text in (*decoded.changes, *extracted.removed)]
    blocks, page = extracted.blocks, extracted.page
    publisher = page_publisher(page) if page else None
    if page:
        title = page_title(page, (publisher,) if publisher else ())
        blocks, chrome = drop_chrome_before_headline(blocks, title)
        changes.extend(chrome)
    else:
        title = find_title(blocks)
        if title:
            changes.append(Change(blocks[0].line, "moved", "title goes to the front matter", title))
            blocks = blocks[1:]
    cleaned = clean(blocks, title, kit.rules, kit.detector)
    changes.extend(cleaned.changes)
    if not cleaned.blocks:
        raise Rejected(_why_no_text(extracted, cleaned.changes))
    all_text = "\n".join(block.text for block in cleaned.blocks)
    lang = detect_language(f"{title or ''}\n{all_text}", kit.detector)
    if lang not in ("en", "zh"):
        raise Rejected(f"language is {language_name(lang)}, not English or Chinese")
    blocks = cleaned.blocks
    converted_from = None
    if lang == "zh":
        title, blocks, converted_from = to_simplified(title, blocks, kit.words.t2s)
        if converted_from:
            changes.append(Change(None, "note", "converted Traditional → Simplified Chinese (OpenCC t2s)", ""))
    if lang == "en":
        blocks, replaced = apply_glossary(blocks, kit.vocabularies.glossary)
        changes.extend(replaced)
        if title:
            title = SPACED_HYPHEN.sub("-", title)
            (title_block,), _ = apply_glossary((blocks[0].with_text(title),), kit.vocabularies.glossary)
            title = title_block.text
    dateline = headline_dateline(page, title) if page else ""
    text_blocks = [b.text for b in blocks if b.kind != HEADING]
    date = (page_date(page, [dateline, cleaned.dateline or ""]) if page else None) or find_date(
        [title or "", cleaned.dateline or "", *text_blocks[:DATE_SEARCH_BLOCKS], *text_blocks[-1:]])
    implausible = date_problem(dt.date.fromisoformat(date), kit.today, kit.vocabularies.dates) if date else None
    if implausible:  # a wrong date is not published: the article waits, undated, for an editor
        date = None
    description = page_description(page, title, all_text) if page else None
    summary = trim_summary(description, lang) if description else summarise(blocks, lang, title)
    source_name = ((page_credit(page, dateline, kit.vocabularies.outlets, kit.vocabularies.wires) if page else None)
                   or cleaned.source_name or body_credit(text_blocks, kit.vocabularies.outlets) or publisher)
    searchable = f"{title or ''}\n" + "\n".join(block.text for block in blocks)
    front_matter: dict = {}
    if title:
        front_matter["title"] = title
    front_matter["slug"] = make_slug(title, Path(source_file).stem)
    front_matter["lang"] = lang
    if date:
        front_matter["date"] = dt.date.fromisoformat(date)
    source: dict = {}
    if source_name:
        source["name"] = source_name
    url = page_url(page) if page else None
    if url:
        source["url"] = url
    source["file"] = source_file
    source["sha256"] = hashlib.sha256(raw).hexdigest()
    if converted_from:
        source["converted_from"] = converted_from
    front_matter["source"] = source
    lead = next((block.text for block in blocks if block.kind == PARAGRAPH), "")
    front_matter["industries"] = vocab.match_topics(title or "", lead, searchable, kit.vocabularies.industries, kit.words)
    front_matter["officials"] = vocab.match_names(searchable, kit.vocabularies.officials, kit.words)
    if summary:
        front_matter["summary"] = summary
    problems = [
        message
        for missing, message in (
            (not title, "title: no title found (first line is prose, or the page has none)"),
            (not date and not implausible, "date: no complete day-month-year date in the title, the lead or the page metadata"),
            (bool(implausible), f"date: the source's date {implausible}; write the article's real date"),
            ("name" not in source, "source.name: no 'Source:' / '来源：' line and no site name in the page metadata"),
            (not summary, "summary: no lead paragraph to summarise"),
        )
        if missing
    ]
    unknown_officials = people.unknown_officials(searchable, kit.titles, kit.vocabularies.officials, kit.words)
    if unknown_officials:
        problems.append(people.describe_unknown(unknown_officials))
    front_matter["status"] = "draft" if problems else "published"
    if problems:
        front_matter["problems"] = problems
    invalid = schema.validate({**front_matter, **({"date": date} if date else {})})
    if invalid:
        raise Rejected("front matter would not match the schema: " + "; ".join(_shorten(p.message) for p in invalid))
    text_sha = hashlib.sha256(" ".join(decoded.text.split()).encode("utf-8")).hexdigest()
    body = write.render_body(blocks)
    signature = similarity.signature("\n".join(block.text for block in blocks), lang)
    changes.sort(key=lambda change: change.line or 0)  # notes (no line) first, then in source order
    return Article(front_matter, body, text_sha, tuple(c.describe() for c in changes), tuple(problems), signature)


HEADLINE_SEARCH_BLOCKS = 15


def drop_chrome_before_headline(blocks: tuple[Block, ...], title: str | None) -> tuple[tuple[Block, ...], list[Change]]:
    """When the headline appears among the first blocks, the short lines before it are site
    chrome an extractor took along with a layout table (menus, breadcrumbs), not the article."""
    key = normalise_for_comparison(title) if title else None
    for index, block in enumerate(blocks[:HEADLINE_SEARCH_BLOCKS] if key else ()):
        if normalise_for_comparison(block.text) == key:
            before = blocks[:index]
            if any(_reads_as_prose(b.text) for b in before):
                break
            return blocks[index:], [Change(b.line, "removed", "site chrome before the headline", b.text) for b in before]
    return blocks, []


def _reads_as_prose(text: str) -> bool:
    return len(HAN.findall(text)) >= 60 or len(text.split()) >= 40


def _shorten(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _why_no_text(extracted: Extracted, removals: tuple[Change, ...]) -> str:
    """Say which it was: the extractor found nothing, or cleaning removed all it found."""
    if not extracted.extractor_found_text or not extracted.blocks:
        return "no article text: the extractor found none in the page"
    reasons: dict[str, int] = {}
    for change in removals:
        if change.action == "removed":
            reasons[change.reason] = reasons.get(change.reason, 0) + 1
    listed = "; ".join(f"{reason} ×{count}" for reason, count in reasons.items()) or "nothing listed"
    return f"no article text left: cleaning removed every block ({listed})"


@dataclass(frozen=True)
class Prepared:
    """One input after the pure stages: an article, or the reason it was rejected."""

    source_file: str
    article: Article | None
    rejection: str | None = None


def prepare(path: Path, kit: Toolkit) -> Prepared:
    """Read and run the pure stages; safe to run in a worker process."""
    source_file = display_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        return Prepared(source_file, None, f"unsupported file type '{suffix}' (expected {', '.join(SUPPORTED)})")
    try:
        return Prepared(source_file, build_article(path.read_bytes(), source_file, suffix, kit))
    except Rejected as reason:
        return Prepared(source_file, None, str(reason))
    except OSError as error:
        return Prepared(source_file, None, f"cannot read: {error.strerror}")


def ingest_file(path: Path, out_dir: Path, manifest: write.Manifest, kit: Toolkit, force: bool = False) -> Outcome:
    return commit(prepare(path, kit), out_dir, manifest, kit, force)


def commit(prepared: Prepared, out_dir: Path, manifest: write.Manifest, kit: Toolkit, force: bool = False) -> Outcome:
    """The file-system edge, in input order: duplicates, slug ownership, the editor guard, the write."""
    source_file, article = prepared.source_file, prepared.article
    if article is None:
        return Outcome(source_file, None, "rejected", [prepared.rejection])
    raw_sha = article.front_matter["source"]["sha256"]
    changes = list(article.changes)
    duplicate_of = manifest.find_duplicate(source_file, raw_sha, article.text_sha256)
    if duplicate_of:
        return Outcome(source_file, None, "duplicate", [f"same text as {duplicate_of}, already ingested"], changes)
    near = manifest.find_near_copy(source_file, article.signature)
    if near:
        return Outcome(source_file, None, "duplicate", [_near_copy_problem(near, out_dir, manifest)], changes)

    relative, front_matter, slug_problem = _choose_output(article, source_file, out_dir, manifest)
    target = out_dir / relative
    text = write.render_article(kit.env, front_matter, article.body)
    status = front_matter["status"]
    problems = list(article.problems) + ([slug_problem] if slug_problem else [])
    if target.exists():
        current = target.read_text(encoding="utf-8")
        if current == text:
            return Outcome(source_file, display_path(target), "unchanged", problems, changes)
        edited = manifest.written_hash(relative) != write.sha256_bytes(current.encode("utf-8"))
        if edited and not force:
            problems.append(f"{display_path(target)} was edited since ingest wrote it; kept it (use --force to replace it)")
            return Outcome(source_file, display_path(target), "unchanged", problems, changes)
    write.atomic_write(target, text)
    outputs = {k: v for k, v in manifest.sources.get(source_file, {}).get("outputs", {}).items() if k != relative}
    outputs[relative] = write.sha256_bytes(text.encode("utf-8"))
    entry = {"sha256": raw_sha, "text_sha256": article.text_sha256, "outputs": outputs}
    if article.signature:
        entry["minhash"] = article.signature
    manifest.record(source_file, entry)
    return Outcome(source_file, display_path(target), status, problems, changes)


def _near_copy_problem(near: similarity.NearCopy, out_dir: Path, manifest: write.Manifest) -> str:
    outputs = sorted(manifest.sources.get(near.source, {}).get("outputs", {}))
    written = f" ({', '.join(display_path(out_dir / output) for output in outputs)})" if outputs else ""
    return f"near-copy of {near.source}{written}: {near.similarity:.0%} of its text shingles shared"


def _choose_output(article: Article, source_file: str, out_dir: Path, manifest: write.Manifest):
    """Keep the slug this source had before; never take a slug another article owns."""
    lang = article.front_matter["lang"]
    previous = [p for p in manifest.sources.get(source_file, {}).get("outputs", {}) if p.startswith(f"{lang}/")]
    base = Path(previous[0]).stem if previous else article.front_matter["slug"]
    slug, counter = base, 1
    while True:
        relative = f"{lang}/{slug}.md"
        owner = manifest.owner_of(relative)
        if owner == source_file or (owner is None and not (out_dir / relative).exists()):
            break
        counter += 1
        slug = f"{base}-{counter}"
    problem = None if slug == base else f"slug: '{base}' belongs to another article; used '{slug}'"
    return relative, {**article.front_matter, "slug": slug}, problem


def display_path(path: Path) -> str:
    """Paths relative to the working directory when inside it (as front matter records them)."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return os.fspath(path)


def collect_inputs(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
            )
        else:
            found.append(path)
    return found


def ingest_paths(paths: list[Path], out_dir: Path, kit: Toolkit, force: bool = False, jobs: int = 1) -> list[Outcome]:
    """Ingest every input. With jobs > 1 the pure stages run in that many processes; decisions
    and writes stay in this process, in input order, so the result is the same as with one job."""
    manifest = write.Manifest.load(out_dir)
    inputs = collect_inputs(paths)
    if jobs > 1 and len(inputs) > 1:
        with ProcessPoolExecutor(jobs, initializer=_start_worker) as pool:
            prepared = list(pool.map(_prepare_in_worker, inputs, chunksize=max(1, min(32, len(inputs) // (jobs * 4)))))
    else:
        prepared = [prepare(path, kit) for path in inputs]
    outcomes = [commit(item, out_dir, manifest, kit, force) for item in prepared]
    if any(o.status in ("published", "draft") for o in outcomes):
        manifest.save()
    return outcomes


# Each worker process builds its Toolkit once (detector, vocabularies, templates), not once per file.
_worker_kit: Toolkit | None = None


def _start_worker() -> None:
    global _worker_kit
    _worker_kit = Toolkit.create()


def _prepare_in_worker(path: Path) -> Prepared:
    return prepare(path, _worker_kit)
