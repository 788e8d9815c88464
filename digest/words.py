"""Chinese word boundaries and Traditional → Simplified conversion, for matching vocabulary terms.

Chinese has no spaces, so "an alias is a whole word" needs a segmenter: jieba, with the
vocabulary's own aliases added to its dictionary so that they come out as single words. jieba's
dictionary takes about a second to load, so a `ChineseWords` builds it on first use -- only a text
containing Han characters next to a Chinese alias ever needs it; English-only runs never load it.
OpenCC t2s (~15 ms) is also built on first use.
"""
from __future__ import annotations

import logging
import re
from functools import cached_property, lru_cache

# jieba cuts text into runs of these characters and segments each run on its own, so segmenting
# just the run around a match gives the same words as segmenting the whole text.
RUN_CHAR = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]")
# Han characters: CJK Extension A, the Unified Ideographs and the Compatibility Ideographs (one definition
# for vocabulary matching, language detection and the site).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class ChineseWords:
    """Segments Chinese runs into words (jieba, dictionary words only) and converts script (OpenCC)."""

    def __init__(self, extra_words: tuple[str, ...] = ()):
        self.extra_words = tuple(sorted({w for w in extra_words if HAN.search(w)}))
        self._words: dict[str, str] = {}
        self._edges = lru_cache(maxsize=512)(self._segment)

    @cached_property
    def tokenizer(self):
        return load_tokenizer(tuple(sorted({self.simplified_word(word) for word in self.extra_words})))

    @cached_property
    def t2s(self):
        return make_t2s()

    def simplified(self, text: str) -> str:
        """Text with Traditional characters converted to Simplified (identity for Simplified text)."""
        return self.t2s.convert(text) if HAN.search(text) else text

    def simplified_word(self, word: str) -> str:
        """simplified() for vocabulary words, remembered: aliases may be written in either script."""
        if word not in self._words:
            self._words[word] = self.simplified(word)
        return self._words[word]

    def edges(self, run: str) -> tuple[frozenset[int], frozenset[int]]:
        """Where the words of one run start and end (offsets within the run). Remembered for the
        last runs seen: an article's title and lead are matched again as part of its whole text."""
        return self._edges(run)

    def _segment(self, run: str) -> tuple[frozenset[int], frozenset[int]]:
        spans, position = [], 0
        for word in self.tokenizer.cut(run, HMM=False):
            spans.append((position, position + len(word)))
            position += len(word)
        return frozenset(start for start, _ in spans), frozenset(end for _, end in spans)


@lru_cache(maxsize=4)
def load_tokenizer(extra_words: tuple[str, ...] = ()):
    """A jieba tokenizer that also knows extra_words, built once per process and word list (every
    Toolkit of a run shares it). jieba's dictionary is read once (~1.5 s of CPU): a tokenizer with
    extra words starts from a copy of the plain one's (~25 ms)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()  # our own instance: adding words must not change anyone else's jieba
    if extra_words:
        plain = load_tokenizer()
        # what initialize() would read from the same dictionary: the prefix dictionary and its total
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(plain.FREQ), plain.total, True
    else:
        tokenizer.initialize()
    for word in extra_words:
        tokenizer.add_word(word)
    return tokenizer


def make_t2s():
    """OpenCC's generic Traditional → Simplified conversion (characters and phrases, no regional
    vocabulary): sources come from Hong Kong, Macao and Taiwan alike, and t2s already maps the
    common regional variant characters (裡/裏, 綫/線, 為/爲, 啓/啟). tw2s would also turn every 著 into
    着 (wrong in 著名, 显著); tw2sp would rewrite words (軟體 → 软件), which translates rather than
    converts. Builds in ~15 ms."""
    import opencc

    return opencc.OpenCC("t2s")


def run_around(text: str, start: int, end: int) -> tuple[int, str]:
    """The jieba run (maximal stretch of Han, Latin letters, digits and a few symbols) containing
    text[start:end], as (offset, run)."""
    left = start
    while left > 0 and RUN_CHAR.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and RUN_CHAR.match(text[right]):
        right += 1
    return left, text[left:right]
