"""digest.site.incremental's helpers that must agree with the slow, obvious way."""
from __future__ import annotations

import os

import pytest

from digest import display_path
from digest.site.incremental import shown_under


@pytest.mark.parametrize("cwd_is", ["parent", "root", "elsewhere"])
def test_paths_under_the_content_folder_are_shown_as_display_path_shows_them(tmp_path, cwd_is):
    root = tmp_path / "site" / "content"
    (root / "en").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "target.md").write_text("x")
    article = root / "en" / "invented.md"
    article.write_text("x")
    linked = root / "en" / "linked.md"
    os.symlink(outside / "target.md", linked)  # shown where it points, as display_path resolves it
    cwd = {"parent": tmp_path / "site", "root": root, "elsewhere": outside}[cwd_is]
    shown = shown_under(root.resolve(), cwd.resolve())
    for path in (article, linked, root / "editions" / "2025-W06.en.md"):
        assert shown(path) == display_path(path, cwd), path
    assert shown(article) == {"parent": "content/en/invented.md", "root": "en/invented.md",
                              "elsewhere": article.as_posix()}[cwd_is]
