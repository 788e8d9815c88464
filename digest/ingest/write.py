"""Stage 7: render an article to Markdown through templates/article.md.j2 and write it safely.

Source text is escaped so that nothing in it can become markup; files are written atomically;
a manifest (content/.ingest-manifest.json) remembers what ingest wrote, so a file an editor has
changed since is never overwritten without --force.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from digest import TEMPLATES_DIR
from digest.frontmatter import FrontMatterError, dump_yaml, split
from digest.ingest import similarity
from digest.ingest.extract import BULLET, CODE, HEADING, NUMBERED, QUOTE, Block

MANIFEST_NAME = ".ingest-manifest.json"
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


@dataclass
class Manifest:
    """What ingest wrote: per source file, its hashes and the hash of each output it wrote."""

    path: Path
    sources: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> "Manifest":
        path = out_dir / MANIFEST_NAME
        if path.exists():
            return cls(path, json.loads(path.read_text(encoding="utf-8")).get("sources", {}))
        return cls(path)

    def save(self) -> None:
        data = {"sources": {key: self.sources[key] for key in sorted(self.sources)}}
        atomic_write(self.path, json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n")

    def __post_init__(self):
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


def atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
