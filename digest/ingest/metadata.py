"""Stage 6: the article's metadata -- title, date, summary, slug -- read from the text, never guessed.

A date needs day, month and year written in the source ("On February 5, 2025", "5 February
2025", "Feb. 18, 2025", "2025年2月5日", "2025-02-05") or in the page's metadata; when there is
none, the article has no date and becomes a draft.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urlsplit, urlunsplit

from pypinyin import lazy_pinyin
from unidecode import unidecode

from digest import schema
from digest.ingest.credits import SOURCE_LABEL, plausible_source, tidy_source_name
from digest.ingest.detect import HAN
from digest.ingest.extract import HEADING, PARAGRAPH, Block

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
          r"aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
DATE_PATTERNS = (
    re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"(?<![\w]){_DAY}\s+{_MONTH},?\s+{_YEAR}(?!\d)", re.I),
    re.compile(rf"{_YEAR}\s*年\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*日"),
    # "2005.08.2605:39": some portals print the time straight after the day
    re.compile(rf"(?<![\d/.-]){_YEAR}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?:(?![\d/.-])|(?=\d{{2}}:\d{{2}}))"),
)
# "Updated on May 13, 2024", "最新推荐文章于 2023-09-04 发布", "修改时间：…": a date that is not the publication's.
_NOT_PUBLISHED_BEFORE = re.compile(
    r"(?:updated?|modified|edited|revised|更新|修改|编辑于|最新推荐文章于)\s*(?:on|at|于|时间|日期)?\s*[:：]?\s*$", re.I)
# A date with a time of day beside it ("Nov. 19, 2019 5:50 PM", "2024-05-06 15:47:53") is a timestamp.
_READERS_ZONE = re.compile(r"\s*(?:[ap]\.?m\.?\s*)?(?:GMT|UTC)\s*[+-]\s*\d", re.I)
_CLOCK_AFTER = re.compile(r"[\s,，]*(?:\d{1,2}:\d{2}|\d{1,2}\s*[ap]\.?m\b)", re.I)
SENTENCE_EN = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
SENTENCE_ZH = re.compile(r"(?<=[。！？；])")
ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|No|Nos|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|vs|U\.S)\.$")
STOPWORDS = frozenset("a an and are as at by for from in into is its of on or the to with".split())
SUMMARY_WORDS = 60
SUMMARY_HAN = 120
SLUG_LENGTH = 60


def find_title(blocks: tuple[Block, ...]) -> str | None:
    """A plain-text source's title is its first block when that reads as a title, not prose."""
    if not blocks:
        return None
    first = blocks[0]
    if "\n" in first.text:
        return None
    text = first.text.strip()
    if first.kind == HEADING:
        return text
    if first.kind != PARAGRAPH:
        return None
    limit = 80 if HAN.search(text) else 200
    ends_like_prose = text.endswith(("。", "！", "？")) or (text.endswith(".") and len(text.split()) > 12)
    if len(text) > limit or ends_like_prose or len(blocks) == 1:
        return None
    return text


def find_date(texts: list[str]) -> str | None:
    """The first complete, valid calendar date in texts, as ISO 8601."""
    for text in texts:
        found = _dates_in(text)
        if found:
            return found[0][1]
    return None


def _dates_in(text: str) -> list[tuple[int, str, re.Match]]:
    """Every complete, valid date in text: (start, ISO date, match), in reading order."""
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso:
                found.append((match.start(), iso, match))
    return sorted(found, key=lambda item: item[0])


def _to_iso(match: re.Match) -> str | None:
    month = match.group("month")
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower()[:3])
    try:
        return dt.date(int(match.group("year")), number, int(match.group("day"))).isoformat()
    except (TypeError, ValueError):
        return None


def summarise(blocks: tuple[Block, ...], lang: str, title: str | None = None) -> str | None:
    """The lead: whole sentences of the first paragraph that reads as prose (not a byline, a
    caption, a file name or a menu line), at most ~60 words or ~120 characters."""
    lead = next((b.text for b in blocks if b.kind == PARAGRAPH and _reads_as_lead(b.text, lang, title)), None)
    if not lead:
        return None
    return trim_summary(" ".join(lead.split()) if lang == "en" else "".join(lead.split("\n")), lang)


