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

from digest.languages import Language, Languages

@lru_cache(maxsize=8192)  # pure, and called for every listed article
def format_day(day: dt.date, language: Language) -> str:
    return format_date(day, language.date_format, locale=language.locale)


@lru_cache(maxsize=2048)
def format_days(first: dt.date, last: dt.date, language: Language) -> str:
    """A span of days: '3–9 Feb 2025', '2025年2月3日至9日'."""
    return format_interval(first, last, "yMMMd", locale=language.locale)


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


def read_catalogue(translations_dir: Path, language: Language, languages: Languages):
    """The language's catalogue: its .po file; for a derived language without one, its source's
    converted (msgids stay, each translation converted once); None for the default language (the
    msgids are its text) and for a language with no catalogue to read."""
    if language.code == languages.default.code:
        return None
    path = catalogue_path(translations_dir, language.code)
    if path.exists():
        with path.open("rb") as stream:
            return read_po(stream, locale=language.locale)
    if not language.derived:
        return None
    catalog = read_catalogue(translations_dir, languages[language.source], languages)
    if catalog is None:
        return None
    for message in catalog:
        if message.id and message.string:
            message.string = (tuple(map(language.convert, message.string)) if isinstance(message.string, tuple)
                              else language.convert(message.string))
    return catalog


def load_translations(translations_dir: Path, language: Language, languages: Languages) -> gettext.NullTranslations:
    """The default language is the msgids' language; others come from their .po file (see read_catalogue)."""
    catalog = read_catalogue(translations_dir, language, languages)
    if catalog is None:
        return gettext.NullTranslations()
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


def untranslated(messages: list[tuple[str, int, str]], translations_dir: Path, language: Language,
                 languages: Languages) -> list[str]:
    """`path:line: message` for each of `messages` -- (file, line, msgid): template_messages' and the
    strings data files declare (the taxonomies' labels) -- with no (or a fuzzy) translation in the
    language. The messages are extracted once for every language: extracting takes 0.1 s or more."""
    if language.code == languages.default.code:
        return []
    catalog = read_catalogue(translations_dir, language, languages)
    if catalog is None:
        return [f"{catalogue_path(translations_dir, language.code)}:1: no catalogue for '{language.code}'"]
    problems = []
    for filename, line, msgid in messages:
        message = catalog.get(msgid)
        if message is None or not message.string or message.fuzzy or (isinstance(message.string, tuple) and not all(message.string)):
            problems.append(f"{filename}:{line}: untranslated interface string {msgid!r} ({language.code})")
    return problems
