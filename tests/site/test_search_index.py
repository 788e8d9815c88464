"""digest.site.search: one Pagefind bundle per shard, holding exactly that shard's pages."""
import gzip
import json
import threading
import time

import pytest

from digest.site.search import ENTRY, ShardIndexer, index_shard, pages_glob, shard_names

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main data-pagefind-body><h1>{title}</h1><p>Invented notes on Lanternbrook widget parks.</p></main></body></html>"""


def test_the_glob_keeps_shared_folders_outside_the_braces():
    assert pages_glob(["articles/b/index.html", "articles/a/index.html"]) == "articles/{a,b}/index.html"
    assert pages_glob(["zh/articles/a/index.html"]) == "zh/articles/a/index.html"
    assert pages_glob(["articles/a/index.html", "zh/articles/a/index.html"]) == "{articles,zh/articles}/a/index.html"
    assert pages_glob(["x/index.html", "x/y/index.html"]) == "x/{index.html,y/index.html}"
    assert pages_glob(["a/odd{1,2}/index.html", "a/b/index.html"]) == "a/{b,odd\\{1\\,2\\}}/index.html"


def months(pages_per_year: dict[int, list[int]]) -> dict[tuple[int, int], int]:
    """{(year, month): pages} from {year: pages of its months from January on}."""
    return {(year, month): pages for year, counts in pages_per_year.items() for month, pages in enumerate(counts, 1)}


def test_whole_years_share_a_shard_until_it_would_hold_more_than_the_limit():
    assert set(shard_names(months({2022: [70], 2023: [70], 2024: [80]})).values()) == {"2022-2024"}
    assert shard_names({(2020, 1): 660, (2021, 1): 660, (2022, 1): 300, (2023, 1): 300, (2024, 1): 500}, limit=1000) == {
        (2020, 1): "2020", (2021, 1): "2021-2022", (2022, 1): "2021-2022", (2023, 1): "2023-2024", (2024, 1): "2023-2024"}
    assert shard_names({(2024, 1): 2, (2025, 1): 1}, limit=1) == {(2024, 1): "2024", (2025, 1): "2025"}
    assert shard_names({}) == {}


def test_a_large_year_is_split_into_runs_of_months():
    names = shard_names(months({2024: [300] * 12}), limit=800)
    assert names[(2024, 1)] == names[(2024, 2)] == "2024-01_2024-02"
    assert names[(2024, 11)] == names[(2024, 12)] == "2024-11_2024-12"
    assert len(set(names.values())) == 6
    assert shard_names({(2019, 3): 5000, (2024, 5): 3}, limit=1000) == {(2019, 3): "2019", (2024, 5): "2024"}  # a big month alone


def test_the_newest_shard_is_kept_at_least_half_full_for_the_first_query():
    # greedy from the oldest: [Jan-Mar 600] [Apr 50]; the newest takes March, then February
    names = shard_names(months({2025: [200, 200, 200, 50]}), limit=600)
    assert names == {(2025, 1): "2025-01", (2025, 2): "2025-02_2025-04", (2025, 3): "2025-02_2025-04",
                     (2025, 4): "2025-02_2025-04"}
    # never past the limit, and the shard before it keeps one month at least
    assert shard_names(months({2025: [790, 20]}), limit=800) == {(2025, 1): "2025-01", (2025, 2): "2025-02"}


def test_growth_renames_only_the_shards_after_it():
    before = shard_names({(2020, 1): 400, (2021, 1): 400, (2022, 1): 300, (2023, 1): 300}, limit=1000)
    after = shard_names({(2020, 1): 400, (2021, 1): 400, (2022, 1): 300, (2023, 1): 900}, limit=1000)
    assert before == {(2020, 1): "2020-2021", (2021, 1): "2020-2021", (2022, 1): "2022-2023", (2023, 1): "2022-2023"}
    assert after == {(2020, 1): "2020-2021", (2021, 1): "2020-2021", (2022, 1): "2022", (2023, 1): "2023"}
    grown = shard_names(months({2024: [300] * 12, 2025: [300]}), limit=800)
    assert {month: grown[month] for month in months({2024: [300] * 10})} == \
        {month: name for month, name in shard_names(months({2024: [300] * 12}), limit=800).items() if month[1] <= 10}


def indexed_urls(bundle) -> set[str]:
    urls = set()
    for fragment in (bundle / "fragment").iterdir():
        text = gzip.decompress(fragment.read_bytes()).decode()
        urls.add(json.loads(text[text.index("{"):])["url"])
    return urls


@pytest.mark.parametrize("glob_limit", [100_000, 0], ids=["glob", "staging"])
def test_a_shard_holds_exactly_its_pages(tmp_path, glob_limit):
    pages = ["articles/alpha/index.html", "articles/beta/index.html", "articles/odd{1,2}/index.html",
             "articles/gamma/index.html", "zh/articles/alpha/index.html"]
    for page in pages:
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text(PAGE.format(title=page.split("/")[-2].title()), encoding="utf-8")
    shard = ["articles/alpha/index.html", "articles/beta/index.html", "articles/odd{1,2}/index.html"]
    index_shard(tmp_path, "pagefind/2024/", shard, glob_limit=glob_limit)
    bundle = tmp_path / "pagefind" / "2024"
    assert (bundle / ENTRY).exists()
    assert indexed_urls(bundle) == {"/articles/alpha/", "/articles/beta/", "/articles/odd{1,2}/"}
    assert not list(bundle.glob("pagefind-ui.*"))  # the site has its own search UI


class Overlap:
    """A stand-in for index_shard that records how many shards were being indexed at once."""

    def __init__(self):
        self.lock, self.running, self.most, self.done = threading.Lock(), 0, 0, []

    def __call__(self, output, name, pages):
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self.lock:
            self.running -= 1
            self.done.append(name)


@pytest.mark.parametrize("pages, expected_most", [(100, 2), (2000, 1)])
def test_shards_run_side_by_side_only_while_their_memory_fits(tmp_path, pages, expected_most):
    """100-page shards fit the budget two at a time; 2,000-page ones (660 MB each) one at a time, all of them indexed."""
    overlap = Overlap()
    indexer = ShardIndexer(tmp_path, {}, workers=2, langs=("en",), memory_mb=1000, index=overlap)
    for year in range(2020, 2026):
        indexer.ready("en", str(year), [(f"articles/a{year}-{n}/index.html", "key") for n in range(pages)])
    indexer.finish()
    assert overlap.most == expected_most
    assert sorted(overlap.done) == [f"pagefind/{year}/" for year in range(2020, 2026)]