_BYLINE = re.compile(r"^\s*(?:by\s+[A-Z]|photo|image|editor|reporter|记者|作者|文\s*[/／|]|图\s*[/／|]|（?记者|编辑|责编|来源|原标题|发布时间|发布日期|日期|时间[:：]|当前位置|您的位置|主办)", re.I)


def _reads_as_lead(text: str, lang: str, title: str | None) -> bool:
    text = text.strip()
    if not text or _BYLINE.match(text) or _FILE_NAME.search(text) or (title and _norm(text) == _norm(title)):
        return False
    if lang == "zh":
        return len(HAN.findall(text)) >= 20
    return len(text.split()) >= 12


def _english_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for piece in SENTENCE_EN.split(text):
        if sentences and ABBREVIATIONS.search(sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


def _take(sentences, size, limit, joiner, cut) -> str:
    taken: list[str] = []
    for sentence in sentences:
        if size(joiner.join([*taken, sentence])) > limit:
            break
        taken.append(sentence)
    return joiner.join(taken).strip() if taken else cut(sentences[0])


def make_slug(title: str | None, fallback: str) -> str:
    """ASCII kebab case from the title (pinyin for Chinese), without filler words, ≤ 60 characters."""
    if title:
        if HAN.search(title):
            words = re.findall(r"[a-z0-9]+", " ".join(lazy_pinyin(title)).lower())
        else:
            words = [w for w in re.findall(r"[a-z0-9]+", unidecode(title).lower()) if w not in STOPWORDS]
        slug = ""
        for word in words:
            candidate = f"{slug}-{word}" if slug else word
            if len(candidate) > SLUG_LENGTH:
                break
            slug = candidate
        if slug:
            return slug
    return "-".join(re.findall(r"[a-z0-9]+", unidecode(fallback).lower()))[:SLUG_LENGTH].strip("-") or "article"


# --- An HTML page's own statements (`PageFacts`) → title, date, source, description ---------

# Separators between a headline and the site or section names a <title> adds to it:
# "…-新华网", "…_南方网", "…--经济·科技--人民网", "… | CNN", "… - BBC News".
_TITLE_SEPARATORS = re.compile(r"\s+[-–—|·:]\s+|\s*(?:\||_|--+|——|｜|┃)\s*|(?<=[\u4e00-\u9fff）》」？！])-(?=[^-\s]{1,16}$)")
_BREADCRUMB = re.compile(r"[>›»＞]|当前位置|您的位置|您现在的位置|^首页")
_HEADLINE_META = ("og:title", "twitter:title", "articletitle", "headline", "dc.title", "title")
_DATE_META = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "publishdate", "publish-date", "publish_date", "pubdate", "publishtime", "firstpublishedtime",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date",
    "og:release_date", "date", "releasedate", "ptime",
)
_SOURCE_META = ("source", "contentsource", "og:source", "article:source")
_SITE_META = ("og:site_name", "application-name", "sitename", "site_name", "publisher", "dc.publisher")
_DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description")
_ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "BlogPosting", "WebPage", "Report")
# "来源：新华网 作者：…", "Source: GDToday | Updated: …": the name runs to the next field label.
SOURCE_CREDIT = re.compile(
    SOURCE_LABEL + r"\s*[:：]\s*"
    r"(?P<name>[^\s|｜丨/【\[（(]+(?:[ \t][A-Za-z][^\s|｜丨/【\[（(]*){0,5})",
    re.I,
)
_FIELD_LABEL = re.compile(r"\s*(?:作者|编辑|责任编辑|责编|发布时间|发布日期|时间|日期|浏览|点击|字号|阅读|Updated|Author|By)\b.*$", re.I)
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|docx?|html?)\b", re.I)


def _norm(text: str) -> str:
    return "".join(WORD_CHARS.findall(text.casefold()))


