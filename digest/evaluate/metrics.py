"""The two benchmarks' text-overlap scores, re-implemented as pure functions.

Shingle matching is the metric of the Article Extraction Benchmark (scrapinghub): its
`evaluate.py` (`string_shingle_matching`, `_tokenize`, `metrics_from_tp_fp_fns`). ROUGE-L at
summary level is the metric of magic-html's `benchmark/evaluate_articles.py`, which splits
sentences with `ltp.StnSplit`, tokenises with `jieba.lcut` and scores with
`rouge_score.rouge_scorer._summary_level_lcs`. Here neither ltp nor rouge_score is needed: the
sentence splitter is a documented rule set and the union-LCS is written out below.
"""
from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass

SHINGLE_SIZE = 4
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Scores:
    """Mean precision, mean recall and F1 = harmonic mean of the two means (both benchmarks)."""

    precision: float
    recall: float
    f1: float
    pages: int


@dataclass(frozen=True)
class PageScore:
    precision: float | None  # None: the benchmark leaves this page out of the precision mean
    recall: float | None

    @property
    def f1(self) -> float:
        precision, recall = self.precision or 0.0, self.recall or 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def harmonic_mean_of_means(pages: list[PageScore]) -> Scores:
    """Mean P over the pages that have one, mean R likewise, F1 from the two means."""
    precisions = [page.precision for page in pages if page.precision is not None]
    recalls = [page.recall for page in pages if page.recall is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(pages))


# --- Article Extraction Benchmark: 4-token shingles -------------------------------------------

