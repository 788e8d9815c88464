"""The term indexes and pages of every taxonomy (industries, officials, places, and one declared in
data only), and an official's page (issue 13, item 6)."""
from __future__ import annotations

import datetime as dt
import shutil

import feedparser

from digest import REPO_ROOT, vocab
from digest.check.feeds import check_feeds
from digest.site import views
from digest.site.model import Entry
from digest.site.run import build
from digest.vocab import Term
from tests.conftest import FIXTURES
from tests.site.conftest import PUBLISH_URL, content_with_fixtures, settings_file
from tests.site.pages import resolve, soup
from tests.site.test_urls import SLUG

ARTICLE = f"/articles/{SLUG}/"
ARTICLE_ZH = f"/zh/articles/{SLUG}/"
SEED = "seeds/000_3237dff4ecd4f46c.txt"
WITH_ARTICLES = ("robotics", "artificial-intelligence")  # the only industries the fixture site's articles are tagged with


def cards(page) -> list[str]:
    return [a["href"] for a in page.select(".term-card-title a")]


def test_terms_without_articles_are_named_in_one_line_not_shown_as_cards(dev_site):
    output, _ = dev_site
    for path, start, end in (("industries/index.html", "Also followed: ", "."), ("zh/industries/index.html", "另外关注：", "。")):
        page = soup(output / path)
        prefix = "/zh" if path.startswith("zh/") else ""
        assert cards(page) == [f"{prefix}/industries/{slug}/" for slug in WITH_ARTICLES], path
        assert not [c for c in page.select(".term-card .count") if c.get_text().startswith("0")], path
        line = page.select("p.also-followed")
        assert len(line) == 1 and line[0] is page.select_one(".listing").find_all(recursive=False)[-1], path
        text = line[0].get_text()
        assert text.startswith(start) and text.endswith(end), (path, text)
        links = [a["href"] for a in line[0].select("a")]
        assert links == [f"{prefix}/industries/{t.slug}/" for t in vocab.load().industries if t.slug not in WITH_ARTICLES], path
        assert all(resolve(output, href).is_file() for href in links), path  # every empty term keeps its page
    assert not soup(output / "officials/index.html").select(".also-followed")  # every official has an article


def test_the_officials_index_shows_each_persons_posts(dev_site):
    output, _ = dev_site
    for path, governor, posts in (
        ("officials/index.html", "Governor, People's Government of Guangdong Province",
         ["Deputy Secretary, Guangdong Provincial Committee of the Communist Party of China",
          "Secretary, Shenzhen Municipal Committee of the Communist Party of China"]),
        ("zh/officials/index.html", "广东省人民政府省长", ["中共广东省委员会副书记", "中共深圳市委员会书记"]),
    ):
        page = soup(output / path)
        card = {a["href"].rstrip("/").rsplit("/", 1)[-1]: a.find_parent("li") for a in page.select(".term-card-title a")}
        assert [li.get_text(" ", strip=True) for li in card["wang-weizhong"].select(".term-card-posts li")] == [governor], path
        assert [li.get_text(" ", strip=True) for li in card["meng-fanli"].select(".term-card-posts li")] == posts, path


def invented_position(**dates) -> dict:
    return {"organisation": {"en": "Invented Bureau", "zh": "虚构局"}, "title": {"en": "Director", "zh": "局长"},
            "start": None, "end": None, "attested": [], "source": None, "note": None, **dates}


def test_posts_are_listed_current_first_with_their_years():
    positions = (invented_position(start=dt.date(2010, 1, 1), end=dt.date(2015, 6, 1)),
                 invented_position(attested=[dt.date(2016, 3, 1)]),
                 invented_position(),
                 invented_position(start=dt.date(2018, 5, 1)))
    term = Term(slug="invented", name={"en": "Invented Person", "zh": "虚构人"}, aliases={}, positions=positions)
    posts = views.term_summary(term, "officials", "en", 1, views.Links("", "", {}))["posts"]
    assert [(p["start_year"], p["end_year"]) for p in posts] == [(2018, None), (None, None), (2010, 2015), (None, None)]
    assert posts[1] == {"name": "Director, Invented Bureau", "start_year": None, "end_year": None}


