"""When an article changed after it was published, from git: one `git log` for the whole content folder.

A file "changed after publication" when a commit after the one that added it touched it; its
day is that last commit's day in Asia/Shanghai (the sources' dates are local dates too).
Outside a git repository, without git, or in a shallow clone (whose oldest commit seems to add
every file) nothing is known, and nothing is said: an empty answer, never an error.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from digest.site.editions import SHANGHAI

# %x01 starts each commit: its committer time, then (-z) NUL-separated status and path pairs.
LOG_FORMAT = "%x01%ct"
# A hook (pre-commit) runs with these set for its own repository: they would point git away from `folder`.
_REPOSITORY_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")


def _git(folder: Path, *args: str) -> str | None:
    """git's output in `folder`, or None when git is missing or fails (not a repository)."""
    env = {name: value for name, value in os.environ.items() if name not in _REPOSITORY_VARIABLES}
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, env=env, check=False)
    except OSError:
        return None
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


def read_log(folder: Path) -> str | None:
    """The log of every commit touching `folder`, paths relative to it; None when there is no full history."""
    if _git(folder, "rev-parse", "--is-shallow-repository") != "false\n":  # None, or "true" in a shallow clone
        return None
    return _git(folder, "log", "--relative", "--no-renames", "--name-status", "-z", f"--format={LOG_FORMAT}", "--", ".")


def last_changes(log: str | None) -> dict[str, dt.date]:
    """{path: day of its last commit after the one that added it} from read_log's text.

    The log runs newest first, a commit always before its parents, so a file's lines run from its
    last change back to its addition (`A`): older lines belong to an earlier file of that name, as
    do those of a file whose newest line is a deletion (it is not in the tree now). A file's day is
    that of the newest of its commits but the first (clocks can disagree with the commit order).
    """
    touched: dict[str, list[int]] = {}  # path -> commit times, newest first, back to its addition
    done: set[str] = set()
    for commit in (log or "").split("\x01")[1:]:
        fields = commit.split("\0")
        when = int(fields[0])
        for status, path in zip(fields[1::2], fields[2::2]):
            status = status.strip()
            if path in done:
                continue
            if status == "D" and path not in touched:
                done.add(path)
                continue
            touched.setdefault(path, []).append(when)
            if status == "A":
                done.add(path)
    return {path: dt.datetime.fromtimestamp(max(times[:-1]), SHANGHAI).date()
            for path, times in touched.items() if len(times) > 1}


def changed_after_adding(folder: Path) -> dict[str, dt.date]:
    """{path relative to folder, POSIX slashes: day it last changed after it was added}, from one `git log`."""
    return last_changes(read_log(Path(folder)))
