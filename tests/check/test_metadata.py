"""Metadata check: each fault an editor can make is reported at its file and line, exit status 1."""
from __future__ import annotations

import pytest

from digest.check.metadata import check_content, differs_reason, nested_key_line
from tests.check.conftest import metadata_tree, place


def metadata(run_check, root, *files):
    return run_check("--metadata-only", "--content", root / "content", "--root", root, *files)


def test_the_fixture_content_is_clean(tmp_path, run_check):
    run = metadata(run_check, metadata_tree(tmp_path))
    assert run.status == 0 and run.problems == []


def test_unknown_official(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "unknown_official.md", "en/invented-unknown-official.md")
    run = metadata(run_check, root)
    assert run.status == 1
    problem = run.find("content/en/invented-unknown-official.md", "unknown slug 'invented-nobody'")
    assert problem["line"] == 9  # the officials: line
    assert "data/officials.yaml" in problem["message"]
    assert "content/en/invented-unknown-official.md:9: officials: unknown slug 'invented-nobody'" in run.text


def test_duplicate_slug(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "duplicate_slug.md", "en/invented-duplicate.md")
    run = metadata(run_check, root)
    assert run.status == 1
    problem = run.find("content/en/invented-duplicate.md", "slug 'invented-harbour-bridge' (en) is also used by")
    assert problem["line"] == 3
    assert run.find("content/en/invented-harbour-bridge.md", "is also used by")["line"] == 3
    assert run.errors() == run.errors("metadata") and len(run.errors()) == 2  # nothing else is blamed


def test_translation_whose_date_differs(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "translation_date_differs.md", "zh/invented-harbour-bridge.md")
    run = metadata(run_check, root)
    assert run.status == 1
    problem = run.find("content/zh/invented-harbour-bridge.md", "date 2024-03-13 differs from 2024-03-12")
    assert problem["line"] == 5
    assert "content/en/invented-harbour-bridge.md" in problem["message"] and "# differs:" in problem["message"]


def test_a_difference_with_a_reason_is_accepted(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "translation_date_differs_with_reason.md", "zh/invented-harbour-bridge.md")
    run = metadata(run_check, root)
    assert run.status == 0 and run.errors() == []


def test_translation_whose_industries_differ(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "translation_industries_differ.md", "zh/invented-harbour-bridge.md")
    run = metadata(run_check, root)
    assert run.status == 1
    problem = run.find("content/zh/invented-harbour-bridge.md", "industries differ (missing low-altitude-economy)")
    assert problem["line"] == 10


def test_hash_mismatch(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "hash_mismatch.md", "en/invented-hash-mismatch.md")
    run = metadata(run_check, root)
    assert run.status == 1
    problem = run.find("content/en/invented-hash-mismatch.md", "source.sha256 does not match seeds/invented-harbour-bridge.txt")
    assert problem["line"] == 9  # the sha256: line inside source:
    assert "e9c3cfa653fbc8cd8b1f3302f53801e69503d0fffd865babc78f062f3cdb311f" in problem["message"]
    assert run.errors() == [problem]


def test_missing_source_file(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "missing_source_file.md", "en/invented-missing-source.md")
    run = metadata(run_check, root)
    assert run.status == 1
    assert run.find("invented-missing-source.md", "source.file 'seeds/invented-never-added.txt' does not exist")["line"] == 8


def test_published_page_linking_to_a_draft(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "links_to_draft.md", "en/invented-links-to-draft.md")
    place(root, "draft.md", "en/invented-draft-follow-up.md")
    run = metadata(run_check, root)
    assert run.status == 1
    problem = run.find("invented-links-to-draft.md", "content/en/invented-draft-follow-up.md, which is not published")
    assert problem["line"] == 14  # the body line with the link
    assert "links to /articles/invented-draft-follow-up/, the draft" in problem["message"]
    note = run.find("invented-draft-follow-up.md", "draft, not published: 1 problem(s)", severity="notice")
    assert note["line"] == 8  # the problems: line


def test_link_to_an_article_that_does_not_exist(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "links_to_draft.md", "en/invented-links-to-draft.md")
    run = metadata(run_check, root)
    assert run.status == 1
    assert run.find("invented-links-to-draft.md", "no article with slug 'invented-draft-follow-up' in 'en'")["line"] == 14


def test_staged_files_only_report_their_own_problems(tmp_path, run_check):
    """--metadata-only FILE…: what the pre-commit hook runs; other files' faults stay out of it."""
    root = metadata_tree(tmp_path)
    place(root, "hash_mismatch.md", "en/invented-hash-mismatch.md")
    clean = root / "content/en/invented-harbour-bridge.md"
    assert metadata(run_check, root, clean).status == 0
    assert metadata(run_check, root, root / "content/en/invented-hash-mismatch.md").status == 1


