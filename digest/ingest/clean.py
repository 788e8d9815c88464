"""Stage 3: remove what is not article text, and say why.

Every removal or fix is a `Change` the editor sees. In order:

1. Whole lines, one at a time: the repeated title, site boilerplate ("Exit mobile version", share
   bars, 返回顶部), labelled page furniture (WeChat footers, copyright/ICP lines, editor lines,
   share prompts, related-links headings; data/noise.yaml `labelled`) and spam lines (Indonesian
   lottery spam, Chinese gambling spam, English SEO junk). A line by which the page says its text
   is a machine translation (`machine_translation`) goes too, and becomes `machine_translated`.
2. Structure: site menus -- a run of many very short lines with no punctuation, or one line of
   many short links -- wherever they are.
3. Metadata: dateline/source lines near the top ("2024-05-01 10:00 来源：新华网 作者：张三"), the
   whole-line "Source: X" block, and a source line at the very end become `source_name` and
   `dateline` (for the metadata stage) instead of body text.
4. The page footer: once a footer marker (copyright, ICP, 举报电话, WeChat prompt, editor line)
   comes after most of the article's prose, the short non-prose lines after it go too; bylines
   and editor lines closing the article go as well. Prose is never removed by this rule.
5. Inside sentences: gambling brands from a list, and an unknown token that is wedged into
   phrases throughout the article (see `_wedged_tokens`); Chinese tokens not in Japanese or Korean text.
6. The machine-translation artifact "high -ranking" becomes "high-ranking".

Every other character of every other paragraph is kept.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from digest.ingest.credits import SOURCE_LABEL, plausible_source
from digest.ingest.detect import HAN, HANGUL, KANA, detect_language, language_by_script
from digest.ingest.extract import CODE, Block
from digest.words import load_tokenizer

# "high -ranking": a letter, spaces, a hyphen glued to the next letter. Real dashes (–, —),
# spaced hyphens ("2020 - 2025", "A - B") and minus signs ("-5") never match.
SPACED_HYPHEN = re.compile(r"(?<=[A-Za-z])[ \t]+-(?=[A-Za-z])")
SOURCE_LINE = re.compile(r"^\s*" + SOURCE_LABEL + r"\s*[:：]\s*(?P<name>\S.{0,150}?)\s*$", re.I)
WORD = re.compile(r"[^\W\d_]+|\d+", re.U)
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
LATIN_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{2,15}(?![A-Za-z0-9])")
SENTENCE_PUNCTUATION = re.compile(r"[。！？；，、：!?;:,.]")
ENDS_LIKE_PROSE = re.compile(r"[。！？!?.”\"’)）]\s*$")
# A date or date-time stamp as CMSs print it: 2024-05-01 10:00:00, 2024/5/1, 2024年05月01日 10:00.
DATESTAMP = re.compile(
    r"(?<!\d)(?:19|20)\d{2}\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?!\d)"
)
MENU_SEPARATOR = re.compile(r"[|｜·•/\s　]")
FIELD_SEPARATORS = re.compile(r"[\s|｜/·•【】\[\]()（）丨]+")


@dataclass(frozen=True)
class Change:
    line: int | None
    action: str  # "removed", "fixed", "moved", "removed inline spam", "note"
    reason: str
    text: str
    count: int = 1  # how many times, for a change made throughout the text

    def describe(self) -> str:
        if self.action == "note":
            return self.reason
        where = f"line {self.line}: " if self.line else ""
        snippet = self.text if len(self.text) <= 70 else self.text[:67] + "..."
        times = f" ({self.count} times)" if self.count > 1 else ""
        return f"{where}{self.action} {snippet!r}{times}: {self.reason}"


MACHINE_TRANSLATION_NOTICE = "the page says it is a machine translation: source.machine_translated goes to the front matter"


@dataclass(frozen=True)
class Cleaned:
    blocks: tuple[Block, ...]
    changes: tuple[Change, ...]
    source_name: str | None
    dateline: str | None = None  # the removed dateline's text (the first one with a date), for find_date
    machine_translated: bool = False  # the page said its text is a machine translation (noise.yaml machine_translation)


class Dictionary:
    """jieba's word list and segmenter, loaded on first use (1-3 s) and then kept with the rules.

    Only Chinese text that contains a listed brand or a suspicious repeated token needs it, so
    English runs never pay for it, and each process pays once (vocabulary matching shares it).
    """

    @cached_property
    def _tokenizer(self):
        return load_tokenizer()  # jieba's own dictionary, read once per process for every user

    def is_word(self, text: str) -> bool:
        return self._tokenizer.FREQ.get(text, 0) > 0

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each word jieba cuts text into, dictionary words only (no HMM guesses)."""
        spans, start = [], 0
        for word in self._tokenizer.cut(text, HMM=False):
            spans.append((start, start + len(word)))
            start += len(word)
        return spans


