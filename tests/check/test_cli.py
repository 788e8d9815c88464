"""scripts.check: output formats, options, and a clear error when there is nothing to check."""
from __future__ import annotations

import json
import os

import pytest

from digest import display_path
from digest.check import Problem
from scripts import check
from tests.check.conftest import FIXTURES


def test_json_objects_carry_path_line_message_check_severity(run_check):
    run = run_check("--output", FIXTURES / "links" / "dev", "--only", "links")
    assert run.problems and all(set(p) == {"path", "line", "message", "check", "severity"} for p in run.problems)
    assert {p["severity"] for p in run.problems} == {"error", "notice"}


def test_text_format():
    problems = [Problem("content/en/a.md", 9, "officials: unknown slug 'x'", "metadata"),
                Problem("output/index.html", None, "broken", "links", "warning"),
                Problem("output/index.html", 3, "external link https://x.org/", "links", "notice")]
    assert check.render(problems, "text").split("\n") == [
        "content/en/a.md:9: officials: unknown slug 'x'",
        "output/index.html: warning: broken",
        "output/index.html:3: note: external link https://x.org/"]


def test_github_annotations_escape_their_properties():
    text = check.render([Problem("content/en/a,b.md", 4, "50% done\nnext", "metadata")], "github")
    assert text == "::error file=content/en/a%2Cb.md,line=4,title=metadata::50%25 done%0Anext"


def test_no_output_folder_is_an_error(tmp_path, run_check):
    run = run_check("--content", tmp_path, "--output", tmp_path / "missing", "--only", "links")
    assert run.status == 1
    assert run.find("missing", "no built site here: run `make site` first")


def test_metadata_only_needs_no_output(tmp_path, run_check):
    assert run_check("--metadata-only", "--content", tmp_path, "--output", tmp_path / "missing").status == 0


def test_a_staged_file_that_does_not_exist(tmp_path, run_check):
    run = run_check("--metadata-only", "--content", tmp_path, tmp_path / "gone.md")
    assert run.status == 1 and run.find("gone.md", "no such file")


@pytest.mark.parametrize("argv, words", [
    (["--skip", "spelling"], "unknown check(s) spelling"),
    (["content/en/a.md"], "FILE arguments need --metadata-only"),
])
def test_usage_errors(argv, words, capsys):
    with pytest.raises(SystemExit) as exit_info:
        check.parse_args(argv)
    assert exit_info.value.code == 2 and words in capsys.readouterr().err


def test_selection():
    assert check.selected(check.parse_args(["--skip", "html,a11y"])) == ["metadata", "links", "feeds", "markup"]
    assert check.selected(check.parse_args(["--only", "a11y,links"])) == ["links", "a11y"]
    assert check.selected(check.parse_args(["--metadata-only", "x.md"])) == ["metadata"]


def test_json_is_the_only_thing_on_stdout(tmp_path, capsys):
    assert check.main(["--metadata-only", "--content", str(tmp_path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [] and captured.err == ""


def test_a_site_built_before_its_content_changed_is_not_checked(tmp_path, run_check, capsys):
    from digest import REPO_ROOT
    from digest.site.run import build
    from tests.check.conftest import metadata_tree

    root = metadata_tree(tmp_path)
    content, output = root / "content", tmp_path / "output"
    build(REPO_ROOT / "pelicanconf.py", content, output, search=False, cache=tmp_path / "cache")
    capsys.readouterr()  # Pelican's summary
    site = ("--content", content, "--output", output, "--root", root, "--only", "metadata,links")
    assert run_check(*site).status == 0
    article = content / "en" / "invented-harbour-bridge.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Every name", "Every invented name"), encoding="utf-8")
    later = output.joinpath(".build-stamp.json").stat().st_mtime_ns + 2_000_000_000  # even on a 2-second clock
    os.utime(article, ns=(later, later))

    run = run_check(*site)
    assert run.status == 1
    (stale,) = run.problems
    assert stale["path"].endswith("output") and stale["message"] == (
        f"stale site: {display_path(article)} changed after the build; run `make site` first (`make check` builds first)")
    assert run_check("--metadata-only", "--content", content, "--root", root).status == 0  # content alone: no build
    assert run_check("--only", "metadata", "--content", content, "--output", output, "--root", root).status == 0

    assert run_check(*site, "--build").status == 0  # built again, as it was built, then checked
    assert "Every invented name" in (output / "articles/invented-harbour-bridge/index.html").read_text(encoding="utf-8")
    (content / "zh" / "invented-harbour-bridge.md").unlink()
    assert "stale site: an input was added, removed or renamed after the build" in run_check(*site).text


def test_a_damaged_stamp_is_no_stamp(tmp_path):
    from digest.site import stamp

    (tmp_path / stamp.STAMP_NAME).write_text('{"version": 1}', encoding="utf-8")
    assert stamp.read(tmp_path) is None and check.why_rebuild(tmp_path) == check.NO_STAMP