def test_a_staged_original_sees_the_translation_it_breaks(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    original = root / "content/en/invented-harbour-bridge.md"
    original.write_text(original.read_text(encoding="utf-8").replace("date: 2024-03-12", "date: 2024-03-11"), encoding="utf-8")
    run = metadata(run_check, root, original)
    assert run.status == 1
    assert run.find("content/zh/invented-harbour-bridge.md", "date 2024-03-12 differs from 2024-03-11")


def test_a_file_in_the_wrong_place_is_a_warning(tmp_path):
    root = metadata_tree(tmp_path)
    (root / "content/en/invented-harbour-bridge.md").rename(root / "content/en/bridge.md")
    problems = check_content(root / "content", root)
    assert [(p.severity, p.line) for p in problems] == [("warning", 3)]
    assert "belong in" in problems[0].message and problems[0].path.endswith("content/en/bridge.md")


def test_schema_errors_come_from_the_build_validation(tmp_path):
    root = metadata_tree(tmp_path)
    path = root / "content/en/invented-harbour-bridge.md"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2024-03-12", "date: 2024-02-30"), encoding="utf-8")
    problems = check_content(root / "content", root)
    assert any(p.line == 5 and "date" in p.message and p.path.endswith("en/invented-harbour-bridge.md") for p in problems)


@pytest.mark.parametrize("line, reason", [
    ("date: 2024-03-13  # differs: the Chinese edition came out a day later", "the Chinese edition came out a day later"),
    ("industries: [robotics] #differs:only robots", "only robots"),
    ("date: 2024-03-13  # a comment", None),
    ("date: 2024-03-13  # differs:", None),
])
def test_differs_reason(line, reason):
    assert differs_reason(line) == reason


def test_nested_key_line():
    lines = ["---", "source:", "  name: X", "  sha256: abc", "status: draft", "---"]
    assert nested_key_line(lines, 2, "sha256") == 4
    assert nested_key_line(lines, 2, "file") == 2


def test_a_staged_original_turned_draft_sees_its_orphaned_translation(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    original = root / "content/en/invented-harbour-bridge.md"
    original.write_text(original.read_text(encoding="utf-8").replace("status: published", "status: draft"),
                        encoding="utf-8")
    run = metadata(run_check, root, original)
    assert run.status == 1
    assert run.find("content/zh/invented-harbour-bridge.md", "there is no published 'en' article")


def test_a_file_that_is_not_utf8_is_named_with_its_line_and_column(tmp_path, run_check):
    from tests.site.test_errors import BAD, add_editor_litter

    root = metadata_tree(tmp_path)
    add_editor_litter(root / "content" / "en")
    (root / "content" / "en" / "invented-latin1.md").write_bytes((BAD / "latin1.md").read_bytes())
    run = metadata(run_check, root)
    assert run.status == 1
    assert run.errors() == [run.find("content/en/invented-latin1.md", "not UTF-8 (byte 0xe9 at line 2, column 20)")]
    assert run.errors()[0]["line"] == 2


def test_editor_files_and_folders_are_not_content(tmp_path, run_check):
    from tests.site.test_errors import add_editor_litter

    root = metadata_tree(tmp_path)
    add_editor_litter(root / "content" / "en")
    run = metadata(run_check, root)
    assert run.status == 0 and run.problems == []


@pytest.mark.parametrize("date, today, words", [
    ("2099-03-12", None, "date: 2099-03-12 is more than 2 days after today"),
    ("1900-01-01", None, "date: 1900-01-01 is before 1949-10-01"),
    ("2024-03-12", "2024-03-09", "date: 2024-03-12 is more than 2 days after today, 2024-03-09"),
])
def test_an_implausible_date_is_an_error_at_its_line(tmp_path, run_check, date, today, words):
    root = metadata_tree(tmp_path)
    for path in (root / "content").rglob("*.md"):  # both versions, so their dates agree
        path.write_text(path.read_text(encoding="utf-8").replace("date: 2024-03-12", f"date: {date}"), encoding="utf-8")
    run = metadata(run_check, root, *(["--today", today] if today else []))
    assert run.status == 1
    assert run.find("content/en/invented-harbour-bridge.md", words)["line"] == 5
    assert run.find("content/zh/invented-harbour-bridge.md", words)
    assert metadata(run_check, root, "--today", "2024-03-10").status == (1 if date != "2024-03-12" else 0)


def test_an_unknown_industry_slug_suggests_the_nearest_one(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    original = root / "content/en/invented-harbour-bridge.md"
    original.write_text(original.read_text(encoding="utf-8").replace("robotics]", "robotic]"), encoding="utf-8")
    run = metadata(run_check, root, original)
    assert run.text.endswith("content/en/invented-harbour-bridge.md:10: industries: unknown slug 'robotic' "
                             "(not in data/industries.yaml); did you mean 'robotics'?")


def test_an_alias_written_as_a_slug_suggests_its_slug(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    original = root / "content/en/invented-harbour-bridge.md"
    original.write_text(original.read_text(encoding="utf-8").replace("robotics]", "机器人]"), encoding="utf-8")
    run = metadata(run_check, root, original)
    assert "did you mean 'robotics'?" in run.find("invented-harbour-bridge.md", "unknown slug '机器人'")["message"]


@pytest.mark.parametrize("wrong_date, words", [
    ("2099-03-12", "date: 2099-03-12 is more than 2 days after today"),  # implausible
    ("2024-02-30", "is not a 'date'"),  # not a calendar day
])
def test_a_bad_date_in_the_original_is_reported_once_on_the_original(tmp_path, run_check, wrong_date, words):
    root = metadata_tree(tmp_path)
    original = root / "content/en/invented-harbour-bridge.md"
    original.write_text(original.read_text(encoding="utf-8").replace("date: 2024-03-12", f"date: {wrong_date}"),
                        encoding="utf-8")
    run = metadata(run_check, root)
    assert run.errors() == [run.find("content/en/invented-harbour-bridge.md", words)]


def test_a_chinese_page_linking_to_the_english_version_is_a_warning_at_its_line(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    place(root, "links_to_other_language.md", "zh/invented-night-routes.md")
    run = metadata(run_check, root)
    assert run.status == 0  # a warning: the link works, in the wrong language
    problem = run.find("content/zh/invented-night-routes.md", "links to /articles/invented-harbour-bridge/",
                       severity="warning")
    assert problem["line"] == 14
    assert problem["message"].endswith("the English version of 'invented-harbour-bridge'; this page is Chinese: "
                                       "link /zh/articles/invented-harbour-bridge/, its Chinese version")


def test_an_english_page_linking_to_a_chinese_only_article_is_fine(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    (root / "content/en/invented-harbour-bridge.md").unlink()
    (root / "content/zh/invented-harbour-bridge.md").write_text(
        (root / "content/zh/invented-harbour-bridge.md").read_text(encoding="utf-8").replace(
            "translation: {from: en, by: Digest editors, method: human}\n", ""), encoding="utf-8")
    english = place(root, "links_to_other_language.md", "en/invented-night-routes.md")
    english.write_text(english.read_text(encoding="utf-8").replace("lang: zh", "lang: en").replace(
        "/articles/invented-harbour-bridge/", "/zh/articles/invented-harbour-bridge/"), encoding="utf-8")
    assert metadata(run_check, root).problems == []


TRANSLATION = "translation: {from: en, by: Digest editors, method: human}"


def with_translation(root, block: str):
    """The fixture's Chinese version with its translation: line (line 14) replaced by `block`."""
    path = root / "content/zh/invented-harbour-bridge.md"
    text = path.read_text(encoding="utf-8")
    assert TRANSLATION in text
    path.write_text(text.replace(TRANSLATION, block), encoding="utf-8")
    return path


@pytest.mark.parametrize("block, line, words", [
    ("translation: {from: en, by: Digest editors, method: humane}", 14,
     "translation.method: 'humane' is not one of ['human', 'machine', 'machine+reviewed']"),
    ("translation:\n  from: en\n  by: Digest editors\n  method: machine+reviewed", 17,
     "translation.method is 'machine+reviewed': add translation.reviewed"),
    ("translation:\n  from: en\n  by: Digest editors\n  method: machine\n  reviewed: 2024-03-14", 17,
     "translation.method is 'machine' (not reviewed) but translation.reviewed is set"),
    ("translation:\n  from: en\n  by: Digest editors\n  method: human\n  reviewed: 2024-03-11", 18,
     "translation.reviewed 2024-03-11 is before date 2024-03-12"),
    ("translation:\n  from: en\n  by: Digest editors\n  method: human\n  reviewed: 2099-03-11", 18,
     "translation.reviewed: 2099-03-11 is more than 2 days after today"),
    ("translation: {from: en, by: Digest editors, reviewed: 2024-02-31}", 14,
     "translation.reviewed: '2024-02-31' is not a 'date'"),
])
def test_a_wrong_translation_method_or_review_day_is_an_error_at_its_line(tmp_path, run_check, block, line, words):
    root = metadata_tree(tmp_path)
    with_translation(root, block)
    run = metadata(run_check, root)
    assert run.status == 1
    assert run.errors() == [run.find("content/zh/invented-harbour-bridge.md", words)]
    assert run.errors()[0]["line"] == line


def test_a_translation_that_does_not_say_how_it_was_made_is_noted_at_its_line(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    with_translation(root, "translation: {from: en, by: Digest editors}")
    run = metadata(run_check, root)
    assert run.status == 0  # a note: the page says the method is not recorded
    problem = run.find("content/zh/invented-harbour-bridge.md", "translation.method is not recorded", severity="notice")
    assert problem["line"] == 14 and run.problems == [problem]
    assert "content/zh/invented-harbour-bridge.md:14: note: translation.method is not recorded" in run.text


def test_a_reviewed_translation_with_its_method_is_accepted(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    with_translation(root, "translation: {from: en, by: Invented Reviewer, method: machine+reviewed, reviewed: 2024-03-14}")
    assert metadata(run_check, root).problems == []
