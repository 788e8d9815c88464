"""Stage 1: raw bytes to normalised Unicode text, or a `Rejected` with the reason.

Accepts UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK and Windows-1252.
Repairs mojibake with ftfy and normalises line ends, odd spaces and invisible characters.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass


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
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"


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
    control = sum(text.count(character) for character in _present(text, _CONTROL_CHARS))
    if control > max(2, len(text) // 200) or "\x00" in text:
        raise Rejected(f"binary file ({control} control characters in {len(text)} decoded characters)")
    if text.count("\ufffd") > max(2, len(text) // 200):
        raise Rejected("undecodable: too many replacement characters (U+FFFD)")
    text, fixes = _repair(text, control > 0)
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


# The marks of mojibake: UTF-8 bytes read as Latin-1 or Windows-1252 ("Ã©", "â€™", "Â "), C1
# controls, or a terminal escape. Text without them has nothing for ftfy to repair, and ftfy's own
# test of a large page costs more than extracting the page.
_MOJIBAKE_LEADS = tuple(chr(code) for code in range(0xC2, 0xF5))  # a UTF-8 lead byte read as Latin-1
_MOJIBAKE_FOLLOWERS = frozenset(chr(code) for code in (  # a continuation byte read as Latin-1 or Windows-1252
    *range(0x80, 0xC0), 0x152, 0x153, 0x160, 0x161, 0x178, 0x17D, 0x17E, 0x192, 0x2C6, 0x2DC, 0x2013, 0x2014,
    *range(0x2018, 0x201F), 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122))
_C1_CONTROLS = tuple(chr(code) for code in range(0x80, 0xA0))
_CONTROL_CHARS = tuple(chr(code) for code in (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F)) + _C1_CONTROLS
_SPACE_LIST = tuple("\u00a0\u2007\u202f\u205f") + tuple(chr(code) for code in range(0x2000, 0x200B))
_INVISIBLE_LIST = tuple(_INVISIBLE_CHARS)
_CONTROL = re.compile("[" + re.escape("".join(_CONTROL_CHARS)) + "]")


# Whole pages are scanned here, so each test is a scan for single characters (`in`, `count`,
# `find`: memchr-like), several times faster than a regular expression's character class, which
# tests every position; the few characters found are then dealt with one by one.
def _present(text: str, characters: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(character for character in characters if character in text)


def _has_mojibake_marks(text: str, ascii_only: bool, has_control: bool) -> bool:
    if "\x1b[" in text:
        return True
    if ascii_only:
        return False
    if has_control and _present(text, _C1_CONTROLS):
        return True
    for lead in _present(text, _MOJIBAKE_LEADS):
        at = text.find(lead)
        while at != -1:
            if text[at + 1: at + 2] in _MOJIBAKE_FOLLOWERS:
                return True
            at = text.find(lead, at + 1)
    return False


def _repair(text: str, has_control: bool = True) -> tuple[str, list[str]]:
    """has_control: False when text is known to hold none of _CONTROL_CHARS (decode counted them)."""
    changes = []
    fixed, explanation = text, None
    ascii_only = text.isascii()
    if _has_mojibake_marks(text, ascii_only, has_control):
        import ftfy  # imported only for text with mojibake in it: 0.1 s a process

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
    has_control = has_control or fixed is not text
    text = fixed.replace("\r\n", "\n").replace("\r", "\n")
    spaces = invisible = 0
    if not ascii_only:  # ftfy never makes ASCII text non-ASCII
        for space in _present(text, _SPACE_LIST):
            spaces += text.count(space)
            text = text.replace(space, " ")
        for character in _present(text, _INVISIBLE_LIST):
            invisible += text.count(character)
            text = text.replace(character, "")
    if spaces:
        changes.append(f"normalised {spaces} non-breaking or special spaces")
    if invisible:
        changes.append(f"removed {invisible} soft hyphens or zero-width characters")
    if "\x0b" in text or "\x0c" in text:
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")  # vertical tab, form feed: a page or line break
    control = 0
    if has_control:  # the few that decode lets through: no feed (XML 1.0) may carry them
        text, control = _CONTROL.subn("", text)
    if control:
        changes.append(f"removed {control} control characters")
    return unicodedata.normalize("NFC", text), changes
