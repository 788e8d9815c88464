"""Checks of the content and of the built site: one module per check, each a plain function.

Every check returns a list of `Problem`s; `scripts/check.py` runs them and prints
`path:line: message` for people or JSON for machines. A check never raises for a fault it is
looking for: a broken link, a bad feed or a missing tool is a `Problem` like any other.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

ERROR, WARNING, NOTICE = "error", "warning", "notice"  # the levels of GitHub annotations


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    check: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity == ERROR else f"{'note' if self.severity == NOTICE else self.severity}: "
        return f"{where}: {label}{self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


def display_path(path: Path | str) -> str:
    """A path as people type it: relative to the working folder when inside it, POSIX slashes."""
    path = Path(path)
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd().resolve())).as_posix() if _inside_cwd(path) else path.as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def _inside_cwd(path: Path) -> bool:
    try:
        path.resolve().relative_to(Path.cwd().resolve())
        return True
    except ValueError:
        return False


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.severity == ERROR for problem in problems)
