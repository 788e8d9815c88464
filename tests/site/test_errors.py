"""Bad front matter stops the build with `path:line: message`, never a traceback or a silent drop."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest

from digest import REPO_ROOT
from digest.site.model import ContentErrors
from tests.site.conftest import SITE_FIXTURES, build_site

BAD = SITE_FIXTURES / "bad"
FIXTURES_CHECK = SITE_FIXTURES.parent / "check" / "metadata"
CASES = {
    "malformed_yaml.md": (5, "expected ',' or ']'"),
    "missing_title.md": (1, "'title' is a required property"),
    "unknown_official.md": (8, "officials: unknown slug 'zhang-imaginary'"),
    "unknown_industry.md": (7, "industries: unknown slug 'time-travel'"),
    "bad_date.md": (5, "is not a 'date'"),
    "duplicate_slug.md": (3, "is also used by"),
    "no_front_matter.md": (1, "front matter must start with '---'"),
    "alias_bomb.md": (10, "anchor '&lol0' is not allowed"),
    "bad_url.md": (6, "source.url: "),
    "future_date.md": (5, "date: 9999-12-31 is more than 2 days after today"),  # once sorted first, feeds updated 9999
    "ancient_date.md": (5, "date: 0001-01-01 is before 1949-10-01"),  # once took 80 s and 5 GB, then MemoryError
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_front_matter_stops_the_build(name, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    shutil.copy(BAD / name, content / "en" / name)
    with pytest.raises(ContentErrors) as raised:
        build_site(tmp_path, "pelicanconf.py", content)
    errors = raised.value.errors
    if name == "duplicate_slug.md":  # both files are named, each pointing at the other
        assert len(errors) == 2 and all("is also used by" in e.message for e in errors)
    error = next(e for e in errors if e.path.endswith(name))
    assert len(errors) == 1 or name == "duplicate_slug.md"
    line, message = CASES[name]
    assert error.path.endswith(f"content/en/{name}")
    assert (error.line, message in error.message) == (line, True), str(error)


def test_cli_prints_path_line_and_exits_1(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    for name in CASES:
        shutil.copy(BAD / name, content / "en" / name)
    result = subprocess.run(
        [sys.executable, "-m", "scripts.build", "--content", str(content), "--output", str(tmp_path / "out")],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "/content/en/" in line]
    assert len(lines) == len(CASES) + 1  # the duplicate slug names both files
    for name, (line, _message) in CASES.items():
        assert any(f"content/en/{name}:{line}: " in entry for entry in lines), name


def add_editor_litter(folder) -> None:
    """What editors leave beside an article: an Emacs lock (a dangling symlink), backups, swap
    files, and a folder whose name ends in .md. None of it is an article."""
    (folder / ".#invented-harbour.md").symlink_to("editor@host.12345:1700000000")
    (folder / "invented-folder.md").mkdir()
    (folder / "invented-harbour.md~").write_bytes(b"\xff\xfe not an article")
    (folder / "#invented-harbour.md#").write_bytes(b"\xff autosave")
    (folder / ".invented-harbour.md.swp").write_bytes(b"\x00\xff swap")
    (folder / ".invented-hidden.md").write_bytes(b"\xff hidden")


def run_build(content, output, *options: str):
    return subprocess.run([sys.executable, "-m", "scripts.build", "--no-search", "--content", str(content),
                           "--output", str(output), *options], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)


def test_editor_files_and_folders_in_content_are_skipped(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    add_editor_litter(content / "en")
    result = run_build(content, tmp_path / "out")
    assert (result.returncode, "Traceback" not in result.stderr) == (0, True), result.stderr
    assert (tmp_path / "out/index.html").is_file()


def test_a_file_that_is_not_utf8_is_named_with_its_line_and_column(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    shutil.copy(BAD / "latin1.md", content / "en" / "invented-latin1.md")
    result = run_build(content, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if "/content/en/" in line]
    assert len(errors) == 1 and errors[0].endswith("content/en/invented-latin1.md:2: not UTF-8 (byte 0xe9 at line 2, column 20)")


def test_a_whole_source_text_as_a_title_is_quoted_as_an_excerpt(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    text = ("An invented source sentence pasted into the title by mistake. " * 200)[:12_345]
    (content / "en" / "invented-long-title.md").write_text(
        (BAD / "missing_title.md").read_text(encoding="utf-8").replace("---\n", f"---\ntitle: {text}\n", 1), encoding="utf-8")
    result = run_build(content, tmp_path / "out")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "invented-long-title.md" in line]
    assert len(errors) == 1 and errors[0].endswith(" (12,345 characters) is too long"), errors
    assert len(errors[0]) < 300 + len(str(content))


def test_a_date_days_ahead_of_the_builds_today_stops_it(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    (content / "en" / "invented-ahead.md").write_text((BAD / "future_date.md").read_text(encoding="utf-8").replace(
        "9999-12-31", "2025-06-04").replace("invented-future-date", "invented-ahead"), encoding="utf-8")
    early = run_build(content, tmp_path / "out", "--today", "2025-06-01")
    assert early.returncode == 1 and "Traceback" not in early.stderr
    assert "content/en/invented-ahead.md:5: date: 2025-06-04 is more than 2 days after today, 2025-06-01" in early.stderr
    assert run_build(content, tmp_path / "out", "--today", "2025-06-02").returncode == 0  # two days ahead is fine


def test_the_build_names_a_bad_original_date_once_and_suggests_a_near_slug():
    from digest import vocab
    from digest.site.model import load_site

    original = (FIXTURES_CHECK / "content/en/invented-harbour-bridge.md").read_text(encoding="utf-8")
    translation = (FIXTURES_CHECK / "content/zh/invented-harbour-bridge.md").read_text(encoding="utf-8")
    typo = original.replace("invented-harbour-bridge", "invented-typo").replace("robotics]", "robotic]")
    files = [("content/en/invented-harbour-bridge.md", original.replace("date: 2024-03-12", "date: 2099-03-12")),
             ("content/zh/invented-harbour-bridge.md", translation),  # its original's date is the one error
             ("content/en/invented-typo.md", typo)]
    with pytest.raises(ContentErrors) as raised:
        load_site(files, vocab.load(), lambda body: body, dt.date(2025, 6, 1))
    assert [str(e) for e in raised.value.errors] == [
        "content/en/invented-harbour-bridge.md:5: date: 2099-03-12 is more than 2 days after today, 2025-06-01 "
        "(data/dates.yaml): a wrong or placeholder date",
        "content/en/invented-typo.md:10: industries: unknown slug 'robotic' (not in data/industries.yaml); "
        "did you mean 'robotics'?"]
