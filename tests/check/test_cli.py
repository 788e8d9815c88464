"""scripts.check: output formats, options, and a clear error when there is nothing to check."""
from __future__ import annotations

import json

import pytest

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
