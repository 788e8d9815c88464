"""`make demo` (scripts/demo.py) without its server: the site built from invented articles under a
folder of its own, and never a file of content/, output/ or cache/ touched."""
from __future__ import annotations

import hashlib
from pathlib import Path

from bs4 import BeautifulSoup

from digest import REPO_ROOT
from digest.bench.corpus import SYNTHETIC_NOTE
from scripts import demo

ARTICLES = 14  # two home pages at 10 a page


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under folder: (size, mtime_ns, sha256); {} when there is no folder."""
    return {path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns,
                                                   hashlib.sha256(path.read_bytes()).hexdigest())
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_demo_builds_invented_articles_in_its_own_folder_and_touches_nothing_else(tmp_path):
    guarded = {name: snapshot(REPO_ROOT / name) for name in ("content", "output", "cache")}
    root = tmp_path / "demo"
    assert demo.main(["--articles", str(ARTICLES), "--root", str(root), "--no-serve"]) == 0
    assert {name: snapshot(REPO_ROOT / name) for name in guarded} == guarded

    output = root / "output"
    pages = [path.read_text(encoding="utf-8") for path in sorted((output / "articles").glob("*/index.html"))]
    assert len(pages) == ARTICLES  # each in English, or only in Chinese: /articles/<slug>/ is there either way
    assert all(any(note in page for note in SYNTHETIC_NOTE) for page in pages)  # each says it is invented
    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one(".site-name").get_text() == demo.NAMES["en"]
    assert len(home.select("li.article-item")) == 10 and (output / "page" / "2" / "index.html").is_file()
    assert list((output / "pagefind").glob("*/pagefind.js")) and list((output / "zh" / "pagefind").glob("*/pagefind.js"))


def test_a_rerun_with_fewer_articles_leaves_none_over(tmp_path):
    root = tmp_path / "demo"
    assert demo.main(["--articles", "6", "--root", str(root), "--no-serve", "--no-search"]) == 0
    assert demo.main(["--articles", "3", "--root", str(root), "--no-serve", "--no-search"]) == 0
    assert len(list((root / "output" / "articles").glob("*/index.html"))) == 3


def test_the_demo_refuses_a_folder_it_did_not_make(tmp_path, capsys):
    root = tmp_path / "mine"
    (root / "content").mkdir(parents=True)
    keep = root / "content" / "notes.md"
    keep.write_text("an editor's file\n", encoding="utf-8")
    assert demo.main(["--articles", "3", "--root", str(root), "--no-serve"]) == 2
    assert keep.read_text(encoding="utf-8") == "an editor's file\n" and sorted(root.rglob("*")) == [root / "content", keep]
    assert "not empty and not made by the demo" in capsys.readouterr().err
    assert demo.main(["--articles", "3", "--root", str(REPO_ROOT), "--no-serve"]) == 2
