"""The bilingual view (/articles/<slug>/bilingual/, /zh/articles/<slug>/bilingual/): both versions block by
block, in both trees, linked from the article pages, kept out of search and the sitemap, and laid out
stacked on a phone and in two columns on a desktop."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from digest import REPO_ROOT, languages
from digest.frontmatter import parse
from digest.ingest.write import make_environment, render_article
from digest.site import urls
from digest.site.bilingual import from_article_folder, prefix_ids
from digest.site.run import build
from tests.site.conftest import content_with_fixtures
from tests.site.pages import alternates, soup
from tests.site.test_search_index import indexed_urls

LANGUAGES = languages.default()

SLUG = "guangdong-accelerates-establishment-modern-industrial-system"  # the real content's translated article
UNTRANSLATED = "invented-untranslated-harbour-robots"


def page_path(output: Path, lang: str, slug: str = SLUG) -> Path:
    return output / urls.output_file(urls.bilingual(lang, slug))


def text(element) -> str | None:
    return None if element is None else " ".join(element.get_text(" ").split())


def rows(document) -> list[tuple[str | None, str | None]]:
    """Each pair's (own text, other text); None for a side that says it has no counterpart."""
    found = []
    for pair in document.select(".bi-pair"):
        own, other = pair.find_all("div", recursive=False)
        found.append(tuple(None if "bi-missing" in cell["class"] else text(cell) for cell in (own, other)))
    return found


def body_blocks(output: Path, lang: str, slug: str = SLUG) -> list[str]:
    article = soup(output / urls.output_file(urls.article(lang, slug)))
    return [text(block) for block in article.select_one(".prose").find_all(recursive=False)]


def front_matter(lang: str) -> dict:
    return parse((REPO_ROOT / "content" / lang / f"{SLUG}.md").read_text(encoding="utf-8")).metadata


@pytest.mark.parametrize("lang, other", [("en", "zh"), ("zh", "en")])
def test_an_article_in_both_languages_has_a_bilingual_page_in_each_tree(dev_site, lang, other):
    page = soup(page_path(dev_site[0], lang))
    assert page.html["lang"] == LANGUAGES[lang].tag
    assert text(page.h1) == front_matter(lang)["title"]
    other_title = page.select_one("h1 + .other-name")
    assert other_title["lang"] == LANGUAGES[other].tag and text(other_title) == front_matter(other)["title"]
    cells = [cell for pair in page.select(".bi-pair") for cell in pair.find_all("div", recursive=False)]
    assert cells
    for own, theirs in zip(cells[::2], cells[1::2]):
        assert "lang" not in own.attrs  # the page's language
        if "bi-missing" not in theirs["class"]:
            assert theirs["lang"] == LANGUAGES[other].tag


def test_the_pairs_are_the_two_bodies_block_by_block_and_the_translators_note_stands_alone(dev_site):
    output, _ = dev_site
    english, chinese = body_blocks(output, "en"), body_blocks(output, "zh")
    assert len(english) == 8 and len(chinese) == 9 and chinese[-1].startswith("译注")  # a note: <p class="body-note">
    en_page, zh_page = soup(page_path(output, "en")), soup(page_path(output, "zh"))
    assert rows(en_page) == [*zip(english, chinese[:8]), (None, chinese[8])]
    assert rows(zh_page) == [*zip(chinese[:8], english), (chinese[8], None)]
    assert text(en_page.select(".bi-pair")[-1].select_one(".bi-missing")) == "No counterpart in the English version"
    assert text(zh_page.select(".bi-pair")[-1].select_one(".bi-missing")) == "英文版本中没有对应的段落"
    assert en_page.select_one(".bilingual-mismatch") is None and zh_page.select_one(".bilingual-mismatch") is None


def test_the_translated_column_carries_its_credit_line_as_its_own_page_words_it(dev_site):
    """How the translation was made (machine, unreviewed, for the real Chinese version) is said over its
    column, in its language, on both views; the page's own language says which version is the translation."""
    output, _ = dev_site
    credit = text(soup(output / urls.output_file(urls.article("zh", SLUG))).select_one(".translation-note"))
    assert "机器翻译" in credit  # the real version's translation.method: machine
    for lang, sentence in (("en", "The Chinese is a translation of the English."), ("zh", "简体中文版本译自英文。")):
        page = soup(page_path(output, lang))
        heads = {head.select_one(".bi-head-name").get_text(): head for head in page.select(".bi-head")}
        assert text(heads["简体中文"].select_one(".bi-credit")) == credit
        assert heads["简体中文"].get("lang", LANGUAGES[lang].tag) == "zh-Hans"  # in Chinese on the English page too
        assert heads["English"].select_one(".bi-credit") is None  # the original
        assert text(page.select_one(".article-header .translation-note")) == sentence


