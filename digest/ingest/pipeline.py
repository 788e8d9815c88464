"""Run the ingest stages on one source and decide what happens to its Markdown file.

`build_article` is pure (bytes in, article out); `prepare` reads a file for it, and `commit` adds
the file-system edge: duplicate detection, the editor-edit guard, atomic writes and the manifest. `ingest_paths` runs
a whole batch under the content folder's lock; `collect_inputs` decides what a path names.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import jinja2

from digest import display_path, schema, vocab
from digest.dates import date_problem
from digest.excerpt import clip
from digest.frontmatter import FrontMatterError, parse
from digest.ingest import people, similarity, write
from digest.ingest.clean import SPACED_HYPHEN, Change, NoiseRules, clean, normalise_for_comparison
from digest.ingest.decode import Rejected, decode
from digest.ingest.detect import HAN, article_language, language_name, make_detector, to_simplified
from digest.ingest.extract import CODE, HEADING, NO_ARTICLE_CHARS, PARAGRAPH, Block, Extracted, extract_html, extract_text
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
MESSAGE_CHARS = 200  # of each schema message in a rejection


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
    data_dir: Path | None = None  # None: the repository's data/; workers of --jobs build their kit from it

    @classmethod
    def create(cls, data_dir: Path | None = None, today: dt.date | None = None) -> "Toolkit":
        vocabularies = vocab.load(data_dir) if data_dir else vocab.load()
        return cls(vocabularies, NoiseRules.from_data(vocabularies.noise), make_detector(), write.make_environment(),
                   vocab.chinese_words(vocabularies), people.load_rules(data_dir) if data_dir else people.load_rules(),
                   today or dt.date.today(), data_dir)


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
    headline = title  # as the source published it: before glossary, spacing and script are changed
    cleaned = clean(blocks, title, kit.rules, kit.detector)
    changes.extend(cleaned.changes)
    if not cleaned.blocks:
        raise Rejected(_why_no_text(extracted, cleaned.changes))
    left = sum(len("".join(block.text.split())) for block in cleaned.blocks)
    if extracted.second_found_none and left < NO_ARTICLE_CHARS:
        raise Rejected(f"no article: magic-html found none, and cleaning left {left} characters of trafilatura's "
                       f"reading (fewer than {NO_ARTICLE_CHARS}): a list of other pages, not an article")
    all_text = "\n".join(block.text for block in cleaned.blocks)
    # the article's language is its prose's: a script's English words are not it
    prose = "\n".join(block.text for block in cleaned.blocks if block.kind != CODE)
    lang = article_language(title, prose, kit.detector)
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
        source["name"] = kit.vocabularies.outlet(kit.words.simplified(source_name) if converted_from else source_name) \
            or source_name
    if headline:
        source["title"] = headline
    source["lang"] = lang
    if cleaned.machine_translated:
        source["machine_translated"] = True
    url = page_url(page) if page else None
    if url:
        source["url"] = url
    source["file"] = source_file
    source["sha256"] = hashlib.sha256(raw).hexdigest()
    if converted_from:
        source["converted_from"] = converted_from
    front_matter["source"] = source
    lead = next((block.text for block in blocks if block.kind == PARAGRAPH), "")
    front_matter.update(vocab.tag(title or "", lead, searchable, kit.vocabularies, kit.words))  # every taxonomy, as declared
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
    persons = [taxonomy for taxonomy in kit.vocabularies.taxonomies if taxonomy.person]
    unknown_people = people.unknown_officials(
        searchable, kit.titles, tuple(term for taxonomy in persons for term in kit.vocabularies.terms(taxonomy.key)), kit.words)
    if persons and unknown_people:
        problems.append(people.describe_unknown(unknown_people, persons[0].key, persons[0].vocabulary))
    front_matter["status"] = "draft" if problems else "published"
    if problems:
        front_matter["problems"] = problems
    invalid = schema.validate({**front_matter, **({"date": date} if date else {})}, lists=kit.vocabularies.keys)
    if invalid:
        raise Rejected("front matter would not match the schema: " + "; ".join(clip(p.message, MESSAGE_CHARS) for p in invalid))
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
        return Prepared(source_file, build_article(read_regular_file(path), source_file, suffix, kit))
    except Rejected as reason:
        return Prepared(source_file, None, str(reason))
    except OSError as error:
        return Prepared(source_file, None, f"cannot read: {error.strerror}")


_SPECIAL = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file. Checked before it is opened (a socket cannot be), opened
    without blocking and checked again, so a FIFO is rejected instead of waited on, even one put
    in a file's place after it was listed."""
    _must_be_regular(os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        _must_be_regular(os.fstat(fd).st_mode)
        with os.fdopen(os.dup(fd), "rb") as stream:
            return stream.read()
    finally:
        os.close(fd)


def _must_be_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _SPECIAL if test(mode)), "a special file")
        raise Rejected(f"not a regular file ({kind}); skipped")


