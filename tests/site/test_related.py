"""Where to go next (issue 13, item 5): related articles and the previous and next article of an industry."""
from __future__ import annotations

import hashlib
import math
import random

import pytest

from digest import REPO_ROOT
from digest.site import related
from digest.site.model import Entry
from tests.site.conftest import build_site, settings_file
from tests.site.pages import soup

SEED = "seeds/000_3237dff4ecd4f46c.txt"
KINDS = ("industries", "officials")  # the taxonomies these invented entries are tagged with


def entry(slug: str, date: str, industries=(), officials=(), lang: str = "en") -> Entry:
    meta = {"slug": slug, "lang": lang, "date": date, "title": slug, "industries": list(industries),
            "officials": list(officials), "status": "published"}
    return Entry(f"content/{lang}/{slug}.md", meta, "<p>Invented.</p>", slug)


def newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.meta["date"], e.slug), reverse=True)


def related_slugs(entries: list[Entry], slug: str, count: int = 5) -> list[str]:
    return related.RelatedIndex(related.shape(newest_first(entries), KINDS)).related(slug, count)


def brute_force(entries: list[Entry], slug: str, count: int) -> list[str]:
    """Every pair scored: the definition the index must agree with."""
    listing = related.shape(newest_first(entries), KINDS)
    held = {s: set(terms) for s, terms in listing}
    frequency = {term: sum(term in terms for terms in held.values()) for term in set().union(*held.values())}
    weight = {term: math.log1p(len(listing) / n) for term, n in frequency.items()}
    scored = [(-round(sum(weight[t] for t in held[slug] & held[other]), 9), rank, other)
              for rank, (other, _) in enumerate(listing) if other != slug and held[slug] & held[other]]
    return [other for *_, other in sorted(scored)[:count]]


def test_a_rarer_shared_term_weighs_more_and_ties_go_to_the_newest():
    entries = [
        entry("reader", "2024-05-01", ["low-altitude-economy"], ["huang-kunming"]),
        # shares the rare industry (two articles hold it)
        entry("rare-industry", "2024-01-01", ["low-altitude-economy"]),
        # share only the official, whom five of the seven hold: equal scores, so newest first
        entry("official-older", "2024-02-01", [], ["huang-kunming"]),
        entry("official-newer", "2024-03-01", [], ["huang-kunming"]),
        entry("official-newest", "2024-04-01", ["robotics"], ["huang-kunming"]),
        entry("official-later", "2024-06-01", [], ["huang-kunming"]),
        entry("unrelated", "2024-07-01", ["robotics"]),
    ]
    assert related_slugs(entries, "reader") == ["rare-industry", "official-later", "official-newest", "official-newer",
                                                 "official-older"]
    assert related_slugs(entries, "reader", 2) == ["rare-industry", "official-later"]
    assert related_slugs(entries, "reader", 0) == []
    assert related_slugs(entries, "unrelated") == ["official-newest"]  # nothing else shares a term; never itself


def test_an_article_sharing_two_terms_beats_one_sharing_the_rarest():
    entries = [entry("reader", "2024-05-01", ["robotics", "6g"], ["wang-weizhong"]),
               entry("both", "2024-01-01", ["robotics"], ["wang-weizhong"]),
               entry("rarest", "2024-02-01", ["6g"]),
               *(entry(f"filler-{n}", f"2023-0{n + 1}-01", ["robotics"], ["wang-weizhong"] if n < 3 else []) for n in range(6))]
    # 6g is the rarest term (2 of 9 hold it), but robotics (8) and wang-weizhong (5) together weigh more
    assert related_slugs(entries, "reader") == ["both", "filler-2", "filler-1", "filler-0", "rarest"]
    assert related_slugs(entries, "rarest", 1) == ["reader"]


def test_an_article_without_terms_has_no_related_articles():
    entries = [entry("bare", "2024-01-01"), entry("other", "2024-02-01", ["robotics"]), entry("third", "2024-03-01")]
    assert related_slugs(entries, "bare") == [] and related_slugs(entries, "third") == []


