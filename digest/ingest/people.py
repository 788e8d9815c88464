"""Officials an article names who are not in data/officials.yaml, so that an editor hears of them.

A person counts only when a title from data/titles.yaml stands right before the name: "国务院总理李强",
"省委书记马兴瑞主持会议", "Premier Li Qiang", "Vice Governor Zhang San". Nothing is guessed from a
bare name. Chinese names are a known surname and one or two more characters, ending where
punctuation, the text, or a word that follows names (表示, 强调, 调研 ...) begins -- so "李强调研"
gives 李强 and "李强调" alone gives nobody. English names are a pinyin surname and one given name.
An official whose name (either script) is an alias in data/officials.yaml is never reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pypinyin import Style, pinyin

from digest import DATA_DIR
from digest.vocab import Term, VocabularyError, _read_yaml
from digest.words import ChineseWords

HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MAX_AFTER_NAME = 4  # longest word in after_name that is looked up


@dataclass(frozen=True)
class NamedPerson:
    name: str
    title: str
    start: int = field(default=0, compare=False)  # where the name begins in the text

    def describe(self) -> str:
        return f"{self.name} ({self.title})"


@dataclass(frozen=True)
class TitleRules:
    """data/titles.yaml, compiled: title patterns, surnames and the words that may follow a name."""

    zh_titles: re.Pattern
    en_titles: re.Pattern  # lowercased titles; matched in lowercased text
    en_name: re.Pattern  # whitespace, surname, given name: matched right after a title
    surnames: frozenset[str]
    double_surnames: frozenset[str]
    after_name: frozenset[str]


def load_rules(data_dir: Path = DATA_DIR) -> TitleRules:
    path = data_dir / "titles.yaml"
    data, _ = _read_yaml(path)
    if not isinstance(data, dict) or not all(key in data for key in ("titles", "surnames", "after_name")):
        raise VocabularyError(path, 1, "expected the keys titles, surnames and after_name")
    zh_titles = [str(t) for entry in data["titles"] for t in entry.get("zh") or ()]
    en_titles = [str(t) for entry in data["titles"] for t in entry.get("en") or ()]
    single = frozenset("".join(str(data["surnames"]["single"]).split()))
    double = frozenset(str(s) for s in data["surnames"]["double"])
    readings = {
        "".join(syllables).replace("v", "ü").capitalize()
        for surname in (*single, *double)
        for syllables in _combinations(pinyin(surname, style=Style.NORMAL, heteronym=True))
    }
    readings |= {r.replace("ü", "u") for r in readings} | {r.replace("ü", "v") for r in readings}
    return TitleRules(
        zh_titles=re.compile("|".join(map(re.escape, sorted(set(zh_titles), key=len, reverse=True)))),
        en_titles=re.compile("|".join(r"\s+".join(map(re.escape, title.lower().split()))
                                      for title in sorted(set(en_titles), key=len, reverse=True))),
        en_name=re.compile(r"\s+(?:" + "|".join(sorted(readings, key=len, reverse=True))
                           + r")\s+[A-Z][a-z]+(?:-[a-z]+)?(?![A-Za-z'-])"),
        surnames=single,
        double_surnames=double,
        after_name=frozenset(str(w) for w in data["after_name"]),
    )


def _combinations(per_character: list[list[str]]) -> list[tuple[str, ...]]:
    result: list[tuple[str, ...]] = [()]
    for options in per_character:
        result = [(*done, option) for done in result for option in options]
    return result


def titled_people(text: str, rules: TitleRules) -> list[NamedPerson]:
    """Every person written with a title right before the name, in order of appearance."""
    found: list[tuple[int, NamedPerson]] = []
    for match in rules.zh_titles.finditer(text):
        name = _chinese_name_at(text, match.end(), rules)
        if name:
            found.append((match.start(), NamedPerson(name, match.group(0), match.end())))
    lowered = text.lower()
    if len(lowered) == len(text):  # offsets agree (lowercasing almost never changes the length)
        for match in rules.en_titles.finditer(lowered):
            if match.start() and lowered[match.start() - 1].isalpha():
                continue
            name = rules.en_name.match(text, match.end())
            if name:
                found.append((match.start(), NamedPerson(" ".join(name.group(0).split()),
                                                         " ".join(text[match.start():match.end()].split()),
                                                         name.start() + len(name.group(0)) - len(name.group(0).lstrip()))))
    return [person for _, person in sorted(found, key=lambda item: item[0])]


def _chinese_name_at(text: str, start: int, rules: TitleRules) -> str | None:
    """The name that starts at text[start], when one clearly does: surname, one or two more Han
    characters, then punctuation, the end of the text or a word from after_name."""
    if text[start:start + 2] in rules.double_surnames:
        surname = text[start:start + 2]
    elif text[start:start + 1] in rules.surnames:
        surname = text[start]
    else:
        return None
    for given_length in (2, 1):
        given = text[start + len(surname): start + len(surname) + given_length]
        if len(given) != given_length or not all(HAN_CHAR.match(c) for c in given):
            continue
        if given in rules.after_name or given[-1] in rules.after_name:
            continue  # 李强调: 强调 is what the person did, not their name
        end = start + len(surname) + given_length
        if _name_can_end_at(text, end, rules):
            return surname + given
    return None


def _name_can_end_at(text: str, end: int, rules: TitleRules) -> bool:
    if end == len(text) or not HAN_CHAR.match(text[end]):
        return True
    return any(text[end:end + n] in rules.after_name for n in range(1, MAX_AFTER_NAME + 1))


def unknown_officials(text: str, rules: TitleRules, officials: tuple[Term, ...],
                      words: ChineseWords) -> list[NamedPerson]:
    """People named with a title who are not in the officials vocabulary (by any alias, either
    script), each once, in order of first appearance."""
    known = {words.simplified_word(alias).casefold()
             for term in officials for alias in (*term.name.values(), *(a for aliases in term.aliases.values() for a in aliases))}
    known_chinese = [name for name in known if HAN_CHAR.search(name)]
    longest = max(map(len, known_chinese), default=0)
    reported: dict[str, NamedPerson] = {}
    for person in titled_people(text, rules):
        key = words.simplified_word(person.name).casefold()
        if key in known or key in reported:
            continue
        if HAN_CHAR.match(person.name):
            # a known name that starts here but was read shorter or longer (王伟中 read as 王伟) is
            # still that official
            written = words.simplified(text[person.start:person.start + longest])
            if any(written.startswith(name) for name in known_chinese):
                continue
        reported[key] = person
    return list(reported.values())


def describe_unknown(people: list[NamedPerson], kind: str = "officials", vocabulary: str = "officials.yaml") -> str:
    """The line for the article's problems; `kind` and `vocabulary` name the taxonomy of people
    (`match: person` in data/taxonomies.yaml) and its file."""
    names = ", ".join(person.describe() for person in people)
    return f"{kind}: named but not in data/{vocabulary}: {names} — add them or ignore"