class Stopped(Exception):
    """The run could not go on (the disk is full, say). `outcomes` are those of the inputs done
    before it stopped; the manifest records what they wrote. The message is `path: cannot write: why`."""

    def __init__(self, message: str, outcomes: list[Outcome] | None = None):
        super().__init__(message)
        self.outcomes = outcomes or []


def commit(prepared: Prepared, out_dir: Path, manifest: write.Manifest, kit: Toolkit, force: bool = False) -> Outcome:
    """The file-system edge, in input order: duplicates, slug ownership, the editor guard, the write.

    The article is written before the manifest records it, so a run that dies in between leaves a
    file that holds exactly what this source writes; the next run takes it over (`_choose_output`)."""
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

    relative, text, slug_problem = _choose_output(article, source_file, out_dir, manifest, kit)
    target = out_dir / relative
    status = article.front_matter["status"]
    problems = list(article.problems) + ([slug_problem] if slug_problem else [])
    written = write.sha256_bytes(text.encode("utf-8"))
    outputs = {k: v for k, v in manifest.sources.get(source_file, {}).get("outputs", {}).items() if k != relative}
    outputs[relative] = written
    entry = {"sha256": raw_sha, "text_sha256": article.text_sha256, "outputs": outputs}
    if article.signature:
        entry["minhash"] = article.signature
    current = _read_text(target)
    if current == text:
        if manifest.owner_of(relative) == source_file and manifest.written_hash(relative) == written:
            status = "unchanged"
    elif current is not None:
        edited = manifest.written_hash(relative) != write.sha256_bytes(current.encode("utf-8"))
        if edited and not force:
            problems.append(f"{display_path(target)} was edited since ingest wrote it; kept it (use --force to replace it)")
            return Outcome(source_file, display_path(target), "unchanged", problems, changes)
    if current != text:
        _or_stop(target, write.atomic_write, target, text)
    if manifest.sources.get(source_file) != entry:
        _or_stop(manifest.journal_path, manifest.record, source_file, entry)
    return Outcome(source_file, display_path(target), status, problems, changes)


def _or_stop(path: Path, action, *args) -> None:
    """Run a write; an OSError (a full disk, a read-only file system) stops the run."""
    try:
        action(*args)
    except OSError as error:
        raise Stopped(f"{display_path(path)}: cannot write: {error.strerror or error}") from error


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _near_copy_problem(near: similarity.NearCopy, out_dir: Path, manifest: write.Manifest) -> str:
    outputs = sorted(manifest.sources.get(near.source, {}).get("outputs", {}))
    written = f" ({', '.join(display_path(out_dir / output) for output in outputs)})" if outputs else ""
    return f"near-copy of {near.source}{written}: {near.similarity:.0%} of its text shingles shared"


