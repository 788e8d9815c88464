"""The site's languages (data/languages.yaml): their codes, tags, names, how their dates and
labels are written, where their pages are, and how their content is produced: `written` by editors
(content/<code>/…), or `derived` at build time from another language's text by a script converter
(OpenCC). Loading checks the file against schema/languages.schema.json and what the schema cannot
say (codes declared once, the URL scheme, a derived language's source, an existing converter),
each fault a `path:line: message`. Every other module reads the languages from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from digest import DATA_DIR, LANGUAGES_SCHEMA_PATH
from digest.site import urls
from digest.vocab import VocabularyError, _line_at, _read_yaml, check_schema

FILE = "languages.yaml"
WRITTEN = "written"
OPENCC = "opencc-"  # a converter named opencc-<configuration>: OpenCC's s2hk, s2t, s2tw …


@dataclass(frozen=True)
class Language:
    """One language of the site; hashable, so functions of a language can be cached."""

    code: str
    tag: str  # BCP 47: <html lang>, hreflang, feeds
    prefix: str  # where its pages are: '' or 'zh/'
    name: str  # its own name
    names: tuple[tuple[str, str], ...]  # (language code, its name written in that language), every language
    locale: str  # Babel's, for dates
    date_format: str
    colon: str  # between a label and its value
    list_separator: str
    sentence_space: str
    post_format: str  # an official's post from {title} and {organisation}
    og_locale: str
    direction: str
    search_index: str  # the language of its Pagefind bundles
    home_label: str  # its home page, in its own words
    source: str | None = None  # a derived language: the language its content is converted from
    converter: str | None = None

    @cached_property
    def derived(self) -> bool:
        return self.source is not None

    def name_in(self, code: str) -> str:
        """This language's name as a page in `code` writes it."""
        return dict(self.names).get(code, self.name)

    def convert(self, text):
        """`text` in this language's script: the source's text converted (unchanged for a written language)."""
        if not self.converter or not text:
            return text
        return converter(self.converter).convert(text)


@dataclass(frozen=True)
class Languages:
    """The declared languages, in order; the first is the default. Its lists are made once: the
    build asks for them on every page."""

    all: tuple[Language, ...]

    def __iter__(self):
        return iter(self.all)

    def __getitem__(self, code: str) -> Language:
        return self._by_code[code]

    def __contains__(self, code) -> bool:
        return code in self._by_code

    @cached_property
    def _by_code(self) -> dict[str, Language]:
        return {language.code: language for language in self.all}

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.all)

    @property
    def default(self) -> Language:
        return self.all[0]

    @cached_property
    def written(self) -> tuple[str, ...]:
        """The codes of the languages editors write (front matter's `lang`)."""
        return tuple(language.code for language in self.all if not language.derived)

    @cached_property
    def derived(self) -> tuple[Language, ...]:
        return tuple(language for language in self.all if language.derived)

    def others(self, code: str) -> tuple[str, ...]:
        return tuple(other for other in self.codes if other != code)

    def written_for(self, code: str) -> str:
        """The written language whose text a language's pages show: itself, or its source."""
        language = self[code]
        return self.written_for(language.source) if language.derived else code

    def counterpart(self, code: str) -> str | None:
        """The written language a page in `code` is paired with (the bilingual view, a term's other
        name): the first written language whose text is not the page's own."""
        own = self.written_for(code)
        return next((other for other in self.written if other != own), None)

    def fallback(self, code: str) -> tuple[str, ...]:
        """Where a page in `code` finds an article: its own version, its source's, then the written languages in order."""
        chain = [code]
        while self[chain[-1]].derived:
            chain.append(self[chain[-1]].source)
        return tuple(dict.fromkeys([*chain, *self.written]))


@lru_cache(maxsize=8)
def converter(name: str):
    """The converter `opencc-<config>`, built once per process (OpenCC builds in ~15 ms)."""
    import opencc

    return opencc.OpenCC(name.removeprefix(OPENCC))


