"""Stage 7: render an article to Markdown through templates/article.md.j2 and write it safely.

Source text is escaped so that nothing in it can become markup; files are written atomically;
a manifest (content/.ingest-manifest.json) remembers what ingest wrote, so a file an editor has
changed since is never overwritten without --force. Each article is recorded as it is written, in
a journal (content/.ingest-journal.jsonl) that is folded into the manifest at the end of a run,
or when the next run loads it if a run died; one run at a time holds content/.ingest.lock.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from digest import TEMPLATES_DIR
from digest.frontmatter import FrontMatterError, dump_yaml, split
from digest.ingest import similarity
from digest.ingest.extract import BULLET, CODE, HEADING, NUMBERED, QUOTE, Block

MANIFEST_NAME = ".ingest-manifest.json"
JOURNAL_NAME = ".ingest-journal.jsonl"
LOCK_NAME = ".ingest.lock"
REBUILD = "rebuild it with python -m scripts.ingest --rebuild-manifest"
# atomic_write's temporary files: .<name>.<pid of the writer>-<random>.tmp
_TEMPORARY = re.compile(r"^\..+\.(\d+)-[0-9a-f]{8}\.tmp$")
# Inline characters that can start Markdown or HTML anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")
# Characters that only matter at the start of a line (block markers).
_LINE_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Escape text so CommonMark renders it literally: no markup, no HTML, no links."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE_SPECIAL.sub(r"\\\1", line.strip())
        line = _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1).isdigit() else "\\" + m.group(1), line)
        lines.append(line)
    return "\n".join(lines)


def fenced_code(text: str) -> str:
    """A code block, verbatim: inside a fence Markdown is not parsed and the renderer escapes
    HTML, so nothing needs escaping; the fence is longer than any backtick run in the text."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def render_body(blocks: tuple[Block, ...]) -> str:
    parts: list[str] = []
    number = 0
    for block in blocks:
        text = escape_markdown(block.text)
        number = number + 1 if block.kind == NUMBERED else 0
        if block.kind == CODE:
            parts.append(fenced_code(block.text))
        elif block.kind == HEADING:
            parts.append("#" * max(2, min(block.level, 6)) + " " + " ".join(text.split("\n")))
        elif block.kind == BULLET:
            parts.append("- " + text.replace("\n", "\n  "))
        elif block.kind == NUMBERED:
            parts.append(f"{number}. " + text.replace("\n", "\n   "))
        elif block.kind == QUOTE:
            parts.append("> " + text.replace("\n", "\n> "))
        else:
            parts.append(text)
    # List items of one list stay together; everything else is separated by a blank line.
    out = ""
    for previous, (block, part) in zip([None, *blocks], zip(blocks, parts)):
        same_list = previous is not None and previous.kind == block.kind and block.kind in (BULLET, NUMBERED)
        out += ("\n" if same_list else "\n\n" if out else "") + part
    return out + "\n"


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=False,  # Markdown, not HTML: the body is escaped by escape_markdown
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml"] = dump_yaml
    return env


def render_article(env: jinja2.Environment, front_matter: dict, body: str) -> str:
    return env.get_template("article.md.j2").render(front_matter=front_matter, body=body.rstrip("\n"))


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ManifestDamaged(Exception):
    """The manifest or its journal cannot be read; the message is `path:line: damaged (why); rebuild …`."""

    def __init__(self, path: Path, line: int, why: str):
        super().__init__(f"{path}:{line}: damaged ({why}); {REBUILD}")


