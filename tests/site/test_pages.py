"""The rendered pages: languages, hreflang, links, untranslated articles, escaping, metadata, weight."""
from __future__ import annotations

import gzip
import json

import pytest

from digest.site.views import summary_opens_body
from tests.site.pages import alternates, html_pages, resolve, site_pages, soup, url_of
from tests.site.test_urls import SLUG

ARTICLE_EN = f"articles/{SLUG}/index.html"
ARTICLE_ZH = f"zh/articles/{SLUG}/index.html"


def test_every_page_declares_its_language(dev_site):
    output, _ = dev_site
    for page in html_pages(output):
        lang = soup(page).html.get("lang")
        relative = page.relative_to(output).as_posix()
        assert lang == ("zh-Hant" if relative.startswith("zh-hant/") else "zh-Hans" if relative.startswith("zh/") else "en"), relative


def test_hreflang_links_are_reciprocal_and_resolve(dev_site):
    output, _ = dev_site
    checked = 0
    for page in site_pages(output):
        here = url_of(output, page)
        links = alternates(soup(page))
        assert "x-default" in links, here
        assert any(href == here for lang, href in links.items() if lang != "x-default"), here
        for lang, href in links.items():
            target = resolve(output, href)
            assert target is not None and target.is_file(), (here, href)
            if lang != "x-default":
                assert here in alternates(soup(target)).values(), (here, href)
                checked += 1
    assert checked > 100


def test_language_switcher_lands_on_the_same_item(dev_site):
    output, _ = dev_site
    page = soup(output / ARTICLE_EN)
    switch = [a for a in page.select("a[hreflang]") if a["hreflang"].startswith("zh")]
    assert switch and switch[0]["href"] == f"/zh/articles/{SLUG}/"
    switch = [a for a in soup(output / ARTICLE_ZH).select("a[hreflang]") if a["hreflang"] == "en"]
    assert switch and switch[0]["href"] == f"/articles/{SLUG}/"


def test_every_internal_link_resolves(dev_site):
    output, _ = dev_site
    for page in html_pages(output):
        here = url_of(output, page)
        document = soup(page)
        for element in document.select("[href], [src]"):
            href = element.get("href") or element.get("src")
            target = resolve(output, href, here)
            if target is None:
                continue
            assert target.is_file(), f"{here}: broken link {href}"
            fragment = href.partition("#")[2]
            if fragment:
                assert soup(target).find(id=fragment) is not None, f"{here}: missing fragment {href}"


def test_untranslated_article_is_listed_in_both_languages(dev_site):
    output, _ = dev_site
    slug = "invented-untranslated-harbour-robots"
    assert (output / "articles" / slug / "index.html").is_file()
    assert not (output / "zh" / "articles" / slug).exists()
    for listing in ("zh/index.html", "zh/industries/robotics/index.html"):
        document = soup(output / listing)
        link = document.find("a", href=f"/articles/{slug}/")
        assert link is not None, listing
        labelled = link.find_parent(attrs={"lang": "en"}) or link if link.get("lang") == "en" else link.find_parent(attrs={"lang": "en"})
        assert labelled is not None, f"{listing}: the English title is not marked lang=en"
        assert "English" in document.get_text(), listing
    page = soup(output / "articles" / slug / "index.html")
    assert set(alternates(page)) == {"en", "x-default"}


def test_drafts_are_not_published(dev_site):
    output, _ = dev_site
    assert not (output / "articles" / "invented-draft").exists()
    assert "invented draft" not in (output / "index.html").read_text()


def test_markup_in_metadata_and_body_is_neutralised(dev_site):
    output, _ = dev_site
    for page in html_pages(output):
        document = soup(page)
        assert not document.find_all(["iframe", "object", "embed"]), page
        assert all(form["action"].endswith("/search/") for form in document.find_all("form")), page
        scripts = [s for s in document.find_all("script") if s.get("type") != "application/ld+json"]
        assert all(s.get("src") == "/theme/js/search.js" and not s.string for s in scripts), page
        for element in document.find_all(True):
            assert not [name for name in element.attrs if name.startswith("on")], (page, element.name)
            for name in ("href", "src"):
                assert not str(element.get(name, "")).strip().lower().startswith("javascript:"), (page, element)
    article = soup(output / "articles/invented-xss/index.html")
    assert article.find("h1").get_text() == '<script>alert("title")</script> Invented & "quoted" headline'
    assert '<img src=x onerror=alert("summary")> An invented summary.' in article.get_text()
    assert "<b>Invented</b> Source" in article.get_text()
    body = article.find(string=lambda s: "a handler" in s).find_parent()
    assert body.name == "span" and body.attrs == {}


def test_dates_are_localised(dev_site):
    output, _ = dev_site
    assert "5 February 2025" in soup(output / ARTICLE_EN).get_text()
    assert "2025年2月5日" in soup(output / ARTICLE_ZH).get_text()
    assert soup(output / ARTICLE_ZH).find("time", datetime="2025-02-05") is not None


def test_article_page_shows_source_provenance_and_posts(dev_site):
    output, _ = dev_site
    text = soup(output / ARTICLE_EN).get_text(" ")
    assert "Province of Guangdong" in text
    assert "seeds/000_3237dff4ecd4f46c.txt" in text
    assert "Governor, People's Government of Guangdong Province" in text
    zh = soup(output / ARTICLE_ZH).get_text(" ")
    assert "广东省人民政府省长" in zh
    assert "由编辑部机器翻译自英文" in zh  # translation note: the seed's Chinese says `method: machine`