def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter:
    """Counts of `size`-token shingles; tokens are `\\w+` runs. A text shorter than `size`
    tokens is one shorter shingle, an empty text none (as the benchmark's `_ngrams`)."""
    tokens = _WORD.findall(text or "")
    return Counter(tuple(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens[i:i + size])


def shingle_counts(expected: str, predicted: str, size: int = SHINGLE_SIZE) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1 so that long pages weigh no more."""
    true, pred = shingles(expected, size), shingles(predicted, size)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_page_score(expected: str, predicted: str) -> PageScore:
    """The benchmark's precision_score / recall_score for one page. As its
    `metrics_from_tp_fp_fns`, a page with tp + fp = 0 (nothing predicted) is left out of the
    precision mean and one with tp + fn = 0 out of the recall mean."""
    tp, fp, fn = shingle_counts(expected, predicted)
    perfect = fp == fn == 0
    precision = (1.0 if perfect else tp / (tp + fp)) if tp + fp > 0 else None
    recall = (1.0 if perfect else tp / (tp + fn)) if tp + fn > 0 else None
    return PageScore(precision, recall)


# --- magic-html benchmark: summary-level ROUGE-L over jieba tokens ----------------------------

# Mirrors ltp's StnSplit: a sentence ends after a run of Chinese or full-width end marks
# (。！？ and the ellipsis …) or ASCII ! and ? -- with any closing quotes or brackets that follow
# -- and after an English . ! ? followed by white space; every line break ends one too. Unlike
# StnSplit, an end mark inside quotes or brackets also ends a sentence (rare in article text;
# trafilatura's figure comes out within 0.012 of the benchmark's own).
_SENTENCE_END = re.compile(
    r"(?<=[。！？!?…])(?![。！？!?…”’」』）)\"'])"
    r"|(?<=[。！？!?…][”’」』）)\"'])"
    r"|(?<=[.!?])(?=\s)"
    r"|\n"
)


def split_sentences(text: str) -> list[str]:
    """Sentences, stripped, empty ones dropped."""
    return [part.strip() for part in _SENTENCE_END.split(text or "") if part.strip()]


def tokenize_sentence(sentence: str) -> list[str]:
    """jieba's words minus single spaces, as the benchmark's `get_score`."""
    import jieba  # loads its dictionary on first use; only the ROUGE benchmark needs it

    jieba.setLogLevel(logging.WARNING)
    return [token for token in jieba.lcut(sentence) if token != " "]


def lcs_indices(reference: list[str], candidate: list[str]) -> list[int]:
    """Indices into `reference` of the LCS that rouge_score's `lcs_ind` picks.

    rouge_score fills the full LCS table and backtracks from the end: take a match, else step
    left when the cell to the left is strictly larger than the cell above, else step up. The
    table is built here bit-parallel (Allison-Dix / Hyyrö: one big-int operation per reference
    token), keeping one bit vector per row; a cell t[i][j] is the number of zero bits of row i
    below bit j. Same table, same backtrack, same indices -- much faster in Python.
    """
    width = len(candidate)
    if not reference or not width:
        return []
    full = (1 << width) - 1
    positions: dict[str, int] = {}
    for j, token in enumerate(candidate):
        positions[token] = positions.get(token, 0) | (1 << j)
    rows = [full]  # row 0: all ones, every cell zero
    vector = full
    for token in reference:
        matches = vector & positions.get(token, 0)
        vector = ((vector + matches) | (vector - matches)) & full
        rows.append(vector)
    if vector == full:
        return []

    def cell(i: int, j: int) -> int:
        return j - (rows[i] & ((1 << j) - 1)).bit_count()

    found: list[int] = []
    i, j = len(reference), width
    while i > 0 and j > 0:
        if reference[i - 1] == candidate[j - 1]:
            found.append(i - 1)
            i -= 1
            j -= 1
        elif cell(i, j - 1) > cell(i - 1, j):
            j -= 1
        else:
            i -= 1
    found.reverse()
    return found


def summary_level_lcs(reference: list[list[str]], candidate: list[list[str]]) -> tuple[float, float]:
    """(precision, recall) of summary-level ROUGE-L, as rouge_score's `_summary_level_lcs`.

    For each reference sentence, the union of its LCS with every candidate sentence; each
    token of that union is a hit while both texts still have an unused copy of it (rouge_score
    follows ROUGE 1.5.5 in not counting a token twice). P = hits / candidate tokens,
    R = hits / reference tokens.
    """
    reference_total = sum(map(len, reference))
    candidate_total = sum(map(len, candidate))
    if not reference_total or not candidate_total:
        return 0.0, 0.0
    left_in_reference = Counter(token for sentence in reference for token in sentence)
    left_in_candidate = Counter(token for sentence in candidate for token in sentence)
    vocabularies = [frozenset(sentence) for sentence in candidate]
    hits = 0
    for sentence in reference:
        union = _union_lcs(sentence, candidate, vocabularies)
        for token in (sentence[i] for i in union):
            if left_in_candidate[token] > 0 and left_in_reference[token] > 0:
                hits += 1
                left_in_candidate[token] -= 1
                left_in_reference[token] -= 1
    return hits / candidate_total, hits / reference_total


def _union_lcs(sentence: list[str], candidate: list[list[str]], vocabularies: list[frozenset]) -> list[int]:
    """Sorted union of `lcs_indices(sentence, other)` over every candidate sentence.

    An LCS only holds positions whose token occurs in the other sentence, so a candidate whose
    shared positions (a bit mask) are all in the union already cannot add to it and is skipped;
    candidates sharing the most positions go first so that most of the rest are skipped.
    """
    position_masks: dict[str, int] = {}
    for i, token in enumerate(sentence):
        position_masks[token] = position_masks.get(token, 0) | (1 << i)
    reachable = []
    for vocabulary, other in zip(vocabularies, candidate):
        shared = 0
        for token in position_masks.keys() & vocabulary:
            shared |= position_masks[token]
        if shared:
            reachable.append((shared.bit_count(), shared, other))
    reachable.sort(key=lambda item: item[0], reverse=True)
    union = 0
    for _, shared, other in reachable:
        if shared & ~union:
            for i in lcs_indices(sentence, other):
                union |= 1 << i
    return [i for i in range(len(sentence)) if union >> i & 1]


def rouge_page_score(expected: str, predicted: str) -> PageScore:
    """One page of magic-html's benchmark: identical strings score 1, otherwise ROUGE-L over
    sentences split by `split_sentences` and tokenised by `tokenize_sentence`."""
    if expected == predicted:
        return PageScore(1.0, 1.0)
    reference = [tokenize_sentence(s) for s in split_sentences(expected)]
    candidate = [tokenize_sentence(s) for s in split_sentences(predicted)]
    precision, recall = summary_level_lcs(reference, candidate)
    return PageScore(precision, recall)
