"""The bilingual vocabularies in data/*.yaml: the taxonomies (data/taxonomies.yaml declares each:
industries, officials, places…) and their terms, the glossary and noise rules.

Loading validates the shape of each entry (a wrong file fails with `path:line: message`) and
compiles the alias patterns once; matching is a pure function of text and vocabulary.

Matching is by whole words in both languages. Latin aliases match where no letter, digit or
hyphen touches them. A Chinese alias matches where a word starts (jieba, `digest.words`): not as the
tail of a longer word (汽车 in 小汽车), and not inside a compound the term lists under `not_within`
(软件 in 音乐软件); it may begin a compound (汽车产业, 纺织品). Chinese text in either
script matches, since it is compared in Simplified.

A term of a `match: topic` taxonomy (an industry, a place) is a topic -- and the article is tagged
with it -- when it is named in the title or the lead, or at least `TOPIC_MIN_MENTIONS` times in
all; one passing mention deep in the body is not enough. A term of a `match: person` taxonomy (an
official) is tagged on any mention of a whole name.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from digest import DATA_DIR, NOISE_SCHEMA_PATH, TAXONOMIES_SCHEMA_PATH
from digest.dates import DateBounds
from digest.schema import load_fast_validator, load_validator
from digest.words import HAN, RUN_CHAR, ChineseWords, run_around

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# A Latin alias is a whole word when no Latin letter, digit or hyphen touches it; Han characters
# next to it are a boundary ("发展AI芯片" mentions AI).
_LATIN_WORD = r"[A-Za-z0-9\u00c0-\u024f-]"
_LATIN_CHAR = re.compile(_LATIN_WORD)
_LATIN_WORDS = re.compile(r"[a-z0-9\u00c0-\u024f-]+")  # lowercased words, as _LATIN_WORD delimits them
TOPIC_MIN_MENTIONS = 2  # an industry not in the title or the lead needs this many mentions to be a topic


class VocabularyError(ValueError):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")


TOPIC, PERSON = "topic", "person"  # how a taxonomy's terms are matched (`match:` in data/taxonomies.yaml)


@dataclass(frozen=True)
class Labels:
    """A taxonomy's interface strings, as gettext msgids (theme/translations translates them)."""

    title: str  # "Industries": the index's heading, the navigation
    one: str  # "Industry": the search filter's legend
    count: tuple[str, str]  # ("%(num)d industry", "%(num)d industries")
    browse: str  # "Browse by industry"
    feed: str  # a term's feed title, from %(site)s and %(name)s


@dataclass(frozen=True)
class Taxonomy:
    """What articles are tagged with, as data/taxonomies.yaml declares it."""

    key: str  # the front-matter key and the URL folder: industries, officials, places
    vocabulary: str  # its terms' file in the data folder
    match: str  # TOPIC or PERSON
    filter: str  # the search filter's name
    schema_org: str  # its terms' schema.org type in JSON-LD
    labels: Labels
    primary: bool = False  # over titles, editions' grouping, "More in …"
    line: int = 1  # in data/taxonomies.yaml

    @property
    def person(self) -> bool:
        """Its terms are people with dated posts (`positions`)."""
        return self.match == PERSON

    def messages(self) -> tuple[str, ...]:
        """Its labels' msgids, for the check that every interface string is translated (a plural by its
        singular, as catalogues key it)."""
        labels = self.labels
        return (labels.title, labels.one, labels.count[0], labels.browse, labels.feed)


@dataclass(frozen=True)
class Term:
    """An industry or an official: something articles are tagged with."""

    slug: str
    name: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    description: dict[str, str] = field(default_factory=dict)
    group: str | None = None
    positions: tuple[dict, ...] = ()
    not_within: tuple[str, ...] = ()  # Chinese compounds in which an alias does not mean this term
    latin: re.Pattern | None = field(default=None, compare=False, repr=False)  # aliases without Han
    latin_needles: tuple[str, ...] = field(default=(), compare=False, repr=False)
    latin_literals: re.Pattern | None = field(default=None, compare=False, repr=False)  # lowercased, no boundaries
    latin_literal_aliases: tuple[str, ...] = field(default=(), compare=False, repr=False)  # lowercased, longest first
    latin_capitals: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # "ai" -> "AI"
    han: tuple[str, ...] = field(default=(), compare=False, repr=False)  # aliases with Han, longest first