def test_the_two_bilingual_pages_are_each_others_alternates(dev_site):
    output, _ = dev_site
    paths = {lang: "/" + urls.bilingual(lang, SLUG) for lang in LANGUAGES.codes}
    for lang, other in (("en", "zh"), ("zh", "en"), ("zh-hant", "en")):  # Traditional beside English, as Simplified
        page = soup(page_path(output, lang))
        assert alternates(page) == {"en": paths["en"], "zh-Hans": paths["zh"], "zh-Hant": paths["zh-hant"], "x-default": paths["en"]}
        assert {a["href"] for a in page.select(".lang-switch a")} == {paths[code] for code in LANGUAGES.others(lang)}
        versions = [a["href"] for a in page.select(".bilingual-versions a")]
        assert versions == ["/" + urls.article(lang, SLUG), "/" + urls.article(other, SLUG)]


def test_article_pages_link_to_their_bilingual_view_only_when_both_versions_are_published(dev_site):
    output, _ = dev_site
    for lang in LANGUAGES.codes:
        article = soup(output / urls.output_file(urls.article(lang, SLUG)))
        links = {a["href"] for a in article.select("a") if "/bilingual/" in a["href"]}
        assert links == {"/" + urls.bilingual(lang, SLUG)}
    untranslated = (output / urls.output_file(urls.article("en", UNTRANSLATED))).read_text(encoding="utf-8")
    assert "/bilingual/" not in untranslated
    assert not page_path(output, "en", UNTRANSLATED).parent.exists()
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("bilingual/index.html")) == sorted(
        urls.output_file(urls.bilingual(lang, SLUG)) for lang in LANGUAGES.codes)


def test_search_and_the_sitemap_leave_the_bilingual_pages_out(dev_site):
    output, _ = dev_site
    for lang in LANGUAGES.written:
        assert "data-pagefind-body" not in page_path(output, lang).read_text(encoding="utf-8")
    indexed = {url for bundle in output.rglob("pagefind-entry.json") for url in indexed_urls(bundle.parent)}
    assert {"/" + urls.article(lang, SLUG) for lang in LANGUAGES.written} <= indexed  # the article pages are there
    assert not [url for url in indexed if "bilingual" in url]
    assert "bilingual" not in (output / "sitemap.xml").read_text(encoding="utf-8")


SEED = {"name": "Example Herald (invented)", "file": "seeds/000_3237dff4ecd4f46c.txt",
        "sha256": "d16d00acf18651c81c2adbd3e0bc36999243fdf9f11c362233e11eb41a928e0a"}


def write_article(content: Path, slug: str, lang: str, title: str, paragraphs: list[str], status: str = "published") -> Path:
    """An invented article (a translation from English when in Chinese), written as ingest writes one."""
    meta = {"title": title, "slug": slug, "lang": lang, "date": dt.date(2024, 7, 2), "source": SEED,
            "industries": ["robotics"], "officials": [], "summary": f"{title}.", "status": status}
    if lang == "zh":
        meta["translation"] = {"from": "en", "by": "Digest editors"}
    path = content / lang / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_article(make_environment(), meta, "\n\n".join(paragraphs)), encoding="utf-8")
    return path


def invented_pairs(content: Path) -> None:
    write_article(content, "invented-lantern-ferry", "en", "Invented Lanternbrook opens a ferry pier",
                  ["Lanternbrook opened an invented ferry pier.", "Boats run every 20 minutes.", "Fares are invented too."])
    write_article(content, "invented-lantern-ferry", "zh", "虚构的灯溪县开通轮渡码头",
                  ["灯溪县开通了一座虚构的轮渡码头。", "码头由虚构的公司建设。", "渡船每20分钟一班。", "票价同样是虚构的。"])
    for lang, words in (("en", ("See the fares.", "Fares: one invented yuan.", "the ferry")),
                        ("zh", ("见票价。", "票价：虚构的一元。", "轮渡"))):
        write_article(content, "invented-kite-fares", lang, "Invented kite fares" if lang == "en" else "虚构的风筝票价",
                      [f"[{words[0]}](#fares)", f'<p id="fares">{words[1]}</p>', f"[{words[2]}](../invented-lantern-ferry/)"])
    write_article(content, "invented-reed-bridge", "en", "Invented Reedbay opens a footbridge", ["A paragraph."])
    write_article(content, "invented-reed-bridge", "zh", "虚构的苇湾开通人行桥", ["一段。"], status="draft")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bilingual")
    content = content_with_fixtures(tmp / "content")
    invented_pairs(content)
    build(REPO_ROOT / "pelicanconf.py", content, tmp / "output", search=False, cache=tmp / "cache")
    return content, tmp / "output"


