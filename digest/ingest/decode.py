"""Stage 1: raw bytes to normalised Unicode text, or a `Rejected` with the reason.

Accepts UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK and Windows-1252.
Repairs mojibake with ftfy and normalises line ends, odd spaces and invisible characters.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import ftfy


class Rejected(Exception):
    """The input cannot become an article; nothing is written for it."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    changes: tuple[str, ...]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "legacy Office document",
    b"\x7fELF": "executable",
}
_SPACE_CHARS = "\u00a0\u2007\u202f\u2000-\u200a\u205f"  # character-class ranges
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
_SPACES = re.compile(f"[{_SPACE_CHARS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_SPACES_OR_INVISIBLE = re.compile(f"[{_SPACE_CHARS}{_INVISIBLE_CHARS}]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode(raw: bytes) -> Decoded:
    """Decode and normalise, or raise Rejected."""
    if not raw.strip():
        raise Rejected("empty file")
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise Rejected(f"binary file ({kind})")
    text, encoding = _decode_bytes(raw)
    changes = []
    if encoding not in ("utf-8", "utf-8-sig"):
        changes.append(f"decoded from {encoding}")
    control = len(_CONTROL.findall(text))
    if control > max(2, len(text) // 200) or "\x00" in text:
        raise Rejected(f"binary file ({control} control characters in {len(text)} decoded characters)")
    if text.count("\ufffd") > max(2, len(text) // 200):
        raise Rejected("undecodable: too many replacement characters (U+FFFD)")
    text, fixes = _repair(text)
    changes.extend(fixes)
    if not text.strip():
        raise Rejected("empty file (only invisible or control characters)")
    return Decoded(text, encoding, tuple(changes))


def _decode_bytes(raw: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec
            except UnicodeDecodeError as error:
                raise Rejected(f"undecodable: {codec} byte order mark, but {error.reason} at byte {error.start}") from None
    if b"\x00" in raw:
        raise Rejected("binary file (NUL bytes and no UTF-16/32 byte order mark)")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    chinese = _try(raw, "gb18030")
    if chinese is not None and _looks_chinese(chinese):
        return chinese, "gb18030"
    western = _try(raw, "cp1252")
    if western is not None:
        return western, "cp1252"
    raise Rejected("undecodable: not valid UTF-8, UTF-16, GB18030 or Windows-1252")


def _try(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _looks_chinese(text: str) -> bool:
    """GB text decodes to common (GB2312) characters; Latin-1 bytes read as GBK rarely do."""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return False
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(wide) >= 0.8


# The marks of mojibake: UTF-8 bytes read as Latin-1 or Windows-1252 ("Ã©", "â€™", "Â "), or
# C1 controls. Text without them has nothing for ftfy to repair, and ftfy's own test of a large
# page costs more than extracting the page.
# Three patterns, not one alternation: Python's re scans a single character class three times as fast.
_MOJIBAKE_MARKS = (
    re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
               "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"),
    re.compile("[\u0080-\u009f]"),
    re.compile("\x1b\\["),
)


# The first character of every mark above: a UTF-8 lead byte read as Latin-1/Windows-1252, a C1
# control, or the escape of a terminal sequence. Looking for each with `in` is a fast scan; the
# pattern only runs where one is there.
_MOJIBAKE_LEADS = tuple(chr(code) for code in range(0xC2, 0xF5)) + tuple(chr(code) for code in range(0x80, 0xA0))


def _may_be_mojibake(text: str, ascii_only: bool) -> bool:
    return "\x1b" in text if ascii_only else any(lead in text for lead in (*_MOJIBAKE_LEADS, "\x1b"))


def _repair(text: str) -> tuple[str, list[str]]:
    changes = []
    fixed, explanation = text, None
    ascii_only = text.isascii()
    if _may_be_mojibake(text, ascii_only) and any(marks.search(text) for marks in _MOJIBAKE_MARKS):
        fixed, explanation = ftfy.fix_and_explain(
            text,
            uncurl_quotes=False,
            fix_character_width=False,
            fix_latin_ligatures=False,
            normalization="NFC",
        )
    if fixed != text and explanation:
        steps = " → ".join(f"{step.action} {step.parameter}" for step in explanation)
        changes.append(f"ftfy repaired the text ({steps})")
    text = fixed.replace("\r\n", "\n").replace("\r", "\n")
    spaces = invisible = 0
    if not ascii_only and _SPACES_OR_INVISIBLE.search(text):  # ftfy never makes ASCII text non-ASCII
        text, spaces = _SPACES.subn(" ", text)
        text, invisible = _INVISIBLE.subn("", text)
    if spaces:
        changes.append(f"normalised {spaces} non-breaking or special spaces")
    if invisible:
        changes.append(f"removed {invisible} soft hyphens or zero-width characters")
    if "\x0b" in text or "\x0c" in text:
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")  # vertical tab, form feed: a page or line break
    text, control = _CONTROL.subn("", text)  # the few that decode lets through: no feed (XML 1.0) may carry them
    if control:
        changes.append(f"removed {control} control characters")
    return unicodedata.normalize("NFC", text), changes