@dataclass(frozen=True)
class LabelledGroup:
    reason: str
    pattern: re.Pattern
    footer: bool  # a line of this group starts the page footer when it comes near the end


@dataclass(frozen=True)
class Brand:
    token: str
    reason: str
    not_before: tuple[str, ...]  # contexts where the same characters are an ordinary word or name


@dataclass(frozen=True)
class NoiseRules:
    boilerplate: re.Pattern
    strong: re.Pattern
    strong_needles: tuple[str, ...]  # lowercased strong terms: a cheap test before the regex
    markets: frozenset[str]
    gambling: frozenset[str]
    filler: frozenset[str]
    max_short_words: int
    max_short_han: int
    max_list_words: int
    labelled: tuple[LabelledGroup, ...] = ()
    bylines: re.Pattern | None = None
    structure: dict = field(default_factory=dict)
    field_label: re.Pattern | None = None
    source_labels: frozenset[str] = frozenset()
    dateline: dict = field(default_factory=dict)
    brands: tuple[Brand, ...] = ()
    machine_translation: re.Pattern | None = None  # a line by which a page says it is machine-translated
    wedged: dict = field(default_factory=dict)
    dictionary: Dictionary = field(default_factory=Dictionary, compare=False, repr=False)

    @classmethod
    def from_data(cls, noise: dict) -> "NoiseRules":
        from digest.vocab import phrase_pattern

        spam = noise["spam"]
        dateline = noise["dateline"]
        labels = sorted({*dateline["source_labels"], *dateline["other_labels"]}, key=len, reverse=True)
        return cls(
            boilerplate=_whole_line(noise["boilerplate"]),
            strong=phrase_pattern(spam["strong"]),
            strong_needles=tuple(sorted({term.lower() for term in spam["strong"]})),
            markets=frozenset(w.lower() for w in spam["markets"]),
            gambling=frozenset(w.lower() for w in spam["gambling"]),
            filler=frozenset(w.lower() for w in spam["filler"]),
            max_short_words=spam["max_short_words"],
            max_short_han=spam["max_short_han"],
            max_list_words=spam["max_list_words"],
            labelled=tuple(LabelledGroup(g["reason"], _whole_line(g["patterns"]), bool(g.get("footer")))
                           for g in noise["labelled"]),
            bylines=_whole_line(noise["bylines"]),
            structure=dict(noise["structure"]),
            # A label is a field name only where no Latin letter runs into it ("Resource:" is not "Source:").
            field_label=re.compile(r"(?<![A-Za-z])(?P<label>" + "|".join(map(re.escape, labels)) + r")\s*[:：]", re.I),
            source_labels=frozenset(label.lower() for label in dateline["source_labels"]),
            dateline=dict(dateline),
            brands=tuple(_brand(entry) for entry in spam["inline_brands"]),
            machine_translation=_whole_line(noise["machine_translation"]) if noise.get("machine_translation") else None,
            wedged=dict(spam["wedged_tokens"]),
        )


