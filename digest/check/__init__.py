"""Checks of the content and of the built site: one module per check, each a plain function.

Every check returns a list of `Problem`s; `scripts/check.py` runs them and prints
`path:line: message` for people or JSON for machines. A check never raises for a fault it is
looking for: a broken link, a bad feed or a missing tool is a `Problem` like any other.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

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




def has_errors(problems: list[Problem]) -> bool:
    return any(problem.severity == ERROR for problem in problems)
