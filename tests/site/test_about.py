"""The about page (/about/, /zh/about/): both languages, alternates, sitemap, the footer of every
page, counts taken from the vocabularies, and path:line errors for its front matter."""
from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from digest import REPO_ROOT, vocab
from digest.frontmatter import parse
from digest.site.model import ContentErrors
from digest.site.run import build
from tests.site.conftest import build_site, settings_file
from tests.site.pages import alternates, site_pages, soup, url_of

ABOUT = {"en": "/about/", "zh": "/zh/about/", "zh-hant": "/zh-hant/about/"}  # zh-hant: converted from zh
PAGES = REPO_ROOT / "content" / "pages"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def about(output, lang: str):
    return soup(output / ABOUT[lang].lstrip("/") / "index.html")


def front_matter(lang: str) -> dict:
    return parse((PAGES / f"about.{lang}.md").read_text(encoding="utf-8")).metadata


@pytest.mark.parametrize("lang, html_lang", [("en", "en"), ("zh", "zh-Hans")])
def test_the_about_page_exists_in_both_languages(dev_site, lang, html_lang):
    page = about(dev_site[0], lang)
    meta = front_matter(lang)
    assert page.html["lang"] == html_lang
    assert page.h1.get_text(strip=True) == meta["title"]
    assert page.find("meta", attrs={"name": "description"})["content"] == meta["description"]
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    assert len(headings) >= 5, headings  # what it follows, the editors' three sections, reporting an error


def test_the_about_pages_are_each_others_alternates_and_the_switch_lands_on_the_other(dev_site):
    output, _ = dev_site
    tags = {"en": "en", "zh": "zh-Hans", "zh-hant": "zh-Hant"}
    for lang in tags:
        page = about(output, lang)
        assert alternates(page) == {"en": ABOUT["en"], "zh-Hans": ABOUT["zh"], "zh-Hant": ABOUT["zh-hant"], "x-default": ABOUT["en"]}
        switch = {a["hreflang"]: a["href"] for a in page.select(".lang-switch a")}
        assert switch == {tag: ABOUT[other] for other, tag in tags.items() if other != lang}


def test_the_sitemap_lists_both_about_pages_with_their_alternates(dev_site):
    root = ET.parse(dev_site[0] / "sitemap.xml").getroot()
    entries = {url.findtext("s:loc", namespaces=SITEMAP): {link.get("hreflang"): link.get("href")
                                                           for link in url.findall("x:link", SITEMAP)}
               for url in root.findall("s:url", SITEMAP)}
    absolute = {lang: f"http://localhost:8000{path}" for lang, path in ABOUT.items()}
    for lang in ABOUT:
        assert entries[absolute[lang]] == {"en": absolute["en"], "zh-Hans": absolute["zh"], "zh-Hant": absolute["zh-hant"],
                                           "x-default": absolute["en"]}


def test_every_page_links_to_its_languages_about_page_and_feeds_in_the_footer(dev_site):
    output, _ = dev_site
    kinds = set()
    for page in site_pages(output):
        here = url_of(output, page)
        lang = "zh-hant" if here.startswith("/zh-hant/") else "zh" if here.startswith("/zh/") else "en"
        footer = soup(page).select_one("footer.site-footer")
        hrefs = [a["href"] for a in footer.select("a[href]")]
        assert ABOUT[lang] in hrefs, here
        feeds = "/feeds/" if lang == "en" else f"/{lang}/feeds/"
        assert [h for h in hrefs if h.startswith(feeds)] == [f"{feeds}all.atom.xml", f"{feeds}all.rss.xml", f"{feeds}all.json"], here
        kinds.add(here.strip("/").removeprefix("zh-hant").removeprefix("zh").strip("/").split("/")[0])
    # home, articles, industries, officials, places, editions, search, about and the 404 page, at least
    assert {"", "articles", "industries", "officials", "places", "editions", "search", "about", "404.html"} <= kinds


def test_the_counts_and_names_on_the_about_page_are_the_vocabularies(dev_site):
    output, _ = dev_site
    v = vocab.load()
    places = v.terms("places")
    for lang, wording in (("en", r"follows (\d+) industries, (\d+) officials, (\d+) places,"),
                          ("zh", r"关注(\d+) 个产业、(\d+) 位官员、(\d+) 个地区，")):
        page = about(output, lang)
        section = page.select_one("section[aria-labelledby=coverage]")
        assert re.search(wording, section.get_text()).groups() == (str(len(v.industries)), str(len(v.officials)), str(len(places)))
        chips = [a.get_text(strip=True) for a in section.select("a.chip")]
        assert chips == [t.name[lang] for t in (*v.industries, *v.officials, *places)]
        # each taxonomy's heading links to its index, in data/taxonomies.yaml's order
        indexes = [a["href"] for a in section.select("h3 a")]
        assert indexes == [f"{'/zh' if lang == 'zh' else ''}/{kind}/" for kind in ("industries", "officials", "places")]


def test_the_report_url_setting_links_the_error_report(tmp_path):
    """Without DIGEST_REPORT_URL (the repository's address is recorded nowhere yet) the page says where
    to report without a link; with it, it links there."""
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    settings = settings_file(tmp_path, DIGEST_REPORT_URL="https://example.org/digest/issues")
    build(settings, content, tmp_path / "output", search=False, cache=tmp_path / "cache")
    for lang in ABOUT:
        report = about(tmp_path / "output", lang).select_one("section[aria-labelledby=report]")
        assert [a["href"] for a in report.select("a")] == ["https://example.org/digest/issues"]


def test_a_language_without_an_about_page_links_to_none(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    (content / "pages" / "about.zh.md").unlink()
    output = tmp_path / "output"
    build(REPO_ROOT / "pelicanconf.py", content, output, search=False, cache=tmp_path / "cache")
    assert not (output / "zh" / "about").exists() and not (output / "zh-hant" / "about").exists()
    assert soup(output / "zh" / "index.html").select_one(f'footer a[href="{ABOUT["zh"]}"]') is None
    page = about(output, "en")
    assert alternates(page) == {"en": ABOUT["en"], "x-default": ABOUT["en"]}
    assert page.select_one(".lang-switch a")["href"] == "/zh/"
    assert ABOUT["zh"] not in (output / "sitemap.xml").read_text()


@pytest.mark.parametrize("replace, expected", [
    ("title: About the digest", "content/pages/about.en.md:4: Additional properties are not allowed ('titel' was unexpected)"),
    ("page: about", "content/pages/about.en.md:2: page: 'contact' is not one of ['about']"),
])
def test_a_broken_about_front_matter_stops_the_build_at_its_line(tmp_path, monkeypatch, replace, expected):
    content = tmp_path / "content"
    shutil.copytree(REPO_ROOT / "content", content)
    path = content / "pages" / "about.en.md"
    broken = {"title: About the digest": "titel: About the digest", "page: about": "page: contact"}[replace]
    path.write_text(path.read_text(encoding="utf-8").replace(replace, broken, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # error paths are relative to the working folder, as editors see them
    with pytest.raises(ContentErrors) as raised:
        build_site(tmp_path, "pelicanconf.py", content)
    assert expected in [str(error) for error in raised.value.errors]


def test_the_introduction_comes_before_what_the_digest_follows_and_the_sections_after():
    from digest.site.pages import split_intro

    assert split_intro("<p>Intro</p>\n<h2>One</h2>\n<p>x</p>") == ("<p>Intro</p>\n", "<h2>One</h2>\n<p>x</p>")
    assert split_intro("<p>Only</p>") == ("<p>Only</p>", "")
