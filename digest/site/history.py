"""When an article changed after it was published, from git: one `git log` for the whole content folder.

A file "changed after publication" when a commit after the one that added it changed what a
reader reads: its title, its summary or the words of its body. A commit that only adds a tag,
records a source's headline or fixes a line break is not an update a reader should be told of
(Atom's `updated` is "a significant change"). The day is that last such commit's day in
Asia/Shanghai (the sources' dates are local dates too). Both versions of each changed file come
from one `git cat-file --batch`.
Outside a git repository, without git, or in a shallow clone (whose oldest commit seems to add
every file) nothing is known, and nothing is said: an empty answer, never an error.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from digest.frontmatter import FrontMatterError, parse
from digest.site.editions import SHANGHAI

# %x01 starts each commit: its committer time, then (-z --raw) pairs of ":modes old-blob new-blob status" and path.
LOG_FORMAT = "%x01%ct"
READ_FIELDS = ("title", "summary")  # with the body, what a reader reads of an article
# A hook (pre-commit) runs with these set for its own repository: they would point git away from `folder`.
_REPOSITORY_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """git's output in `folder`, or None when git is missing or fails (not a repository)."""
    env = {name: value for name, value in os.environ.items() if name not in _REPOSITORY_VARIABLES}
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], input=stdin, capture_output=True, env=env, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _text(output: bytes | None) -> str | None:
    return None if output is None else output.decode("utf-8", "surrogateescape")


def read_log(folder: Path) -> str | None:
    """The log of every commit touching `folder`, paths relative to it; None when there is no full history."""
    if _text(_git(folder, "rev-parse", "--is-shallow-repository")) != "false\n":  # None, or "true" in a shallow clone
        return None
    return _text(_git(folder, "log", "--relative", "--no-renames", "--raw", "--no-abbrev", "-z", f"--format={LOG_FORMAT}",
                      "--", "."))


def changes(log: str | None) -> list[tuple[int, str, str, str, str]]:
    """(commit time, path, status, old blob, new blob) for each file each commit touched, newest commit first."""
    found = []
    for commit in (log or "").split("\x01")[1:]:
        fields = commit.split("\0")
        when = int(fields[0])
        for raw, path in zip(fields[1::2], fields[2::2]):
            _, _, old, new, status = raw.split()
            found.append((when, path, status, old, new))
    return found


def read_blobs(folder: Path, blobs: set[str]) -> dict[str, str]:
    """{blob id: its text} from one `git cat-file --batch`; {} when git cannot say."""
    ids = sorted(blobs)
    output = _git(folder, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in ids).encode()) if ids else None
    texts, position = {}, 0
    while output and position < len(output):
        end = output.index(b"\n", position)
        blob, kind, *size = output[position:end].decode().split()
        if kind == "missing":
            position = end + 1
            continue
        start = end + 1
        texts[blob] = output[start:start + int(size[0])].decode("utf-8", "surrogateescape")
        position = start + int(size[0]) + 1
    return texts


def what_readers_read(text: str) -> tuple:
    """The title, summary and words of the body of a Markdown file; a file that is not one, whole."""
    try:
        document = parse(text)
    except FrontMatterError:
        return (" ".join(text.split()),)
    return (*(document.metadata.get(field) for field in READ_FIELDS), " ".join(document.body.split()))


def last_changes(found: list[tuple[int, str, str, str, str]], texts: Mapping[str, str] = {}) -> dict[str, dt.date]:
    """{path: day of its last commit after the one that added it that changed what a reader reads}
    from the log's `changes` and the changed files' versions (`texts`, by blob id: read_blobs); a
    change whose versions are not in `texts` counts.

    The log runs newest first, a commit always before its parents, so a file's lines run from its
    last change back to its addition (`A`): older lines belong to an earlier file of that name, as
    do those of a file whose newest line is a deletion (it is not in the tree now). A file's day is
    that of the newest of its significant commits but the first (clocks can disagree with the commit
    order).
    """
    touched: dict[str, list[tuple[int, bool]]] = {}  # path -> (commit time, read text changed), newest first, to its addition
    done: set[str] = set()
    for when, path, status, old, new in found:
        if path in done:
            continue
        if status == "D" and path not in touched:
            done.add(path)
            continue
        significant = old not in texts or new not in texts or what_readers_read(texts[old]) != what_readers_read(texts[new])
        touched.setdefault(path, []).append((when, significant))
        if status == "A":
            done.add(path)
    days = {path: [when for when, significant in versions[:-1] if significant] for path, versions in touched.items()}
    return {path: dt.datetime.fromtimestamp(max(times), SHANGHAI).date() for path, times in days.items() if times}


def changed_after_adding(folder: Path) -> dict[str, dt.date]:
    """{path relative to folder, POSIX slashes: day its read text last changed after it was added}:
    one `git log`, one `git cat-file`."""
    found = changes(read_log(Path(folder)))
    blobs = {blob for _, _, status, old, new in found if status == "M" for blob in (old, new)}
    return last_changes(found, read_blobs(Path(folder), blobs))