WORD_CHARS = re.compile(r"\w+", re.U)


def _title_segments(text: str) -> list[str]:
    return [s.strip() for s in _TITLE_SEPARATORS.split(text) if s and s.strip()]


def _long_enough(text: str) -> bool:
    han = len(HAN.findall(text))
    return han >= 6 or len(text.split()) >= 3 or (han == 0 and len(text) >= 20)


def page_title(page, site_names: tuple[str, ...] = ()) -> str | None:
    """The headline the page shows: the candidate (og:title, JSON-LD headline, <h1>, <title>
    segments) that most of the page's own statements agree on, without site or section names."""
    statements: dict[str, list[str]] = {}
    for key in _HEADLINE_META:
        if page.meta.get(key):
            statements.setdefault(key, []).append(page.meta[key])
    for item in _article_objects(page.json_ld):
        if isinstance(item.get("headline"), str) and item["headline"].strip():
            statements.setdefault("json-ld", []).append(" ".join(item["headline"].split()))
            break
    if page.title_tag:
        statements["title"] = [page.title_tag]
    h1s = [h.text for h in page.headings if h.level == 1]
    statements["h1"] = (h1s or [h.text for h in page.headings if h.level == 2][:3]
                        or [h.text for h in page.headings if h.level == 0][:1])
    sites = {_norm(name) for name in site_names if name}
    candidates: dict[str, str] = {}
    # the headline's text as shown (curly quotes and all) when metadata spells it otherwise
    for _, texts in sorted(statements.items(), key=lambda item: item[0] != "h1"):
        for text in texts:
            for candidate in (text, *_title_segments(text)):
                key = _norm(candidate)
                if key and key not in sites and not _BREADCRUMB.search(candidate) and key not in candidates:
                    candidates[key] = candidate
    long_ones = {k: v for k, v in candidates.items() if _long_enough(v)}
    candidates = long_ones or candidates
    if not candidates:
        return None
    normalised = {source: [_norm(t) for t in texts] for source, texts in statements.items()}

    def support(key: str) -> int:
        return sum(any(key in n for n in texts) for texts in normalised.values())

    def whole(key: str) -> bool:
        return len(_title_segments(candidates[key])) == 1  # not "headline - site" glued together

    agreed = max(candidates, key=lambda key: (support(key), whole(key), len(key)))
    # The headline readers see wins over the metadata's wording of the same story ("shown"),
    # but not an <h1> about another story (a related link styled as a heading).
    shown = [key for key in candidates if key in normalised.get("h1", ())
             and _shared_share(candidates[key], candidates[agreed]) >= 0.2
             and not _runs_on(candidates[key], agreed)]
    best = max(shown, key=lambda key: (support(key), len(key))) if shown else agreed
    return candidates[best].strip(" |-–—_")


def _runs_on(heading: str, headline_key: str) -> bool:
    """An <h1> whose text is the headline with a widget's Chinese text run on ("…家世显赫播报文章"),
    not a headline that merely has the other as a part ("Budget - what it means") nor a full
    headline whose metadata copy was cut short ("… anti-drug" for "… anti-drug campaign")."""
    key = _norm(heading)
    if headline_key not in key or key == headline_key:
        return False
    extra = key.replace(headline_key, "", 1)
    return (not re.search(r"[a-z]{2,}", extra)
            and all(_norm(segment) != headline_key for segment in _title_segments(heading)))


def _shared_share(text: str, other: str) -> float:
    """How much of text's words (or Chinese character pairs) the other text has."""
    units, others = _units(text), set(_units(other))
    return sum(unit in others for unit in units) / len(units) if units else 0.0


_DATELINE_DATE_CHARS = 160  # a date further below the headline is the article's, not its dateline


