import json

import pytest

from markdown_it import MarkdownIt

from digest.frontmatter import parse
from digest.ingest.extract import BULLET, HEADING, NUMBERED, PARAGRAPH, Block
from digest.ingest.write import Manifest, atomic_write, escape_markdown, render_body

MARKDOWN = MarkdownIt("commonmark")


def rendered(text):
    return MARKDOWN.render(escape_markdown(text))


def test_source_text_cannot_become_markup():
    html = rendered("<script>alert(1)</script> <img src=x onerror=alert(2)> [a](javascript:alert(3)) **b** &amp;")
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<strong>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;amp;" in html


def test_line_start_markers_stay_text():
    for text in ("# no heading", "1. no list", "- no list", "> no quote", "+ no", "===", "10) no"):
        assert rendered(text) == f"<p>{text.replace('>', '&gt;')}</p>\n", text


def test_body_keeps_structure():
    blocks = (
        Block(PARAGRAPH, "First."), Block(HEADING, "Part", level=1), Block(BULLET, "a"), Block(BULLET, "b"),
        Block(NUMBERED, "one"), Block(NUMBERED, "two"), Block(PARAGRAPH, "End."),
    )
    assert render_body(blocks) == "First.\n\n## Part\n\n- a\n- b\n\n1. one\n2. two\n\nEnd.\n"


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "a" / "b.md"
    atomic_write(target, "one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["b.md"]


def test_manifest_round_trip(tmp_path):
    manifest = Manifest.load(tmp_path)
    manifest.record("seeds/x.txt", {"sha256": "a", "text_sha256": "b", "outputs": {"en/x.md": "c"}})
    manifest.save()
    again = Manifest.load(tmp_path)
    assert again.owner_of("en/x.md") == "seeds/x.txt"
    assert again.written_hash("en/x.md") == "c"
    assert again.find_duplicate("seeds/y.txt", "zzz", "b") == "seeds/x.txt"
    assert again.find_duplicate("seeds/x.txt", "a", "b") is None


def test_yaml_front_matter_round_trips_through_the_template(kit):
    from digest.ingest.write import render_article
    import datetime as dt

    front = {"title": "A: 'tricky' title #1", "slug": "a", "lang": "en", "date": dt.date(2024, 1, 2),
             "source": {"file": "seeds/a.txt"}, "industries": ["robotics"], "status": "draft"}
    document = parse(render_article(kit.env, front, "Body."))
    assert document.metadata["title"] == "A: 'tricky' title #1"
    assert document.metadata["date"] == "2024-01-02"
    assert document.body == "Body.\n"


def test_manifest_keeps_signatures_and_fills_in_those_it_lacks(tmp_path):
    from digest.ingest.similarity import signature

    text = " ".join(f"invented word{n}" for n in range(40))
    manifest = Manifest.load(tmp_path)
    manifest.record("seeds/x.txt", {"sha256": "a", "text_sha256": "b", "outputs": {"en/x.md": "c"},
                                    "minhash": signature(text, "en")})
    manifest.save()
    assert Manifest.load(tmp_path).find_near_copy("seeds/y.txt", signature(text, "en")).source == "seeds/x.txt"
    assert Manifest.load(tmp_path).find_near_copy("seeds/x.txt", signature(text, "en")) is None
    # An entry from before signatures: the signature comes from the file it wrote, once, and is kept.
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "x.md").write_text(f"---\ntitle: X\n---\n\n{text}\n", encoding="utf-8")
    manifest.record("seeds/x.txt", {"sha256": "a", "text_sha256": "b", "outputs": {"en/x.md": "c"}})
    manifest.record("seeds/gone.txt", {"sha256": "d", "text_sha256": "e", "outputs": {"en/gone.md": "f"}})
    manifest.save()
    again = Manifest.load(tmp_path)
    assert again.find_near_copy("seeds/y.txt", signature(text, "en")).source == "seeds/x.txt"
    assert again.sources["seeds/x.txt"]["minhash"] == signature(text, "en")
    assert "minhash" not in again.sources["seeds/gone.txt"]


