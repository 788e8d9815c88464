"""scripts.new: scaffold a draft article or a translation that passes the metadata check."""
from __future__ import annotations

from digest.check.metadata import check_content
from digest.frontmatter import parse
from scripts import new
from tests.check.conftest import metadata_tree


def read(path):
    return parse(path.read_text(encoding="utf-8"))


def test_new_article_is_a_draft_listing_what_is_missing(tmp_path, capsys):
    root = metadata_tree(tmp_path)
    status = new.main(["--content", str(root / "content"), "--title", "Invented Port City tests cargo drones",
                       "--lang", "en", "--date", "2024-05-06"])
    assert status == 0
    path = root / "content/en/invented-port-city-tests-cargo-drones.md"
    document = read(path)
    meta = document.metadata
    assert meta["status"] == "draft" and meta["date"] == "2024-05-06" and meta["lang"] == "en"
    assert any(p.startswith("source.name") for p in meta["problems"])
    assert any(p.startswith("summary") for p in meta["problems"])
    assert not any(p.startswith("date") for p in meta["problems"])
    assert "date: 2024-05-06\n" in path.read_text(encoding="utf-8")  # unquoted, as editors write it
    assert [p.severity for p in check_content(root / "content", root)] == ["notice"]  # "draft, not published"
    assert "wrote" in capsys.readouterr().out


def test_a_missing_date_is_a_problem_never_a_guess(tmp_path):
    root = metadata_tree(tmp_path)
    assert new.main(["--content", str(root / "content"), "--title", "无日期的虚构文章", "--lang", "zh"]) == 0
    (path,) = (root / "content/zh").glob("wu-*.md")
    meta = read(path).metadata
    assert "date" not in meta and any(p.startswith("date:") for p in meta["problems"])


def test_translation_is_prefilled_from_the_original(tmp_path):
    root = metadata_tree(tmp_path)
    (root / "content/zh/invented-harbour-bridge.md").unlink()
    assert new.main(["--content", str(root / "content"), "--translate", "invented-harbour-bridge", "--lang", "zh",
                     "--by", "Invented Translator", "--method", "human"]) == 0
    original = read(root / "content/en/invented-harbour-bridge.md")
    document = read(root / "content/zh/invented-harbour-bridge.md")
    meta = document.metadata
    for key in ("slug", "date", "source", "industries", "officials"):
        assert meta[key] == original.metadata[key], key
    assert meta["lang"] == "zh" and meta["status"] == "draft"
    assert meta["translation"] == {"from": "en", "by": "Invented Translator", "method": "human"}
    assert "title" not in meta and "summary" not in meta
    assert [p for p in meta["problems"] if p.startswith(("title", "summary"))] == [
        "title: translate the title of content/en/invented-harbour-bridge.md",
        "summary: translate the summary of content/en/invented-harbour-bridge.md"]
    assert not any(p.startswith("translation.method") for p in meta["problems"])  # given, so not assumed
    assert [p.severity for p in check_content(root / "content", root)] == ["notice"]


def test_a_translation_scaffold_holds_no_word_of_the_original(tmp_path):
    root = metadata_tree(tmp_path)
    (root / "content/zh/invented-harbour-bridge.md").unlink()
    assert new.main(["--content", str(root / "content"), "--translate", "invented-harbour-bridge", "--lang", "zh"]) == 0
    original = read(root / "content/en/invented-harbour-bridge.md")
    document = read(root / "content/zh/invented-harbour-bridge.md")
    text = (root / "content/zh/invented-harbour-bridge.md").read_text(encoding="utf-8")
    written = {key: value for key, value in original.metadata.items() if key in ("title", "summary")}
    assert written and not any(value in text for value in written.values())
    written_by_new = document.body + " ".join(document.metadata["problems"])  # the source's own metadata aside
    sentences = [line.strip() for line in original.body.split("\n") if line.strip()]
    assert sentences and not any(sentence in written_by_new for sentence in sentences)
    assert not {"Harbour", "drones", "recharge"} & set(written_by_new.replace(".", " ").split())
    assert document.body.startswith("<!-- TODO: translate the body of ") and "content/en/invented-harbour-bridge.md" in document.body
    assert any("content/en/invented-harbour-bridge.md" in p for p in document.metadata["problems"] if p.startswith("body:"))


