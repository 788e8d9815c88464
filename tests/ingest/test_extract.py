import subprocess
import sys
import textwrap
from pathlib import Path

from digest import REPO_ROOT
from digest.ingest.extract import BULLET, CODE, HEADING, PARAGRAPH, Block, extract_html, extract_text, second_opinion

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
PAGES = FIXTURES / "pages"


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


def test_html_page_facts_are_what_the_page_states():
    page = html_fixture().page
    assert page.title_tag == "Invented Harbour City expands a fictional robotics park | Example Herald"
    assert page.meta["og:title"] == "Invented Harbour City expands a fictional robotics park"
    assert page.meta["article:published_time"] == "2024-06-18T09:30:00+08:00"
    assert page.meta["og:site_name"] == "Example Herald"
    assert page.canonical == "https://news.example.org/2024/06/harbour-robotics"
    assert [h.text for h in page.headings if h.level == 1] == ["Invented Harbour City expands a fictional robotics park"]
    assert page.headings[0].after.startswith("Share on Facebook Share on Twitter The invented Harbour City")


def test_hidden_elements_are_reported():
    removed = html_fixture().removed
    assert any("togel hk data sgp" in note for note in removed)
    assert any("Hidden paragraph" in note for note in removed)


def test_table_layout_keeps_every_paragraph_of_the_cell():
    blocks = extract_html((PAGES / "gov_table.html").read_text(encoding="utf-8")).blocks
    paragraphs = [b.text for b in blocks if b.kind == PARAGRAPH]
    for opening in ("4月8日，青岚市人民政府印发", "《措施》提出", "在应用场景方面", "青岚市发展和改革局有关负责人表示"):
        assert sum(p.startswith(opening) for p in paragraphs) == 1, opening


def test_text_without_paragraph_tags_is_kept_paragraph_by_paragraph():
    blocks = extract_html((PAGES / "unwrapped.html").read_text(encoding="utf-8")).blocks
    paragraphs = [b.text for b in blocks if b.kind == PARAGRAPH]
    assert paragraphs[-3].startswith("The invented port of Varlow opened")
    assert paragraphs[-2].startswith("The corridor runs for 42 invented kilometres")
    assert paragraphs[-1].startswith("Harbour master Ilsa Notreal said")


def test_a_hidden_wrapper_holding_the_article_is_kept():
    story = "".join(f"<p>Invented paragraph {n} about the fictional Orrin valley and its imaginary mills.</p>" for n in range(8))
    html = (f"<html><body><nav><a href='/'>Home</a></nav><div style='display:none' id='story'>{story}</div>"
            "<div hidden>togel data sgp</div></body></html>")
    extracted = extract_html(html)
    text = "\n".join(b.text for b in extracted.blocks)
    assert "Invented paragraph 7 about the fictional Orrin valley" in text
    assert "togel" not in text and any("togel" in note for note in extracted.removed)


def test_deeply_nested_hidden_elements_are_removed_in_one_walk():
    html = "<html><body><p>" + "Words of an invented story. " * 30 + "</p>" + "<div hidden>" * 200 + "togel" + "</div>" * 200 + "</body></html>"
    extracted = extract_html(html)
    assert len(extracted.removed) == 1
    assert "Words of an invented story." in extracted.blocks[0].text


def test_a_page_with_no_text_says_the_extractor_found_none():
    extracted = extract_html("<html><head><title>Invented</title></head><body><div><img src='invented.png'></div></body></html>")
    assert extracted.blocks == () and not extracted.extractor_found_text


def test_text_blocks_remember_their_source_lines():
    blocks = extract_text("Title\n\nFirst paragraph\ncontinues here.\n\n# Heading\n- item one\n- item two\n").blocks
    assert [(b.kind, b.line) for b in blocks] == [
        (PARAGRAPH, 1), (PARAGRAPH, 3), (HEADING, 6), (BULLET, 7), (BULLET, 8)
    ]
    assert blocks[1].text == "First paragraph\ncontinues here."


def test_a_code_block_is_kept_line_by_line_as_written():
    story = "<p>" + "The invented Lantern Bay port authority publishes its fictional berth script. " * 4 + "</p>"
    code = "berths=12\nfor b in $(seq 1 $berths); do\n    echo \"berth $b <open>\"\ndone"
    html = (f"<html><body><article><h1>Lantern Bay berths</h1>{story}<pre><code>{code.replace('<', '&lt;').replace('>', '&gt;')}"
            f"</code></pre>{story.replace('script', 'plan')}</article></body></html>")
    blocks = extract_html(html).blocks
    assert Block(CODE, code) in blocks
    assert [b.kind for b in blocks].count(CODE) == 1 and blocks[-1].kind == PARAGRAPH


# --- second opinion (magic-html) ---------------------------------------------------------------

NOTICE = ("The invented harbour board of Fernvale County closes the robot berth at Lakeshire on Tuesday for an "
          "inspection.", "Ships due that day will use the old east quay instead.")


