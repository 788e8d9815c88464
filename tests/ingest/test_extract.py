from pathlib import Path

from digest.ingest.extract import BULLET, HEADING, PARAGRAPH, extract_html, extract_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def html_fixture():
    return extract_html((FIXTURES / "article.html").read_text(encoding="utf-8"))


def test_html_keeps_only_the_article_text():
    extracted = html_fixture()
    text = "\n".join(block.text for block in extracted.blocks)
    assert "double the size of its fictional robotics park" in text
    assert "Construction is expected to take two years" in text
    for junk in ("Home", "cookies", "Share on Facebook", "Related posts", "unrelated invented story",
                 "Copyright", "Privacy policy", "togel", "Hidden paragraph", "tracker", "injected"):
        assert junk not in text, junk


def test_html_keeps_headings_paragraphs_and_lists():
    kinds = [(block.kind, block.text) for block in html_fixture().blocks]
    assert (HEADING, "Training and jobs") in kinds
    assert (BULLET, "A second assembly hall for invented robot arms") in kinds
    assert (BULLET, "A testing ground for fictional delivery robots") in kinds
    assert sum(kind == PARAGRAPH for kind, _ in kinds) == 3


def test_html_metadata_comes_from_meta_tags():
    extracted = html_fixture()
    assert extracted.title == "Invented Harbour City expands a fictional robotics park"
    assert extracted.date == "2024-06-18"
    assert extracted.description == "The invented Harbour City will double a fictional robotics park, officials said."
    assert extracted.site_name == "Example Herald"
    assert extracted.url == "https://news.example.org/2024/06/harbour-robotics"


def test_hidden_elements_are_reported():
    removed = html_fixture().removed
    assert any("togel hk data sgp" in note for note in removed)
    assert any("Hidden paragraph" in note for note in removed)


def test_html_without_a_date_has_none():
    html = "<html><head><title>Invented</title></head><body><article><p>" + "Words of an invented story. " * 20 + "</p></article></body></html>"
    assert extract_html(html).date is None


def test_text_blocks_remember_their_source_lines():
    blocks = extract_text("Title\n\nFirst paragraph\ncontinues here.\n\n# Heading\n- item one\n- item two\n").blocks
    assert [(b.kind, b.line) for b in blocks] == [
        (PARAGRAPH, 1), (PARAGRAPH, 3), (HEADING, 6), (BULLET, 7), (BULLET, 8)
    ]
    assert blocks[1].text == "First paragraph\ncontinues here."
