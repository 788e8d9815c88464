"""Shared fixtures: the real vocabularies, fixture paths, and a helper that runs the ingest CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest import REPO_ROOT
from digest.ingest.pipeline import Toolkit

FIXTURES = Path(__file__).parent / "fixtures"
SEED = REPO_ROOT / "seeds" / "000_3237dff4ecd4f46c.txt"


@pytest.fixture(scope="session")
def kit() -> Toolkit:
    return Toolkit.create()


@pytest.fixture
def run_ingest(tmp_path, monkeypatch, capsys):
    """Run `python -m scripts.ingest` in-process; returns (exit status, report list, stdout, stderr)."""
    from scripts import ingest

    monkeypatch.chdir(tmp_path)

    def run(*args: str | Path, out: Path | None = None):
        out = out or tmp_path / "content"
        report = tmp_path / "report.json"
        status = ingest.main(["--out", str(out), "--report", str(report), *map(str, args)])
        captured = capsys.readouterr()
        return status, json.loads(report.read_text(encoding="utf-8")), captured.out, captured.err

    return run
