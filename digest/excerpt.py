"""How a value is quoted in a message people read: never whole when it is long.

A title that is a source's entire text, or a list of thousands of slugs, is quoted as its first
`LIMIT` characters, an ellipsis and its size: `'Lorem ipsum…' (12,345 characters)`.
"""
from __future__ import annotations

LIMIT = 80


def clip(text: str, limit: int) -> str:
    """text, or its first `limit - 1` characters and an ellipsis when it is longer than `limit`."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def excerpt(value: object, limit: int = LIMIT) -> str:
    """repr(value) when it is short; else its start, an ellipsis and how long the whole is."""
    if isinstance(value, str):
        return repr(value) if len(value) <= limit else f"{clip(value, limit)!r} ({len(value):,} characters)"
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value):,} items" if isinstance(value, (list, tuple, dict, set, frozenset)) else f"{len(text):,} characters"
    return f"{text[:limit - 1]}… ({size})"


def shorten_quoted(message: str, value: object, quoted: str, limit: int = LIMIT) -> str:
    """`message` with `quoted` (how it quotes `value`) replaced by the value's excerpt, when that is shorter."""
    if len(quoted) <= limit or quoted not in message:
        return message
    return message.replace(quoted, excerpt(value, limit))