def entry(slug: str, day: str, source_file: str, lang: str = "en") -> Entry:
    meta = {"slug": slug, "lang": lang, "title": f"Invented {slug}", "date": day, "source": {"file": source_file}}
    return Entry(path=f"{lang}/{slug}.md", meta=meta, html="", source_key=slug)


def test_an_article_attests_a_post_by_its_recorded_source_else_by_its_date():
    tagged = [entry("later", "2025-03-01", "seeds/other.txt"), entry("same-day", "2025-02-05", "seeds/other.txt"),
              entry("from-source", "2025-02-07", SEED)]
    recorded = invented_position(attested=[dt.date(2025, 2, 5)], source=SEED)
    assert [e.slug for e in views.attesting(recorded, tagged)] == ["from-source"]
    unrecorded = invented_position(start=dt.date(2025, 2, 1))
    assert [e.slug for e in views.attesting(unrecorded, tagged)] == ["same-day", "from-source", "later"]
    assert views.attesting(invented_position(end=dt.date(2024, 1, 1)), tagged) == []  # nothing in the period: no link


def test_an_officials_page_names_the_article_that_attests_each_post(dev_site):
    output, _ = dev_site
    for path, href, when in (("officials/wang-weizhong/index.html", ARTICLE, "(5 February 2025)"),
                             ("zh/officials/wang-weizhong/index.html", ARTICLE_ZH, "（2025年2月5日）")):
        post = soup(output / path).select_one(".position-list li")
        source = post.select_one(".position-source")
        assert source is not None, path
        assert [a["href"] for a in source.select("a")] == [href], path
        assert source.select_one("time")["datetime"] == "2025-02-05" and source.get_text().endswith(when), path
    meng = soup(output / "officials/meng-fanli/index.html").select(".position-list li")
    assert [li.select_one(".position-source a")["href"] for li in meng] == [ARTICLE, ARTICLE]  # each of his two posts


def test_places_have_an_index_and_a_page_each_in_both_languages(dev_site):
    output, _ = dev_site
    for prefix, name in (("", "Guangzhou"), ("zh/", "广州")):
        index = soup(output / prefix / "places/index.html")
        assert [a["href"] for a in index.select(".term-card-title a")] == [f"/{prefix}places/guangzhou/"]
        also = [a["href"] for a in index.select("p.also-followed a")]
        assert len(also) == len(vocab.load().terms("places")) - 1 and f"/{prefix}places/shenzhen/" in also
        page = soup(output / prefix / "places/guangzhou/index.html")
        assert page.select_one("h1").get_text(strip=True) == name
        assert [a["href"] for a in page.select(".article-item-title a")] == [f"/{prefix}articles/{SLUG}/"]
        assert page.select_one(".term-header .kicker a")["href"] == f"/{prefix}places/"
        nav = [a["href"] for a in page.select(".site-nav a")]
        assert f"/{prefix}places/" in nav and nav.index(f"/{prefix}places/") == nav.index(f"/{prefix}officials/") + 1
        assert page.select_one(f'.site-nav a[href="/{prefix}places/"]')["class"] == ["is-active"]


def test_an_article_lists_its_places_each_a_search_filter(dev_site):
    output, _ = dev_site
    for path, name, legend in (("", "Guangzhou", "Place"), ("zh/", "广州", "地区")):
        article = soup(output / path / f"articles/{SLUG}/index.html")
        places = article.select('.key-facts a[data-pagefind-filter="place"]')
        assert [(a.get_text(strip=True), a["href"]) for a in places] == [(name, f"/{path}places/guangzhou/")]
        assert article.select_one("#places-heading").get_text(strip=True) == ("Places" if not path else "地区")
        search = soup(output / path / "search/index.html").select_one("[data-search]")
        assert search["data-filter-names"] == "industry official place year language"
        assert search["data-label-place"] == legend


