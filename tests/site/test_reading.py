"""Reading time: English words and Chinese characters, each at its rate (digest/site/reading.py)."""
from __future__ import annotations

import hashlib

from digest import REPO_ROOT
from digest.site import reading
from tests.site.conftest import build_site
from tests.site.pages import soup

SEED = "seeds/000_3237dff4ecd4f46c.txt"


def words(count: int) -> str:
    return " ".join(f"invented{n}" for n in range(count))


def characters(count: int) -> str:
    return "虚构" * (count // 2) + "虚" * (count % 2)


def test_english_words_and_chinese_characters_each_at_their_rate():
    assert reading.minutes(f"<p>{words(460)}</p>") == 2  # 460 / 230
    assert reading.minutes(f"<p>{words(461)}</p>") == 3  # a minute begun is a minute
    assert reading.minutes(f"<p>{characters(800)}</p>") == 2  # 800 / 400
    assert reading.minutes(f"<p>{characters(801)}</p>") == 3
    # a Chinese text naming English things: 600 characters (1.5 min) and 115 words (0.5 min)
    assert reading.minutes(f"<p>{characters(600)}</p><p>{words(115)}</p>") == 2
    assert reading.minutes("") == 1 and reading.minutes("<p></p>") == 1


def test_markup_and_chinese_punctuation_are_not_read_as_words():
    link = '<a href="https://news.example.org/a/very/long/invented/path" title="an invented title of many words">'
    assert reading.minutes(f"<p>{link}{words(460)}</a></p>") == 2
    # 800 characters between full-width commas and full stops: no punctuation counted as a word
    sentence = characters(8) + "，" + characters(8) + "。"
    assert reading.minutes("<p>" + sentence * 50 + "</p>") == 2
    assert reading.minutes("<p>" + sentence * 50 + "，。、（）</p>") == 2


def invented(slug: str, lang: str, body: str) -> str:
    sha = hashlib.sha256((REPO_ROOT / SEED).read_bytes()).hexdigest()
    return (f"---\ntitle: Invented {slug}\nslug: {slug}\nlang: {lang}\ndate: 2024-03-01\n"
            f"source: {{name: Invented Gazette, file: {SEED}, sha256: {sha}}}\nindustries: [robotics]\nofficials: []\n"
            f"summary: An invented summary.\nstatus: published\n"
            + ("translation: {from: en, by: Digest editors}\n" if lang == "zh" else "") + f"---\n\n{body}\n")


def test_an_article_page_says_how_long_it_takes_to_read_in_its_language(tmp_path):
    content = tmp_path / "content"
    for lang, body in (("en", words(1000)), ("zh", characters(1000))):  # 4.3 and 2.5 minutes
        (content / lang).mkdir(parents=True)
        (content / lang / "invented-long-read.md").write_text(invented("invented-long-read", lang, body), encoding="utf-8")
    output, _ = build_site(tmp_path, "pelicanconf.py", content)
    english = soup(output / "articles/invented-long-read/index.html").select_one(".meta .reading-time")
    chinese = soup(output / "zh/articles/invented-long-read/index.html").select_one(".meta .reading-time")
    assert english.get_text() == "5 min read" and chinese.get_text() == "阅读约 3 分钟"
