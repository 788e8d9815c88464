"""Shape checks for the hand-written metadata label files in data/labels/.

The label files are ground truth for the ingest pipeline's metadata accuracy
(title, date, source, language) on two public benchmarks. These tests only check
that the files are well-formed; they cannot check that a label is *right*.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

LABELS = Path(__file__).resolve().parent.parent / "data" / "labels"
FILES = ["article-extraction-benchmark.yaml", "magic-html-article.yaml"]

LANGS = {
    "ar", "de", "en", "es", "fa", "fr", "hi", "id", "it", "ja", "ko", "ms", "nl",
    "pl", "pt", "ru", "sv", "th", "tr", "uk", "ur", "vi", "zh",
}
SCRIPTS = {"Hans", "Hant"}
KEYS = {"lang", "script", "title", "date", "source"}
FULL = {"title", "date", "source"}
ID = re.compile(r"[0-9a-f]{64}")
# A title must not end in a site suffix: " - 新华网", "_南方网", "-人民网", " | CNN", " - BBC News" ...
SITE_SUFFIX = re.compile(
    r"(\s[|｜]\s*\S.*$)"                                   # " | Site"
    r"|([_＿]\s*\S*(网|網|新闻|新聞|频道|頻道|客户端|日报|日報)$)"  # "_南方网", "_新浪新闻"
    r"|(\s?[-—–]\s*\S*(网|網|频道|頻道)$)"                  # "-新华网", " - 中国网"
    r"|(\s[-—–]\s(BBC News|CNN|Reuters|The Verge|Chinadaily\.com\.cn|Xinhua)$)"
)
MAX_TITLE = 300
MIN_FULL = 70


def load(name: str) -> dict:
    with open(LABELS / name, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert isinstance(data, dict), f"{name}: top level must be a mapping"
    return data


def problems(entries: dict) -> list[str]:
    """Every shape problem in one label mapping (empty when it is well-formed)."""
    out = []
    for key, e in entries.items():
        where = str(key)[:16]
        if not (isinstance(key, str) and ID.fullmatch(key)):
            out.append(f"{where}: key is not a 64-hex page id")
        if not isinstance(e, dict):
            out.append(f"{where}: entry is not a mapping")
            continue
        if set(e) - KEYS:
            out.append(f"{where}: unknown keys {sorted(set(e) - KEYS)}")
        if e.get("lang") not in LANGS:
            out.append(f"{where}: lang {e.get('lang')!r} missing or unknown")
        if "script" in e and (e["script"] not in SCRIPTS or e.get("lang") != "zh"):
            out.append(f"{where}: script {e['script']!r} only Hans/Hant on zh")
        has = FULL & set(e)
        if has and has != FULL:
            out.append(f"{where}: partial label {sorted(has)}; give title, date and source together")
        if "date" in e:
            d = e["date"]
            if d is not None and not (isinstance(d, dt.date) and not isinstance(d, dt.datetime)):
                # YAML turns a valid unquoted YYYY-MM-DD into a date; anything else is wrong.
                out.append(f"{where}: date {d!r} is neither null nor a valid YYYY-MM-DD date")
            elif d is not None and not (1990 <= d.year <= dt.date.today().year + 1):
                out.append(f"{where}: implausible year {d.year}")
        if "title" in e:
            t = e["title"]
            if not isinstance(t, str) or not t.strip():
                out.append(f"{where}: empty title")
            else:
                if t != " ".join(t.split()):
                    out.append(f"{where}: title has untrimmed or repeated whitespace")
                if len(t) > MAX_TITLE:
                    out.append(f"{where}: title longer than {MAX_TITLE} chars (page text?)")
                if SITE_SUFFIX.search(t):
                    out.append(f"{where}: title ends in a site suffix: {t!r}")
        if "source" in e:
            s = e["source"]
            names = s if isinstance(s, list) else [s]
            if s is not None and (not names or not all(isinstance(n, str) and n.strip() for n in names)):
                out.append(f"{where}: source must be null, a name or a non-empty list of names")
            elif isinstance(s, list) and (len(s) > 4 or len(set(s)) != len(s)):
                out.append(f"{where}: source list too long or repeated")
            elif any(isinstance(n, str) and len(n) > 80 for n in names):
                out.append(f"{where}: source name too long")
    return out


@pytest.fixture(scope="module")
def labels() -> dict[str, dict]:
    return {name: load(name) for name in FILES}


@pytest.mark.parametrize("name", FILES)
def test_file_is_well_formed(labels, name):
    assert labels[name], f"{name} is empty"
    assert problems(labels[name]) == []


def test_enough_full_labels(labels):
    full = sum(FULL <= set(e) for d in labels.values() for e in d.values())
    assert full >= MIN_FULL


def test_no_page_in_both_files(labels):
    a, b = (set(labels[n]) for n in FILES)
    assert not a & b


def test_files_state_their_conventions():
    for name in FILES:
        head = (LABELS / name).read_text(encoding="utf-8").split("\n\n", 1)[0]
        assert head.startswith("#") and "Conventions" in head and "ISO 639-1" in head


GOOD = "a" * 64


@pytest.mark.parametrize(
    "entry, fragment",
    [
        ({GOOD: {"lang": "en", "title": "T", "date": "2019-13-01", "source": "X"}}, "date"),
        ({GOOD: {"lang": "en", "title": "T", "date": "May 1, 2019", "source": "X"}}, "date"),
        ({GOOD: {"lang": "xx"}}, "lang"),
        ({GOOD: {}}, "lang"),
        ({"abc": {"lang": "en"}}, "64-hex"),
        ({GOOD: {"lang": "zh", "title": "标题-新华网", "date": None, "source": "新华网"}}, "suffix"),
        ({GOOD: {"lang": "zh", "title": "标题_南方网", "date": None, "source": "南方网"}}, "suffix"),
        ({GOOD: {"lang": "en", "title": "Headline | CNN", "date": None, "source": "CNN"}}, "suffix"),
        ({GOOD: {"lang": "en", "title": "x" * 301, "date": None, "source": "X"}}, "longer"),
        ({GOOD: {"lang": "en", "title": "", "date": None, "source": "X"}}, "empty"),
        ({GOOD: {"lang": "en", "title": "T", "source": "X"}}, "partial"),
        ({GOOD: {"lang": "en", "script": "Hant"}}, "script"),
        ({GOOD: {"lang": "en", "title": "T", "date": None, "source": []}}, "source"),
    ],
)
def test_checks_can_fail(entry, fragment):
    text = yaml.safe_dump(entry, allow_unicode=True)
    found = problems(yaml.safe_load(text))
    assert any(fragment in p for p in found), found


def test_good_entry_passes():
    entry = {GOOD: {"lang": "zh", "script": "Hant", "title": "義大利公開賽 茲韋列夫封王",
                    "date": dt.date(2024, 5, 20), "source": ["法新社", "AFP"]}}
    assert problems(yaml.safe_load(yaml.safe_dump(entry, allow_unicode=True))) == []