def page_date(page, texts_near_headline: list[str]) -> str | None:
    """The publication date the page states: the dateline under the headline (the date readers
    see, in the outlet's own time zone), then its metadata."""
    shown = _dateline_date(texts_near_headline)
    if shown:
        return shown
    for key in _DATE_META:
        value = page.meta.get(key)
        iso = _iso_from_value(value) if value else None
        if iso:
            return iso
    for item in _article_objects(page.json_ld):
        for key in ("datePublished", "dateCreated"):
            iso = _iso_from_value(item[key]) if isinstance(item.get(key), str) else None
            if iso:
                return iso
    for value in page.time_datetimes:
        iso = _iso_from_value(value)
        if iso:
            return iso
    return page.script_date or page.htmldate


def _dateline_date(texts: list[str]) -> str | None:
    """The publication date printed under the headline: the first date near its top, or a
    timestamp (a date with a time of day) further down, never an "updated" date."""
    for text in texts:
        for start, iso, match in _dates_in(text or ""):
            if _NOT_PUBLISHED_BEFORE.search(text[max(0, start - 24):start]):
                continue
            clock = _CLOCK_AFTER.match(text, match.end())
            if clock and _READERS_ZONE.match(text, clock.end()):
                continue  # "May 20, 2024, 3:05 AM GMT+8": the time shown in the saving browser's zone
            if start < _DATELINE_DATE_CHARS or clock:
                return iso
    return None


def _iso_from_value(value: str) -> str | None:
    """A metadata date: ISO 8601 or a date with day, month and year written out."""
    match = re.match(r"\s*((?:19|20)\d{2})[-/.]?(\d{2})[-/.]?(\d{2})(?!\d)", value)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
        except ValueError:
            return None
    return find_date([value])


def headline_dateline(page, title: str | None) -> str:
    """The visible text under the page's headline (where 来源 / 发布时间 / bylines are)."""
    key = _norm(title) if title else None
    for heading in page.headings:
        if key and (_norm(heading.text) == key or (len(key) > 8 and key in _norm(heading.text))):
            # a title box that holds its dateline too: "标题 来源：新华社 2023-12-01 14:43"
            boxed = heading.level == 0 and _norm(heading.text) != key and title in heading.text
            rest = heading.text.split(title, 1)[1] if boxed else ""
            return f"{rest} {heading.after}".strip()
    return ""


def credited_source(texts: list[str]) -> str | None:
    """The outlet a '来源：…' / 'Source: …' credit names, in the first text that has one."""
    for text in texts:
        for match in SOURCE_CREDIT.finditer(text or ""):
            name = tidy_source_name(_FIELD_LABEL.sub("", match.group("name")))
            if plausible_source(name):
                return name
    return None


# Chinese portals print the outlet right beside the date under the headline, with no label:
# "2024年05月16日 17:02 新京报作者：…", "2024-05-20 14:33·新华社…", "经济日报2024-05-13 06:16发布于北京".
_STAMP = r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
_HAN_AFTER_STAMP = re.compile(_STAMP + r"[\s·|｜]*(?P<text>[\u4e00-\u9fff\d]{2,20})")
_OUTLET_BEFORE_STAMP = re.compile(r"^\s*(?P<name>[\u4e00-\u9fff]{2,12}?)\s*" + _STAMP)


def outlet_beside_date(dateline: str, outlets: tuple[str, ...] = ()) -> str | None:
    """The outlet named next to the date in the line under the headline, where no label says so:
    only a known outlet (data/outlets.yaml), since the words beside a date are as often a
    place ("来自甘肃"), a button ("打印") or a section."""
    head = dateline[:_DATELINE_DATE_CHARS]
    known = []
    for match, group in ((_OUTLET_BEFORE_STAMP.search(head), "name"), (_HAN_AFTER_STAMP.search(head), "text")):
        known += [outlet for outlet in outlets if match and match.group(group).startswith(outlet)]
    return max(known, key=len) if known else None


# "NEW YORK (Reuters) -", "WASHINGTON (AP) —": the agency whose story this is.
_WIRE_DATELINE = re.compile(r"\b[A-Z][A-Za-z .,'-]{1,40}\((?P<wire>[A-Za-z]{2,12})\)\s*[-—–]")