def test_a_translation_says_how_it_is_made_and_a_guess_is_a_problem_to_confirm(tmp_path):
    root = metadata_tree(tmp_path)
    (root / "content/zh/invented-harbour-bridge.md").unlink()
    assert new.main(["--content", str(root / "content"), "--translate", "invented-harbour-bridge", "--lang", "zh"]) == 0
    meta = read(root / "content/zh/invented-harbour-bridge.md").metadata
    assert meta["translation"] == {"from": "en", "by": "Digest editors", "method": "human"}
    assert [p for p in meta["problems"] if p.startswith("translation.method")] == [new.ASSUMED_METHOD]
    (root / "content/zh/invented-harbour-bridge.md").unlink()
    assert new.main(["--content", str(root / "content"), "--translate", "invented-harbour-bridge", "--lang", "zh",
                     "--method", "machine"]) == 0
    meta = read(root / "content/zh/invented-harbour-bridge.md").metadata
    assert meta["translation"]["method"] == "machine" and new.REVIEW_MACHINE in meta["problems"]


def test_a_published_scaffold_with_its_todo_left_is_an_error_at_the_comments_line(tmp_path, capsys):
    root = metadata_tree(tmp_path)
    path = root / "content/zh/invented-harbour-bridge.md"
    path.unlink()
    assert new.main(["--content", str(root / "content"), "--translate", "invented-harbour-bridge", "--lang", "zh",
                     "--method", "human"]) == 0
    text = path.read_text(encoding="utf-8")
    # An editor who translates the title and summary, deletes the problems and publishes, but forgets the body:
    front, body = text.split("\n---\n", 1)
    front = front.split("\nproblems:")[0].replace("status: draft", "status: published")
    path.write_text(f"{front}\ntitle: 虚构标题\nsummary: 虚构摘要。\n---\n{body}", encoding="utf-8")
    written = path.read_text(encoding="utf-8").split("\n")
    todo_line = next(number for number, line in enumerate(written, 1) if line.startswith("<!-- TODO"))
    problems = check_content(root / "content", root)
    assert [(p.severity, p.line) for p in problems] == [("error", todo_line)]
    assert problems[0].message.startswith("body: the TODO comment scripts.new wrote is still here")


def test_an_existing_file_is_never_overwritten(tmp_path, capsys):
    root = metadata_tree(tmp_path)
    target = root / "content/zh/invented-harbour-bridge.md"
    before = target.read_bytes()
    assert new.main(["--content", str(root / "content"), "--translate", "invented-harbour-bridge", "--lang", "zh"]) == 1
    assert target.read_bytes() == before
    assert "already exists; not overwriting it" in capsys.readouterr().err


def test_a_slug_used_by_another_file_is_refused(tmp_path, capsys):
    root = metadata_tree(tmp_path)
    (root / "content/en/invented-harbour-bridge.md").rename(root / "content/en/bridge.md")
    assert new.main(["--content", str(root / "content"), "--title", "Another", "--slug", "invented-harbour-bridge",
                     "--lang", "en"]) == 1
    assert "already used in 'en' by" in capsys.readouterr().err


def test_bad_arguments(tmp_path, capsys):
    root = metadata_tree(tmp_path)
    assert new.main(["--content", str(root / "content"), "--title", "X", "--lang", "en", "--date", "2024-02-30"]) == 1
    assert "not a date" in capsys.readouterr().err
    assert new.main(["--content", str(root / "content"), "--translate", "no-such-article", "--lang", "zh"]) == 1
    assert "no article with slug 'no-such-article'" in capsys.readouterr().err
    assert new.main(["--content", str(root / "content"), "--title", "X", "--slug", "Not A Slug", "--lang", "en"]) == 1


def test_an_edition_note_is_scaffolded_as_a_draft_the_check_accepts(tmp_path, capsys):
    root = metadata_tree(tmp_path)
    assert new.main(["--content", str(root / "content"), "--edition", "2024-W11", "--lang", "zh"]) == 0
    path = root / "content/editions/2024-W11.zh.md"
    document = read(path)
    assert document.metadata == {"edition": "2024-W11", "lang": "zh", "status": "draft",
                                 "problems": ["body: write the note below the front matter; a title: line is optional"]}
    assert "TODO" in document.body
    assert [(p.path.endswith("2024-W11.zh.md"), p.severity) for p in check_content(root / "content", root)] == [(True, "notice")]
    assert new.main(["--content", str(root / "content"), "--edition", "2024-W11", "--lang", "zh"]) == 1
    assert "already exists; not overwriting it" in capsys.readouterr().err


def test_an_edition_that_is_no_iso_week_is_refused(tmp_path, capsys):
    root = metadata_tree(tmp_path)
    assert new.main(["--content", str(root / "content"), "--edition", "2025-W53", "--lang", "en"]) == 1
    assert "2025 has 52 ISO weeks" in capsys.readouterr().err
    assert not (root / "content/editions").exists()
