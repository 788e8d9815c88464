"""The build stamp: what the site in an output folder was built from, so no check runs on a stale site.

A successful build (`digest.site.run`) writes `<output>/.build-stamp.json`: how it built (settings file,
content folder, cache, search, --today; paths relative to the output folder, so a moved or cloned
tree still reads it) and the state of its inputs — the content folder, data/, the theme and the
settings file — taken as the build began: the newest file and a fingerprint of every file's path,
size and modification time. A file edited, added, removed or renamed since then makes the site
stale. (Editors' lock, backup and swap files are not inputs: an open editor does not make a site
stale.) The newest-file test alone would miss a deletion; the fingerprint alone could not say
which file is newer. What git says of the content (the day each article last changed after it
was added, digest.site.history) is an input too: a commit changes it with no file changed.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from digest import DATA_DIR
from digest.site import history
from digest.site.files import is_editor_name, replace_atomically

STAMP_NAME = ".build-stamp.json"
VERSION = 2
REQUIRED = {"how", "inputs", "fingerprint", "newest_ns", "history"}


@dataclass(frozen=True)
class InputFile:
    path: str  # relative to the output folder, POSIX slashes
    mtime_ns: int
    size: int


def input_roots(settings_file: Path, content: Path, theme: Path, data: Path = DATA_DIR) -> list[Path]:
    """The folders and file a build reads, the content folder first (see history_of)."""
    return [Path(content), Path(data), Path(theme), Path(settings_file)]


def history_state(content: Path) -> str:
    """A fingerprint of git's answer for the content folder: each article's day of change after publication."""
    digest = hashlib.blake2b(digest_size=16)
    for path, day in sorted(history.changed_after_adding(content).items()):
        digest.update(f"{path}\0{day.isoformat()}\n".encode())
    return digest.hexdigest()


def history_of(stamp: dict, output: Path) -> str:
    """git's answer now for the stamped build's content folder (its first input root)."""
    return history_state(roots_of(stamp, output)[0])


def scan(roots: list[Path], output: Path) -> list[InputFile]:
    """Every input file under `roots` (a root may be a file), sorted by path. Paths are joined as
    strings, one relpath per folder: a cold build scans tens of thousands of files."""
    found = []
    for root in roots:
        shown_root = Path(os.path.relpath(root, output)).as_posix()
        for path, shown in ([(str(root), shown_root)] if root.is_file() else _walk(root, shown_root)):
            try:
                stat = os.stat(path)
            except OSError:  # gone since it was listed (an editor saving by rename), or a dangling link
                continue
            found.append(InputFile(shown, stat.st_mtime_ns, stat.st_size))
    return sorted(found, key=lambda f: f.path)


def _walk(folder: Path, shown_folder: str):
    """(path, path as the stamp shows it) of every file under folder but editors' temporary ones."""
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not is_editor_name(name)]
        inside = os.path.relpath(parent, folder)
        shown = shown_folder if inside == "." else f"{shown_folder}/{Path(inside).as_posix()}"
        yield from ((os.path.join(parent, name), f"{shown}/{name}") for name in files if not is_editor_name(name))


def state(files: list[InputFile]) -> dict:
    """The newest file and a fingerprint of them all."""
    digest = hashlib.blake2b(digest_size=16)
    for f in files:
        digest.update(f"{f.path}\0{f.size}\0{f.mtime_ns}\n".encode())
    newest = max(files, key=lambda f: f.mtime_ns, default=None)
    return {"newest": newest.path if newest else None, "newest_ns": newest.mtime_ns if newest else 0,
            "fingerprint": digest.hexdigest()}


def record(how: dict, roots: list[Path], output: Path, files: list[InputFile], git_state: str) -> dict:
    """The stamp of a build: `how` it was run (paths relative to `output`), its input roots and their
    state, and `git_state` (history_state of the content)."""
    relative = lambda path: Path(os.path.relpath(path, output)).as_posix()  # noqa: E731
    how = {key: relative(value) if isinstance(value, Path) else value for key, value in how.items()}
    return {"version": VERSION, "how": how, "inputs": [relative(root) for root in roots], **state(files),
            "history": git_state}


def write(output: Path, stamp: dict) -> None:
    """In one step; an unchanged stamp is not rewritten (a no-op build touches nothing in output/)."""
    target = output / STAMP_NAME
    text = json.dumps(stamp, indent=1, sort_keys=True) + "\n"
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return
    replace_atomically(target, text.encode("utf-8"))


def read(output: Path) -> dict | None:
    """The stamp in `output`, or None when there is none this version can read."""
    try:
        stamp = json.loads((output / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    readable = isinstance(stamp, dict) and stamp.get("version") == VERSION and REQUIRED <= stamp.keys()
    return stamp if readable else None


def roots_of(stamp: dict, output: Path) -> list[Path]:
    return [Path(os.path.normpath(output / root)) for root in stamp["inputs"]]


def how_of(stamp: dict, output: Path) -> dict:
    """How the stamped build was run, its paths made usable from the working folder again."""
    paths = ("settings", "content", "cache")
    return {key: Path(os.path.normpath(output / value)) if key in paths and value else value
            for key, value in stamp["how"].items()}


def stale_reason(stamp: dict, now: list[InputFile], git_state: str, show=lambda path: path) -> str | None:
    """Why the stamped build is out of date with the inputs as they are `now` (and git's answer,
    `git_state`), or None when it is current.

    `show` turns a path relative to the output folder into the one to print."""
    current = state(now)
    if current["fingerprint"] == stamp["fingerprint"]:
        if git_state != stamp["history"]:
            return "a commit changed when an article was last updated (git history) after the build"
        return None
    if current["newest_ns"] > stamp["newest_ns"]:
        return f"{show(current['newest'])} changed after the build"
    return "an input was added, removed or renamed after the build"