def wire_credit(dateline: str, wires: dict[str, str]) -> str | None:
    match = _WIRE_DATELINE.search(dateline[:_DATELINE_DATE_CHARS * 2])
    return wires.get(match.group("wire")) if match else None


def page_credit(page, dateline: str, outlets: tuple[str, ...] = (), wires: dict[str, str] | None = None) -> str | None:
    """The outlet the page credits as its source: a source meta tag or the 来源 line under the headline."""
    for key in _SOURCE_META:
        value = page.meta.get(key)
        if value:
            name = credited_source([value]) or value
            if plausible_source(name):
                return name
    return credited_source([dateline]) or outlet_beside_date(dateline, outlets) or wire_credit(dateline, wires or {})


# "新华社北京5月9日电", "人民网上海11月30日电（记者 …）": the outlet whose story the body is.
_CHINESE_WIRE_DATELINE = re.compile(r"^\s*[（(【]?(?P<head>[\u4e00-\u9fff]{2,24}?)\s*\d{1,2}月\d{1,2}日\s*(?:电|讯)")
# "（本文来源：经济日报 作者：…）" closing a syndicated article.
_CLOSING_CREDIT = re.compile(r"^\s*[（(【\[]?\s*(?:本文|文章|稿件)?(?:来源|來源|稿源)\s*[:：]")


def body_credit(texts: list[str], outlets: tuple[str, ...] = ()) -> str | None:
    """The outlet a body names as its source: a known outlet opening a Chinese wire dateline in
    its first paragraphs, or a closing "（本文来源：…）" line in its last."""
    for text in texts[:_CREDIT_BLOCKS]:
        match = _CHINESE_WIRE_DATELINE.match(text)
        known = [outlet for outlet in outlets if match and match.group("head").startswith(outlet)]
        if known:
            return max(known, key=len)
    for text in texts[-_CREDIT_BLOCKS:]:
        if _CLOSING_CREDIT.match(text):
            name = credited_source([text])
            if name:
                return name
    return None


_CREDIT_BLOCKS = 2


def page_publisher(page) -> str | None:
    """The outlet that published the page, by its own name: JSON-LD publisher, the platform
    account (a WeChat 公众号), og:site_name, the site name its <title> ends with, its app name."""
    site = next((tidy_source_name(page.meta[key]) for key in _SITE_META if plausible_source(page.meta.get(key))), None)
    organisation = _json_ld_publisher(page.json_ld)
    if organisation:
        # the company ("Sky", "Insider") when the site names its brand ("Sky News", "Business Insider")
        brand = site and _norm(organisation) != _norm(site) and _norm(organisation) in _norm(site)
        return site if brand else organisation
    if plausible_source(page.account_name):
        return page.account_name
    if site:
        return site
    suffix = _title_suffix(page)
    if suffix:
        return suffix
    for key in ("al:ios:app_name", "al:android:app_name"):
        if plausible_source(page.meta.get(key)):
            return page.meta[key]
    return None


def _json_ld_publisher(json_ld: tuple[dict, ...]) -> str | None:
    by_id = {item["@id"]: item for item in json_ld if isinstance(item.get("@id"), str)}
    for item in _article_objects(json_ld):
        publisher = item.get("publisher") or item.get("sourceOrganization")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and "name" not in publisher:
            publisher = by_id.get(publisher.get("@id"), publisher)
        name = publisher.get("name") if isinstance(publisher, dict) else publisher
        if isinstance(name, str) and plausible_source(name):
            return tidy_source_name(name)
    return None


_URI_PATH_SAFE = "/:@!$&'()*+,;=%~"  # what a URI's path may hold as it is (and existing %XX escapes)


def page_url(page) -> str | None:
    """The page's canonical address as the URI `source.url` holds: an IDN host in its xn-- form and
    other characters a URI cannot hold percent-encoded, as a browser sends them. None when even
    that is no address the schema takes."""
    url = page.canonical
    if not url or schema.valid_url(url):
        return url or None
    try:
        parts = urlsplit(url)
        userinfo, at, host_port = parts.netloc.rpartition("@")
        host, colon, port = host_port.partition(":")
        host = host if host.isascii() else host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    netloc = quote(userinfo, safe=_URI_PATH_SAFE) + at + host + colon + port
    url = urlunsplit((parts.scheme, netloc, quote(parts.path, safe=_URI_PATH_SAFE),
                      quote(parts.query, safe=_URI_PATH_SAFE + "?"), quote(parts.fragment, safe=_URI_PATH_SAFE + "?")))
    return url if schema.valid_url(url) else None


