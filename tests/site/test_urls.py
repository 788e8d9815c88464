"""Every URL of the README's table exists, in every language, for the seed article and its terms."""
from __future__ import annotations

import pytest

from digest.frontmatter import parse
from digest import REPO_ROOT

SEED_ARTICLE = parse(next((REPO_ROOT / "content" / "en").glob("*.md")).read_text()).metadata
SLUG = SEED_ARTICLE["slug"]


def design_urls() -> list[str]:
    paths = ["", "articles/{slug}/", "industries/", "officials/", "feeds/all.atom.xml", "feeds/all.rss.xml",
             "feeds/all.json", "404.html"]
    for kind in ("industries", "officials"):
        for term in SEED_ARTICLE[kind]:
            paths += [f"{kind}/{term}/", f"{kind}/{term}/feed.atom.xml", f"{kind}/{term}/feed.rss.xml",
                      f"{kind}/{term}/feed.json"]
    filled = [p.format(slug=SLUG) for p in paths]
    return filled + ["zh/" + p for p in filled] + ["zh-hant/" + p for p in filled]


@pytest.mark.parametrize("path", design_urls())
def test_design_url_exists(path, dev_site):
    output, _ = dev_site
    target = output / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    assert target.is_file(), path


@pytest.mark.parametrize("path", ["sitemap.xml", "robots.txt", "theme/css/site.css"])
def test_site_wide_files_exist(path, dev_site):
    assert (dev_site[0] / path).is_file()


def test_every_industry_and_official_has_pages_and_feeds_in_every_language(dev_site):
    from digest import vocab

    output, _ = dev_site
    v = vocab.load()
    for kind, terms in (("industries", v.industries), ("officials", v.officials)):
        for term in terms:
            for prefix in ("", "zh/", "zh-hant/"):
                for name in ("index.html", "feed.atom.xml", "feed.rss.xml", "feed.json"):
                    assert (output / prefix / kind / term.slug / name).is_file(), (prefix, kind, term.slug, name)


def test_the_build_is_clean(dev_site):
    _, warnings = dev_site
    assert warnings == []


@pytest.mark.parametrize("path, lang", [("", "en"), ("articles/x/", "en"), ("zh/articles/x/", "zh"),
                                        ("zh-hant/feeds/all.json", "zh-hant"), ("zhx/index.html", "en")])
def test_a_path_is_in_the_tree_of_the_language_it_starts_with(path, lang):
    from digest.site import urls

    assert urls.lang_of(path, ("en", "zh", "zh-hant")) == lang