def _choose_output(article: Article, source_file: str, out_dir: Path, manifest: write.Manifest, kit: Toolkit):
    """Keep the slug this source had before; never take a slug another article owns. A file no
    article owns is taken only if it holds exactly what this source writes there: a run died
    after writing it and before recording it. Returns (relative path, text, slug problem)."""
    lang = article.front_matter["lang"]
    previous = [p for p in manifest.sources.get(source_file, {}).get("outputs", {}) if p.startswith(f"{lang}/")]
    base = Path(previous[0]).stem if previous else article.front_matter["slug"]
    slug, counter = base, 1
    render = functools.cache(lambda slug: article_text(article, slug, kit))
    while True:
        relative = f"{lang}/{slug}.md"
        owner = manifest.owner_of(relative)
        if owner == source_file or (owner is None and _read_text(out_dir / relative) in (None, render(slug))):
            break
        counter += 1
        slug = f"{base}-{counter}"
    problem = None if slug == base else f"slug: '{base}' belongs to another article; used '{slug}'"
    return relative, render(slug), problem


def article_text(article: Article, slug: str, kit: Toolkit) -> str:
    """The Markdown file ingest writes for `article` under `slug`."""
    return write.render_article(kit.env, {**article.front_matter, "slug": slug}, article.body)


def collect_inputs(paths: list[Path], follow_symlinks: bool = False) -> list[Path | Prepared]:
    """What to ingest, in order: each file named, and the files with a supported suffix in each
    folder named (sorted; hidden ones left out). What cannot be taken comes back as a rejection:
    a path that cannot be looked at, a folder that cannot be read, and, unless follow_symlinks, a
    symlink met while walking a folder that leads out of it. A file named is taken as named."""
    found: list[Path | Prepared] = []
    for path in paths:
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as error:
            found.append(Prepared(display_path(path), None, f"cannot read: {error.strerror}"))
            continue
        found.extend(_walk(path, follow_symlinks) if is_folder else [path])
    return found


