"""An article's "updated" day from git: the last commit after the one that added it (issue 13, item 5)."""
from __future__ import annotations

import datetime as dt
import json
import shutil

import feedparser

from digest import REPO_ROOT
from digest.site import history
from digest.site.run import build
from tests.site.conftest import SITE_FIXTURES, commit_all, git
from tests.site.pages import soup

SEED = "en/guangdong-accelerates-establishment-modern-industrial-system.md"
SEED_PAGE = "articles/guangdong-accelerates-establishment-modern-industrial-system/index.html"
HARBOUR = "en/invented-untranslated-harbour-robots.md"  # says `updated: 2025-03-01`


def edit(path, old: str = "\n\n", new: str = "\n\nAn invented correction.\n\n") -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def invented_history(repo):
    """content/ in a repository: files added, changed, renamed, deleted and added again."""
    content = repo / "content"
    (content / "en").mkdir(parents=True)
    for name in ("changed.md", "renamed.md", "untouched.md", "gone.md", "ü 中文 name.md"):
        (content / "en" / name).write_text(f"Invented text of {name}.\n", encoding="utf-8")
    (repo / "README.md").write_text("Invented.\n", encoding="utf-8")
    commit_all(repo, "2025-02-06T10:00:00+08:00", "add")
    edit(content / "en/changed.md", "text", "words")
    edit(content / "en/gone.md", "text", "words")
    edit(repo / "README.md", "Invented", "Invented again")  # outside the content folder
    commit_all(repo, "2025-03-01T09:00:00+08:00", "first corrections")
    edit(content / "en/changed.md", "words", "sentences")
    edit(content / "en/ü 中文 name.md", "text", "words")
    commit_all(repo, "2025-03-05T23:30:00+00:00", "second corrections")  # 6 March in Shanghai
    git(repo, "mv", "content/en/renamed.md", "content/en/new-name.md")
    (content / "en/gone.md").unlink()
    commit_all(repo, "2025-03-08T10:00:00+08:00", "a rename and a removal")
    (content / "en/gone.md").write_text("Invented again.\n", encoding="utf-8")
    commit_all(repo, "2025-03-09T10:00:00+08:00", "a new file under an old name")
    edit(content / "en/untouched.md", "text", "uncommitted words")  # not committed: git knows nothing of it
    return content


EXPECTED = {"en/changed.md": dt.date(2025, 3, 6), "en/ü 中文 name.md": dt.date(2025, 3, 6)}


def test_a_file_changed_after_it_was_added_has_the_day_of_its_last_change(tmp_path):
    content = invented_history(tmp_path / "repo")
    # renamed (a rename is not a change), removed then added again, never changed, or changed
    # only in the working tree: none has a day
    assert history.changed_after_adding(content) == EXPECTED
    # paths are relative to the folder asked about, and only its files are
    assert history.changed_after_adding(tmp_path / "repo") == {
        "README.md": dt.date(2025, 3, 1), **{f"content/{path}": day for path, day in EXPECTED.items()}}


def test_only_a_change_to_what_readers_read_dates_an_update(tmp_path):
    """A tag added, the source's headline recorded, a paragraph re-wrapped: not an update. A
    changed title, summary or word of the body: an update."""
    repo = tmp_path / "repo"
    content = repo / "content"
    (content / "en").mkdir(parents=True)
    article = "---\ntitle: Invented Mistvale opens a harbour\nsummary: An invented summary.\nindustries: [robotics]\n---\n\nInvented words of\nthe body.\n"
    for name in ("metadata.md", "title.md", "summary.md", "body.md"):
        (content / "en" / name).write_text(article, encoding="utf-8")
    commit_all(repo, "2025-02-06T10:00:00+08:00", "add")
    edit(content / "en/metadata.md", "industries: [robotics]", "industries: [robotics, automobiles]\nsource:\n  title: Invented")
    edit(content / "en/metadata.md", "Invented words of\nthe body.", "Invented words of the body.")
    edit(content / "en/title.md", "opens a harbour", "opens a second harbour")
    edit(content / "en/summary.md", "An invented summary.", "A corrected invented summary.")
    edit(content / "en/body.md", "words of", "sentences of")
    commit_all(repo, "2025-03-01T09:00:00+08:00", "corrections and metadata")
    edit(content / "en/title.md", "industries: [robotics]", "industries: [automobiles]")
    commit_all(repo, "2025-03-20T09:00:00+08:00", "a tag changed: the title's change stays the last update")
    march = dt.date(2025, 3, 1)
    assert history.changed_after_adding(content) == {"en/title.md": march, "en/summary.md": march, "en/body.md": march}