@dataclass(frozen=True)
class GlossaryEntry:
    canonical: dict[str, str]
    meaning: dict[str, str]
    variants: tuple[str, ...]
    pattern: re.Pattern | None = field(default=None, compare=False, repr=False)
    needles: tuple[str, ...] = field(default=(), compare=False, repr=False)  # lowercased variants


@dataclass(frozen=True)
class Vocabularies:
    taxonomies: tuple[Taxonomy, ...]  # in data/taxonomies.yaml's order
    term_lists: tuple[tuple[Term, ...], ...]  # each taxonomy's terms, in its vocabulary's order
    glossary: tuple[GlossaryEntry, ...]
    noise: dict
    outlets: tuple[str, ...] = ()  # news outlets portals credit by name alone (data/outlets.yaml)
    wires: dict[str, str] = field(default_factory=dict)  # "(AP)" in a dateline → "Associated Press"
    dates: DateBounds = DateBounds()  # when an article may be dated (data/dates.yaml)
    outlet_names: dict[str, dict[str, str]] = field(default_factory=dict)  # any known name, folded → {en, zh}
    languages: object = None  # digest.languages.Languages (data/languages.yaml), the site's languages

    def outlet(self, name: str) -> dict[str, str] | None:
        """The outlet's name in both languages when data/outlets.yaml knows it by `name`, else None."""
        return self.outlet_names.get(fold_name(name))

    def taxonomy(self, key: str) -> Taxonomy:
        return self._by_key[key][0]

    def terms(self, key: str) -> tuple[Term, ...]:
        """The taxonomy's terms in vocabulary order; KeyError for a key data/taxonomies.yaml does not declare."""
        return self._by_key[key][1]

    def term(self, key: str, slug: str) -> Term | None:
        return self._by_slug[key].get(slug)

    def order(self, key: str) -> tuple[str, ...]:
        """The taxonomy's slugs in vocabulary order: how ties between its terms are broken on pages."""
        return tuple(term.slug for term in self.terms(key))

    # Made once, like _by_key: every file read and every feed entry asks for the keys.
    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(taxonomy.key for taxonomy in self.taxonomies)

    @cached_property
    def primary(self) -> Taxonomy:
        return next(taxonomy for taxonomy in self.taxonomies if taxonomy.primary)

    # The shipped taxonomies by name, for the benchmark's generated corpus and the tests.
    @property
    def industries(self) -> tuple[Term, ...]:
        return self.terms("industries")

    @property
    def officials(self) -> tuple[Term, ...]:
        return self.terms("officials")

    @cached_property
    def _by_key(self) -> dict[str, tuple[Taxonomy, tuple[Term, ...]]]:
        return {taxonomy.key: (taxonomy, terms) for taxonomy, terms in zip(self.taxonomies, self.term_lists)}

    @cached_property
    def _by_slug(self) -> dict[str, dict[str, Term]]:
        # every article page and listing item looks terms up by slug; the tuples stay the order
        return {taxonomy.key: {t.slug: t for t in terms} for taxonomy, terms in zip(self.taxonomies, self.term_lists)}