def _converter_problem(name: str) -> str | None:
    try:
        converter(name)
    except Exception as error:  # OpenCC raises a bare Exception for an unknown configuration
        return f"content.derived.converter: {name!r} is not an OpenCC configuration ({error})"
    return None


def load(data_dir: Path = DATA_DIR) -> Languages:
    """data/languages.yaml, checked; raises VocabularyError with path:line."""
    path = Path(data_dir) / FILE
    data, node = _read_yaml(path)
    check_schema(data, node, path, LANGUAGES_SCHEMA_PATH)
    line = lambda *trail: _line_at(node, list(trail))  # noqa: E731
    codes: dict[str, int] = {}
    for index, entry in enumerate(data):
        code = entry["code"]
        if code in codes:
            raise VocabularyError(path, line(index, "code"), f"language '{code}' is already declared (entry {codes[code] + 1})")
        codes[code] = index
        if index == 0 and code != urls.DEFAULT_LANG:
            raise VocabularyError(path, line(index, "code"), f"the first language is the site's root, '{urls.DEFAULT_LANG}' "
                                                              f"(digest/site/urls.py), not '{code}'")
        expected = "" if index == 0 else f"{code}/"
        if entry["prefix"] != expected:
            raise VocabularyError(path, line(index, "prefix"), f"prefix of '{code}' must be {expected!r}: the first language is "
                                                                "at the site's root, every other at '<code>/'")
    for index, entry in enumerate(data):
        for other in entry.get("names") or {}:
            if other not in codes:
                raise VocabularyError(path, line(index, "names", other), f"names: '{other}' is not a declared language")
        derived = entry["content"]["derived"] if isinstance(entry["content"], dict) else None
        if derived is None:
            continue
        source = derived["from"]
        if source not in codes or isinstance(data[codes[source]]["content"], dict):
            raise VocabularyError(path, line(index, "content", "derived", "from"),
                                  f"content.derived.from: '{source}' is not a declared written language")
        if problem := _converter_problem(derived["converter"]):
            raise VocabularyError(path, line(index, "content", "derived", "converter"), problem)
    return Languages(tuple(_language(entry, data) for entry in data))


def _language(entry: dict, data: list[dict]) -> Language:
    derived = entry["content"]["derived"] if isinstance(entry["content"], dict) else {}
    given = entry.get("names") or {}
    return Language(
        code=entry["code"], tag=entry["tag"], prefix=entry["prefix"], name=entry["name"],
        names=tuple((other["code"], _name_in(entry, other, data, given)) for other in data),
        locale=entry["locale"], date_format=str(entry["date_format"]), colon=entry["colon"],
        list_separator=entry["list_separator"], sentence_space=entry["sentence_space"], post_format=entry["post_format"],
        og_locale=entry["og_locale"], direction=entry["direction"], search_index=entry["search_index"],
        home_label=entry["home_label"], source=derived.get("from"), converter=derived.get("converter"))


def _name_in(entry: dict, page: dict, data: list[dict], given: dict) -> str:
    """`entry`'s name written in `page`'s language: given, its own, or converted from its name in `page`'s source."""
    if page["code"] == entry["code"]:
        return entry["name"]
    if page["code"] in given:
        return given[page["code"]]
    derived = page["content"]["derived"] if isinstance(page["content"], dict) else None
    if derived is None:
        return entry["name"]
    source = next(other for other in data if other["code"] == derived["from"])
    return converter(derived["converter"]).convert(_name_in(entry, source, data, given))


@lru_cache(maxsize=4)
def _default(data_dir: Path, _mtime_ns: int) -> Languages:
    return load(data_dir)


def default(data_dir: Path = DATA_DIR) -> Languages:
    """The languages of `data_dir`, loaded once per version of the file (for callers given no Languages)."""
    return _default(Path(data_dir), (Path(data_dir) / FILE).stat().st_mtime_ns)