def test_outside_a_repository_or_in_a_shallow_clone_nothing_is_known(tmp_path):
    repo = tmp_path / "repo"
    invented_history(repo)
    (tmp_path / "plain").mkdir()
    assert history.changed_after_adding(tmp_path / "plain") == {}
    assert history.changed_after_adding(tmp_path / "missing") == {}
    git(tmp_path, "clone", "-q", f"file://{repo}", "full")
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", "shallow")
    assert history.changed_after_adding(tmp_path / "full/content") == EXPECTED
    # two commits deep, the boundary commit seems to add every file: nothing is said rather than something wrong
    assert history.changed_after_adding(tmp_path / "shallow/content") == {}


def test_a_hooks_repository_variables_do_not_send_git_elsewhere(tmp_path, monkeypatch):
    content = invented_history(tmp_path / "repo")
    other = tmp_path / "other"
    other.mkdir()
    (other / "invented.md").write_text("Another invented repository.\n", encoding="utf-8")
    commit_all(other, "2025-01-01T10:00:00+08:00")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))  # as in a pre-commit hook of another repository
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git/index"))
    assert history.changed_after_adding(content) == EXPECTED


def committed_site(tmp_path):
    """The fixture site's content in a repository: added on 6 February 2025, then the English seed
    article and the harbour article (which says `updated: 2025-03-01`) changed on 10 March."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "content", repo / "content")
    shutil.copytree(SITE_FIXTURES / "content", repo / "content", dirs_exist_ok=True)
    commit_all(repo, "2025-02-06T10:00:00+08:00", "add")
    edit(repo / "content" / SEED)
    edit(repo / "content" / HARBOUR)
    commit_all(repo, "2025-03-10T10:00:00+08:00", "corrections")
    return repo / "content"


def entry_updated(feed_path, link_end: str) -> str:
    entry = next(e for e in feedparser.parse(feed_path.read_bytes()).entries if e.link.endswith(link_end))
    return entry.updated[:10]


def test_an_article_changed_after_publication_says_when_on_its_page_and_in_its_feeds(tmp_path):
    content = committed_site(tmp_path)
    output = tmp_path / "output"
    build(REPO_ROOT / "pelicanconf.py", content, output, search=False, cache=tmp_path / "cache")

    page = soup(output / SEED_PAGE)
    updated = page.select_one(".meta .updated")
    assert updated.get_text() == "Updated 10 March 2025" and updated.select_one("time")["datetime"] == "2025-03-10"
    ld = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert ld["dateModified"] == "2025-03-10T00:00:00+08:00" and ld["datePublished"] == "2025-02-05T00:00:00+08:00"
    zh = soup(output / "zh" / SEED_PAGE)  # its translation was not changed
    assert not zh.select(".meta .updated") and "dateModified" not in zh.select_one('script[type="application/ld+json"]').string
    # an editor's `updated:` wins over git's day
    harbour = soup(output / "articles/invented-untranslated-harbour-robots/index.html").select_one(".meta .updated time")
    assert harbour["datetime"] == "2025-03-01"

    # the feeds say what the pages say: one function decides
    assert entry_updated(output / "feeds/all.atom.xml", "/guangdong-accelerates-establishment-modern-industrial-system/") == "2025-03-10"
    assert entry_updated(output / "feeds/all.atom.xml", "/invented-untranslated-harbour-robots/") == "2025-03-01"
    assert entry_updated(output / "zh/feeds/all.atom.xml", "/guangdong-accelerates-establishment-modern-industrial-system/") == "2025-02-05"
    assert entry_updated(output / "editions/feed.atom.xml", "/editions/2025-W06/") == "2025-03-10"


def test_the_chinese_page_words_its_update_in_chinese(tmp_path):
    content = committed_site(tmp_path)
    edit(content / SEED.replace("en/", "zh/"), "\n\n", "\n\n一处虚构的更正。\n\n")
    commit_all(content.parent, "2025-03-12T10:00:00+08:00", "a Chinese correction")
    output = tmp_path / "output"
    build(REPO_ROOT / "pelicanconf.py", content, output, search=False, cache=tmp_path / "cache")
    updated = soup(output / "zh" / SEED_PAGE).select_one(".meta .updated")
    assert updated.get_text() == "更新于2025年3月12日" and updated.select_one("time")["datetime"] == "2025-03-12"
