"""Feeds check: an invalid feed and each broken W3C rule are reported at their file and line."""
from __future__ import annotations

import pytest

from tests.check.conftest import FIXTURES

SITE = FIXTURES / "feeds"


@pytest.fixture(scope="module")
def run(request):
    from scripts import check

    return check.run_checks(check.parse_args(["--output", str(SITE), "--only", "feeds"]))


def find(problems, path_end, words):
    found = [p for p in problems if p.path.endswith(path_end) and words in p.message]
    assert len(found) == 1, (path_end, words, problems)
    return found[0]


def test_exit_status(run_check):
    result = run_check("--output", SITE, "--only", "feeds")
    assert result.status == 1
    assert "tests/fixtures/check/feeds/feeds/all.atom.xml:7: not well-formed XML" in result.text


def test_invalid_feed(run):
    assert find(run, "feeds/all.atom.xml", "not well-formed XML: Opening and ending tag mismatch").line == 7


def test_atom_without_self_link_relative_id_and_relative_content_url(run):
    assert find(run, "industries/robotics/feed.atom.xml", 'no rel="self" link').line == 2
    assert find(run, "industries/robotics/feed.atom.xml", "entry <id> '/articles/harbour-bridge/' must be an absolute URL").line == 10
    assert find(run, "industries/robotics/feed.atom.xml", "relative URL '/industries/robotics/' in <content>").line == 12


def test_rss_guid_must_be_absolute(run):
    assert find(run, "feeds/all.rss.xml", "item <guid> '/articles/harbour-bridge/' must be an absolute URL").line == 12


def test_item_links_resolve_inside_the_site(run):
    problem = find(run, "feeds/all.json", "item link http://localhost:8000/articles/never-written/: nothing at")
    assert problem.line == 9


def test_a_feed_carries_one_language(run):
    assert find(run, "zh/feeds/all.rss.xml", "is a page in 'en', but this feed carries 'zh'").line == 11


def test_nothing_else_is_reported(run):
    assert len(run) == 7 and {p.severity for p in run} == {"error"}