@dataclass
class Manifest:
    """What ingest wrote: per source file, its hashes and the hash of each output it wrote.

    `record` appends the entry to the journal at once (one write, so a killed run loses nothing it
    wrote); `load` replays a journal left by a run that died; `save` folds the journal in."""

    path: Path
    sources: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> "Manifest":
        path = out_dir / MANIFEST_NAME
        sources = _read_manifest(path) if path.exists() else {}
        manifest = cls(path, sources)
        for source, entry in _read_journal(out_dir / JOURNAL_NAME):
            manifest._apply(source, entry)
        return manifest

    def save(self) -> None:
        """Write the manifest, then drop the journal it now holds. The articles reach the disk
        first (one sync), then the manifest (fsync'd before it replaces the old one)."""
        self.close()
        data = {"sources": {key: self.sources[key] for key in sorted(self.sources)}}
        os.sync()
        atomic_write(self.path, json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", durable=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.journal_path)

    def close(self) -> None:
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None

    @property
    def journal_path(self) -> Path:
        return self.path.with_name(JOURNAL_NAME)

    def __post_init__(self):
        self._journal: int | None = None  # the journal, open for appending once something is recorded
        self._by_hash: dict[str, str] = {}  # raw or whitespace-normalised text hash -> source
        self._by_output: dict[str, str] = {}
        self._near = similarity.NearDuplicateIndex()
        for source in sorted(self.sources, reverse=True):  # the first source (sorted) wins
            entry = self.sources[source]
            if "minhash" not in entry:
                self._add_missing_signature(entry)
            self._index(source)

    def _add_missing_signature(self, entry: dict) -> None:
        """An entry from before signatures were recorded gets the signature of the article it wrote.
        Markdown escapes and markers are not words, so that is the signature ingest would have
        recorded (the same for the seed and the fixtures; list numbers would be extra words), or
        that of an editor's version. One read per entry, kept from the manifest's next save on."""
        for output in sorted(entry.get("outputs", {})):
            try:
                _, body, _ = split((self.path.parent / output).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, FrontMatterError):
                continue
            sig = similarity.signature(body, output.split("/")[0])
            if sig:
                entry["minhash"] = sig
            return

    def _index(self, source: str) -> None:
        entry = self.sources[source]
        for key in ("sha256", "text_sha256"):
            if entry.get(key):
                self._by_hash[entry[key]] = source
        for output in entry.get("outputs", {}):
            self._by_output[output] = source
        self._near.add(source, entry.get("minhash", ""))

    def record(self, source: str, entry: dict) -> None:
        """Remember what source wrote, in memory and in the journal. One write, not fsync'd: a
        process that dies, however it dies, has handed it to the kernel (see README, Design notes)."""
        if self._journal is None:
            self._journal = _open_journal(self.journal_path)
        line = json.dumps({"source": source, "entry": entry}, ensure_ascii=False, sort_keys=True) + "\n"
        _write_all(self._journal, line.encode("utf-8"))
        self._apply(source, entry)

    def _apply(self, source: str, entry: dict) -> None:
        """Set source's entry; the hashes of what it had before no longer name it."""
        for key in ("sha256", "text_sha256"):
            old = self.sources.get(source, {}).get(key)
            if old and self._by_hash.get(old) == source:
                del self._by_hash[old]
        self.sources[source] = entry
        self._index(source)

    def find_duplicate(self, source_file: str, raw_sha: str, text_sha: str) -> str | None:
        for key in (raw_sha, text_sha):
            other = self._by_hash.get(key)
            if other is not None and other != source_file:
                return other
        return None

    def find_near_copy(self, source_file: str, signature: str) -> similarity.NearCopy | None:
        """The ingested article (not source_file's own earlier version) most of whose text this is."""
        return self._near.find(signature, exclude=source_file)

    def owner_of(self, output: str) -> str | None:
        return self._by_output.get(output)

    def written_hash(self, output: str) -> str | None:
        owner = self._by_output.get(output)
        return self.sources[owner]["outputs"].get(output) if owner else None


def _read_manifest(path: Path) -> dict[str, dict]:
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ManifestDamaged(path, raw[: error.start].count(b"\n") + 1, "not UTF-8") from None
    except json.JSONDecodeError as error:
        raise ManifestDamaged(path, error.lineno, error.msg) from None
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(sources, dict):
        raise ManifestDamaged(path, 1, 'not an object with "sources"')
    for source, entry in sources.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("outputs", {}), dict):
            line = next((n for n, text in enumerate(raw.decode("utf-8").split("\n"), 1) if json.dumps(source) in text), 1)
            raise ManifestDamaged(path, line, f"the entry of {source} is not an object with outputs")
    return sources


def _read_journal(path: Path) -> Iterator[tuple[str, dict]]:
    """(source, entry) for each line; a last line cut short (the run died writing it) is ignored."""
    try:
        lines = path.read_bytes().split(b"\n")
    except FileNotFoundError:
        return
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        try:
            item = json.loads(line.decode("utf-8"))
            source, entry = item["source"], item["entry"]
            if not isinstance(source, str) or not isinstance(entry, dict):
                raise ValueError("not a source and its entry")
        except (ValueError, KeyError, TypeError) as error:
            if number == len(lines):  # no newline after it: a write the death cut short
                return
            raise ManifestDamaged(path, number, getattr(error, "msg", None) or str(error)) from None
        yield source, entry


def _open_journal(path: Path) -> int:
    """Open for appending, without the last line of a run that died writing it: the next line
    would be glued to it and read as damage."""
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o666)
    data = os.pread(fd, os.fstat(fd).st_size, 0)
    if data and not data.endswith(b"\n"):
        os.ftruncate(fd, data.rfind(b"\n") + 1)
    return fd


@contextlib.contextmanager
def exclusive(out_dir: Path, waiting: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold out_dir/.ingest.lock: one ingest at a time reads and writes the manifest; another
    calls `waiting` and waits. A POSIX lock, which a forked worker does not inherit and the
    kernel releases when the process dies, however it dies."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            waiting()
            fcntl.lockf(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path) -> None:
    """Delete atomic_write's temporary files left in folder's tree by writers that have died."""
    for path in folder.rglob(".*.tmp"):
        match = _TEMPORARY.match(path.name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def atomic_write(path: Path, text: str, durable: bool = False) -> None:
    """Replace path with text in one step: a reader, or a run that dies, sees the old file or the new.

    A new file gets the mode an editor's would (0666 less the umask: the kernel applies it); a
    replaced file keeps its mode. durable: on disk (fsync) before it replaces the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            _write_all(fd, text.encode("utf-8"))
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
