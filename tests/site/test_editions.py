"""Editions on a generated corpus over seven years (digest.bench.corpus, invented content, with its
editor's notes): ISO-week boundaries, both languages, untranslated articles, notes in one language,
the editions feed against the pages, and the email copy."""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html
import pytest

from digest.bench import corpus
from digest.check.feeds import check_feeds
from digest.check.html import check_html
from digest.site import email
from digest.site.editions import parse_week, week_of
from digest.site.run import build
from tests.site.conftest import PUBLISH_URL, settings_file
from tests.site.pages import soup

ARTICLES = 70
# Article index -> date: weeks that straddle a new year, and 53-week years.
BOUNDARIES = {
    0: "2020-12-31", 1: "2021-01-03", 2: "2021-01-04",  # Thursday and Sunday of 2020-W53; Monday of 2021-W01
    3: "2026-12-31", 4: "2027-01-01",  # 2026-W53 runs from 28 December 2026 to 3 January 2027
    5: "2024-12-29", 6: "2024-12-30",  # Sunday of 2024-W52; Monday of 2025-W01
}
CROWDED_WEEK, CROWDED_DAYS = "2023-W24", ("2023-06-12", "2023-06-14", "2023-06-18")  # articles 10-39
SMALL_BUDGET = 15_000
TODAY = dt.date(2027, 1, 10)  # the corpus reaches 1 January 2027; dates are judged from this day


