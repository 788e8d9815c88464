"""Stage 3: which language a text is in (en / zh), deterministically.

A Han-character ratio settles Chinese; for Latin-script text, lingua (restricted to a few
languages, deterministic) tells English from the others -- and Indonesian gambling spam from
English prose, which `clean` uses.
"""
from __future__ import annotations

import re

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
CANDIDATES = (
    Language.ENGLISH, Language.CHINESE, Language.INDONESIAN, Language.MALAY,
    Language.GERMAN, Language.FRENCH, Language.SPANISH,
)
CODES = {Language.ENGLISH: "en", Language.CHINESE: "zh", Language.INDONESIAN: "id", Language.MALAY: "ms",
         Language.GERMAN: "de", Language.FRENCH: "fr", Language.SPANISH: "es"}


def make_detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).build()


def han_ratio(text: str) -> float:
    han = len(HAN.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    return han / (han + latin) if han + latin else 0.0


SAMPLE = 1500  # characters: plenty to tell languages apart, and detection cost stays flat


def detect_language(text: str, detector: LanguageDetector) -> str | None:
    """'en', 'zh', another ISO 639-1 code, or None when there is no text to judge."""
    text = text[:SAMPLE]
    if not HAN.search(text) and not LATIN_LETTER.search(text):
        return None
    # Chinese prose carries English acronyms; one Han character says more than one letter.
    if han_ratio(text) >= 0.2:
        return "zh"
    language = detector.detect_language_of(text)
    return CODES.get(language) if language else None
