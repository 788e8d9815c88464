"""Listings paginate at …/page/N/ on the home page and on term pages, in both languages."""
from __future__ import annotations

import hashlib

from digest import REPO_ROOT
from tests.site.conftest import build_site
from tests.site.pages import soup

SEED = "seeds/000_3237dff4ecd4f46c.txt"


def invented_article(number: int, lang: str) -> str:
    sha = hashlib.sha256((REPO_ROOT / SEED).read_bytes()).hexdigest()
    title = f"Invented story number {number}" if lang == "en" else f"虚构新闻第{number}号"
    return (f"---\ntitle: {title}\nslug: invented-story-{number}\nlang: {lang}\ndate: 2024-01-{number:02d}\n"
            f"source: {{name: Invented, file: {SEED}, sha256: {sha}}}\nindustries: [robotics]\nofficials: []\n"
            f"summary: Invented summary {number}.\nstatus: published\n"
            + ("translation: {from: en, by: Digest editors}\n" if lang == "zh" else "") + "---\n\nInvented body.\n")


def test_pages_are_numbered_under_page(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO_ROOT)
    content = tmp_path / "content"
    for number in range(1, 24):
        for lang in ("en", "zh") if number % 2 else ("en",):
            path = content / lang / f"invented-story-{number}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(invented_article(number, lang), encoding="utf-8")
    output, warnings = build_site(tmp_path, "pelicanconf.py", content)
    assert (output / "page/2/index.html").is_file() and (output / "page/3/index.html").is_file()
    assert not (output / "page/4").exists() and not (output / "2").exists()
    assert (output / "zh/page/3/index.html").is_file()
    assert (output / "industries/robotics/page/3/index.html").is_file()
    assert (output / "zh/industries/robotics/page/2/index.html").is_file()
    first = soup(output / "index.html").get_text(" ")
    assert "Invented story number 23" in first and "Invented story number 1 " not in first
    last = soup(output / "page/3/index.html")
    assert "Invented story number 1" in last.get_text(" ")
    current = last.select('[aria-current="page"]')
    assert current and "3" in current[0].get_text()


def test_the_pager_links_the_ends_and_the_neighbours_of_the_current_page():
    from digest.site.views import pager_numbers

    assert pager_numbers(1, 3) == [1, 2, 3]
    assert pager_numbers(1, 463) == [1, 2, 3, None, 463]
    assert pager_numbers(8, 463) == [1, None, 6, 7, 8, 9, 10, None, 463]
    assert pager_numbers(4, 463) == [1, 2, 3, 4, 5, 6, None, 463]  # 1 … 2 would hide a single page behind a gap
    assert pager_numbers(463, 463) == [1, None, 461, 462, 463]
    assert all(len(pager_numbers(n, 463)) <= 9 for n in range(1, 464))  # no longer grows with the archive