# A Chinese site names itself with a media word ("39健康网", "南方日报", "央视新闻"); a Latin one
# is a capitalised name ("Reuters", "CBS News"). Section names and keywords in a <title>
# ("…_饮食", "…_尼克斯_季后赛") are neither.
_SITE_NAME = re.compile(
    r"(?:网站?|網站?|門戶|门户|報|报|社|台|频道|頻道|新闻|新聞|资讯|資訊|在线|客户端|杂志|周刊|日報|博客园?|论坛|論壇|社区|社區"
    r"|\.com|\.cn|\.org)$"
    r"|^(?:The |the )?[A-Z][\w.&'’-]*(?: (?:of |and |& )?[A-Z][\w.&'’-]*){0,4}$")


def _title_suffix(page) -> str | None:
    """"Headline - The Invented Times", "标题_虚构健康网_饮食": the segment of the <title> that
    names the site, when the rest holds a headline shown on the page."""
    segments = [tidy_source_name(segment) for segment in _title_segments(page.title_tag or "")]
    if len(segments) == 1 and re.match(r"\s*[-_|｜–—]", page.title_tag or ""):
        segments = ["", *segments]  # "-铜雀历史网": a page that left its headline out of <title>
    elif len(segments) < 2:
        return None
    shown = [_norm(h.text) for h in page.headings] + [_norm(page.meta.get("og:title", ""))]
    head = _norm(segments[0])
    if head and not any(head in s or s and s in head for s in shown):
        return None
    names = [segment for segment in segments[1:] if _SITE_NAME.search(segment) and plausible_source(segment)]
    return names[0] if names else None


def _article_objects(json_ld: tuple[dict, ...]) -> list[dict]:
    """JSON-LD objects that describe an article, articles first."""
    def is_article(item: dict) -> bool:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        return any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds)

    return sorted(json_ld, key=lambda item: not is_article(item))


def page_description(page, title: str | None, body_text: str) -> str | None:
    """The page's description when it is about this article: not the title, not a file name,
    and mostly made of the article's own words (a portal's site-wide description is not)."""
    for key in _DESCRIPTION_META:
        value = page.meta.get(key)
        if value and _describes(value, title, body_text):
            return value
    for item in _article_objects(page.json_ld):
        value = item.get("description")
        if isinstance(value, str) and _describes(" ".join(value.split()), title, body_text):
            return " ".join(value.split())
    return None


def _describes(description: str, title: str | None, body_text: str) -> bool:
    if _FILE_NAME.search(description) or (title and _norm(description) == _norm(title)):
        return False
    return len(_units(description)) >= 8 and _shared_share(description, body_text) >= 0.6


def _units(text: str) -> list[str]:
    """Words of English, character pairs of Chinese: what 'made of the article's words' counts."""
    han = "".join(HAN.findall(text))
    if len(han) > len(text) / 3:
        return [han[i:i + 2] for i in range(len(han) - 1)]
    return [w for w in WORD_CHARS.findall(text.casefold()) if w not in STOPWORDS]


def trim_summary(text: str, lang: str) -> str:
    """Whole sentences, within the summary's length (a long description is cut, never rejected)."""
    if lang == "zh":
        sentences = [s for s in SENTENCE_ZH.split(text) if s]
        return _take(sentences, len, SUMMARY_HAN, "", lambda s: s[:SUMMARY_HAN] + "…")
    return _take(_english_sentences(text), lambda t: len(t.split()), SUMMARY_WORDS, " ",
                 lambda s: " ".join(s.split()[:SUMMARY_WORDS]).rstrip(",;:") + " …")