def test_place_feeds_are_valid_and_in_the_sitemap(publish_site):
    problems = check_feeds(publish_site, PUBLISH_URL)
    assert problems == []
    for prefix in ("", "zh/"):
        for fmt in ("atom.xml", "rss.xml"):
            parsed = feedparser.parse((publish_site / prefix / f"places/guangzhou/feed.{fmt}").read_bytes())
            assert not parsed.bozo
            assert [entry.link for entry in parsed.entries] == [f"{PUBLISH_URL}/{prefix}articles/{SLUG}/"]
        assert (publish_site / prefix / "places/hong-kong/feed.json").is_file()  # an empty feed is a feed too
    sitemap = (publish_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("places/", "places/guangzhou/", "places/macao/", "zh/places/guangzhou/"):
        assert f"<loc>{PUBLISH_URL}/{path}</loc>" in sitemap or f'href="{PUBLISH_URL}/{path}"' in sitemap, path


HARBOURS = FIXTURES / "taxonomy"  # an invented taxonomy: its vocabulary, its declaration and an article


def test_a_taxonomy_declared_in_data_alone_gets_pages_feeds_sitemap_entries_and_a_search_filter(tmp_path):
    """A fourth taxonomy, added to a copy of data/ (a declaration and a vocabulary file), with no code change."""
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    shutil.copy(HARBOURS / "harbours.yaml", data)
    declaration = (HARBOURS / "harbours.taxonomy.yaml").read_text(encoding="utf-8")
    with (data / "taxonomies.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + declaration)
    content = content_with_fixtures(tmp_path / "content")
    shutil.copy(HARBOURS / "invented-north-harbour-dredging.md", content / "en")
    output = tmp_path / "output"
    settings = settings_file(tmp_path, DIGEST_DATA_DIR=str(data), DIGEST_ABSOLUTE_URL=PUBLISH_URL)
    warnings = build(settings, content, output, search=False, cache=tmp_path / "cache")
    # its labels are msgids nobody translated yet: the build says where
    assert any(f"taxonomies.yaml:{line}: untranslated interface string 'Harbours' (zh)" in warning
               for warning in warnings for line in range(1, 200)), warnings
    for prefix in ("", "zh/"):
        index = soup(output / prefix / "harbours/index.html")
        assert [a["href"] for a in index.select(".term-card-title a")] == [f"/{prefix}harbours/invented-north-harbour/"]
        assert [a["href"] for a in index.select("p.also-followed a")] == [f"/{prefix}harbours/invented-south-harbour/"]
        page = soup(output / prefix / "harbours/invented-north-harbour/index.html")
        assert [a["href"] for a in page.select(".article-item-title a")] == ["/articles/invented-north-harbour-dredging/"]
        for fmt in ("atom.xml", "rss.xml", "json"):
            assert (output / prefix / f"harbours/invented-south-harbour/feed.{fmt}").is_file()
        nav = [a["href"] for a in soup(output / prefix / "index.html").select(".site-nav a")]
        assert f"/{prefix}harbours/" in nav
        search = soup(output / prefix / "search/index.html").select_one("[data-search]")
        assert search["data-filter-names"] == "industry official place harbour year language"
        assert search["data-label-harbour"] == "Harbour"
    assert check_feeds(output, PUBLISH_URL) == []
    parsed = feedparser.parse((output / "harbours/invented-north-harbour/feed.atom.xml").read_bytes())
    assert not parsed.bozo and [entry.title for entry in parsed.entries] == ["Invented North Harbour dredges its channel"]
    article = soup(output / "articles/invented-north-harbour-dredging/index.html")
    assert [a.get_text(strip=True) for a in article.select('a[data-pagefind-filter="harbour"]')] == ["Invented North Harbour"]
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("harbours/", "harbours/invented-north-harbour/", "zh/harbours/invented-south-harbour/"):
        assert f"{PUBLISH_URL}/{path}<" in sitemap or f'{PUBLISH_URL}/{path}"' in sitemap, path
