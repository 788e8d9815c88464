"""Which files under content/ are articles, and their text, for the build and the checks alike.

An article is a regular file `*.md`. Not articles: what editors leave beside one (an Emacs lock
`.#x.md`, which is a dangling symlink; backups `x.md~`; autosaves `#x.md#`; swap and temporary
files `.x.md.swp`, `.x.md.tmp`), any hidden file or folder, and anything that is not a regular
file (a folder named `x.md`). A file that is not UTF-8 is a `ContentError` naming its line and
column, never a traceback. Also the one-step write of the build's own files (caches, stamp).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from digest.site.model import ContentError


def replace_atomically(path: Path, data: bytes) -> None:
    """Write in one step: a process killed while writing leaves the old file or the new one."""
    write_atomically(path, lambda file: file.write(data))


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """replace_atomically for data `write(file)` streams out, never held in memory whole."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as file:
        write(file)
    os.replace(temporary, path)


def is_editor_name(name: str) -> bool:
    """Hidden, lock, backup, autosave, swap and temporary files (and folders) by their name."""
    return name.startswith((".", "#")) or name.endswith("~")


def article_paths(folder: Path) -> list[Path]:
    """Every article file under `folder`, sorted; symlinked folders are not followed (as rglob)."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if is_editor_name(entry.name):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif entry.name.endswith(".md") and entry.is_file():  # follows a symlink to a file
                    found.append(Path(entry.path))
    return sorted(found)


def is_under(path: str, content: Path, folder: str) -> bool:
    """Whether a content file (as displayed: relative to the working folder, or absolute) is under content/<folder>/."""
    return os.path.abspath(path).startswith(os.path.join(os.path.abspath(content), folder, ""))


def split_under(files: list[tuple[str, str]], content: Path, folder: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(the rest, those under content/<folder>/) of the (path, text) pairs read from the content folder."""
    rest, under = [], []
    for item in files:
        (under if is_under(item[0], content, folder) else rest).append(item)
    return rest, under


def not_utf8(display: str, data: bytes, error: UnicodeDecodeError) -> ContentError:
    """Where in `data` (bytes that failed to decode with `error`) the first bad byte is."""
    start = error.start
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    return ContentError(display, line, f"not UTF-8 (byte 0x{data[start]:02x} at line {line}, column {column})")


def read_article(path: Path, display: str) -> tuple[str | None, ContentError | None]:
    """The file's text, with newlines as Path.read_text gives them, or the error that names it.

    (None, None) for a file that is gone by the time it is read: an editor saving by rename.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, ContentError(display, 1, f"cannot be read: {error.strerror or error}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, not_utf8(display, data, error)
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), None


def read_articles(folder: Path, display) -> tuple[list[tuple[str, str]], list[ContentError]]:
    """(display path, text) of every article under `folder`, and an error for each one that cannot be read.

    `display(path)` is how a path is printed in errors and used as the entry's path.
    """
    files, errors = [], []
    for path in article_paths(folder):
        shown = display(path)
        text, error = read_article(path, shown)
        if text is not None:
            files.append((shown, text))
        elif error is not None:
            errors.append(error)
    return files, errors
