"""The two benchmark metrics on cases small enough to work out by hand."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from digest.evaluate.metrics import (
    PageScore, harmonic_mean_of_means, lcs_indices, rouge_page_score, shingle_counts, shingle_page_score,
    split_sentences, summary_level_lcs,
)


# --- shingles (Article Extraction Benchmark) --------------------------------------------------

def test_identical_text_scores_one():
    text = "The harbour board met on Thursday to approve four new berths."
    assert shingle_page_score(text, text) == PageScore(1.0, 1.0)


def test_disjoint_text_scores_zero():
    score = shingle_page_score("alpha beta gamma delta epsilon", "one two three four five")
    assert score == PageScore(0.0, 0.0)
    assert score.f1 == 0.0


def test_one_changed_last_word_halves_precision_and_recall():
    # true shingles: (a b c d), (b c d e); predicted: (a b c d), (b c d x) → tp 1, fp 1, fn 1.
    assert shingle_counts("a b c d e", "a b c d x") == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert shingle_page_score("a b c d e", "a b c d x") == PageScore(0.5, 0.5)


def test_a_missing_last_word_costs_recall_only():
    # true: abcd, bcde, cdef; predicted: abcd, bcde → tp 2, fp 0, fn 1 → P 1, R 2/3.
    score = shingle_page_score("a b c d e f", "a, b; c d e!")
    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(0.8)


def test_text_shorter_than_a_shingle_is_one_short_shingle():
    assert shingle_page_score("Veltana port", "Veltana port") == PageScore(1.0, 1.0)
    assert shingle_page_score("Veltana port", "Veltana harbour") == PageScore(0.0, 0.0)


def test_empty_prediction_has_no_precision_and_zero_recall():
    assert shingle_page_score("a b c d e", "") == PageScore(None, 0.0)


def test_f1_is_the_harmonic_mean_of_the_means_skipping_undefined_precision():
    scores = harmonic_mean_of_means([PageScore(1.0, 1.0), PageScore(None, 0.0), PageScore(0.5, 0.5)])
    assert scores.precision == pytest.approx(0.75)  # (1 + 0.5) / 2: the empty prediction has none
    assert scores.recall == pytest.approx(0.5)  # (1 + 0 + 0.5) / 3
    assert scores.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert scores.pages == 3


# --- ROUGE-L (magic-html benchmark) ------------------------------------------------------------

def test_lcs_ties_break_as_rouge_score_does():
    # Both "a" and "b" are an LCS of length 1; backtracking from the end steps up on a tie.
    assert lcs_indices(["a", "b"], ["b", "a"]) == [0]
    assert lcs_indices(["x", "a", "b", "y"], ["a", "q", "b"]) == [1, 2]
    assert lcs_indices([], ["a"]) == [] and lcs_indices(["a"], ["b"]) == []


def _naive_lcs_indices(ref, can):
    """rouge_score's lcs_ind: the full table, backtracking left only when strictly better."""
    table = [[0] * (len(can) + 1) for _ in range(len(ref) + 1)]
    for i in range(1, len(ref) + 1):
        for j in range(1, len(can) + 1):
            table[i][j] = table[i - 1][j - 1] + 1 if ref[i - 1] == can[j - 1] else max(table[i - 1][j], table[i][j - 1])
    i, j, found = len(ref), len(can), []
    while i > 0 and j > 0:
        if ref[i - 1] == can[j - 1]:
            found.insert(0, i - 1)
            i, j = i - 1, j - 1
        elif table[i][j - 1] > table[i - 1][j]:
            j -= 1
        else:
            i -= 1
    return found


tokens = st.lists(st.sampled_from("abcde"), max_size=14)


@given(tokens, tokens)
def test_bit_parallel_lcs_picks_the_same_indices_as_the_full_table(ref, can):
    assert lcs_indices(ref, can) == _naive_lcs_indices(ref, can)


def test_summary_level_lcs_english_by_hand():
    # "the cat sat" ∩ "the cat on the mat" = the cat; "on the mat" is all in it → 5 hits.
    reference = [["the", "cat", "sat"], ["on", "the", "mat"]]
    candidate = [["the", "cat", "on", "the", "mat"]]
    precision, recall = summary_level_lcs(reference, candidate)
    assert precision == pytest.approx(5 / 5)
    assert recall == pytest.approx(5 / 6)


def test_summary_level_lcs_takes_the_union_over_candidate_sentences():
    assert summary_level_lcs([["a", "b", "c", "d"]], [["a", "b"], ["c", "d"]]) == (1.0, 1.0)


def test_summary_level_lcs_chinese_counts_no_token_twice():
    # Sentence 1 shares only "。" with the candidate: 1 hit, using the candidate's one "。".
    # Sentence 2 matches 港口 扩建 完成 。 but that "。" is spent: 3 more hits → 4 of 4, 4 of 9.
    reference = [["青湾", "市", "发展", "新能源", "。"], ["港口", "扩建", "完成", "。"]]
    candidate = [["港口", "扩建", "完成", "。"]]
    assert summary_level_lcs(reference, candidate) == (pytest.approx(4 / 4), pytest.approx(4 / 9))


def test_summary_level_lcs_of_nothing_is_zero():
    assert summary_level_lcs([], [["a"]]) == (0.0, 0.0)
    assert summary_level_lcs([["a"]], [[]]) == (0.0, 0.0)


def test_sentences_split_like_stnsplit():
    text = "第一句。第二句！“第三句？”然后 End. Next one\nline…… 末尾"
    assert split_sentences(text) == ["第一句。", "第二句！", "“第三句？”", "然后 End.", "Next one", "line……", "末尾"]
    assert split_sentences("Version 3.5 is out") == ["Version 3.5 is out"]


def test_rouge_page_scores():
    assert rouge_page_score("完全相同。", "完全相同。") == PageScore(1.0, 1.0)
    assert rouge_page_score("Alpha beta gamma", "Delta epsilon") == PageScore(0.0, 0.0)
    assert rouge_page_score("Alpha beta gamma.", "Delta epsilon.") == PageScore(pytest.approx(1 / 3), 0.25)  # "."
    score = rouge_page_score("Veltana port grows.\nBerths open in spring.", "Berths open in spring.")
    assert score.precision == 1.0
    # the first sentence takes the candidate's only "." (a token), the second gets 4 hits: 5 of 4 + 5
    assert score.recall == pytest.approx(5 / 9)
