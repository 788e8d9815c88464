"""The pre-commit hook of .pre-commit-config.yaml refuses a commit whose staged content is wrong.

A temporary git repository gets the project's hook config, content from the metadata fixture and
the hook installed by `python -m scripts.precommit --install`; then real `git commit`s run it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from digest import REPO_ROOT
from tests.check.conftest import FIXTURES, place

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Invented Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Invented Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check)


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "editors-clone"
    shutil.copytree(FIXTURES / "metadata", repo, ignore=shutil.ignore_patterns("faults"))
    shutil.copyfile(REPO_ROOT / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    for package in ("digest", "scripts"):  # the project's code, as in a real clone
        (repo / package).symlink_to(REPO_ROOT / package, target_is_directory=True)
    python = repo / ".venv" / "bin" / "python"  # the hook entry's interpreter: this test's Python
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    (repo / ".gitignore").write_text(".venv/\ndigest\nscripts\n__pycache__/\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    install = subprocess.run([str(python), "-m", "scripts.precommit", "--install"], cwd=repo, capture_output=True,
                             text=True, env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    assert install.returncode == 0, install.stderr
    git(repo, "add", ".")
    first = git(repo, "commit", "-q", "-m", "An invented article and its translation")
    assert "content metadata" in first.stderr and "Passed" in first.stderr
    return repo


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD").stdout)


def test_the_config_runs_the_metadata_check_on_staged_content():
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = [block for block in config["repos"] if block["repo"] == "local"]
    hook = next(h for h in local["hooks"] if h["id"] == "content-metadata")
    assert hook["language"] == "system" and "scripts.check --metadata-only" in hook["entry"]
    assert hook.get("pass_filenames", True)


def test_a_bad_staged_file_is_refused(repo):
    place(repo, "unknown_official.md", "en/invented-unknown-official.md")
    git(repo, "add", "content/en/invented-unknown-official.md")
    result = git(repo, "commit", "-m", "Tag an official who does not exist", check=False)
    assert result.returncode != 0
    assert "content/en/invented-unknown-official.md:9: officials: unknown slug 'invented-nobody'" in result.stderr
    assert commits(repo) == 1


def test_a_translation_broken_by_a_staged_original_is_refused(repo):
    original = repo / "content/en/invented-harbour-bridge.md"
    original.write_text(original.read_text(encoding="utf-8").replace("date: 2024-03-12", "date: 2024-03-11"),
                        encoding="utf-8")
    git(repo, "add", "content/en/invented-harbour-bridge.md")
    result = git(repo, "commit", "-m", "Change the date of the original only", check=False)
    assert result.returncode != 0
    assert "content/zh/invented-harbour-bridge.md:5: date 2024-03-12 differs from 2024-03-11" in result.stderr


def test_a_good_staged_file_is_committed(repo):
    place(repo, "draft.md", "en/invented-draft-follow-up.md")  # a draft is fine: it is not published
    git(repo, "add", "content/en/invented-draft-follow-up.md")
    result = git(repo, "commit", "-m", "A draft", check=False)
    assert result.returncode == 0, result.stderr
    assert commits(repo) == 2


def test_files_outside_content_do_not_run_the_hook(repo):
    (repo / "notes.txt").write_text("invented notes\n", encoding="utf-8")
    git(repo, "add", "notes.txt")
    result = git(repo, "commit", "-m", "Notes", check=False)
    assert result.returncode == 0 and "content metadata" not in result.stderr