def test_a_short_notice_is_not_buried_in_the_page_around_it():
    # trafilatura falls back to the whole page for a notice this short; magic-html finds the notice
    extracted = extract_html((PAGES / "short_notice.html").read_text(encoding="utf-8"))
    assert [block.text for block in extracted.blocks] == list(NOTICE)
    assert any("magic-html's reading" in note and "page furniture" in note for note in extracted.removed)


def paragraphs(*texts):
    return [Block(PARAGRAPH, text) for text in texts]


def taken(first, second):
    chosen = second_opinion(first, second)
    return None if chosen is None else chosen[0]


def test_a_shorter_second_reading_is_taken_when_it_lies_inside_the_first_and_starts_near_its_start():
    first = paragraphs("Join our invented newsletter", *NOTICE, "More notices",
                       "Invented Brackenmoor tram line adds two night services")
    assert taken(first, paragraphs(*NOTICE)) == paragraphs(*NOTICE)
    assert taken(first, paragraphs(*NOTICE[1:])) is None  # starts half-way in: the lead would be lost
    assert taken(first, paragraphs(NOTICE[0], "An invented line the first reader never found, long enough.")) is None
    assert taken(first, first[:3] + first[4:]) is None  # hardly shorter: no furniture to drop


def test_a_shorter_second_reading_that_skips_the_middle_of_the_first_is_not_taken():
    items = [f"Invented item {n}: the Fernvale harbour board names berth {n} after a fictional lighthouse keeper."
             for n in range(1, 9)]
    first = paragraphs("Good morning from the invented Fernvale desk.", *items, "See you tomorrow, Fernvale.")
    # the greeting and the sign-off, without the eight items between them: the article's middle, not furniture
    assert taken(first, paragraphs(first[0].text, first[-1].text)) is None
    assert taken(first + paragraphs("Invented related story one", "Invented related story two") * 10, first) == first


def test_a_much_longer_second_reading_holding_the_first_is_taken():
    rest = ("The invented board adds that the berth reopens on Wednesday morning at six, after the divers of "
            "Fernvale have checked every mooring ring along the quay wall and the robot rails.")
    assert taken(paragraphs(NOTICE[1]), paragraphs(*NOTICE, rest)) == paragraphs(*NOTICE, rest)
    assert taken(paragraphs(*NOTICE), paragraphs(*NOTICE, "An invented line.")) is None  # not twice as long
    assert taken(paragraphs("An invented line of its own, nowhere else."), paragraphs(*NOTICE, rest)) is None


def test_a_page_where_neither_reader_finds_an_article_has_none():
    blocks, note = second_opinion(paragraphs("Invented jade pendant, certificate included"), [])
    assert blocks == [] and "no article" in note
    assert second_opinion(paragraphs(*NOTICE) * 2, []) is None  # a real article the second reader missed


def test_magic_html_is_imported_without_building_its_math_parser_until_a_page_has_math():
    """In a fresh interpreter (an earlier test may have imported magic-html the ordinary way): after
    the import, magic-html's ASCIIMath translator is a stand-in; a page without math leaves it unbuilt,
    and a page with `<script type="math/asciimath">` still gets its LaTeX."""
    probe = textwrap.dedent('''
        import logging
        from digest.ingest.extract import BuiltOnFirstUse, magic_html_blocks, magic_html_extractor
        magic_html_extractor()
        from magic_html import utils
        assert logging.getLogger().level == logging.WARNING  # py-asciimath's DEBUG put back
        assert isinstance(utils.asciimath2tex, BuiltOnFirstUse) and utils.asciimath2tex._made is None
        words = " ".join(["Invented Harbour City opened a fictional training centre for invented robots."] * 8)
        page = "<html><body><article><h1>Invented</h1><p>" + words + "</p><p>" + words + "</p>{}</article></body></html>"
        assert magic_html_blocks(page.format(""), None) and utils.asciimath2tex._made is None
        blocks = magic_html_blocks(page.format('<p>Area: <script type="math/asciimath">x^2</script></p>'), None)
        assert utils.asciimath2tex._made is not None
        print(" ".join(block.text for block in blocks))
    ''')
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Area: ${x}^{2}$" in result.stdout, result.stdout[-300:]
    assert "INFO" not in result.stderr and "DEBUG" not in result.stderr, result.stderr


def test_trafilatura_leaves_the_tree_it_reads_as_it_was():
    # extract_html serialises the page for magic-html after trafilatura has read it
    import lxml.html
    import trafilatura

    from digest.ingest.extract import parse_html

    tree = parse_html((FIXTURES / "article.html").read_text(encoding="utf-8"))
    before = lxml.html.tostring(tree, encoding="unicode")
    trafilatura.bare_extraction(tree, include_comments=False, include_tables=True, with_metadata=False, fast=True)
    assert lxml.html.tostring(tree, encoding="unicode") == before