def test_a_translation_with_a_paragraph_more_still_renders_and_says_so(site):
    _, output = site
    en_page, zh_page = (soup(page_path(output, lang, "invented-lantern-ferry")) for lang in LANGUAGES.written)
    assert rows(en_page) == [("Lanternbrook opened an invented ferry pier.", "灯溪县开通了一座虚构的轮渡码头。"),
                             ("Boats run every 20 minutes.", "码头由虚构的公司建设。"),
                             ("Fares are invented too.", "渡船每20分钟一班。"),
                             (None, "票价同样是虚构的。")]
    assert rows(zh_page)[-1] == ("票价同样是虚构的。", None)
    assert text(en_page.select_one(".bilingual-mismatch")).startswith(
        "The two versions do not have the same number of paragraphs (English: 3, Chinese: 4).")
    assert text(zh_page.select_one(".bilingual-mismatch")).startswith("两个版本的段落数不同（简体中文：4 段，英文：3 段）")


def test_ids_of_the_other_version_are_prefixed_so_a_page_has_each_id_once(site):
    _, output = site
    for lang, other in (("en", "zh"), ("zh", "en")):
        html = page_path(output, lang, "invented-kite-fares").read_text(encoding="utf-8")
        ids = re.findall(r'\sid="([^"]*)"', html)
        assert len(ids) == len(set(ids)) and {"fares", f"{other}-fares"} <= set(ids)
        page = soup(page_path(output, lang, "invented-kite-fares"))
        assert page.select_one(".bi-other a")["href"] == f"#{other}-fares"
        assert page.select_one(".bi-pair > .prose:not(.bi-other) a")["href"] == "#fares"


def test_links_relative_to_the_article_lead_where_they_lead_from_the_article_page(site):
    _, output = site
    for lang in LANGUAGES.written:
        view = "/" + urls.bilingual(lang, "invented-kite-fares")
        hrefs = [a["href"] for a in soup(page_path(output, lang, "invented-kite-fares")).select(".bi-pair a[href*=ferry]")]
        assert hrefs == ["../../invented-lantern-ferry/"] * 2
        for href in hrefs:  # as a browser resolves them
            assert urljoin(view, href) == "/" + urls.article(lang, "invented-lantern-ferry")


def test_rewriting_links_and_ids_reads_attributes_whole():
    html = ('<p id="a" title="see src= and id=">x id="b" <a href="#a">in</a> <a href="y/">rel</a> <a href="/z/">root</a> '
            '<a href="https://e.org/">abs</a> <a href="mailto:x@e.org">mail</a> <img src="p.png" alt=""></p>')
    assert prefix_ids(from_article_folder(html), "zh-") == (
        '<p id="zh-a" title="see src= and id=">x id="b" <a href="#zh-a">in</a> <a href="../y/">rel</a> <a href="/z/">root</a> '
        '<a href="https://e.org/">abs</a> <a href="mailto:x@e.org">mail</a> <img src="../p.png" alt=""></p>')


def test_a_draft_translation_gives_no_bilingual_view(site):
    _, output = site
    assert not page_path(output, "en", "invented-reed-bridge").exists()
    assert "/bilingual/" not in (output / urls.output_file(urls.article("en", "invented-reed-bridge"))).read_text(encoding="utf-8")


def test_a_preview_with_drafts_shows_a_draft_translation_side_by_side_under_a_banner(site, tmp_path):
    content, _ = site
    build(REPO_ROOT / "pelicanconf.py", content, tmp_path / "output", search=False, cache=tmp_path / "cache", drafts=True)
    for lang in LANGUAGES.written:
        view = soup(page_path(tmp_path / "output", lang, "invented-reed-bridge"))
        assert view.select_one(".draft-banner") is not None and rows(view)[0][0] in ("A paragraph.", "一段。")
        article = soup(tmp_path / "output" / urls.output_file(urls.article(lang, "invented-reed-bridge")))
        assert {a["href"] for a in article.select("a") if "/bilingual/" in a["href"]} == {"/" + urls.bilingual(lang, "invented-reed-bridge")}
    assert soup(page_path(tmp_path / "output", "en", "invented-lantern-ferry")).select_one(".draft-banner") is None


def test_a_phone_stacks_each_pair_and_a_desktop_puts_it_side_by_side(dev_site):
    from tests.site.browser import browser, serve

    output, _ = dev_site
    boxes = "[...document.querySelectorAll('.bi-pair')].map(p => [...p.children].map(c => c.getBoundingClientRect().toJSON()))"
    with serve(output) as base, browser() as chromium:
        for width in (390, 1280):
            context = chromium.new_context(viewport={"width": width, "height": 900})
            tab = context.new_page()
            for lang in LANGUAGES.written:
                tab.goto(f"{base}/{urls.bilingual(lang, SLUG)}")
                assert tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
                pairs = tab.evaluate(boxes)
                assert len(pairs) == 9
                for own, other in pairs:
                    if width == 390:  # the other version under the page's own
                        assert other["top"] >= own["bottom"] - 1 and abs(other["left"] - own["left"]) < 1, (lang, own, other)
                    else:  # two columns, each block beside its counterpart (first lines on one baseline)
                        assert other["left"] >= own["right"] and other["top"] < own["bottom"] and own["top"] < other["bottom"], (lang, own, other)
            context.close()