def _whole_line(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _brand(entry) -> Brand:
    if isinstance(entry, str):
        return Brand(entry, "gambling brand", ())
    return Brand(str(entry["token"]), entry.get("reason", "gambling brand"), tuple(entry.get("not_before", ())))


def normalise_for_comparison(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


@dataclass
class _Line:
    """One line of one block while cleaning: removal is decided by the passes, in order."""

    block: int
    number: int | None
    text: str
    removed: str | None = None  # the reason, once removed
    moved: bool = False  # removed because it became metadata

    @property
    def kept(self) -> bool:
        return self.removed is None


def clean(blocks: tuple[Block, ...], title: str | None, rules: NoiseRules, detector) -> Cleaned:
    # A code block is kept as written: its lines are not prose to clean ("run -p" is no MT artifact).
    lines = [
        _Line(index, block.line + offset if block.line else None, text)
        for index, block in enumerate(blocks) if block.kind != CODE
        for offset, text in enumerate(block.text.split("\n"))
    ]
    single_line_blocks = {index for index, block in enumerate(blocks) if "\n" not in block.text}
    title_key = normalise_for_comparison(title) if title else None
    for line in lines:
        if title_key and line.block in single_line_blocks and normalise_for_comparison(line.text) == title_key:
            line.removed = "repeated title"
        elif rules.machine_translation and rules.machine_translation.fullmatch(line.text.strip()):
            line.removed, line.moved = MACHINE_TRANSLATION_NOTICE, True
        else:
            line.removed = _noise_reason(line.text, rules, detector)
    _remove_menus(lines, rules.structure)
    source_name, dateline = _take_metadata(lines, single_line_blocks, rules)
    _remove_teasers(lines, rules.structure)
    _remove_footer(lines, rules)
    _remove_closing_bylines(lines, rules)

    changes: list[tuple[int, Change]] = []
    for position, line in enumerate(lines):
        if line.moved:
            changes.append((position, Change(line.number, "moved", line.removed, line.text)))
        elif line.removed:
            changes.append((position, Change(line.number, "removed", line.removed, line.text)))
    inline_changes = _remove_inline_spam(lines, rules)

    kept_text: dict[int, list[str]] = {index: [block.text] for index, block in enumerate(blocks) if block.kind == CODE}
    for position, line in enumerate(lines):
        if not line.kept:
            continue
        fixed = SPACED_HYPHEN.sub("-", line.text)
        if fixed != line.text:
            for match in SPACED_HYPHEN.finditer(line.text):
                left = line.text[: match.start()].split()[-1]
                right = WORD.match(line.text, match.end()).group(0)
                changes.append((position, Change(line.number, "fixed", 'machine-translation spacing "word -word"',
                                                 f"{left} -{right} → {left}-{right}")))
        kept_text.setdefault(line.block, []).append(fixed)
    changes.sort(key=lambda item: item[0])
    kept = tuple(blocks[index].with_text("\n".join(texts)) for index, texts in sorted(kept_text.items()))
    machine_translated = any(line.removed == MACHINE_TRANSLATION_NOTICE for line in lines)
    return Cleaned(kept, tuple(change for _, change in changes) + inline_changes, source_name, dateline, machine_translated)


# --- 1. whole lines ---------------------------------------------------------------------------

def _noise_reason(line: str, rules: NoiseRules, detector) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if rules.boilerplate.fullmatch(stripped):
        return "site boilerplate"
    for group in rules.labelled:
        if group.pattern.fullmatch(stripped):
            return group.reason
    words = [w.lower() for w in WORD.findall(stripped)]
    han = len(HAN.findall(stripped))
    short = len(words) <= rules.max_short_words and han <= rules.max_short_han
    lowered = stripped.lower()
    if any(needle in lowered for needle in rules.strong_needles) and rules.strong.search(stripped):
        brands = {brand.token.lower() for brand in rules.brands}
        if ENDS_LIKE_PROSE.search(stripped) and all(m.group(0).lower() in brands for m in rules.strong.finditer(stripped)):
            return None  # a sentence with a brand spliced in: the brand is cut out later, the sentence stays
        if short:
            return "spam (gambling or SEO term in a short line)"
        if detect_language(stripped, detector) in ("id", "ms"):
            return "spam (Indonesian gambling text)"
    if 0 < len(words) <= rules.max_list_words and not han:
        vocabulary = rules.markets | rules.gambling | rules.filler
        has_market = any(w in rules.markets for w in words)
        has_gambling = any(w in rules.gambling for w in words)
        if has_market and has_gambling and all(w in vocabulary or w.isdigit() for w in words):
            return "spam (Indonesian lottery keywords)"
    return None


# --- 2. site menus ----------------------------------------------------------------------------

def _is_menu_item(text: str, structure: dict) -> bool:
    """首页 / 要闻 / Home / World: a link text, not a heading or a list item of a real list."""
    text = text.strip()
    if not text or len(text) > structure["menu_max_chars"] or SENTENCE_PUNCTUATION.search(text):
        return False
    han = len(HAN.findall(text))
    words = len(re.findall(r"[A-Za-z0-9][\w'&+-]*", text))
    return han <= structure["menu_max_han"] and words <= structure["menu_max_words"] and han + words > 0


def _remove_menus(lines: list[_Line], structure: dict) -> None:
    run: list[_Line] = []

    def close_run():
        if len(run) >= structure["menu_min_run"]:
            for line in run:
                line.removed = f"site menu ({len(run)} short link lines)"
        run.clear()

    for line in lines:
        if not line.kept:
            continue  # lines already removed (返回顶部 in a menu) do not break the run
        if _is_menu_item(line.text, structure):
            run.append(line)
            continue
        close_run()
        if not MENU_SEPARATOR.search(line.text) or SENTENCE_PUNCTUATION.search(line.text):
            continue
        links = [part for part in re.split(r"\s*[|｜·•/]\s*|\s{2,}|　+", line.text.strip()) if part]
        if len(links) == 1 and HAN.search(line.text):
            links = line.text.split()  # Chinese prose has no spaces: 首页 新闻 政务 … is a link bar
        if len(links) >= structure["menu_line_min_links"] and all(_is_menu_item(link, structure) for link in links):
            line.removed = f"site menu ({len(links)} links in one line)"
    close_run()


# --- 3. dateline and source -------------------------------------------------------------------

@dataclass(frozen=True)
class _Metadata:
    source: str | None
    has_date: bool


def _parse_metadata_line(text: str, rules: NoiseRules) -> _Metadata | None:
    """Fields of a CMS metadata line, or None when the line is anything else (prose above all).

    "2024-05-01 10:00:00 来源：新华网 作者：张三", "发布时间：2024年05月01日 来源：某办公室 【字号 大 中 小】",
    "Source: GDToday | Updated: 2024-05-01": every character belongs to a date, a label with its
    short value, a widget or a separator.
    """
    if len(text) > rules.dateline["max_line_chars"] or not (rules.field_label.search(text) or DATESTAMP.search(text)):
        return None
    for widget in rules.dateline["widgets"]:
        text = re.sub(widget, " ", text, flags=re.I)
    labels = list(rules.field_label.finditer(text))
    dates = list(DATESTAMP.finditer(text))
    if not labels and not dates:
        return None
    covered = [(d.start(), d.end()) for d in dates]
    source = None
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        value = text[label.end(): end]
        date_inside = DATESTAMP.search(value)
        value = value[: date_inside.start()] if date_inside else value
        value = re.split(r"\s*[|｜丨]\s*|\s{2,}|　", value.strip())[0]
        if HAN.search(value):
            value = value.split()[0] if value.split() else ""
        value = value.strip(" 。.;；,，")
        if re.search(r"[。！？；]", value) or len(value) > rules.dateline["max_value_chars"]:
            return None
        covered.append((label.start(), label.end() + text[label.end():].find(value) + len(value) if value else label.end()))
        if label.group("label").lower() in rules.source_labels and value and source is None:
            source = value
    residue = list(text)
    for start, end in covered:
        residue[start:end] = [" "] * (end - start)
    if FIELD_SEPARATORS.sub("", "".join(residue)):
        return None
    if source and not plausible_source(source):
        source = None
    if source is None and not dates:
        return None
    return _Metadata(source, bool(dates))


def _take_metadata(lines: list[_Line], single_line_blocks: set[int], rules: NoiseRules):
    """Move dateline/source lines out of the body; return (source name, dateline text).

    Looked for in the first `search_blocks` blocks and the last `end_lines` lines; a block that is
    just "Source: X" / "来源：X" is taken anywhere (the first one), as before.
    """
    source_name, dateline = None, None
    kept = [line for line in lines if line.kept]
    top_blocks = set(sorted({line.block for line in kept})[: rules.dateline["search_blocks"]])
    last = {id(line) for line in kept[-rules.dateline["end_lines"]:]}
    for line in kept:
        at_top, at_end = line.block in top_blocks, id(line) in last
        plain = SOURCE_LINE.match(line.text) if line.block in single_line_blocks else None
        if plain and _plain_source(plain.group("name"), rules) and (source_name is None or at_end):
            source_name = source_name or plain.group("name").rstrip("。.;；")
            line.removed, line.moved = "source name goes to the front matter", True
            continue
        if not (at_top or at_end):
            continue
        found = _parse_metadata_line(line.text, rules)
        if found is None or (not at_top and not found.source):
            continue
        line.removed, line.moved = "dateline and source line → front matter", True
        source_name = source_name or found.source
        if found.has_date and dateline is None:
            dateline = line.text.strip()
    return source_name, dateline


def _plain_source(name: str, rules: NoiseRules) -> bool:
    """"Source: Province of Guangdong": a name alone, no date or further fields, no copyright."""
    return plausible_source(name) and not (DATESTAMP.search(name) or rules.field_label.search(name))


# --- 4. the page footer -----------------------------------------------------------------------

def _is_prose(text: str, structure: dict) -> bool:
    text = text.strip()
    return len(text) > structure["footer_max_chars"] or bool(ENDS_LIKE_PROSE.search(text))


def _remove_footer(lines: list[_Line], rules: NoiseRules) -> None:
    """After a footer marker that follows most of the prose, short non-prose lines are footer too."""
    footer_reasons = {group.reason for group in rules.labelled if group.footer}
    structure = rules.structure
    prose_chars = [len(line.text) if line.kept and _is_prose(line.text, structure) else 0 for line in lines]
    total = sum(prose_chars)
    before = 0
    marker = None
    for position, line in enumerate(lines):
        before += prose_chars[position]
        if line.removed in footer_reasons and before >= total - before:
            marker = line.removed
            continue
        if marker is None or not line.kept:
            continue
        if _is_prose(line.text, structure):
            marker = None  # the article goes on: this is not a footer
        else:
            line.removed = f"page footer (after the {marker})"


# "…南岭县蓝莓...【详细】", "The invented council said it would…": a summary cut short mid-sentence to
# link to another article. Article prose does not end that way twice in a row.
TEASER_END = re.compile(
    r"(?<![。！？!?」”\"….])(?:\.{3}|…{1,2})\s*(?:【详细】|\[详细\]|【更多】|\(?more\)?|read more)?\s*$|【详细】\s*$", re.I)


# Inside a related-articles list: an ellipsis at the end, whatever comes before it.
LIST_TEASER_END = re.compile(r"(?:\.{3}|…{1,2})\s*(?:【详细】|\[详细\]|【更多】|\(?more\)?|read more)?\s*$", re.I)


def _remove_teasers(lines: list[_Line], structure: dict) -> None:
    """Two teasers in a row (summaries of other articles, cut short) after the article's prose
    start the related-articles list: its teasers go, and the short lines among and after them
    (timestamps, link texts), until prose that is not a teaser comes back. Inside the list, a line
    ending in an ellipsis is a teaser wherever it was cut, after a full stop too ("…刷票行为。...");
    before the list, an article may end on one ("…三个通用机场。……")."""
    kept = [line for line in lines if line.kept]
    texts = [(line, bool(TEASER_END.search(line.text))) for line in kept]
    substantial = [(i, teaser) for i, (line, teaser) in enumerate(texts) if teaser or _is_prose(line.text, structure)]
    start, seen_prose = None, False
    for (position, teaser), (_, next_teaser) in zip(substantial, substantial[1:]):
        if teaser and next_teaser and seen_prose:
            start = position
            break
        seen_prose = seen_prose or not teaser
    if start is None:
        return
    for line, teaser in texts[start:]:
        if teaser or LIST_TEASER_END.search(line.text):
            line.removed = "related-articles list (teasers cut short)"
        elif _is_prose(line.text, structure):
            break
        else:
            line.removed = "related-articles list"


def _remove_closing_bylines(lines: list[_Line], rules: NoiseRules) -> None:
    """"（记者 张三 通讯员 李四）", "By Jane Doe", "编辑：王五" closing the article, and
    "本报记者 张三" opening it (before its first sentence)."""
    for ordered in (reversed(lines), lines):
        for line in ordered:
            if not line.kept:
                continue
            if not rules.bylines.fullmatch(line.text.strip()):
                break
            line.removed = "byline"


# --- 5. spam inside sentences -----------------------------------------------------------------

@dataclass(frozen=True)
class _Occurrence:
    line: int  # index into lines
    start: int
    end: int


def _remove_inline_spam(lines: list[_Line], rules: NoiseRules) -> tuple[Change, ...]:
    changes = []
    kept = [index for index, line in enumerate(lines) if line.kept]
    everything = "\n".join(lines[index].text for index in kept)
    chinese = not _japanese_or_korean(everything)
    everything = everything.lower()
    for brand in rules.brands:
        if brand.token.lower() not in everything or (not chinese and HAN.search(brand.token)):
            continue
        found = [o for index in kept for o in _brand_occurrences(lines[index].text, index, brand, rules.dictionary)]
        if found:
            changes.append(_cut(lines, brand.token, found, brand.reason))
    for token, found in _wedged_tokens(lines, kept, rules) if chinese else ():
        changes.append(_cut(lines, token, found, "unknown brand: a non-word wedged into phrases throughout the text"))
    return tuple(changes)


def _japanese_or_korean(text: str) -> bool:
    """Han characters in Japanese or Korean text are not cut into words by jieba's Chinese
    dictionary, which tells a Han brand or a wedged token from a word (and loading it costs more
    than ingesting the page, which is rejected for its language)."""
    return bool(KANA.search(text) or HANGUL.search(text)) and language_by_script(text) in ("ja", "ko")


def _cut(lines: list[_Line], token: str, found: list[_Occurrence], reason: str) -> Change:
    for occurrence in sorted(found, key=lambda o: (o.line, -o.start)):
        text = lines[occurrence.line].text
        start, end = occurrence.start, occurrence.end
        if (start == 0 or text[start - 1] == " ") and text[end: end + 1] == " ":
            end += 1  # "the bet365 platform" → "the platform", not "the  platform"
        lines[occurrence.line].text = text[:start] + text[end:]
        if not lines[occurrence.line].text.strip():
            lines[occurrence.line].removed = "inline spam"  # the line was nothing but the brand
    first = lines[min(o.line for o in found)]
    return Change(first.number, "removed inline spam", reason, token, count=len(found))


def _brand_occurrences(text: str, index: int, brand: Brand, dictionary: Dictionary) -> list[_Occurrence]:
    token = brand.token
    if not HAN.search(token):
        pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z0-9])", re.I)
        return [_Occurrence(index, m.start(), m.end()) for m in pattern.finditer(text)]
    found, start = [], text.find(token)
    while start != -1:
        end = start + len(token)
        if not any(text.startswith(context, end) for context in brand.not_before) and _is_token(text, start, end, dictionary):
            found.append(_Occurrence(index, start, end))
        start = text.find(token, end)
    return found