@pytest.mark.parametrize("seed", range(4))
def test_the_index_picks_what_scoring_every_pair_picks(seed):
    """Random invented articles over a small vocabulary (dense overlaps, many ties), some with more
    terms than the subset walk takes (SUBSET_WALK_TERMS): the same choice, in the same order."""
    rng = random.Random(seed)
    industries = [f"industry-{n}" for n in range(9)]
    officials = [f"official-{n}" for n in range(5)]
    entries = []
    for number in range(160):
        many = number % 40 == 0  # a few with 10 or more terms
        entries.append(entry(f"invented-{number}", f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                             rng.sample(industries, 7 if many else rng.randint(0, 3)),
                             rng.sample(officials, 4 if many else rng.randint(0, 2))))
    index = related.RelatedIndex(related.shape(newest_first(entries), KINDS))
    assert any(len(terms) > related.SUBSET_WALK_TERMS for terms in index.terms)
    for item in entries:
        for count in (1, 5, 12):
            assert index.related(item.slug, count) == brute_force(entries, item.slug, count), (item.slug, count)


def test_trees_of_one_shape_share_an_index():
    english = [entry("a", "2024-01-01", ["robotics"]), entry("b", "2024-02-01", ["robotics"])]
    chinese = [entry("a", "2024-01-01", ["robotics"], lang="zh"), entry("b", "2024-02-01", ["robotics"], lang="zh")]
    indexes = related.indexes({"en": newest_first(english), "zh": newest_first(chinese)}, KINDS)
    assert indexes["en"] is indexes["zh"]
    chinese[0].meta["officials"] = ["huang-kunming"]  # the versions disagree: each tree its own index
    indexes = related.indexes({"en": newest_first(english), "zh": newest_first(chinese)}, KINDS)
    assert indexes["en"] is not indexes["zh"]


def test_a_sequence_links_each_article_to_the_next_older_and_newer():
    entries = newest_first([entry(f"story-{n}", f"2024-0{n}-01", ["robotics"]) for n in (1, 2, 3)])
    older_newer = {slug: (older and older.slug, newer and newer.slug) for slug, (older, newer) in related.sequence(entries).items()}
    assert older_newer == {"story-3": ("story-2", None), "story-2": ("story-1", "story-3"), "story-1": (None, "story-2")}


def invented(slug: str, lang: str, date: str, industries: list[str], officials: list[str], status: str = "published",
             translated: bool = False) -> str:
    sha = hashlib.sha256((REPO_ROOT / SEED).read_bytes()).hexdigest()
    title = f"Invented {slug}" if lang == "en" else f"虚构文章 {slug}"
    return (f"---\ntitle: {title}\nslug: {slug}\nlang: {lang}\ndate: {date}\n"
            f"source: {{name: Invented Gazette, file: {SEED}, sha256: {sha}}}\n"
            f"industries: [{', '.join(industries)}]\nofficials: [{', '.join(officials)}]\nstatus: {status}\n"
            f"summary: An invented summary of {slug}.\n"
            + ("translation: {from: en, by: Digest editors}\n" if translated else "")
            + ("problems: []\n" if status == "draft" else "") + "---\n\nAn invented paragraph about an invented harbour.\n")


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """Robotics articles in both languages, one untranslated, one a draft; 6G; an article alone in its industry.

    Weights over the 7 published articles: 6g (2 hold it) 1.50, huang-kunming (3) 1.20, robotics (5) 0.88."""
    tmp = tmp_path_factory.mktemp("related")
    content = tmp / "content"
    articles = [
        ("robots-one", "2024-01-10", ["robotics"], ["huang-kunming"], "en zh"),
        ("robots-two", "2024-02-10", ["robotics", "6g"], ["huang-kunming"], "en zh"),
        ("robots-three", "2024-03-10", ["robotics"], [], "en"),  # no Chinese version
        ("robots-draft", "2024-03-20", ["robotics", "6g"], ["huang-kunming"], "draft"),
        ("robots-four", "2024-04-10", ["robotics"], ["huang-kunming"], "en zh"),
        ("antennas", "2024-05-10", ["6g"], [], "en zh"),
        ("robots-five", "2024-06-10", ["robotics"], [], "en zh"),
        ("textiles", "2024-07-10", ["modern-light-industry-and-textiles"], [], "en"),
    ]
    for slug, date, industries, officials, versions in articles:
        for lang in ("en", "zh") if "zh" in versions else ("en",):
            path = content / lang / f"{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            status = "draft" if versions == "draft" else "published"
            path.write_text(invented(slug, lang, date, industries, officials, status, lang == "zh"), encoding="utf-8")
    output, _ = build_site(tmp, settings_file(tmp, DIGEST_RELATED=2), content)
    return output


