"""Where an article comes from and how its text was made, worded once for its page, its feed
entries and its JSON-LD.

The source is named in the page's language when its front matter gives the name in both
(`source.name: {en, zh}`), else as written. The text is the source's own wording, a machine
translation the source published (`source.machine_translated`), or a translation of ours
(`translation`), which the credit line words by its `method`; a method not recorded is said to be
not recorded, never guessed. Every string is a gettext message (`N_`), so each page says it in
its own language.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale

from digest.languages import Languages
from digest.site.i18n import format_day
from digest.vocab import HAN

N_ = lambda text: text  # noqa: E731  (marks a string for extraction; see i18n.template_messages)

# translation.by as scripts.new writes it: the digest's own editors, named in each page's language.
HOUSE_TRANSLATOR = N_("Digest editors")
# The credit line of a translated version, by translation.method (None: not recorded).
CREDITS = {
    "human": N_("Translated from %(language)s by %(translator)s."),
    "machine": N_("Machine-translated from %(language)s by %(translator)s, not reviewed."),
    "machine+reviewed": N_("Machine-translated from %(language)s by %(translator)s, reviewed by a person."),
    None: N_("Translated from %(language)s by %(translator)s (method not recorded)."),
}
REVIEWED = N_("Reviewed on %(date)s.")
# What the page's text is, by (is it our translation?, did the source publish a machine translation?).
TEXT_KINDS = {
    (False, False): N_("The source's own wording"),
    (False, True): N_("A machine translation published by the source"),
    (True, False): N_("Our translation from %(language)s"),
    (True, True): N_("Our translation of a machine translation the source published in %(language)s"),
}
SOURCE = N_("Source")
ORIGINAL_HEADLINE = N_("Original headline")
LANGUAGE = N_("Language")
DATED = N_("Dated")
THIS_TEXT = N_("This text")



HAN_TAG = "zh-Hans"  # the language of a text in Han characters shown as written: ingest keeps Chinese in Simplified


def html_lang_of(text: str | None, languages: Languages) -> str:
    """The language of a text shown as written (a source's name): Chinese if it has Han characters,
    else the default language."""
    return HAN_TAG if text and HAN.search(text) else languages.default.tag


def language_name(code: str, page_lang: str, languages: Languages) -> str:
    """A source language's name in the page's language: a site language's as data/languages.yaml
    names it (English/英文), Babel's name for the others."""
    if code in languages:
        return languages[code].name_in(page_lang)
    return Locale.parse(languages[page_lang].locale).languages.get(code, code)


def html_lang(code: str, languages: Languages) -> str:
    """The `lang` attribute of text in the language `code` (zh-Hans for the site's Chinese)."""
    return languages[code].tag if code in languages else code


@dataclass(frozen=True)
class Name:
    text: str
    html_lang: str | None  # the text's language where it is not the page's, else None


def name_in(name, page_lang: str, languages: Languages) -> Name | None:
    """A name from the front matter as a page in `page_lang` shows it: {en, zh} → the page's one
    (a derived language's converted from its source's); a plain string → as written, in its own language."""
    if isinstance(name, dict):
        language = languages[page_lang]
        return Name(name.get(page_lang) or language.convert(name[languages.written_for(page_lang)]), None)
    if not name:
        return None
    own = html_lang_of(name, languages)
    return Name(name, own if own != languages[page_lang].tag else None)


def translator(translation: dict, gettext) -> str:
    by = translation["by"]
    return gettext(HOUSE_TRANSLATOR) if by == HOUSE_TRANSLATOR else by


def credit(meta: dict, gettext, languages: Languages) -> str | None:
    """The credit line of a translated version in its own language: who translated it, from what, how,
    and when it was reviewed; None for an original."""
    translation = meta.get("translation")
    if not translation:
        return None
    language = languages[meta["lang"]]
    line = gettext(CREDITS[translation.get("method")]) % {
        "language": languages[translation["from"]].name_in(language.code), "translator": translator(translation, gettext)}
    reviewed = translation.get("reviewed")
    if reviewed:
        line += language.sentence_space + gettext(REVIEWED) % {"date": format_day(dt.date.fromisoformat(reviewed), language)}
    return line


def text_kind(meta: dict, gettext, languages: Languages) -> str:
    """What the page's text is: the source's wording, a machine translation it published, or ours."""
    translation = meta.get("translation")
    source = meta.get("source") or {}
    message = TEXT_KINDS[(bool(translation), source.get("machine_translated") is True)]
    if not translation:
        return gettext(message)
    original = source.get("lang") if source.get("machine_translated") is True and source.get("lang") else translation["from"]
    return gettext(message) % {"language": language_name(original, meta["lang"], languages)}


def source_box(meta: dict, gettext, languages: Languages) -> dict:
    """The article page's source box: the outlet (linked to the original when its address is
    known), the facts a reader checks the text against, and the provenance folded away."""
    lang = meta["lang"]
    source = meta.get("source") or {}
    name = name_in(source.get("name"), lang, languages)
    facts = []
    if source.get("title"):
        facts.append({"label": gettext(ORIGINAL_HEADLINE), "value": source["title"],
                      "html_lang": _foreign(source.get("converted_from") or source.get("lang"), lang, languages)})
    if source.get("lang"):
        facts.append({"label": gettext(LANGUAGE), "value": language_name(source["lang"], lang, languages)})
    if meta.get("date"):
        day = dt.date.fromisoformat(meta["date"])
        facts.append({"label": gettext(DATED), "value": format_day(day, languages[lang]), "datetime": day.isoformat()})
    facts.append({"label": gettext(THIS_TEXT), "value": text_kind(meta, gettext, languages)})
    return {"name": name.text if name else None, "name_html_lang": name.html_lang if name else None,
            "url": source.get("url"), "facts": facts, "file": source.get("file"), "sha256": source.get("sha256")}


def _foreign(code: str | None, page_lang: str, languages: Languages) -> str | None:
    """The `lang` attribute of a text in `code` (a site language's code, or a BCP 47 tag such as
    `converted_from: zh-Hant`) on a page in `page_lang`: None when they agree or the language is not known."""
    if not code:
        return None
    value = html_lang(code, languages)
    return None if value == languages[page_lang].tag else value


def credit_lines(meta: dict, gettext, languages: Languages) -> tuple[str | None, list[str]]:
    """What ends a feed entry, as the article page words it: the source's name in the entry's
    language, then what the text is when it is not the source's own wording, and the credit line."""
    lang = meta["lang"]
    name = name_in((meta.get("source") or {}).get("name"), lang, languages)
    notes = [text_kind(meta, gettext, languages)] if (meta.get("source") or {}).get("machine_translated") is True else []
    line = credit(meta, gettext, languages)
    return (name.text if name else None), notes + ([line] if line else [])


def based_on(meta: dict, languages: Languages) -> dict | None:
    """schema.org: the original the article is based on, with its publisher, as far as it is known."""
    source = meta.get("source") or {}
    original: dict = {}
    if source.get("title"):
        original["headline"] = source["title"]
    if source.get("lang"):
        original["inLanguage"] = html_lang(source["lang"], languages)
    if source.get("url"):
        original["url"] = source["url"]
    name = name_in(source.get("name"), meta["lang"], languages)
    if name:
        original["publisher"] = {"@type": "Organization", "name": name.text}
    return {"@type": "CreativeWork", **original} if original else None
