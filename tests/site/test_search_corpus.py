"""Search on a generated corpus of a few hundred invented articles in both languages over three
years: ranking is sane, within one shard and across shards merged in the browser, the first
query stays within its network budget, and older shards load as a search needs them."""
from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from digest import REPO_ROOT
from tests.site.browser import Page, browser, serve
from tests.site.conftest import build_site, settings_file

SEED = "seeds/000_3237dff4ecd4f46c.txt"
ARTICLES = 220
TRANSLATED = 160
EN_WORDS = ("harbour", "lantern", "orchard", "copper", "meadow", "signal", "granite", "willow", "ledger", "compass",
            "terrace", "beacon", "mosaic", "quarry", "saddle", "thimble", "canopy", "furnace", "trellis", "glacier")
ZH_CHARS = "湖山林石桥港灯园铜河谷风帆塔城田星海云岭泉"
# The first query loads Pagefind's runtime (~85 kB, WebAssembly included) once and, from each
# shard it reads, its page list and the index chunk that holds the query (for a small shard, its
# whole index). Three small years share a shard by default (search.SHARD_PAGES): the 150 kB.
# With small shards, the first may take 120 kB (measured 118) and each further one 20 kB.
BUDGET = 150_000
FIRST_SHARD_BUDGET, MORE_SHARD_BUDGET = 120_000, 20_000
SMALL_SHARD_PAGES = 20  # about three months of the corpus: eleven or twelve shards per language


