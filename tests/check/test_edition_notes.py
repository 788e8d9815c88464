"""Metadata check of editor's notes (content/editions/): schema, place, drafts, weeks without articles, links."""
from __future__ import annotations

from tests.check.conftest import metadata_tree

# The fixture's article (en and zh) is dated 2024-03-12: edition 2024-W11.
NOTE = """---
edition: {edition}
lang: en
title: An invented note
status: {status}
---

An invented note about the [harbour bridge]({link}).
"""


def write_note(root, name, edition="2024-W11", status="published", link="/articles/invented-harbour-bridge/", text=None):
    path = root / "content" / "editions" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text or NOTE.format(edition=edition, status=status, link=link), encoding="utf-8")
    return path


def metadata(run_check, root, *files):
    return run_check("--metadata-only", "--content", root / "content", "--root", root, *files)


def test_a_note_in_its_place_is_clean(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    write_note(root, "2024-W11.en.md")
    run = metadata(run_check, root)
    assert run.status == 0 and run.problems == []


def test_schema_errors_are_reported_at_their_line(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    write_note(root, "2024-W11.en.md", text="---\nedition: 2024-W11\nlang: en\nstatus: published\nslug: not-a-note-key\n---\n\nText.\n")
    write_note(root, "2025-W53.en.md", edition="2025-W53")
    run = metadata(run_check, root)
    assert run.status == 1
    assert run.find("content/editions/2024-W11.en.md", "'slug' was unexpected")["line"] == 5
    assert run.find("content/editions/2025-W53.en.md", "'2025-W53' does not exist: 2025 has 52 ISO weeks")["line"] == 2


def test_a_misplaced_note_is_a_warning_naming_its_place(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    write_note(root, "week-eleven.md")
    run = metadata(run_check, root)
    assert run.status == 0
    problem = run.find("content/editions/week-eleven.md", "belongs in", severity="warning")
    assert problem["message"].endswith("content/editions/2024-W11.en.md") and problem["line"] == 2


def test_two_notes_for_one_edition_and_language(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    write_note(root, "2024-W11.en.md")
    write_note(root, "2024-W11.en.copy.md")
    run = metadata(run_check, root)
    assert run.status == 1
    assert run.find("content/editions/2024-W11.en.md", "edition 2024-W11 (en) already has a note")["line"] == 2
    assert run.find("content/editions/2024-W11.en.copy.md", "edition 2024-W11 (en) already has a note")


def test_a_note_for_a_week_without_articles_is_a_warning(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    write_note(root, "2024-W12.en.md", edition="2024-W12")
    run = metadata(run_check, root)
    assert run.status == 0
    run.find("content/editions/2024-W12.en.md", "edition 2024-W12 has no published article yet", severity="warning")


def test_a_draft_note_is_a_notice(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    write_note(root, "2024-W11.en.md", status="draft")
    run = metadata(run_check, root)
    assert run.status == 0
    assert run.find("content/editions/2024-W11.en.md", "draft, not published", severity="notice")["line"] == 5


def test_a_note_linking_to_a_missing_article(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    write_note(root, "2024-W11.en.md", link="../../articles/invented-no-such-bridge/")
    run = metadata(run_check, root)
    assert run.status == 1
    problem = run.find("content/editions/2024-W11.en.md", "no article with slug 'invented-no-such-bridge' in 'en'")
    assert problem["line"] == 8


def test_the_pre_commit_hook_checks_a_staged_note_alone(tmp_path, run_check):
    root = metadata_tree(tmp_path)
    broken = write_note(root, "2024-W11.en.md", text="---\nedition: 2024-W11\nlang: en\n---\n\nText.\n")
    run = metadata(run_check, root, broken)
    assert run.status == 1
    assert run.find("content/editions/2024-W11.en.md", "'status' is a required property")
    assert {p["path"] for p in run.problems} == {run.problems[0]["path"]}