def _walk(root: Path, follow_symlinks: bool) -> list[Path | Prepared]:
    inside = root.resolve()
    found: list[tuple[Path, Path | Prepared]] = []
    folders, seen = [root], {inside}
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            found.append((folder, Prepared(display_path(folder), None, f"cannot read folder: {error.strerror}")))
            continue
        for entry in entries:
            path = folder / entry.name
            if entry.name.startswith("."):
                continue
            is_folder = _is_folder(entry)
            if not is_folder and path.suffix.lower() not in SUPPORTED:
                continue
            target = path.resolve()
            if entry.is_symlink() and not follow_symlinks and not target.is_relative_to(inside):
                reason = f"symlink to {target}, outside {display_path(root)}; not followed (--follow-symlinks follows it)"
                found.append((path, Prepared(Path(display_path(folder), entry.name).as_posix(), None, reason)))
            elif not is_folder:
                found.append((path, path))
            elif (follow_symlinks or not entry.is_symlink()) and target not in seen:
                seen.add(target)  # a link back up the tree is walked once
                folders.append(path)
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def ingest_paths(paths: list[Path], out_dir: Path, kit: Toolkit, force: bool = False, jobs: int = 1,
                 follow_symlinks: bool = False, waiting: Callable[[], None] = lambda: None) -> list[Outcome]:
    """Ingest every input. With jobs > 1 the pure stages run in that many processes; decisions
    and writes stay in this process, in input order, so the result is the same as with one job.

    The whole run holds out_dir's lock (another run calls `waiting`, then waits). Raises
    write.ManifestDamaged before doing anything, and Stopped when a write fails."""
    with write.exclusive(out_dir, waiting):
        manifest = write.Manifest.load(out_dir)
        write.remove_stale_temporaries(out_dir)
        found = collect_inputs(paths, follow_symlinks)
        inputs = [item for item in found if isinstance(item, Path)]
        if jobs > 1 and len(inputs) > 1:
            global _worker_kit
            _worker_kit = kit  # a forked worker starts with it; the caller keeps none once the workers are done
            try:
                with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(kit.data_dir, kit.today)) as pool:
                    prepared = iter(list(pool.map(_prepare_in_worker, inputs,
                                                  chunksize=max(1, min(32, len(inputs) // (jobs * 4))))))
            finally:
                _worker_kit = None
        else:
            prepared = (prepare(path, kit) for path in inputs)
        outcomes: list[Outcome] = []
        try:
            for item in found:
                outcomes.append(commit(next(prepared) if isinstance(item, Path) else item, out_dir, manifest, kit, force))
        except Stopped as stopped:
            stopped.outcomes = outcomes
            with contextlib.suppress(OSError):  # if even this fails, the journal stays for the next run
                if manifest.journal_path.exists():
                    manifest.save()
            raise
        finally:
            manifest.close()
        if manifest.journal_path.exists():
            _or_stop(manifest.path, manifest.save)
    return outcomes


def rebuild_manifest(out_dir: Path, kit: Toolkit) -> tuple[dict[str, dict], list[str]]:
    """Manifest entries made anew from the articles in out_dir (those whose front matter names a
    source file and its hash, translations left out), and `path: message` for what could not be.

    Where the source is still there and unchanged, ingest runs on it again and the entry is what
    ingest records: text hash, signature, and as the output's hash that of what ingest writes
    there, so an article an editor has changed since stays protected. Otherwise nothing can be
    computed honestly: text_sha256 is left out, the output's hash is null (not known to be
    ingest's, so replaced only with --force), and the signature comes later from the article's
    text, as for an entry from before signatures (Manifest._add_missing_signature)."""
    sources: dict[str, dict] = {}
    problems: list[str] = []
    for path in sorted(out_dir.rglob("*.md")):
        try:
            meta = parse(path.read_text(encoding="utf-8")).metadata
        except (OSError, UnicodeDecodeError, FrontMatterError) as error:
            problems.append(f"{display_path(path)}: left out: {error}")
            continue
        source = meta.get("source")
        if "translation" in meta or not isinstance(source, dict) or not source.get("file") or not source.get("sha256"):
            continue
        article = _ingest_again(source["file"], source["sha256"], kit)
        if article and article.front_matter["lang"] != meta.get("lang"):
            problems.append(f"{display_path(path)}: left out: in another language than ingest makes of {source['file']}")
            continue
        entry = sources.setdefault(source["file"], {"sha256": source["sha256"], "outputs": {}})
        relative = path.relative_to(out_dir).as_posix()
        if article is None:
            entry["outputs"][relative] = None
            problems.append(f"{display_path(path)}: its source {source['file']} is gone or has changed; "
                            "recorded as not written by ingest (only --force replaces it)")
            continue
        text = article_text(article, path.stem, kit)
        entry["outputs"][relative] = write.sha256_bytes(text.encode("utf-8"))
        entry["text_sha256"] = article.text_sha256
        if article.signature:
            entry["minhash"] = article.signature
    return sources, problems


def _ingest_again(source_file: str, sha256: str, kit: Toolkit) -> Article | None:
    path = Path(source_file)
    try:
        raw = read_regular_file(path)
        return build_article(raw, source_file, path.suffix.lower(), kit) if write.sha256_bytes(raw) == sha256 else None
    except (OSError, Rejected):
        return None


# The caller's Toolkit in each worker process, used for every file it prepares.
_worker_kit: Toolkit | None = None


def _start_worker(data_dir: Path | None, today: dt.date) -> None:
    """The caller's kit in this worker. A forked worker has it already (0.5 s of CPU saved a
    worker); a spawned one builds it again from its data folder and its day (a kit's detector and
    templates do not pickle)."""
    global _worker_kit
    if _worker_kit is None:
        _worker_kit = Toolkit.create(data_dir, today)


def _prepare_in_worker(path: Path) -> Prepared:
    return prepare(path, _worker_kit)