def english_text(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        length = rng.randint(8, 16)
        sentences.append(" ".join(rng.choice(EN_WORDS) for _ in range(length)).capitalize() + ".")
        words -= length
    return " ".join(sentences)


def chinese_text(rng: random.Random, characters: int) -> str:
    return "".join("".join(rng.choice(ZH_CHARS) for _ in range(rng.randint(10, 20))) + "。"
                   for _ in range(characters // 15))


def article(number: int, lang: str, rng: random.Random, sha: str) -> str:
    if lang == "en":
        title = f"Invented report {number}: " + " ".join(rng.choice(EN_WORDS) for _ in range(4))
        body = "\n\n".join(english_text(rng, 120) for _ in range(3))
        if number == 5:
            title = "Zephyrine harbour plan in an invented county"
            body += "\n\nThe zephyrine plan covers zephyrine harbours."
        if number == 77:
            body += "\n\nA single mention of zephyrine ends this invented report."
    else:
        title = f"虚构报告第{number}号"
        body = "\n\n".join(chinese_text(rng, 300) for _ in range(3))
        if number == 5:
            title = "泽菲林港口虚构规划"
            body += "\n\n泽菲林港口规划。"
        if number == 77:
            body += "\n\n本虚构报告只提到一次泽菲林。"
    translation = "translation: {from: en, by: Digest editors}\n" if lang == "zh" else ""
    return (f"---\ntitle: '{title}'\nslug: invented-report-{number}\nlang: {lang}\ndate: {2022 + number // 10 % 3}-{1 + number % 12:02d}-{1 + number % 28:02d}\n"
            f"source: {{name: Invented, file: {SEED}, sha256: '{sha}'}}\nindustries: [robotics]\nofficials: []\n"
            f"summary: Invented summary {number}.\nstatus: published\n{translation}---\n\n{body}\n")


def build_corpus(tmp: Path, **settings) -> Path:
    sha = hashlib.sha256((REPO_ROOT / SEED).read_bytes()).hexdigest()
    rng = random.Random(20250205)
    content = tmp / "content"
    for number in range(1, ARTICLES + 1):
        for lang in ("en", "zh") if number <= TRANSLATED else ("en",):
            path = content / lang / f"invented-report-{number}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article(number, lang, rng, sha), encoding="utf-8")
    output, _ = build_site(tmp, settings_file(tmp, **settings), content)
    return output


@pytest.fixture(scope="module")
def chromium():
    with browser() as instance:
        yield instance


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory, chromium):
    """The default: the three years share one shard per language."""
    with serve(build_corpus(tmp_path_factory.mktemp("corpus"))) as base:
        yield base, chromium


@pytest.fixture(scope="module")
def corpus_site_sharded(tmp_path_factory, chromium):
    """Shards of a few months, read newest first and merged in the browser as a search needs them."""
    with serve(build_corpus(tmp_path_factory.mktemp("corpus-sharded"), DIGEST_SEARCH_SHARD_PAGES=SMALL_SHARD_PAGES)) as base:
        yield base, chromium


@pytest.mark.parametrize("sharding", ["corpus_site", "corpus_site_sharded"])
@pytest.mark.parametrize("path, query, lang_prefix", [("search/", "zephyrine", ""), ("zh/search/", "泽菲林", "/zh")])
def test_a_title_match_ranks_above_a_single_mention(path, query, lang_prefix, sharding, request):
    base, chromium = request.getfixturevalue(sharding)
    context = chromium.new_context()
    page = Page(context)
    links = page.search(base, path, query)
    title_hit, one_mention = f"{lang_prefix}/articles/invented-report-5/", f"{lang_prefix}/articles/invented-report-77/"
    assert title_hit in links and one_mention in links, links
    assert links.index(title_hit) < links.index(one_mention)
    assert len(links) == 2  # no other invented article mentions it
    assert page.errors == []
    context.close()


def first_query_traffic(site, page: Page | None = None) -> list[tuple[str, int]]:
    base, chromium = site
    context = None if page else chromium.new_context()
    page = page or Page(context)
    page.page.goto(f"{base}/search/")
    page.page.wait_for_load_state("networkidle")
    before = len(page.responses)
    page.page.fill("#search-q", "harbour")
    page.page.press("#search-q", "Enter")
    page.wait_for_status()
    page.page.wait_for_load_state("networkidle")
    traffic = [(url, size) for url, size in page.responses[before:] if "/pagefind/" in url]
    if context:
        context.close()
    print(f"first query: {len(traffic)} requests, {sum(size for _, size in traffic)} bytes: {traffic}")
    return traffic


def shards_of(traffic: list[tuple[str, int]]) -> set[str]:
    return {url.split("/pagefind/")[1].split("/")[0] for url, _size in traffic}


def test_first_query_downloads_at_most_150_kB(corpus_site):
    traffic = first_query_traffic(corpus_site)
    assert shards_of(traffic) == {"2022-2024"}  # three small years, one shard
    assert sum(size for _, size in traffic) <= BUDGET, traffic


def bundles(site, path: str = "search/") -> list[dict]:
    base, chromium = site
    context = chromium.new_context()
    page = Page(context)
    page.page.goto(f"{base}/{path}")
    shards = page.page.evaluate("() => JSON.parse(document.querySelector('[data-search]').dataset.bundles)")
    context.close()
    return shards


def test_the_first_query_reads_the_newest_shards_until_it_has_a_page_of_results(corpus_site_sharded):
    shards = bundles(corpus_site_sharded)
    assert len(shards) > 6 and [s["from"] for s in shards] == sorted((s["from"] for s in shards), reverse=True)
    assert all(0 < s["pages"] <= SMALL_SHARD_PAGES for s in shards) and sum(s["pages"] for s in shards) == ARTICLES
    traffic = first_query_traffic(corpus_site_sharded)
    read = shards_of(traffic)
    newest = [s["url"].split("/pagefind/")[1].strip("/") for s in shards]
    # "harbour" is in nearly every page: the newest shards hold ten matches, the older ones are not read
    assert read == set(newest[:len(read)]) and len(read) < len(shards) / 2, (read, newest)
    assert sum(size for _, size in traffic) <= FIRST_SHARD_BUDGET + MORE_SHARD_BUDGET * (len(read) - 1), traffic


def harbour_everywhere(site) -> list[str]:
    """Every result for "harbour" on a site, all shards read, by paging through "More results"."""
    base, chromium = site
    context = chromium.new_context()
    page = Page(context)
    page.search(base, "search/", "harbour")
    if page.page.is_visible("[data-scope-all]"):
        page.page.click("[data-scope-all]")
        page.page.wait_for_selector("[data-scope]", state="hidden")
        page.wait_for_status()
    while page.page.is_visible(".search-more"):
        shown = len(page.result_links())
        page.page.click(".search-more")
        page.page.wait_for_function(f"() => document.querySelectorAll('[data-results] > li').length > {shown}")
    links = page.result_links()
    assert page.errors == []
    context.close()
    return links


def test_every_year_is_one_click_away_and_finds_what_one_shard_finds(corpus_site, corpus_site_sharded):
    base, chromium = corpus_site_sharded
    context = chromium.new_context()
    page = Page(context)
    first = page.search(base, "search/", "harbour")
    scope = page.page.text_content("[data-scope]")
    assert page.page.is_visible("[data-scope]") and "Searched the articles from" in scope and "2024" in scope, scope
    assert len(first) == 10
    context.close()
    everything = harbour_everywhere(corpus_site)
    assert len(everything) > 100 and len(set(everything)) == len(everything)
    assert sorted(harbour_everywhere(corpus_site_sharded)) == sorted(everything)


def test_more_results_reads_older_shards_and_repeats_no_result(corpus_site, corpus_site_sharded):
    base, chromium = corpus_site_sharded
    context = chromium.new_context()
    page = Page(context)
    page.search(base, "search/", "harbour")
    while page.page.is_visible(".search-more"):
        shown = len(page.result_links())
        page.page.click(".search-more")
        page.page.wait_for_function(f"() => document.querySelectorAll('[data-results] > li').length > {shown}")
    links = page.result_links()
    assert len(set(links)) == len(links)
    assert not page.page.is_visible("[data-scope]")  # every shard read: nothing more to offer
    assert page.errors == []
    context.close()
    assert sorted(links) == sorted(harbour_everywhere(corpus_site))


def test_filter_counts_count_only_the_results_shown(corpus_site_sharded):
    # "zephyrine" is in the 2022 and 2023 shards only; the 2024 shard answers with its "harbour"
    # pages alone (partial matches, which search.js drops), and the counts must not include them
    base, chromium = corpus_site_sharded
    context = chromium.new_context()
    page = Page(context)
    links = page.search(base, "search/", "zephyrine harbour")
    assert links == ["/articles/invented-report-5/", "/articles/invented-report-77/"]
    counts = page.page.evaluate("""() => {
        const year = document.querySelector('[data-search]').getAttribute('data-label-year');
        return Array.from(document.querySelectorAll('[data-filters] fieldset')).map(set => [
            set.querySelector('legend').textContent === year,
            Array.from(set.querySelectorAll('.count')).map(count => parseInt(count.textContent.slice(1), 10))]);
    }""")
    assert counts and all(count <= len(links) for _, values in counts for count in values), counts
    assert [sum(values) for is_year, values in counts if is_year] == [len(links)], counts
    assert page.errors == []
    context.close()
