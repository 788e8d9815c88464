"""How long an article takes to read: "4 min read" / "阅读约 4 分钟".

Each script is counted at its own rate, so an English article quoting Chinese names, or a Chinese
one naming English companies, is timed by what it holds. Worked out once per text, where the text
is read (model.read_entry), and cached with its HTML.
"""
from __future__ import annotations

import math
import re

# Units a reader gets through in a minute: English words, Chinese characters. Round estimates,
# shown as estimates ("阅读约"):
# - English: a meta-analysis of 190 studies puts adults' silent reading of non-fiction at 238 words
#   a minute (M. Brysbaert, "How many words do we read per minute?", Journal of Memory and Language
#   109, 2019); policy prose is denser than most, so a little slower.
# - Chinese: native adults read 255 characters a minute aloud (IReST: Trauzettel-Klosinski & Dietz,
#   Investigative Ophthalmology & Visual Science 53(9), 2012); silently they read faster (Brysbaert's
#   English ratio, 238 silent to 183 aloud, would give some 330), and a digest's lists of names and
#   figures are skimmed, so 400.
READING_RATES = {"words": 230, "han": 400}  # Latin-script words, Han characters (by script, not by the page's language)

_TAG = re.compile(r"<[^>]*>")
# Han characters U+4000–U+9FFF (the CJK Unified Ideographs) are the UTF-8 sequences led by these
# bytes: six byte counts instead of a pattern tried on every character (ten times faster).
_HAN_LEADS = tuple(bytes([lead]) for lead in range(0xE4, 0xEA))
_NOT_ASCII = bytes(range(128)) + b" " * 128  # bytes.translate: every byte of a non-ASCII character a space


def minutes(body_html: str, rates: dict[str, int] = READING_RATES) -> int:
    """Whole minutes to read an article's body (its rendered HTML), at least 1.

    Words are what whitespace separates in the text once every non-ASCII character (Han,
    Chinese punctuation, dashes) is a space; an apostrophe ’ stays inside its word."""
    data = _TAG.sub(" ", body_html).replace("’", "'").encode("utf-8")
    characters = sum(map(data.count, _HAN_LEADS))
    words = len((data if data.isascii() else data.translate(_NOT_ASCII)).split())
    return max(1, math.ceil(words / rates["words"] + characters / rates["han"]))
