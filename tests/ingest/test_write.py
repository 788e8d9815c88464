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
