"""Build the real site (plus fixture articles) once per session, in development and publish modes."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from digest import REPO_ROOT
from digest.site.run import build

SITE_FIXTURES = Path(__file__).parent.parent / "fixtures" / "site"
PUBLISH_URL = "https://digest.example.org"


def content_with_fixtures(target: Path) -> Path:
    shutil.copytree(REPO_ROOT / "content", target)
    shutil.copytree(SITE_FIXTURES / "content", target, dirs_exist_ok=True)
    return target


def git(repo: Path, *args: str, when: str | None = None) -> str:
    """Run git in `repo` as an invented editor, away from the machine's git configuration; `when`
    (ISO 8601 with its offset) dates a commit."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Invented Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Invented Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit_all(repo: Path, when: str, message: str = "invented change") -> None:
    """Commit everything in `repo` (made a repository first if it is not one) on the day `when`."""
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def settings_file(folder: Path, **overrides) -> Path:
    """pelicanconf.py with overrides; paths absolute, since Pelican resolves relative ones next to this file."""
    values = {"THEME": str(REPO_ROOT / "theme"), "PLUGIN_PATHS": [str(REPO_ROOT / "plugins")], **overrides}
    path = folder / "settings.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(REPO_ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                    + "".join(f"{name} = {value!r}\n" for name, value in values.items()), encoding="utf-8")
    return path


def build_site(tmp: Path, settings: str, content: Path | None = None, monkeypatch=None) -> tuple[Path, list[str]]:
    content = content or content_with_fixtures(tmp / "content")
    output = tmp / "output"
    warnings = build(REPO_ROOT / settings, content, output, cache=tmp / "cache")
    return output, warnings


@pytest.fixture(scope="session")
def dev_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dev")
    output, warnings = build_site(tmp, "pelicanconf.py")
    return output, warnings


@pytest.fixture(scope="session")
def publish_site(tmp_path_factory):
    import os

    tmp = tmp_path_factory.mktemp("publish")
    previous = os.environ.get("DIGEST_SITEURL")
    os.environ["DIGEST_SITEURL"] = PUBLISH_URL
    try:
        output, _ = build_site(tmp, "publishconf.py")
    finally:
        if previous is None:
            os.environ.pop("DIGEST_SITEURL")
        else:
            os.environ["DIGEST_SITEURL"] = previous
    return output