def generated_articles() -> list[corpus.Article]:
    articles = corpus.generate_articles(ARTICLES, seed=11)
    for index, day in BOUNDARIES.items():
        articles[index] = dataclasses.replace(articles[index], date=dt.date.fromisoformat(day))
    for index in range(10, 40):
        articles[index] = dataclasses.replace(articles[index], date=dt.date.fromisoformat(CROWDED_DAYS[index % 3]))
    return articles


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The corpus built with absolute URLs under PUBLISH_URL (as publishconf does); no search index."""
    tmp = tmp_path_factory.mktemp("editions")
    generated = corpus.write(tmp / "corpus", generated_articles())
    settings = settings_file(tmp, SITEURL=PUBLISH_URL, DIGEST_ABSOLUTE_URL=PUBLISH_URL)
    warnings = build(settings, generated.content, tmp / "output", search=False, cache=tmp / "cache", today=TODAY)
    return generated, tmp / "output", warnings


def page(output: Path, path: str):
    return soup(output / path / "index.html")


def listed(document) -> list[str]:
    """The article URLs an edition page lists, in order."""
    return [a.get("href") for a in document.select(".edition-body .article-item-title a")]


def article_url(article: corpus.Article, lang: str) -> str:
    shown = lang if lang in article.versions else article.langs[0]
    return f"{PUBLISH_URL}/{'zh/' if shown == 'zh' else ''}articles/{article.slug}/"


def test_a_date_is_in_its_own_iso_week_and_a_zoned_time_counts_in_shanghai():
    assert [week_of(dt.date.fromisoformat(day)).id for day in BOUNDARIES.values()] == [
        "2020-W53", "2020-W53", "2021-W01", "2026-W53", "2026-W53", "2024-W52", "2025-W01"]
    utc = dt.timezone.utc
    assert week_of(dt.datetime(2025, 2, 9, 15, 30, tzinfo=utc)).id == "2025-W06"  # Sunday 23:30 in Shanghai
    assert week_of(dt.datetime(2025, 2, 9, 16, 30, tzinfo=utc)).id == "2025-W07"  # Monday 00:30 in Shanghai
    assert week_of(dt.datetime(2025, 2, 9, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))).id == "2025-W07"
    with pytest.raises(ValueError, match="no time zone"):
        week_of(dt.datetime(2025, 2, 9, 23, 30))
    assert (parse_week("2020-W53").monday, parse_week("2026-W53").sunday) == (dt.date(2020, 12, 28), dt.date(2027, 1, 3))
    with pytest.raises(ValueError, match="2025 has 52 ISO weeks"):
        parse_week("2025-W53")


def test_every_article_is_listed_in_its_week_in_both_languages(site):
    generated, output, warnings = site
    assert warnings == []
    weeks: dict[str, list[corpus.Article]] = {}
    for article in generated.articles:
        weeks.setdefault(week_of(article.date).id, []).append(article)
    assert len(weeks) > 30 and {"2020", "2023", "2026"} <= {week[:4] for week in weeks}
    for week, members in weeks.items():
        for lang, prefix in (("en", ""), ("zh", "zh/")):
            document = page(output, f"{prefix}editions/{week}")
            assert sorted(listed(document)) == sorted(article_url(a, lang) for a in members), (week, lang)
            count = document.select(".page-header .meta")[0].get_text()
            assert f"{len(members)} 篇文章" in count if lang == "zh" else re.search(rf"\b{len(members)} articles?\b", count)
    assert sorted(p.name for p in (output / "editions").iterdir() if p.is_dir()) == sorted(weeks)
    assert sorted(p.name for p in (output / "zh/editions").iterdir() if p.is_dir()) == sorted(weeks)


def test_weeks_that_straddle_a_new_year(site):
    generated, output, _ = site
    slugs = {index: generated.articles[index].slug for index in BOUNDARIES}

    def slugs_in(week):
        return {href.rstrip("/").rsplit("/", 1)[1] for href in listed(page(output, f"editions/{week}"))}

    assert {slugs[0], slugs[1]} <= slugs_in("2020-W53") and slugs[2] in slugs_in("2021-W01")
    assert {slugs[3], slugs[4]} <= slugs_in("2026-W53")
    assert slugs[5] in slugs_in("2024-W52") and slugs[6] in slugs_in("2025-W01")
    header = page(output, "editions/2026-W53").select(".page-header")[0].get_text()
    assert "Week 53, 2026" in header and "28 Dec 2026\u2009–\u20093 Jan 2027" in header
    zh = page(output, "zh/editions/2020-W53").select(".page-header")[0].get_text()
    assert "2020年第53周" in zh and "2020年12月28日至2021年1月3日" in zh


def test_articles_are_grouped_by_their_first_industry_largest_group_first(site):
    generated, output, _ = site
    crowded = [a for a in generated.articles if week_of(a.date).id == CROWDED_WEEK]
    document = page(output, f"editions/{CROWDED_WEEK}")
    groups = document.select(".edition-group")
    counts = [int(group.select(".count")[0].get_text()) for group in groups]
    assert sum(counts) == len(crowded) == 30 and counts == sorted(counts, reverse=True)
    for group in groups:
        industry = group.select("h2 a")[0].get("href").rstrip("/").rsplit("/", 1)[1]
        for link in group.select(".article-item-title a"):
            slug = link.get("href").rstrip("/").rsplit("/", 1)[1]
            assert next(a for a in crowded if a.slug == slug).industries[0] == industry


def test_an_untranslated_article_is_marked_in_both_editions(site):
    generated, output, _ = site
    untranslated = [a for a in generated.articles if len(a.langs) == 1]
    assert {a.langs[0] for a in untranslated} == {"en", "zh"}
    for article in untranslated:
        own, other = article.langs[0], "zh" if article.langs[0] == "en" else "en"
        for lang in (own, other):
            document = page(output, f"{'zh/' if lang == 'zh' else ''}editions/{week_of(article.date).id}")
            link = next(a for a in document.select(".article-item-title a") if a.get("href") == article_url(article, own))
            item = link.parent.parent
            tag = item.select(".lang-tag")[0].get_text()
            if lang == own:  # "Only in English" / "仅有简体中文版"
                assert tag == ("Only in English" if own == "en" else "仅有简体中文版"), article.slug
            else:  # listed in the other language, marked with its own
                assert link.get("lang") == {"en": "en", "zh": "zh-Hans"}[own] and tag == ("English" if own == "en" else "In 简体中文")


def test_a_note_in_one_language_only_is_shown_there_and_pointed_to_from_the_other(site):
    generated, output, _ = site
    notes = corpus.edition_notes(generated.articles)
    weeks = {week for week, _ in notes}
    one_language = {week: [lang for lang in ("en", "zh") if (week, lang) in notes] for week in weeks}
    cases = [(week, langs[0]) for week, langs in sorted(one_language.items()) if len(langs) == 1]
    assert {lang for _, lang in cases} == {"en", "zh"}
    for week, lang in cases:
        other = "zh" if lang == "en" else "en"
        prefix = {"en": "", "zh": "zh/"}
        here = page(output, f"{prefix[lang]}editions/{week}")
        assert here.select(".edition-note h2")[0].get_text() == (
            f"Invented notes on {week}" if lang == "en" else f"{week}虚构编者按")
        there = page(output, f"{prefix[other]}editions/{week}")
        assert not there.select(".edition-note")
        pointer = there.select(".edition-note-elsewhere")[0]
        assert pointer.select("a")[0].get("href") == f"{PUBLISH_URL}/{prefix[lang]}editions/{week}/"
        assert ("in Chinese only" if lang == "zh" else "仅有英文版") in pointer.get_text()
    both = next(week for week, langs in one_language.items() if len(langs) == 2)
    for prefix in ("", "zh/"):
        assert page(output, f"{prefix}editions/{both}").select(".edition-note")


def test_the_index_lists_every_edition_newest_first_with_counts_and_top_industries(site):
    generated, output, _ = site
    for prefix in ("", "zh/"):
        items = page(output, f"{prefix}editions").select(".edition-item")
        hrefs = [item.select("h3 a")[0].get("href") for item in items]
        weeks = [href.rstrip("/").rsplit("/", 1)[1] for href in hrefs]
        assert weeks == sorted({week_of(a.date).id for a in generated.articles}, reverse=True)
        crowded = items[weeks.index(CROWDED_WEEK)]
        assert ("30 articles" if not prefix else "30 篇文章") in crowded.get_text()
        chips = crowded.select(".chip")
        assert 1 <= len(chips) <= 3 and all("/industries/" in chip.get("href") for chip in chips)


def test_previous_and_next_link_every_edition_in_order(site):
    _, output, _ = site
    weeks = sorted(p.name for p in (output / "editions").iterdir() if p.is_dir())
    for index, week in enumerate(weeks):
        document = page(output, f"editions/{week}")
        older = document.select('.edition-nav a[rel="prev"]')
        newer = document.select('.edition-nav a[rel="next"]')
        assert [a.get("href") for a in older[:1]] == ([f"{PUBLISH_URL}/editions/{weeks[index - 1]}/"] if index else [])
        assert [a.get("href") for a in newer[:1]] == (
            [f"{PUBLISH_URL}/editions/{weeks[index + 1]}/"] if index + 1 < len(weeks) else [])


def test_an_article_names_its_edition_and_links_to_it(site):
    generated, output, _ = site
    article = generated.articles[4]  # 1 January 2027
    for lang in article.langs:
        document = page(output, f"{'zh/' if lang == 'zh' else ''}articles/{article.slug}")
        link = document.select(".edition-ref a")[0]
        assert link.get("href") == f"{PUBLISH_URL}/{'zh/' if lang == 'zh' else ''}editions/2026-W53/"
        assert link.get_text() == ("Week 53, 2026" if lang == "en" else "2026年第53周")


def edition_body(output: Path, prefix: str, week: str) -> str:
    document = lxml.html.fromstring((output / prefix / "editions" / week / "index.html").read_bytes())
    body = document.xpath('//div[@class="edition-body"]')[0]
    return canonical((body.text or "") + "".join(lxml.html.tostring(child, encoding=str) for child in body))


def canonical(fragment: str) -> str:
    return lxml.html.tostring(lxml.html.fragment_fromstring(fragment.strip(), create_parent="div"), encoding=str)


def test_the_editions_feeds_are_valid_and_each_entry_is_its_edition_page(site):
    _, output, _ = site
    assert check_feeds(output, PUBLISH_URL) == []
    for prefix in ("", "zh/"):
        weeks = sorted((p.name for p in (output / prefix / "editions").iterdir() if p.is_dir()), reverse=True)[:10]
        atom = lxml.etree.parse(str(output / prefix / "editions/feed.atom.xml"))
        ns = {"a": "http://www.w3.org/2005/Atom"}
        entries = atom.findall("a:entry", ns)
        assert [e.find("a:link", ns).get("href") for e in entries] == [f"{PUBLISH_URL}/{prefix}editions/{w}/" for w in weeks]
        for entry, week in zip(entries, weeks):
            assert canonical(entry.find("a:content", ns).text) == edition_body(output, prefix, week)
        data = json.loads((output / prefix / "editions/feed.json").read_text(encoding="utf-8"))
        for item, week in zip(data["items"], weeks, strict=True):
            assert canonical(item["content_html"]) == edition_body(output, prefix, week)
        rss = feedparser.parse((output / prefix / "editions/feed.rss.xml").read_bytes())
        assert not rss.bozo and [e.link for e in rss.entries] == [f"{PUBLISH_URL}/{prefix}editions/{w}/" for w in weeks]
        rss_items = lxml.etree.parse(str(output / prefix / "editions/feed.rss.xml")).findall("channel/item")
        encoded = "{http://purl.org/rss/1.0/modules/content/}encoded"  # the whole edition; <description> its summary as text
        assert [canonical(i.find(encoded).text) for i in rss_items] == [edition_body(output, prefix, w) for w in weeks]
        assert all("<" not in html.unescape(i.find("description").text) for i in rss_items)


def test_an_editions_feed_entry_is_dated_by_its_newest_article(site):
    generated, output, _ = site
    parsed = feedparser.parse((output / "editions/feed.atom.xml").read_bytes())
    newest = parsed.entries[0]
    members = [a for a in generated.articles if week_of(a.date).id == "2026-W53"]
    assert newest.link.endswith("/editions/2026-W53/")
    assert newest.updated.startswith(max(a.date for a in members).isoformat())
    assert newest.published.startswith(min(a.date for a in members).isoformat())
    assert parsed.feed.updated == newest.updated


def email_copies(output: Path) -> list[Path]:
    return sorted(output.rglob("editions/*/email.html"))


def test_the_email_copies_are_valid_html_with_absolute_links_and_nothing_to_fetch(site):
    _, output, _ = site
    copies = email_copies(output)
    assert len(copies) == 3 * len(list((output / "editions").glob("*/index.html")))  # English, Chinese, Traditional
    assert [p for p in check_html(output, copies) if p.severity == "error"] == []
    for path in copies:
        text = path.read_text(encoding="utf-8")
        assert len(text.encode("utf-8")) <= 100_000, path
        document = lxml.html.fromstring(text)
        hrefs = [a.get("href") for a in document.iter("a")]
        assert hrefs and all(href.startswith(f"{PUBLISH_URL}/") for href in hrefs), path
        assert not document.xpath("//*[@src or @srcset] | //link | //script | //style | //img | //iframe"), path
        assert "url(" not in text and "<table" in text and 'role="presentation"' in text
        plain = (path.parent / "email.txt").read_text(encoding="utf-8")
        article_links = [href for href in hrefs if "/articles/" in href]
        assert article_links and all(href in plain for href in article_links), path


def test_the_crowded_week_is_complete_within_the_default_budget(site):
    generated, output, _ = site
    text = (output / f"editions/{CROWDED_WEEK}/email.html").read_text(encoding="utf-8")
    links = {href for href in re.findall(r'href="([^"]+/articles/[^"]+)"', text)}
    assert len(links) == 30 and "Summaries are left out" not in text


def test_an_email_over_its_budget_drops_summaries_then_articles_and_says_so(tmp_path):
    generated = corpus.write(tmp_path / "corpus", generated_articles())
    settings = settings_file(tmp_path, SITEURL=PUBLISH_URL, DIGEST_ABSOLUTE_URL=PUBLISH_URL, DIGEST_EMAIL_BUDGET=SMALL_BUDGET)
    build(settings, generated.content, tmp_path / "output", search=False, cache=tmp_path / "cache", today=TODAY)
    crowded = tmp_path / f"output/editions/{CROWDED_WEEK}"
    text = (crowded / "email.html").read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= SMALL_BUDGET
    kept = len(re.findall(r'<h3 [^>]*><a href="[^"]+/articles/', text))
    more = int(re.search(r"(\d+) more articles are in the web edition", text).group(1))
    assert 0 < kept < 30 and kept + more == 30
    first = generated.articles[10]
    assert "Summaries are left out" in text and first.versions[first.langs[0]].summary not in text
    plain = (crowded / "email.txt").read_text(encoding="utf-8")
    assert f"{more} more articles are in the web edition." in plain and plain.count("\n* ") == kept
    small = (tmp_path / "output/editions/2020-W53/email.html").read_text(encoding="utf-8")
    assert "Summaries are left out" not in small  # a short edition keeps everything


def test_the_email_copy_fits_600_pixels_and_the_pages_390(site):
    from tests.site.browser import browser, serve

    _, output, _ = site
    with serve(output) as base, browser() as chromium:
        for path, width in (("editions/2026-W53/email.html", 600), (f"zh/editions/{CROWDED_WEEK}/email.html", 600),
                            (f"editions/{CROWDED_WEEK}/", 390), ("zh/editions/", 390)):
            context = chromium.new_context(viewport={"width": width, "height": 900})
            context.route(f"{PUBLISH_URL}/**", lambda route: route.fulfill(path=str(
                output / route.request.url[len(PUBLISH_URL) + 1:] / ("index.html" if route.request.url.endswith("/") else ""))))
            tab = context.new_page()
            tab.goto(f"{base}/{path}")
            overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (path, width, overflow)
            context.close()


def test_the_home_page_shows_the_latest_editions_note_in_its_language(dev_site):
    output, _ = dev_site  # the fixtures: an English note for 2025-W06, the newest edition; none in Chinese
    note = soup(output / "index.html").select(".home-note")[0]
    assert note.h2.get_text() == "An invented note on the first working week of the Year of the Snake"
    assert note.select(".kicker a")[0]["href"] == "/editions/2025-W06/"
    hrefs = [a["href"] for a in note.select(".prose a")]
    assert hrefs == ["/articles/guangdong-accelerates-establishment-modern-industrial-system/", "/industries/robotics/"]
    assert not soup(output / "zh/index.html").select(".home-note")
    elsewhere = soup(output / "zh/editions/2025-W06/index.html").select(".edition-note-elsewhere a")[0]
    assert elsewhere["href"] == "/editions/2025-W06/" and elsewhere["hreflang"] == "en"


def test_a_draft_note_is_not_published(dev_site):
    output, _ = dev_site
    assert "invented draft note" not in (output / "editions/2024-W19/index.html").read_text(encoding="utf-8")
    assert not soup(output / "editions/2024-W19/index.html").select(".edition-note")


@pytest.mark.parametrize("text, line, message", [
    ("---\nedition: 2025-W53\nlang: en\nstatus: published\n---\n\nText.\n", 2, "'2025-W53' does not exist"),
    ("---\nedition: 2025-W06\nlang: fr\nstatus: published\n---\n\nText.\n", 3, "'fr' is not one of"),
    ("---\nedition: 2025-W06\nlang: en\n---\n\nText.\n", 1, "'status' is a required property"),
])
def test_an_invalid_note_stops_the_build_at_its_line(tmp_path, text, line, message):
    from digest.site.model import ContentErrors
    from tests.site.conftest import build_site, content_with_fixtures

    content = content_with_fixtures(tmp_path / "content")
    (content / "editions/2025-W06.en.md").write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build_site(tmp_path, "pelicanconf.py", content)
    (error,) = raised.value.errors
    assert error.path.endswith("content/editions/2025-W06.en.md") and error.line == line and message in error.message


def test_the_sitemap_lists_every_edition_with_its_other_language(site):
    _, output, _ = site
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    weeks = sorted(p.name for p in (output / "editions").iterdir() if p.is_dir())
    for week in weeks:
        entry = sitemap.split(f"<loc>{PUBLISH_URL}/editions/{week}/</loc>", 1)[1].split("</url>", 1)[0]
        assert f'hreflang="zh-Hans" href="{PUBLISH_URL}/zh/editions/{week}/"' in entry
    assert f"<loc>{PUBLISH_URL}/zh/editions/</loc>" in sitemap and "email.html" not in sitemap


@pytest.mark.parametrize("updated, message", [
    ("2025-02-01", "updated 2025-02-01 is before date 2025-02-05"),
    ("2099-01-01", "updated: 2099-01-01 is more than 2 days after today"),
])
def test_an_articles_updated_day_is_checked_like_its_date(tmp_path, updated, message):
    from digest.site.model import ContentErrors
    from tests.site.conftest import content_with_fixtures

    content = content_with_fixtures(tmp_path / "content")
    article = content / "en/guangdong-accelerates-establishment-modern-industrial-system.md"
    article.write_text(article.read_text(encoding="utf-8").replace("status: published", f"updated: {updated}\nstatus: published"),
                       encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build(settings_file(tmp_path), content, tmp_path / "output", search=False, cache=tmp_path / "cache",
              today=dt.date(2026, 1, 1))
    (error,) = [e for e in raised.value.errors if e.path.endswith(f"en/{article.name}")]  # its translation is orphaned too
    updated_line = article.read_text(encoding="utf-8").split("\n").index(f"updated: {updated}") + 1
    assert error.line == updated_line and message in error.message


def test_the_text_part_has_absolute_links_in_a_development_build_too(dev_site):
    output, _ = dev_site  # root-relative links on the pages; a text has no base to resolve them against
    text = (output / "editions/2025-W06/email.txt").read_text(encoding="utf-8")
    urls = re.findall(r"(?:https?://|/)[^\s<>]+/", text)
    assert urls and all(url.startswith("http://localhost:8000/") for url in urls), urls
    assert "http://localhost:8000/articles/guangdong-accelerates-establishment-modern-industrial-system/" in text


@pytest.mark.parametrize("url, expected", [
    ("https://elsewhere.example/a/", "https://elsewhere.example/a/"),
    ("/articles/invented/", "https://digest.example/articles/invented/"),
    ("//cdn.example/x", "https://cdn.example/x"),
    ("feed.atom.xml", "https://digest.example/sub/feed.atom.xml"),
    ("../up/", "https://digest.example/up/"),
])
def test_the_text_part_resolves_links_as_a_browser_would(url, expected):
    assert email.absolutizer("https://digest.example/sub/")(url) == expected == urljoin("https://digest.example/sub/", url)