def phrase_pattern(phrases: list[str]) -> re.Pattern | None:
    """One regex for a list of phrases: whole words for Latin script, substrings for Han.

    All-capital Latin phrases (AI, CPPCC) match case-sensitively, so "ai" in a word never fires.
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        if HAN.search(phrase):
            parts.append(body)
            continue
        flags = "" if phrase.isupper() else "(?i:"
        parts.append(rf"(?<!{_LATIN_WORD}){flags}{body}{')' if flags else ''}(?!{_LATIN_WORD})")
    return re.compile("|".join(parts)) if parts else None


def mention_counts(text: str, terms: tuple[Term, ...], words: ChineseWords | None = None,
                   compounds: bool = True) -> dict[str, int]:
    """How often each term is mentioned as a whole word: {slug: count} for the terms mentioned.

    compounds=True lets a Chinese alias begin a longer word (汽车产业 mentions 汽车); names need
    compounds=False, since a name ends where a word ends (李强 is not in 李强调).
    """
    if not terms or not text:
        return {}
    words = words or default_words()
    if HAN.search(text):
        text = words.simplified(text)
    lowered = text.lower()
    latin_words = frozenset(_LATIN_WORDS.findall(lowered))
    counts = {}
    for term in terms:
        spans = []
        # a cheap test first: most terms are absent from most texts, and short aliases (AI) are
        # inside many words; the regex decides
        if term.latin is not None and any(needle in latin_words if " " not in needle else needle in lowered
                                          for needle in term.latin_needles):
            spans.extend(_latin_spans(text, lowered, term))
        for alias in term.han:
            alias = words.simplified_word(alias)
            if alias in text:
                spans.extend(_whole_word_spans(text, alias, term.not_within, words, compounds))
        if spans:
            counts[term.slug] = _distinct(spans)
    return counts


def match_terms(text: str, terms: tuple[Term, ...], words: ChineseWords | None = None) -> list[str]:
    """Slugs of the terms mentioned in text as whole words, in vocabulary order."""
    counts = mention_counts(text, terms, words)
    return [term.slug for term in terms if term.slug in counts]


def match_names(text: str, terms: tuple[Term, ...], words: ChineseWords | None = None) -> list[str]:
    """Slugs of the people (officials) whose whole name occurs in text, in vocabulary order."""
    counts = mention_counts(text, terms, words, compounds=False)
    return [term.slug for term in terms if term.slug in counts]


def match_topics(title: str, lead: str, text: str, terms: tuple[Term, ...], words: ChineseWords | None = None,
                 min_mentions: int = TOPIC_MIN_MENTIONS) -> list[str]:
    """Slugs of the terms that are topics of an article, in vocabulary order: named in the title or
    the lead (its first paragraph), or mentioned at least min_mentions times in text (the whole
    article, title included)."""
    in_text = mention_counts(text, terms, words)
    mentioned = tuple(term for term in terms if term.slug in in_text)  # only these can be in title or lead
    named = {**mention_counts(title, mentioned, words), **mention_counts(lead, mentioned, words)}
    return [term.slug for term in terms
            if term.slug in in_text and (term.slug in named or in_text[term.slug] >= min_mentions)]


def chinese_words(vocabularies: "Vocabularies") -> ChineseWords:
    """A segmenter that knows every Chinese alias (of every taxonomy's terms) as a word."""
    return ChineseWords(tuple(alias for terms in vocabularies.term_lists for term in terms for alias in term.han))


def tag(title: str, lead: str, text: str, vocabularies: "Vocabularies", words: ChineseWords | None = None) -> dict[str, list[str]]:
    """{taxonomy key: slugs} an article is tagged with, each taxonomy matched as it declares: topics
    (named in the title or the lead, or repeated) or people (any mention of a whole name)."""
    return {taxonomy.key: (match_names(text, terms, words) if taxonomy.person
                           else match_topics(title, lead, text, terms, words))
            for taxonomy, terms in zip(vocabularies.taxonomies, vocabularies.term_lists)}


@lru_cache(maxsize=1)
def default_words() -> ChineseWords:
    """For callers without a toolkit: the segmenter of the vocabularies in data/, built once."""
    return chinese_words(load())


def _latin_spans(text: str, lowered: str, term: Term) -> list[tuple[int, int]]:
    """Whole-word matches of the term's Latin aliases: the literal aliases found in the lowercased
    text (the regex engine scans for literals ~10× faster than for the lookaround pattern), then the
    boundaries and the case of all-capital aliases checked here; the same matches as `term.latin`."""
    if len(lowered) != len(text):  # lowercasing changed offsets (rare letters such as İ)
        return [match.span() for match in term.latin.finditer(text)]
    spans, position = [], 0
    while match := term.latin_literals.search(lowered, position):
        start = match.start()
        end = next((start + len(found) for found in _aliases_at(lowered, start, match.group(0), term)
                    if _latin_whole(text, lowered, start, start + len(found), term)), None)
        if end is None:
            position = start + 1
        else:
            spans.append((start, end))
            position = end
    return spans


def _aliases_at(lowered: str, start: int, longest: str, term: Term):
    """The aliases found at start, longest first (the literal match, then shorter ones it begins with)."""
    yield longest
    for alias in term.latin_literal_aliases:
        if len(alias) < len(longest) and re.match(_spaced(alias), lowered[start:start + len(longest)]):
            yield re.match(_spaced(alias), lowered[start:]).group(0)


def _latin_whole(text: str, lowered: str, start: int, end: int, term: Term) -> bool:
    if (start and _LATIN_CHAR.match(lowered[start - 1])) or (end < len(lowered) and _LATIN_CHAR.match(lowered[end])):
        return False
    key = " ".join(lowered[start:end].split())
    return key not in term.latin_capitals or " ".join(text[start:end].split()) == term.latin_capitals[key]


def _spaced(phrase: str) -> str:
    return r"\s+".join(re.escape(word) for word in phrase.split())


def _whole_word_spans(text: str, alias: str, not_within: tuple[str, ...], words: ChineseWords,
                      compounds: bool) -> list[tuple[int, int]]:
    blocked = [(i, i + len(c)) for c in not_within if alias in c for i in _find_all(text, c)]
    spans = []
    for start in _find_all(text, alias):
        end = start + len(alias)
        if any(b_start <= start and end <= b_end for b_start, b_end in blocked):
            continue
        starts_clear = start == 0 or not RUN_CHAR.match(text[start - 1])
        ends_clear = compounds or end == len(text) or not RUN_CHAR.match(text[end])
        if not (starts_clear and ends_clear):
            offset, run = run_around(text, start, end)
            word_starts, word_ends = words.edges(run)
            if start - offset not in word_starts:
                continue  # the alias is the tail of a longer word: 汽车 in 小汽车
            if not compounds and end - offset not in word_ends:
                continue  # the last characters of the name start another word: 李强 in 李强调
        spans.append((start, end))
    return spans


def _find_all(text: str, needle: str):
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def _distinct(spans: list[tuple[int, int]]) -> int:
    """Number of mentions: overlapping matches (新能源汽车 and 汽车) are one mention."""
    count, reach = 0, -1
    for start, end in sorted(spans):
        if start >= reach:
            count += 1
        reach = max(reach, end)
    return count


def load(data_dir: Path = DATA_DIR) -> Vocabularies:
    from digest import languages as site_languages  # it reads its file with this module's helpers

    languages = site_languages.load(data_dir)
    taxonomies = load_taxonomies(data_dir)
    return Vocabularies(
        taxonomies=taxonomies,
        term_lists=tuple(tuple(_load_terms(data_dir / taxonomy.vocabulary, languages)) for taxonomy in taxonomies),
        glossary=tuple(_load_glossary(data_dir / "glossary.yaml", languages)),
        noise=_load_noise(data_dir / "noise.yaml"),
        **_load_outlets(data_dir / "outlets.yaml", languages),
        dates=_load_dates(data_dir / "dates.yaml"),
        languages=languages,
    )


TAXONOMIES_FILE = "taxonomies.yaml"


def load_taxonomies(data_dir: Path = DATA_DIR) -> tuple[Taxonomy, ...]:
    """data/taxonomies.yaml, checked against schema/taxonomies.schema.json: two taxonomies with one key
    or one filter, none or two primary, or a vocabulary file that is not there is a `path:line` error."""
    path = data_dir / TAXONOMIES_FILE
    data, node = _read_yaml(path)
    check_schema(data, node, path, TAXONOMIES_SCHEMA_PATH)
    lines = [item.start_mark.line + 1 for item in node.value]
    taxonomies = []
    for entry, line in zip(data, lines):
        labels = entry["labels"]
        taxonomy = Taxonomy(key=entry["key"], vocabulary=entry["vocabulary"], match=entry["match"], filter=entry["filter"],
                            schema_org=entry["schema_org"], primary=entry.get("primary", False), line=line,
                            labels=Labels(labels["title"], labels["one"], tuple(labels["count"]), labels["browse"], labels["feed"]))
        for earlier in taxonomies:
            for what in ("key", "filter", "vocabulary"):
                if getattr(earlier, what) == getattr(taxonomy, what):
                    raise VocabularyError(path, line, f"{what} {getattr(taxonomy, what)!r} is also the {what} of the "
                                                      f"taxonomy at line {earlier.line}")
        if not (data_dir / taxonomy.vocabulary).is_file():
            raise VocabularyError(path, line, f"{taxonomy.key}: vocabulary {taxonomy.vocabulary!r} is not in {data_dir}")
        taxonomies.append(taxonomy)
    primary = [taxonomy for taxonomy in taxonomies if taxonomy.primary]
    if len(primary) != 1:
        raise VocabularyError(path, primary[1].line if primary else _top_line(node),
                              f"one taxonomy must be 'primary: true' (found {len(primary)})")
    return tuple(taxonomies)


# The lists of data/noise.yaml that hold regular expressions (the schema says which), by path.
NOISE_PATTERNS = (("boilerplate",), ("bylines",), ("machine_translation",), ("labelled", "*", "patterns"),
                  ("dateline", "widgets"))


def _load_noise(path: Path) -> dict:
    """data/noise.yaml, checked against schema/noise.schema.json and each pattern compiled: a
    mistake is a `path:line` error here, not a traceback or a rule silently never matching."""
    data, node = _read_yaml(path)
    check_schema(data, node, path, NOISE_SCHEMA_PATH)
    for steps in NOISE_PATTERNS:
        for trail in _trails(data, steps):
            try:
                re.compile(_value_at(data, trail))
            except re.error as problem:
                raise VocabularyError(path, _line_at(node, trail), f"{'.'.join(map(str, trail))}: "
                                                                    f"not a regular expression: {problem}") from None
    return data


def check_schema(data, node: yaml.Node | None, path: Path, schema_path: Path) -> None:
    """Raise a VocabularyError at the line of the shallowest schema error in `data` (read from `path`)."""
    if load_fast_validator(schema_path).is_valid(data):
        return
    # the shallowest error; of those, a key too many first (a misspelt key is also a missing one)
    error = min(load_validator(schema_path).iter_errors(data),
                key=lambda e: (len(e.absolute_path), e.validator != "additionalProperties"))
    where = ".".join(str(step) for step in error.absolute_path) or "the file"
    trail = list(error.absolute_path)
    if error.validator == "additionalProperties":  # point at the key itself
        trail += sorted(set(error.instance) - set(error.schema.get("properties", {})))[:1]
    raise VocabularyError(path, _line_at(node, trail), f"{where}: {error.message}")


def _trails(data, steps: tuple, trail: tuple = ()):
    """Every path to a string under `steps` ("*" is each item of a list)."""
    if not steps:
        value = data
        yield from ((*trail, index) for index in range(len(value))) if isinstance(value, list) else ()
        return
    step, rest = steps[0], steps[1:]
    if step == "*":
        for index, item in enumerate(data if isinstance(data, list) else ()):
            yield from _trails(item, rest, (*trail, index))
    elif isinstance(data, dict) and step in data:
        yield from _trails(data[step], rest, (*trail, step))


def _value_at(data, trail):
    for step in trail:
        data = data[step]
    return data


def _line_at(node: yaml.Node | None, trail: list) -> int:
    """The 1-based line of the value at `trail` (keys and list indexes), or of its nearest parent."""
    line = _top_line(node)
    for step in trail:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _load_dates(path: Path) -> DateBounds:
    data, node = _read_yaml(path)
    earliest = data.get("earliest") if isinstance(data, dict) else None
    future_days = data.get("future_days") if isinstance(data, dict) else None
    if not isinstance(earliest, dt.date) or isinstance(earliest, dt.datetime):
        raise VocabularyError(path, _top_line(node), "expected 'earliest:' with a date, YYYY-MM-DD")
    if not isinstance(future_days, int) or isinstance(future_days, bool) or future_days < 0:
        raise VocabularyError(path, _top_line(node), "expected 'future_days:' with a whole number of days")
    return DateBounds(earliest, future_days)


def _load_outlets(path: Path, languages) -> dict:
    if not path.exists():
        return {}
    data, node = _read_yaml(path)
    outlets = data.get("outlets") if isinstance(data, dict) else None
    wires = data.get("wires", {}) if isinstance(data, dict) else None
    if not isinstance(outlets, list) or not all(isinstance(name, str) and name.strip() for name in outlets):
        raise VocabularyError(path, _top_line(node), "expected 'outlets:' with a list of names")
    if not isinstance(wires, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in wires.items()):
        raise VocabularyError(path, _top_line(node), "expected 'wires:' mapping dateline names to agencies")
    names = data.get("names", [])
    lines = _item_lines(node, "names")
    known: dict[str, dict[str, str]] = {}
    for index, entry in enumerate(names if isinstance(names, list) else [None]):
        line = lines[index] if index < len(lines) else _top_line(node)
        aliases = entry.get("aliases", []) if isinstance(entry, dict) else None
        default, written = languages.default.code, languages.written
        if not (isinstance(entry, dict) and isinstance(entry.get(default), str) and entry[default].strip()
                and all(isinstance(entry[lang], str) and entry[lang].strip() for lang in written if lang in entry)
                and set(entry) <= {*written, "aliases"} and isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)):
            shape = ", ".join(f"{lang}: …" for lang in written)
            raise VocabularyError(path, line, f"expected a name in 'names:' as {{{shape}, aliases: [...]}} ({default} at least)")
        name = {lang: entry[lang].strip() for lang in written if lang in entry}
        for spelling in (*name.values(), *aliases):
            if known.get(fold_name(spelling), name) != name:
                raise VocabularyError(path, line, f"{spelling!r} names two outlets in 'names:'")
            known[fold_name(spelling)] = name
    return {"outlets": tuple(name.strip() for name in outlets), "wires": dict(wires), "outlet_names": known}


