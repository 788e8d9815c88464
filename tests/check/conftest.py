"""Helpers for the check tests: run `python -m scripts.check` in-process, copy fixtures, build the real site."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from digest import REPO_ROOT

FIXTURES = Path(__file__).parent.parent / "fixtures" / "check"


class Run:
    def __init__(self, status: int, problems: list[dict], text: str):
        self.status, self.problems, self.text = status, problems, text

    def errors(self, check: str | None = None) -> list[dict]:
        return [p for p in self.problems if p["severity"] == "error" and (check is None or p["check"] == check)]

    def find(self, path_end: str, words: str, severity: str = "error") -> dict:
        """The one problem whose path ends with path_end and whose message contains words."""
        found = [p for p in self.problems
                 if p["path"].endswith(path_end) and words in p["message"] and p["severity"] == severity]
        assert len(found) == 1, (path_end, words, self.problems)
        return found[0]


@pytest.fixture
def run_check(capsys):
    """Run the CLI with --format json; returns a Run (exit status, problems, and the text rendering)."""
    from scripts import check

    def run(*args: str | Path) -> Run:
        argv = [str(a) for a in args]
        status = check.main([*argv, "--format", "json"])
        problems = json.loads(capsys.readouterr().out)
        text = check.render([check.Problem(**p) for p in problems], "text")
        return Run(status, problems, text)

    return run


def metadata_tree(tmp: Path) -> Path:
    """A copy of the metadata fixture: content/ (an article and its translation) and seeds/."""
    root = tmp / "repo"
    shutil.copytree(FIXTURES / "metadata", root, ignore=shutil.ignore_patterns("faults"))
    return root


def place(root: Path, fault: str, destination: str) -> Path:
    """Copy faults/<fault> to content/<destination>."""
    target = root / "content" / destination
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / "metadata" / "faults" / fault, target)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The repository's own content built with pelicanconf.py into a temporary folder."""
    from digest.site.run import build

    tmp = tmp_path_factory.mktemp("real")
    output = tmp / "output"
    build(REPO_ROOT / "pelicanconf.py", REPO_ROOT / "content", output, cache=tmp / "cache")
    return output