def _is_token(text: str, start: int, end: int, dictionary: Dictionary) -> bool:
    """False where the brand's characters belong to a longer word: 照明升级 (照明), 明升暗降."""
    for before in range(1, 4):
        for inside in range(1, end - start):
            if start - before >= 0 and dictionary.is_word(text[start - before: start + inside]):
                return False
    return not any(dictionary.is_word(text[start: end + after]) for after in range(1, 4) if end + after <= len(text))


def _wedged_tokens(lines: list[_Line], kept: list[int], rules: NoiseRules) -> list[tuple[str, list[_Occurrence]]]:
    """A brand nobody listed: a token repeated through the text that is not a word of the language.

    A candidate (2-4 Han characters, or a Latin word between Han characters) must occur at least
    `min_repeats` times in different contexts, contain no function character (的, 和 …), never be
    a dictionary word nor a compound of dictionary words, never stand where a name or a place
    stands, leave no broken word behind when removed, and be visibly wedged into a phrase in at
    least `min_wedged` places and in at least `min_wedged_share` of all: its characters glue to the
    next word (低空经济明升高地 → 明/升高/地) or it splits a word (产明升业). A term the dictionary lacks
    (托育, 普惠) reads as glued only where the segmenter stumbles, a minority of its many uses. Real
    terms repeated many times (产业, 低空经济, 具身智能, 湖景县, 周虚构, 托育) fail one of these.
    """
    settings = rules.wedged
    texts = {index: lines[index].text for index in kept}
    if not any(HAN.search(text) for text in texts.values()):
        return []
    function_split = re.compile("[" + re.escape(settings["function_chars"]) + "]+")
    suffixes = tuple(settings["name_suffixes"])
    # Han text between function characters, all lines in one string: "|" marks the cuts.
    han_text = function_split.sub("|", "|".join(HAN_RUN.findall("\n".join(texts.values()))))
    counts: Counter[str] = Counter()
    for size in (2, 3, 4, 5):
        counts.update([han_text[i: i + size] for i in range(len(han_text) - size + 1)])
    for text in texts.values():
        counts.update([m.group(0) for m in LATIN_TOKEN.finditer(text) if not m.group(0).isupper()])  # AI, GDP: words
    frequent = {gram: count for gram, count in counts.items() if count >= settings["min_repeats"] and "|" not in gram}
    # A token always followed (or preceded) by the same character is part of a longer repeated
    # term (新质生产 in 新质生产力), not a unit of its own: its one-longer extension is as frequent.
    longest_extension: Counter[str] = Counter()
    for gram, count in frequent.items():
        if len(gram) >= 3 and HAN.match(gram):
            for part in (gram[:-1], gram[1:]):
                if longest_extension[part] < count:
                    longest_extension[part] = count

    def is_candidate(token: str, count: int) -> bool:  # the dictionary is asked later: loading it costs ~1 s
        if token.endswith(suffixes):
            return False
        return not HAN.match(token) or (len(token) <= 4 and longest_extension[token] < count)

    wanted = {token for token, count in frequent.items() if is_candidate(token, count)}
    if not wanted:
        return []
    positions: dict[str, list[_Occurrence]] = {token: [] for token in wanted}
    for token in wanted:
        pattern = None if HAN.match(token) else re.compile(rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z0-9])")
        for index, text in texts.items():
            if pattern:
                positions[token].extend(_Occurrence(index, m.start(), m.end()) for m in pattern.finditer(text))
                continue
            start = text.find(token)
            while start != -1:
                positions[token].append(_Occurrence(index, start, start + len(token)))
                start = text.find(token, start + 1)
    flagged: list[tuple[str, list[_Occurrence]]] = []
    taken: set[tuple[int, int]] = set()
    for token, found in sorted(positions.items(), key=lambda item: (-len(item[0]), item[0])):
        han = HAN.search(token) is not None
        if not han and not all(_han_around(texts[o.line], o) for o in found):
            continue  # a Latin word standing on its own somewhere is a real word
        if not _varied_contexts(texts, found) or _in_name_context(texts, found, settings):
            continue
        if any((o.line, i) in taken for o in found for i in range(o.start, o.end)):
            continue
        if han and rules.dictionary.is_word(token):
            continue
        wedged = _count_wedged(texts, found, rules.dictionary)
        if wedged < settings["min_wedged"] or wedged < settings["min_wedged_share"] * len(found):
            continue
        flagged.append((token, found))
        taken.update((o.line, i) for o in found for i in range(o.start, o.end))
    return flagged