def test_a_code_block_is_fenced_verbatim_and_rendered_as_text():
    from digest.ingest.extract import CODE

    code = "echo '<script>alert(1)</script>'\n``` not the end\n# not a heading"
    body = render_body((Block(PARAGRAPH, "An invented harbour script:"), Block(CODE, code)))
    assert "\n````\n" + code + "\n````\n" in body  # a fence longer than the text's backtick run
    html = MarkdownIt("commonmark").render(body)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<h1>" not in html


# --- Safe writing: modes, a damaged manifest, the journal ------------------------------------

def test_a_new_file_gets_the_mode_an_editor_would_give_it(tmp_path):
    import os

    for umask, expected in ((0o022, 0o644), (0o002, 0o664), (0o077, 0o600)):
        previous = os.umask(umask)
        try:
            target = tmp_path / f"umask-{umask:o}.md"
            atomic_write(target, "text")
        finally:
            os.umask(previous)
        assert target.stat().st_mode & 0o777 == expected, oct(umask)


def test_a_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "kept.md"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write(target, "new")
    assert target.read_text() == "new" and target.stat().st_mode & 0o777 == 0o640


def damaged(tmp_path, text: str):
    from digest.ingest import write

    (tmp_path / ".ingest-manifest.json").write_text(text, encoding="utf-8")
    with pytest.raises(write.ManifestDamaged) as raised:
        Manifest.load(tmp_path)
    return str(raised.value)


def test_a_truncated_manifest_is_reported_with_its_line_and_the_way_out(tmp_path):
    message = damaged(tmp_path, '{\n  "sources": {\n    "seeds/x.txt": {\n      "outputs": {\n')
    assert message.startswith(f"{tmp_path / '.ingest-manifest.json'}:5: damaged (")
    assert message.endswith("); rebuild it with python -m scripts.ingest --rebuild-manifest")
    assert "\n" not in message


def test_a_merge_conflicted_manifest_is_reported_at_the_conflict(tmp_path):
    text = ('{\n  "sources": {\n<<<<<<< HEAD\n    "seeds/a.txt": {"outputs": {}}\n=======\n'
            '    "seeds/b.txt": {"outputs": {}}\n>>>>>>> other\n  }\n}\n')
    assert damaged(tmp_path, text).startswith(f"{tmp_path / '.ingest-manifest.json'}:3: damaged (")


def test_a_manifest_of_the_wrong_shape_is_damaged_too(tmp_path):
    assert ":1: damaged (" in damaged(tmp_path, '["not", "a", "manifest"]\n')
    assert ":3: damaged (" in damaged(tmp_path, '{\n  "sources": {\n    "seeds/x.txt": 7\n  }\n}\n')


def test_recorded_entries_survive_a_run_that_never_saved(tmp_path):
    from digest.ingest import write

    manifest = Manifest.load(tmp_path)
    manifest.record("seeds/x.txt", {"sha256": "a", "text_sha256": "b", "outputs": {"en/x.md": "c"}})
    manifest.record("seeds/y.txt", {"sha256": "d", "text_sha256": "e", "outputs": {"en/y.md": "f"}})
    del manifest  # the process died here: no save
    journal = tmp_path / write.JOURNAL_NAME
    with journal.open("a", encoding="utf-8") as stream:
        stream.write('{"source": "seeds/z.txt", "ent')  # a line cut short by the death
    again = Manifest.load(tmp_path)
    assert again.owner_of("en/x.md") == "seeds/x.txt" and again.written_hash("en/y.md") == "f"
    assert again.owner_of("en/z.md") is None
    again.record("seeds/w.txt", {"sha256": "g", "text_sha256": "h", "outputs": {"en/w.md": "i"}})
    del again  # this run dies too
    third = Manifest.load(tmp_path)
    assert third.owner_of("en/w.md") == "seeds/w.txt"
    third.save()
    assert not journal.exists()
    assert set(json.loads((tmp_path / ".ingest-manifest.json").read_text())["sources"]) == {
        "seeds/x.txt", "seeds/y.txt", "seeds/w.txt"}


def test_a_damaged_line_inside_the_journal_is_reported(tmp_path):
    from digest.ingest import write

    (tmp_path / write.JOURNAL_NAME).write_text('{"source": "a", "entry": {}}\nnot json\n{"source": "b", "entry": {}}\n')
    with pytest.raises(write.ManifestDamaged, match=r"\.ingest-journal\.jsonl:2: damaged \("):
        Manifest.load(tmp_path)
