"""Stage 4: which language a text is in, and for Chinese, which script -- deterministically.

The writing system settles most languages cheaply: kana means Japanese, hangul Korean, and Han
characters (without kana or hangul) Chinese; a Han-character ratio keeps English acronyms from
turning Chinese prose into English. Everything else goes to lingua over a broad set of languages
(`CANDIDATES`), so an Italian or Portuguese page is named as such instead of passing for English or
Spanish; lingua also tells Indonesian and Malay gambling spam from English prose, which `clean` uses.

Chinese text is Traditional when OpenCC's `t2s` (`digest.words.make_t2s`) would change a noticeable
share of its Han characters; `to_simplified` converts it, so vocabularies (written in Simplified) match.
"""
from __future__ import annotations

import re

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from digest.ingest.extract import Block
from digest.words import HAN

KANA = re.compile(r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
HANGUL = re.compile(r"[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]")
LETTER = re.compile(r"[^\W\d_]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")

# Latin-script languages common on the web, plus languages with their own scripts (lingua settles
# those from the alphabet alone, so they cost nothing on Latin text). Chinese, Japanese and Korean are
# settled by script before lingua is asked. A broader set costs time on every call: lingua scores each
# Latin-script candidate: ~3 µs of CPU per character of sample with this set in low accuracy mode.
CANDIDATES = (
    # Latin script
    Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH, Language.PORTUGUESE,
    Language.ITALIAN, Language.DUTCH, Language.INDONESIAN, Language.MALAY, Language.TAGALOG,
    Language.VIETNAMESE, Language.TURKISH, Language.POLISH, Language.CZECH, Language.SLOVAK,
    Language.ROMANIAN, Language.HUNGARIAN, Language.SWEDISH, Language.DANISH, Language.BOKMAL,
    Language.FINNISH, Language.CATALAN, Language.CROATIAN, Language.SWAHILI, Language.LATIN,
    # Cyrillic, Arabic, Devanagari and other scripts
    Language.RUSSIAN, Language.UKRAINIAN, Language.BULGARIAN, Language.SERBIAN, Language.KAZAKH,
    Language.MONGOLIAN, Language.ARABIC, Language.PERSIAN, Language.URDU, Language.HINDI,
    Language.MARATHI, Language.BENGALI, Language.TAMIL, Language.TELUGU, Language.THAI, Language.GREEK,
    Language.HEBREW, Language.GEORGIAN, Language.ARMENIAN,
)
NAMES = {language.iso_code_639_1.name.lower(): language.name.title() for language in Language.all()}
NAMES["nb"] = "Norwegian Bokmål"

SAMPLE = 1500  # characters counted by script: cheap, and detection cost stays flat
LINGUA_SAMPLE = 500  # characters lingua scores (~80 words): plenty to name a language; cost is linear
CJK_SHARE = 0.2  # Han/kana/hangul share of all letters above which the text is East Asian
KANA_SHARE = 0.1  # of Han + kana: Japanese prose is a third or more kana; Chinese quotes a brand at most
HANGUL_SHARE = 0.2  # of Han + kana + hangul
TRADITIONAL_SHARE = 0.05  # of Han characters changed by t2s; Simplified prose changes none


def make_detector() -> LanguageDetector:
    """Low accuracy mode: trigram models only, which are plenty for whole pages and keep the
    detector small (~35 MB instead of ~500 MB with every n-gram model loaded) and fast."""
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).with_low_accuracy_mode().build()


def language_name(code: str | None) -> str:
    """'Japanese (ja)'; 'unknown' for None."""
    return f"{NAMES.get(code, code)} ({code})" if code else "unknown"


def language_by_script(text: str) -> str | None:
    """'zh', 'ja' or 'ko' when East Asian characters dominate the text, else None."""
    han, kana, hangul = len(HAN.findall(text)), len(KANA.findall(text)), len(HANGUL.findall(text))
    east_asian = han + kana + hangul
    if not east_asian:
        return None
    other = len(LETTER.findall(text)) - east_asian
    # One Han character says more than one letter: Chinese prose carries English acronyms.
    if east_asian / (east_asian + other) < CJK_SHARE:
        return None
    if hangul >= HANGUL_SHARE * east_asian:
        return "ko"
    if kana >= KANA_SHARE * (han + kana):
        return "ja"
    return "zh"


def detect_language(text: str, detector: LanguageDetector) -> str | None:
    """ISO 639-1 code ('en', 'zh', 'ja', 'it', 'id', ...), or None when there is no text to judge."""
    text = text[:SAMPLE]
    if not LETTER.search(text):
        return None
    by_script = language_by_script(text)
    if by_script:
        return by_script
    language = detector.detect_language_of(text[:LINGUA_SAMPLE])
    return language.iso_code_639_1.name.lower() if language else None


def article_language(title: str | None, prose: str, detector: LanguageDetector) -> str | None:
    """The language of an article: its text's, unless its headline is written in another alphabet.

    A headline in Arabic, Cyrillic, Devanagari or another non-Latin script over text read as
    English means the text is not the article: a page whose article was lost and
    whose English menus and footer were kept. The headline's language is then the article's (an
    Urdu news page is rejected as Urdu, not published as English).
    """
    lang = detect_language(f"{title or ''}\n{prose}", detector)
    if not title or lang != "en":  # a text read as another language is rejected by its text's name
        return lang
    letters = LETTER.findall(title)
    other_script = len(letters) - len(LATIN.findall(title)) - len(HAN.findall(title)) \
        - len(KANA.findall(title)) - len(HANGUL.findall(title))
    if letters and other_script / len(letters) > 0.5:
        return detect_language(title, detector) or lang
    return lang


def traditional_share(text: str, t2s) -> float:
    """Share of the Han characters that OpenCC t2s changes: ~0 for Simplified, 0.2+ for Traditional."""
    sample = "".join(HAN.findall(text[: SAMPLE * 2]))
    if not sample:
        return 0.0
    converted = t2s.convert(sample)
    if len(converted) != len(sample):  # a phrase changed length; compare as sets of characters
        return len(set(sample) - set(converted)) / len(set(sample))
    return sum(a != b for a, b in zip(sample, converted)) / len(sample)


def is_traditional(text: str, t2s) -> bool:
    return traditional_share(text, t2s) >= TRADITIONAL_SHARE


def to_simplified(title: str | None, blocks: tuple[Block, ...], t2s) -> tuple[str | None, tuple[Block, ...], str | None]:
    """Title and blocks converted to Simplified when the text is Traditional Chinese, and what it
    was converted from ('zh-Hant', or None when the text was left as it was)."""
    text = "\n".join([title or "", *(block.text for block in blocks)])
    if not is_traditional(text, t2s):
        return title, blocks, None
    return (t2s.convert(title) if title else title), tuple(b.with_text(t2s.convert(b.text)) for b in blocks), "zh-Hant"