def _count_wedged(texts: dict[int, str], found: list[_Occurrence], dictionary: Dictionary) -> int:
    """How many occurrences are wedged into a phrase; 0 as soon as one is part of a real word or
    leaves half a word behind."""
    wedged = 0
    for occurrence in found:
        verdict = _wedged(texts[occurrence.line], occurrence, dictionary)
        if verdict in (COMPOUND, BROKEN):
            return 0  # a real unit here is a real unit everywhere
        wedged += verdict is WEDGED
    return wedged


def _han_around(text: str, occurrence: _Occurrence) -> bool:
    before, after = text[occurrence.start - 1: occurrence.start], text[occurrence.end: occurrence.end + 1]
    return bool(HAN.match(before) and HAN.match(after))


def _varied_contexts(texts: dict[int, str], found: list[_Occurrence]) -> bool:
    """At least two different characters before and after: not a piece of a longer repeated term."""
    before = {texts[o.line][o.start - 1: o.start] for o in found}
    after = {texts[o.line][o.end: o.end + 1] for o in found}
    return len(before) >= 2 and len(after) >= 2


def _in_name_context(texts: dict[int, str], found: list[_Occurrence], settings: dict) -> bool:
    """省长王某某 / 王某某表示: names are repeated tokens that are not dictionary words either."""
    return any(
        texts[o.line].startswith(tuple(settings["person_before"]), o.end)
        or texts[o.line][: o.start].endswith(tuple(settings["person_after"]))
        for o in found
    )


