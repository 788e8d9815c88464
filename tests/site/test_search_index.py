"""digest.site.search: one Pagefind bundle per shard, holding exactly that shard's pages."""
import gzip
import json

import pytest

from digest.site.search import ENTRY, index_shard, pages_glob

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main data-pagefind-body><h1>{title}</h1><p>Invented notes on Lanternbrook widget parks.</p></main></body></html>"""


def test_the_glob_keeps_shared_folders_outside_the_braces():
    assert pages_glob(["articles/b/index.html", "articles/a/index.html"]) == "articles/{a,b}/index.html"
    assert pages_glob(["zh/articles/a/index.html"]) == "zh/articles/a/index.html"
    assert pages_glob(["articles/a/index.html", "zh/articles/a/index.html"]) == "{articles,zh/articles}/a/index.html"
    assert pages_glob(["x/index.html", "x/y/index.html"]) == "x/{index.html,y/index.html}"
    assert pages_glob(["a/odd{1,2}/index.html", "a/b/index.html"]) == "a/{b,odd\\{1\\,2\\}}/index.html"


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
