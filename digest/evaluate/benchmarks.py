"""Load the two benchmarks' pages and expected text, and the label files of facts.

Article Extraction Benchmark (scrapinghub): `ground-truth.json` = {id: {articleBody, url}},
pages `html/<id>.html.gz`. magic-html: `benchmark/data/article/base.json` = {id: {url,
content}}, pages `benchmark/data/article/htmls/<id>.html`. Labels (`data/labels/<name>.yaml`):
page id → {lang, title, date, source}; a missing key is "not labelled", `null` is "the page
states none", `source` is one spelling or a list of acceptable ones.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from digest.ingest.detect import HAN

AEB = "article-extraction-benchmark"
MAGIC = "magic-html-article"
FETCH_HINTS = {
    AEB: "git clone https://github.com/scrapinghub/article-extraction-benchmark bench-data/article-extraction-benchmark",
    MAGIC: "git clone https://github.com/opendatalab/magic-html bench-data/magic-html",
}
MAGIC_ARTICLES = Path("benchmark") / "data" / "article"
FACT_FIELDS = ("title", "date", "source")


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    raw: bytes  # the page as fetched (decompressed)
    expected: str  # the benchmark's ground-truth article text

    @property
    def html(self) -> str:
        """The page as text, read as UTF-8 as both benchmarks' own runners read it."""
        return self.raw.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Benchmark:
    name: str
    metric: str  # "shingles" (AEB) or "rouge-l" (magic-html)
    pages: tuple[Page, ...]


class BenchmarkMissing(Exception):
    """The benchmark folder is not there (or not laid out as expected); the message says how to get it."""


@dataclass(frozen=True)
class Label:
    """Facts about one page. `facts` holds only labelled fields; a None value means none stated."""

    lang: str | None
    facts: dict = field(default_factory=dict)
    script: str | None = None  # "Hant": the page is in Traditional Chinese

    def labelled(self, name: str) -> bool:
        return name in self.facts


class LabelError(ValueError):
    pass


def load_aeb(root: Path, limit: int | None = None) -> Benchmark:
    truth_file = root / "ground-truth.json"
    if not truth_file.is_file():
        raise BenchmarkMissing(f"{root}: no ground-truth.json; get the benchmark with\n    {FETCH_HINTS[AEB]}")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(Page(page_id, truth[page_id].get("url", ""), raw, truth[page_id].get("articleBody") or ""))
    return Benchmark(AEB, "shingles", tuple(pages))


def load_magic(root: Path, limit: int | None = None) -> Benchmark:
    articles = root / MAGIC_ARTICLES
    if not (articles / "base.json").is_file():
        raise BenchmarkMissing(f"{root}: no {MAGIC_ARTICLES / 'base.json'}; get the benchmark with\n    {FETCH_HINTS[MAGIC]}")
    base = json.loads((articles / "base.json").read_text(encoding="utf-8"))
    pages = [
        Page(page_id, base[page_id].get("url", ""), (articles / "htmls" / f"{page_id}.html").read_bytes(),
             base[page_id].get("content") or "")
        for page_id in sorted(base)[:limit]
    ]
    return Benchmark(MAGIC, "rouge-l", tuple(pages))


class _LabelLoader(yaml.SafeLoader):
    """Safe YAML whose mapping keys stay the text written: a page id such as 0042 is not 34."""


def _mapping_with_text_keys(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    return {
        key.value if isinstance(key, yaml.ScalarNode) else loader.construct_object(key, deep=deep):
            loader.construct_object(value, deep=deep)
        for key, value in node.value
    }


_LabelLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_text_keys)


def parse_labels(text: str, origin: str = "labels") -> dict[str, Label]:
    """The label YAML → {page id: Label}; raises LabelError naming the page on a malformed entry."""
    data = yaml.load(text, Loader=_LabelLoader) or {}
    if not isinstance(data, dict):
        raise LabelError(f"{origin}: expected a mapping of page id → facts")
    labels = {}
    for page_id, entry in data.items():
        if not isinstance(entry, dict):
            raise LabelError(f"{origin}: {page_id}: expected a mapping with lang, title, date, source")
        unknown = set(entry) - {"lang", "script", *FACT_FIELDS}  # script: Hant marks Traditional Chinese
        if unknown:
            raise LabelError(f"{origin}: {page_id}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        lang = entry.get("lang")
        if lang is not None and not isinstance(lang, str):
            raise LabelError(f"{origin}: {page_id}: lang must be a language code such as en or zh")
        facts = {}
        if "title" in entry:
            facts["title"] = None if entry["title"] is None else str(entry["title"])
        if "date" in entry:
            facts["date"] = _label_date(entry["date"], f"{origin}: {page_id}")
        if "source" in entry:
            facts["source"] = _label_sources(entry["source"])
        labels[str(page_id)] = Label(lang.strip().lower() if lang else None, facts, entry.get("script"))
    return labels


def _label_date(value, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    raise LabelError(f"{where}: date must be YYYY-MM-DD or null, not {value!r}")


def _label_sources(value) -> tuple[str, ...] | None:
    if value is None:
        return None
    spellings = value if isinstance(value, list) else [value]
    return tuple(str(spelling) for spelling in spellings if spelling is not None) or None


def load_labels(labels_dir: Path, benchmark_name: str) -> dict[str, Label]:
    """{} when the label file does not exist yet."""
    path = labels_dir / f"{benchmark_name}.yaml"
    if not path.is_file():
        return {}
    return parse_labels(path.read_text(encoding="utf-8"), str(path))


KANA_HANGUL = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af]")
LETTER = re.compile(r"[^\W\d_]")


def make_language_detector():
    """lingua over every language it knows, low-accuracy mode (fast and small, plenty for an
    article's worth of text)."""
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def ground_truth_language(text: str, detector) -> str | None:
    """The ISO 639-1 code of a ground-truth article, for pages without a `lang` label.

    Han characters making up at least a fifth of the letters, with hardly any kana or hangul,
    say Chinese; anything else is lingua's verdict on the first 2,000 characters.
    """
    sample = text[:2000]
    letters = len(LETTER.findall(sample))
    if not letters:
        return None
    han = len(HAN.findall(sample))
    if han / letters >= 0.2 and len(KANA_HANGUL.findall(sample)) < 0.05 * han:
        return "zh"
    language = detector.detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else None


def page_languages(benchmark: Benchmark, labels: dict[str, Label], detector) -> dict[str, str | None]:
    """Page id → language: the label's when there is one, else detected from the ground truth."""
    return {
        page.id: (labels[page.id].lang if page.id in labels and labels[page.id].lang
                  else ground_truth_language(page.expected, detector))
        for page in benchmark.pages
    }