WEDGED, NEUTRAL, BROKEN, COMPOUND = "wedged", "neutral", "broken", "compound"  # verdicts of _wedged


def _wedged(text: str, occurrence: _Occurrence, dictionary: Dictionary) -> str:
    """WEDGED into a phrase, NEUTRAL, BROKEN (removing it leaves half a word) or a COMPOUND of words.

    Looks at a window of the sentence cut into words with and without the token.
    """
    start, end = occurrence.start, occurrence.end
    left = max(0, start - 6)
    window = text[left: end + 6]
    token_start, token_end = start - left, end - left
    rest = window[:token_start] + window[token_end:]
    with_token, without = dictionary.spans(window), dictionary.spans(rest)
    inside = [(a, b) for a, b in with_token if token_start <= a and b <= token_end]
    if HAN.search(text[start:end]) and sum(b - a for a, b in inside) == end - start and all(b - a >= 2 for a, b in inside):
        return COMPOUND  # 低空经济 = 低空 + 经济
    if HAN.match(text[start:end]) and any(2 <= b - a < end - start and (a == token_start or b == token_end)
                                          for a, b in inside):
        return COMPOUND  # a word and a piece of its neighbour, cut out of real text: 实现|高质量, 食品|价格下降
    if start > 0 and text[start - 1].isdigit():
        return COMPOUND  # part of a number, a date or a range: 5月17日至19日, not a phrase a brand is wedged into
    if any(a < token_start < b or (a <= token_start and token_end < b) or (a < token_start and token_end <= b)
           for a, b in with_token if b - a >= 2):
        return COMPOUND  # part of a longer word here: 现代|化产业, 新一代 for 新一
    glued = any(token_start < a < token_end < b for a, b in with_token if b - a >= 2)  # 明|升高|地
    split_word = any(a < token_start < b for a, b in without)  # 产|明升|业 → 产业

    def length_at(spans, position):
        return next((b - a for a, b in spans if a <= position < b), 0)

    # Removing the token must not leave half a word behind: in 湖景县委书记 the 委 of 县委 would
    # stand alone. A neighbour that starts or ends another word (大 of 大数据) is fine.
    for before, after in ((token_start - 1, token_start - 1), (token_start, token_end)):
        if before < 0 or before >= len(rest) or not HAN.match(rest[before]):
            continue
        if length_at(with_token, after) < 2 or length_at(without, before) > 1:
            continue
        is_left = before < token_start
        if not any(dictionary.is_word(rest[before - size + 1: before + 1] if is_left else rest[before: before + size])
                   for size in (2, 3, 4) if (before - size + 1 >= 0 if is_left else before + size <= len(rest))):
            return BROKEN
    return WEDGED if glued or split_word else NEUTRAL