def test_a_preview_shows_drafts_but_no_article_points_to_one(small_site, tmp_path):
    """`make serve ARGS=--drafts` builds the draft's page; related lists and sequences leave it out."""
    from digest.site.run import build

    content = small_site.parent / "content"
    build(settings_file(tmp_path, DIGEST_RELATED=2), content, tmp_path / "preview", search=False,
          cache=tmp_path / "cache", drafts=True)
    draft = soup(tmp_path / "preview/articles/robots-draft/index.html")
    assert draft.select(".draft-banner") and not draft.select(".related, nav.sequence-nav")
    for page in (tmp_path / "preview").rglob("articles/*/index.html"):
        links = [a["href"] for a in soup(page).select(".related-list a, nav.sequence-nav li a")]
        assert not [href for href in links if "robots-draft" in href], page
    # after robots-three (10 March) comes robots-four (10 April), not the draft (20 March)
    nav = soup(tmp_path / "preview/articles/robots-three/index.html").select("nav.sequence-nav li a")
    assert [a["href"] for a in nav] == ["/articles/robots-two/", "/articles/robots-four/"]


def related_links(page) -> list[tuple[str, str | None]]:
    return [(a["href"], a.get("lang")) for a in page.select(".related-list a")]


def test_an_article_page_lists_related_articles_of_its_language_tree(small_site):
    page = soup(small_site / "articles/robots-two/index.html")
    assert page.select_one(".related h2").get_text() == "Related articles"
    # By score: robots-four and robots-one (robotics and huang-kunming; the newer first), antennas
    # (6g), robots-five and robots-three (robotics). robots-one and robots-three are the previous and
    # next robotics articles, linked below, so they are left out; two are shown (DIGEST_RELATED);
    # never the draft, never the article itself.
    assert related_links(page) == [("/articles/robots-four/", None), ("/articles/antennas/", None)]
    zh = soup(small_site / "zh/articles/robots-five/index.html")
    assert zh.select_one(".related h2").get_text() == "相关文章"
    # The Chinese tree: Chinese versions, and the untranslated English article, marked as English
    assert related_links(zh) == [("/articles/robots-three/", "en"), ("/zh/articles/robots-two/", None)]
    assert zh.select_one(".related-list .lang-tag").get_text() == "English"
    assert all("robots-draft" not in page.read_text(encoding="utf-8") for page in small_site.rglob("articles/*/index.html"))
    # an article sharing no term with another has no related articles, and says nothing of them
    assert not soup(small_site / "articles/textiles/index.html").select(".related")


def test_related_articles_count_is_a_setting(small_site):
    counts = [len(soup(page).select(".related-list li")) for page in small_site.rglob("articles/*/index.html")]
    assert max(counts) == 2 and len(counts) == 17  # 7 English pages, 5 Chinese, 5 Traditional; 3 would show without the setting


def test_an_article_links_the_previous_and_next_article_of_its_lead_industry_in_its_language(small_site):
    nav = soup(small_site / "articles/robots-two/index.html").select_one("nav.sequence-nav")
    assert nav.select_one("h2").get_text() == "More in Intelligent robots"
    assert nav.select_one("h2 a")["href"] == "/industries/robotics/"
    assert [(a["href"], a["rel"]) for a in nav.select("li a")] == [
        ("/articles/robots-one/", ["prev"]), ("/articles/robots-three/", ["next"])]
    # the Chinese tree skips the untranslated article: the same language only
    zh = soup(small_site / "zh/articles/robots-two/index.html").select_one("nav.sequence-nav")
    assert zh.select_one("h2").get_text() == "智能机器人领域的更多文章"
    assert [a["href"] for a in zh.select("li a")] == ["/zh/articles/robots-one/", "/zh/articles/robots-four/"]
    assert [li.select_one(".sequence-label").get_text(strip=True) for li in zh.select("li")] == ["←上一篇", "下一篇→"]
    # the oldest has only a next one; antennas is in 6g (its lead industry) with robots-two; an
    # article alone in its lead industry has no sequence
    oldest = soup(small_site / "articles/robots-one/index.html").select("nav.sequence-nav li a")
    assert [a["href"] for a in oldest] == ["/articles/robots-two/"]
    assert [a["href"] for a in soup(small_site / "articles/antennas/index.html").select("nav.sequence-nav li a")] == [
        "/articles/robots-two/"]
    assert not soup(small_site / "articles/textiles/index.html").select("nav.sequence-nav")
