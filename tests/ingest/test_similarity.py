"""Near-copy signatures: a changed word stays near, a shared lead paragraph does not, signatures never drift."""
from __future__ import annotations

import subprocess
import sys

import pytest

from digest import REPO_ROOT
from digest.ingest.similarity import (NEAR_COPY_THRESHOLD, SIGNATURE_HEX_LENGTH, NearDuplicateIndex, shingles,
                                      signature, similarity)
from tests.conftest import FIXTURES

INGEST = FIXTURES / "ingest"
# One word changed in each language: "spent" batteries become "used" ones; 废旧 (worn-out) becomes 报废 (scrapped).
ONE_WORD = {"en": ("spent batteries", "used batteries"), "zh": ("废旧电池", "报废电池")}


def body(name: str) -> str:
    """The article text of a fixture: without its title line and its source line."""
    text = (INGEST / name).read_text(encoding="utf-8")
    return text.split("\n\n", 1)[1].rsplit("\n\n", 1)[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_word_changed_is_a_near_copy(lang):
    original = body(f"riverport_recycling_{lang}.txt")
    old, new = ONE_WORD[lang]
    assert original.count(old) == 1
    changed = original.replace(old, new)
    assert similarity(signature(original, lang), signature(changed, lang)) >= NEAR_COPY_THRESHOLD
    index = NearDuplicateIndex()
    index.add("seeds/original.txt", signature(original, lang))
    match = index.find(signature(changed, lang))
    assert match is not None and match.source == "seeds/original.txt" and match.similarity >= NEAR_COPY_THRESHOLD


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_different_articles_sharing_a_lead_paragraph_are_not_near(lang):
    recycling, ferries = body(f"riverport_recycling_{lang}.txt"), body(f"riverport_ferries_{lang}.txt")
    lead = recycling.split("\n\n")[0]
    assert ferries.startswith(lead) and len(lead) > len(recycling) / 4  # a real shared paragraph
    a, b = shingles(recycling, lang), shingles(ferries, lang)
    assert len(a & b) / len(a | b) < 0.3
    assert similarity(signature(recycling, lang), signature(ferries, lang)) < 0.5
    index = NearDuplicateIndex()
    index.add("seeds/recycling.txt", signature(recycling, lang))
    assert index.find(signature(ferries, lang)) is None


def test_english_shingles_are_words_and_chinese_shingles_are_characters():
    assert shingles("The Plan, made up: for THIS test.", "en") == {b"the plan made up for", b"plan made up for this",
                                                                  b"made up for this test"}
    spaced, unspaced = "虚构 县 启用 电池 产业园。", "虚构县启用电池产业园"
    assert shingles(spaced, "zh") == shingles(unspaced, "zh")
    assert len(shingles(unspaced, "zh")) == len(unspaced) - 4


def test_signature_ignores_case_spacing_punctuation_and_full_width_forms():
    text = body("riverport_recycling_en.txt")
    reflowed = " \n ".join(text.upper().split(" ")).replace(",", " ,")
    assert signature(reflowed, "en") == signature(text, "en")
    assert signature("２０２４年１０月９日，虚构县启用电池产业园。", "zh") == signature("2024年10月9日虚构县启用电池产业园", "zh")


def test_signature_is_stable_across_processes_and_releases():
    """Manifests keep signatures between runs: a change of hash or layout must be deliberate."""
    text = "The invented Riverport opens a fictional battery recycling centre on the old grain wharf."
    sig = signature(text, "en")
    assert len(sig) == SIGNATURE_HEX_LENGTH and int(sig, 16) >= 0
    assert sig[:32] == "cd6464cdacd1d1ac64acacd1cd77cd64"
    assert signature("虚构的河港市在旧粮食码头启用电池回收中心。", "zh")[:32] == "f1fb29b454b0fb6868e254b0b4fb5576"
    code = ("import sys; from digest.ingest.similarity import signature; "
            "print(signature(sys.stdin.read(), 'en'))")
    for hash_seed in ("1", "2"):
        other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                               cwd=REPO_ROOT, env={"PYTHONHASHSEED": hash_seed, "PATH": ""}).stdout.strip()
        assert other == sig


def test_texts_without_words_have_no_signature_and_match_nothing():
    assert signature("", "en") == "" and signature(" —,。 ", "zh") == ""
    index = NearDuplicateIndex()
    index.add("seeds/empty.txt", "")
    assert len(index) == 0 and index.find("") is None


def test_short_texts_are_one_shingle():
    assert shingles("Too short", "en") == {b"too short"}
    assert similarity(signature("Too short", "en"), signature("too  SHORT!", "en")) == 1.0


def test_index_replaces_a_sources_signature_and_skips_the_excluded_source():
    original = body("riverport_recycling_en.txt")
    ferries = body("riverport_ferries_en.txt")
    index = NearDuplicateIndex()
    index.add("seeds/a.txt", signature(original, "en"))
    assert index.find(signature(original, "en"), exclude="seeds/a.txt") is None
    index.add("seeds/a.txt", signature(ferries, "en"))  # a.txt was rewritten
    assert index.find(signature(original, "en")) is None
    assert index.find(signature(ferries, "en")).source == "seeds/a.txt"
    index.discard("seeds/a.txt")
    assert len(index) == 0 and index.find(signature(ferries, "en")) is None


def test_the_most_similar_candidate_wins():
    original = body("riverport_recycling_en.txt")
    one_change = original.replace(*ONE_WORD["en"])
    three_changes = one_change.replace("126 workers", "130 workers").replace("grain wharf", "timber wharf")
    index = NearDuplicateIndex()
    index.add("seeds/three.txt", signature(three_changes, "en"))
    index.add("seeds/one.txt", signature(one_change, "en"))
    assert index.find(signature(original, "en")).source == "seeds/one.txt"


def test_malformed_signatures_are_not_indexed():
    index = NearDuplicateIndex()
    index.add("seeds/a.txt", "zz" * (SIGNATURE_HEX_LENGTH // 2))
    index.add("seeds/b.txt", "abc")
    assert len(index) == 0
    assert similarity("abc", "abc") == 0.0
