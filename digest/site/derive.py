"""Derived languages (data/languages.yaml `content: derived`): an article, editor's note or page of
the source language, converted into the derived language's script (OpenCC) when the build reads it.

Only text is converted: the HTML's text nodes (not its tags and attributes, not code), and the
front matter's title, summary, source name and problems; slugs, dates, URLs and every other value
stay as written. A derived version keeps its source's path (errors, the day git last changed it)
and its source key with the language added, so the pages that show it change when, and only when,
its source's text does.
"""
from __future__ import annotations

import dataclasses
import re

from digest.languages import Language

CONVERTED_KEYS = ("title", "summary")  # front matter text a page shows in the article's own language
DERIVED = "derived"  # the front matter key a derived version gets: {from: <code>, converter: <name>}

_TAGS = re.compile(r"(<[^>]*>)")
_VERBATIM = re.compile(r"<(/?)(code|pre|script|style)\b", re.I)  # elements whose text is not prose
_JOIN = "\ue000"  # a private-use character OpenCC leaves alone: the text nodes are converted in one call


def convert_html(html: str, language: Language) -> str:
    """Sanitised HTML with its text nodes converted, tags, attributes and code left as they are.

    The text nodes are joined and converted in one call (one call per node would cost more than
    the conversion), then put back between the tags."""
    if not html or language.converter is None:
        return html
    parts = _TAGS.split(html)  # text, tag, text, tag, …, text
    texts, depth = [], 0
    for index, part in enumerate(parts):
        if index % 2:
            found = _VERBATIM.match(part)
            if found:
                depth = max(0, depth + (-1 if found.group(1) else 1))
        elif depth == 0 and part and _JOIN not in part:
            texts.append(index)
    if not texts:
        return html
    converted = language.convert(_JOIN.join(parts[index] for index in texts)).split(_JOIN)
    if len(converted) != len(texts):  # never expected: keep the source rather than misplace text
        return html
    for index, text in zip(texts, converted):
        parts[index] = text
    return "".join(parts)


def convert_meta(meta: dict, language: Language) -> dict:
    """The front matter of the derived version: `lang` its code, its text converted, and `derived`
    saying what it was made from."""
    derived = {**meta, "lang": language.code, DERIVED: {"from": meta["lang"], "converter": language.converter}}
    for key in CONVERTED_KEYS:
        if isinstance(meta.get(key), str):
            derived[key] = language.convert(meta[key])
    if isinstance(meta.get("problems"), list):
        derived["problems"] = [language.convert(p) if isinstance(p, str) else p for p in meta["problems"]]
    source = meta.get("source")
    if isinstance(source, dict) and isinstance(source.get("name"), dict) and meta["lang"] in source["name"]:
        name = source["name"]
        derived["source"] = {**source, "name": {**name, language.code: name.get(language.code) or language.convert(name[meta["lang"]])}}
    return derived


def derived_key(source_key: str, language: Language) -> str:
    return f"{source_key}+{language.code}"


def derive(item, language: Language):
    """An article (model.Entry), editor's note (editions.Note) or page (pages.Page) of the language's
    source, as the derived language's version."""
    return dataclasses.replace(item, meta=convert_meta(item.meta, language), html=convert_html(item.html, language),
                               source_key=derived_key(item.source_key, language))


def derived_from(meta: dict) -> str | None:
    """The language a version was converted from, or None for a written one."""
    return (meta.get(DERIVED) or {}).get("from")