def test_a_summary_that_is_the_first_paragraph_is_not_printed_twice(dev_site):
    output, _ = dev_site  # the seed's English summary is its lead's first sentences
    article = soup(output / ARTICLE_EN).select_one("article")
    opening = " ".join(article.select_one(".prose p").get_text().split())[:40]
    assert " ".join(article.get_text().split()).count(opening) == 1
    assert article.select_one(".lead") is None


def test_the_key_facts_come_before_the_text(dev_site):
    output, _ = dev_site
    article = soup(output / ARTICLE_EN).select_one("article")
    facts = article.select_one("section.key-facts[aria-label='Key facts']")
    assert facts.find_next_sibling() is article.select_one(".prose")
    assert [a.get_text() for a in facts.select("[data-pagefind-filter='official']")][:2] == ["Huang Kunming", "Wang Weizhong"]
    assert "Governor, People's Government of Guangdong Province" in facts.get_text(" ")
    assert facts.select_one(".chips, ul, a[href*='/industries/robotics/']")
    assert soup(output / ARTICLE_ZH).select_one("section.key-facts")["aria-label"] == "要点"


def test_a_summary_that_says_something_else_stays_above_the_text(dev_site):
    output, _ = dev_site
    page = soup(output / "articles/invented-untranslated-harbour-robots/index.html")
    assert page.select_one(".article-header .lead").get_text().startswith("An invented article with no Chinese translation")
    zh = soup(output / ARTICLE_ZH)  # the editors' Chinese summary words the opening differently
    assert zh.select_one(".article-header .lead").get_text().startswith("2025年2月5日蛇年首个工作日")


@pytest.mark.parametrize("summary, body, repeats", [
    ("An invented lead sentence.", "<p>An invented lead sentence. And more.</p>", True),
    ("An invented lead…", "<p>An <em>invented</em>\nlead sentence.</p>", True),
    ("虚构的导语。", "<p>虚构的导语。正文继续。</p>", True),
    ("An invented summary of another kind.", "<p>An invented lead sentence.</p>", False),
    ("Invented.", "<h2>Invented.</h2><p>Other text.</p>", False),
    (None, "<p>Text.</p>", False),
])
def test_summary_opens_body(summary, body, repeats):
    assert summary_opens_body(summary, body) is repeats


def test_article_has_json_ld_and_open_graph(dev_site):
    output, _ = dev_site
    for path, lang in ((ARTICLE_EN, "en"), (ARTICLE_ZH, "zh-Hans")):
        document = soup(output / path)
        data = json.loads(document.find("script", type="application/ld+json").string)
        assert data["@type"] == "NewsArticle" and data["inLanguage"] == lang
        assert data["datePublished"] == "2025-02-05T00:00:00+08:00"
        assert document.find("meta", property="og:title")["content"] == data["headline"]
    zh = json.loads(soup(output / ARTICLE_ZH).find("script", type="application/ld+json").string)
    assert zh["translationOfWork"]["@id"].endswith(f"/articles/{SLUG}/")


def test_feeds_are_advertised(dev_site):
    output, _ = dev_site
    for path, feed in (("index.html", "/feeds/all.atom.xml"), ("zh/index.html", "/zh/feeds/all.atom.xml"),
                       ("industries/robotics/index.html", "/industries/robotics/feed.atom.xml"),
                       ("zh/officials/wang-weizhong/index.html", "/zh/officials/wang-weizhong/feed.rss.xml")):
        hrefs = [link["href"] for link in soup(output / path).select('link[rel="alternate"][type]')]
        assert feed in hrefs, path
    # and shown, words apart: the screen-reader text aside, "Subscribe: Atom · RSS · JSON Feed"
    visible = soup(output / "officials/wang-weizhong/index.html").select_one("p.feeds")
    for hidden in visible.select(".vh"):
        hidden.decompose()
    assert visible.get_text().replace("\n", " ") == "Subscribe: Atom · RSS · JSON Feed"


def test_no_external_requests_and_no_javascript_needed_to_read(dev_site):
    output, _ = dev_site
    for page in html_pages(output):
        document = soup(page)
        for element in document.select("link[href], img[src], script[src], iframe, style"):
            url = element.get("href") or element.get("src") or ""
            if element.name == "link" and {"alternate", "canonical"} & set(element.get("rel", [])):
                continue
            assert not url.startswith(("http://", "https://", "//")), (page, url)
        scripts = [s for s in document.find_all("script") if s.get("type") != "application/ld+json"]
        is_search = page.parent.name == "search"
        assert [s.get("src") for s in scripts] == (["/theme/js/search.js"] if is_search else []), page


@pytest.mark.parametrize("path", [ARTICLE_EN, ARTICLE_ZH])
def test_article_page_weight(path, dev_site):
    output, _ = dev_site
    html = (output / path).read_bytes()
    css = (output / "theme/css/site.css").read_bytes()
    assert len(gzip.compress(html)) + len(gzip.compress(css)) <= 30_000


def test_none_of_the_i18n_subsites_bugs(dev_site):
    output, _ = dev_site
    assert not (output / "zh" / "theme").exists()  # static files exist once
    assert len(list(output.rglob("site.css"))) == 1
    for path in [*output.rglob("*.html"), *output.rglob("*.xml"), *output.rglob("*.json")]:
        assert "/zh/../" not in path.read_text(encoding="utf-8"), path