def fold_name(name: str) -> str:
    """A name as outlets are looked up: case and runs of white space do not matter."""
    return " ".join(name.casefold().split())


def _item_lines(node: yaml.Node | None, key: str) -> list[int]:
    """The 1-based line of each item of the top-level list `key`."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key and isinstance(value, yaml.SequenceNode):
                return [item.start_mark.line + 1 for item in value.value]
    return []


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster, same values


def _top_line(node: yaml.Node | None) -> int:
    """The 1-based line of a file's top node, for an error about the file's shape."""
    return node.start_mark.line + 1 if node else 1


def _read_yaml(path: Path) -> tuple[object, yaml.Node]:
    """The file's data and its node tree (for lines), from one parse with libyaml when PyYAML has it."""
    loader = _YAML_LOADER(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise VocabularyError(path, mark.line + 1 if mark else 1, f"malformed YAML: {error.problem}") from None
    finally:
        loader.dispose()


def _entries(path: Path) -> list[tuple[dict, int]]:
    data, node = _read_yaml(path)
    if not isinstance(data, list):
        raise VocabularyError(path, 1, "expected a list of entries")
    lines = [item.start_mark.line + 1 for item in node.value]
    for entry, line in zip(data, lines):
        if not isinstance(entry, dict):
            raise VocabularyError(path, line, "each entry must be a mapping")
    return list(zip(data, lines))


def _in_languages(entry: dict, key: str, path: Path, line: int, languages, required: bool = True) -> dict[str, str]:
    """A value written per language ({en: …, zh: …}), as given: at least the default language's when
    `required`, no undeclared language (see in_every_language for the languages it leaves out)."""
    value = entry.get(key) or {}
    if not isinstance(value, dict) or (required and not value.get(languages.default.code)):
        raise VocabularyError(path, line, f"'{key}' needs {languages.default.code} (and may give {', '.join(languages.others(languages.default.code))})")
    unknown = [lang for lang in value if lang not in languages]
    if unknown:
        raise VocabularyError(path, line, f"'{key}': '{unknown[0]}' is not a language of data/languages.yaml")
    return {lang: str(value[lang]) for lang in languages.codes if value.get(lang)}


def in_every_language(given: dict[str, str], languages, fallback: bool = True) -> dict[str, str]:
    """`given` with a value for the languages it lacks: a derived language's converted from its
    source's; a written language's (with `fallback`) the default language's."""
    filled = dict(given)
    for language in languages:
        if language.code in filled:
            continue
        if language.derived and filled.get(language.source):
            filled[language.code] = language.convert(filled[language.source])
        elif not language.derived and fallback and languages.default.code in filled:
            filled[language.code] = filled[languages.default.code]
    return filled


def _load_terms(path: Path, languages) -> list[Term]:
    terms, seen = [], {}
    for entry, line in _entries(path):
        slug = entry.get("slug")
        if not isinstance(slug, str) or not SLUG.match(slug):
            raise VocabularyError(path, line, f"slug {slug!r} is not lowercase ASCII kebab case")
        if slug in seen:
            raise VocabularyError(path, line, f"slug '{slug}' already defined at line {seen[slug]}")
        seen[slug] = line
        name = _in_languages(entry, "name", path, line, languages)
        raw_aliases = entry.get("aliases") or {}
        aliases = {lang: tuple(str(a) for a in raw_aliases.get(lang) or ()) for lang in languages.codes}
        phrases = [*name.values(), *(alias for each in aliases.values() for alias in each)]
        latin = [p for p in phrases if not HAN.search(p)]
        han = sorted({p for p in phrases if HAN.search(p)}, key=lambda p: (-len(p), p))
        literal_aliases = tuple(sorted({" ".join(p.lower().split()) for p in latin}, key=lambda p: (-len(p), p)))
        not_within = entry.get("not_within") or []
        if not isinstance(not_within, list) or not all(isinstance(c, str) and HAN.search(c) for c in not_within):
            raise VocabularyError(path, line, "'not_within' must be a list of Chinese compounds")
        terms.append(
            Term(
                slug=slug,
                name=in_every_language(name, languages),
                aliases=aliases,
                description=in_every_language(_in_languages(entry, "description", path, line, languages, required=False),
                                              languages, fallback=False),
                group=entry.get("group"),
                positions=tuple(_position(position, languages) for position in entry.get("positions") or ()),
                not_within=tuple(not_within),
                latin=phrase_pattern(latin),
                latin_literals=re.compile("|".join(map(_spaced, literal_aliases))) if literal_aliases else None,
                latin_literal_aliases=literal_aliases,
                latin_capitals={" ".join(p.lower().split()): " ".join(p.split()) for p in latin if p.isupper()},
                latin_needles=tuple(sorted({" ".join(p.lower().split()) for p in latin})),
                han=tuple(han),
            )
        )
    return terms


def _position(position, languages):
    """A post as given, its title and organisation named in every language (see in_every_language)."""
    if not isinstance(position, dict):
        return position
    return {key: in_every_language(value, languages) if key in ("title", "organisation") and isinstance(value, dict) else value
            for key, value in position.items()}


def _load_glossary(path: Path, languages) -> list[GlossaryEntry]:
    entries = []
    for entry, line in _entries(path):
        variants = tuple(str(v) for v in entry.get("variants") or ())
        entries.append(
            GlossaryEntry(
                canonical=_in_languages(entry, "canonical", path, line, languages),
                meaning=_in_languages(entry, "meaning", path, line, languages, required=False),
                variants=variants,
                pattern=phrase_pattern(list(variants)),
                needles=tuple(sorted({" ".join(v.lower().split()) for v in variants})),
            )
        )
    return entries
