"""Interface strings (gettext catalogues in theme/translations) and localised dates.

Catalogues are compiled in memory from the .po files at build time, so no .mo file is committed;
`untranslated` lists every template string a catalogue lacks, so the build can warn about it.
"""
from __future__ import annotations

import datetime as dt
import gettext
import io
from functools import lru_cache
from pathlib import Path

import jinja2
from babel.dates import format_date, format_interval
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import Markup

LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}
# A language's name as written in each language: LANGUAGE_IN[page_lang][lang]; its own name is LANG_NAMES.
LANGUAGE_IN = {"en": {"en": "English", "zh": "Chinese"}, "zh": {"en": "英文", "zh": "中文"}}
LANG_NAMES = {lang: names[lang] for lang, names in LANGUAGE_IN.items()}  # English, 中文
COLON = {"en": ": ", "zh": "："}  # between a label and its value: "Source: …", "来源：…"
DATE_FORMATS = {"en": "d MMMM y", "zh": "long"}  # 5 February 2025 / 2025年2月5日


@lru_cache(maxsize=8192)  # pure, and called for every listed article
def format_day(day: dt.date, lang: str) -> str:
    return format_date(day, DATE_FORMATS[lang], locale=LOCALES[lang])


@lru_cache(maxsize=2048)
def format_days(first: dt.date, last: dt.date, lang: str) -> str:
    """A span of days: '3–9 Feb 2025', '2025年2月3日至9日'."""
    return format_interval(first, last, "yMMMd", locale=LOCALES[lang])


def install(env: jinja2.Environment, translations: gettext.NullTranslations) -> None:
    """Make `translations` the templates' language (jinja2.ext.i18n, new style).

    `_()` runs some twenty times on every page. The extension's version goes through two context
    calls and translates and marks the string again each time; this one translates each message
    once per language. Same result for an autoescaping environment: the translation is markup-safe
    and the variables are escaped into it.
    """
    env.install_gettext_translations(translations, newstyle=True)
    if env.autoescape is not True:
        return
    translated: dict[str, Markup] = {}
    constant: dict[str, Markup] = {}  # messages used without variables: the finished string

    def translate(message: str, **variables) -> Markup:
        if not variables:
            text = constant.get(message)
            if text is None:
                text = constant[message] = Markup(translations.gettext(message)) % variables
            return text
        text = translated.get(message)
        if text is None:
            text = translated[message] = Markup(translations.gettext(message))
        return text % variables

    env.globals["_"] = translate


def catalogue_path(translations_dir: Path, lang: str) -> Path:
    return translations_dir / lang / "LC_MESSAGES" / "messages.po"


def load_translations(translations_dir: Path, lang: str) -> gettext.NullTranslations:
    """English is the source language; other languages come from their .po file."""
    path = catalogue_path(translations_dir, lang)
    if lang == "en" or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=LOCALES[lang])
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


PYTHON_SOURCES = Path(__file__).parent  # digest/site: page titles marked with N_()


def template_messages(templates_dir: Path, python_dir: Path = PYTHON_SOURCES) -> list[tuple[str, int, str]]:
    """(file, line, msgid) for every translatable string in the templates and in digest/site/*.py."""
    found = []
    sources = (
        (templates_dir, [("**.html", "jinja2")], {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}, None),
        (python_dir, [("**.py", "python")], {}, {"N_": None}),
    )
    for directory, method_map, options, keywords in sources:
        extra = {"keywords": keywords} if keywords else {}
        for filename, line, message, _comments, _context in extract_from_dir(str(directory), method_map, options, **extra):
            msgid = message[0] if isinstance(message, tuple) else message
            found.append((str(Path(directory) / filename), line, msgid))
    return found


def untranslated(templates_dir: Path, translations_dir: Path, lang: str,
                 data_messages: list[tuple[str, int, str]] = ()) -> list[str]:
    """`path:line: message` for each template string with no (or a fuzzy) translation in `lang`;
    `data_messages` are (file, line, msgid) of strings data files declare (the taxonomies' labels)."""
    if lang == "en":
        return []
    path = catalogue_path(translations_dir, lang)
    if not path.exists():
        return [f"{path}:1: no catalogue for '{lang}'"]
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=LOCALES[lang])
    problems = []
    for filename, line, msgid in [*template_messages(templates_dir), *data_messages]:
        message = catalog.get(msgid)
        if message is None or not message.string or message.fuzzy or (isinstance(message.string, tuple) and not all(message.string)):
            problems.append(f"{filename}:{line}: untranslated interface string {msgid!r} ({lang})")
    return problems
