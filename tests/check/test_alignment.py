"""The paragraph-count warning: a published translation that does not pair with its original block by
block, for the bilingual view, at the translation's Markdown file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.conftest import metadata_tree

EN = "content/en/invented-harbour-bridge.md"
ZH = "content/zh/invented-harbour-bridge.md"


def metadata(run_check, root, *files):
    """The metadata check run from the repository's folder, as editors do, so paths print as they type them."""
    return run_check("--metadata-only", "--content", root / "content", "--root", root, *files)


@pytest.fixture
def root(tmp_path, monkeypatch):
    root = metadata_tree(tmp_path)
    monkeypatch.chdir(root)
    return root


def append(path: Path, *paragraphs: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "".join(f"\n{p}\n" for p in paragraphs), encoding="utf-8")


def line_of(path: Path, words: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if words in line)


def test_a_translation_with_a_paragraph_more_is_a_warning_at_that_paragraph(root, run_check):
    append(root / ZH, "虚构的第二段。", "虚构的第三段。")
    append(root / EN, "An invented second paragraph.")
    run = metadata(run_check, root)
    assert run.status == 0  # a warning: the site still builds and shows every paragraph
    problem = run.find(ZH, "3 paragraphs here, 2 in the original", "warning")
    assert problem["line"] == line_of(root / ZH, "虚构的第三段")
    assert EN in problem["message"] and "start a note the other version does not have with its label" in problem["message"]
    assert f"{ZH}:{problem['line']}: warning: 3 paragraphs here, 2 in the original {EN}" in run.text


def test_a_translation_with_a_paragraph_less_is_a_warning_at_its_last_naming_the_originals_first_unpaired(root, run_check):
    append(root / EN, "## An invented heading", "- an invented item\n- another invented item")
    append(root / ZH, "## 虚构的标题", "- 虚构的一项")
    run = metadata(run_check, root)
    problem = run.find(ZH, "3 paragraphs here, 4 in the original", "warning")
    assert problem["line"] == line_of(root / ZH, "虚构的一项")
    assert f"the original's paragraph 4 ({EN}:{line_of(root / EN, 'another invented item')})" in problem["message"]


def test_a_note_one_version_has_alone_is_not_counted(root, run_check):
    append(root / ZH, "*译注：虚构的译者说明。*")
    append(root / EN, "Editor's note: an invented note only the English has.")
    assert metadata(run_check, root).problems == []


def test_a_draft_translation_is_not_compared_yet(root, run_check):
    zh = root / ZH
    zh.write_text(zh.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    append(zh, "虚构的第二段。")
    assert [p["severity"] for p in metadata(run_check, root).problems] == ["notice"]  # "draft, not published"


def test_the_warning_concerns_the_original_too_when_only_it_is_committed(root, run_check):
    append(root / EN, "An invented second paragraph.")
    run = metadata(run_check, root, root / EN)  # the pre-commit hook, with only the original staged
    problem = run.find(ZH, "1 paragraph here, 2 in the original", "warning")
    assert problem["line"] == line_of(root / ZH, "文中所有名称")
    assert f"({EN}:{line_of(root / EN, 'An invented second paragraph')})" in problem["message"]
