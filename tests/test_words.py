"""digest.words: jieba's dictionary is read once per process, and a tokenizer that starts from a copy
of it cuts exactly as one that read the dictionary itself."""
import jieba
import pytest

from digest.ingest.clean import Dictionary
from digest.words import ChineseWords, load_tokenizer

INVENTED = ("湖景县", "虚构新区")  # invented place names, not in jieba's dictionary
TEXT = "湖景县的虚构新区发展低空经济，湖景县委书记周虚构出席。"


@pytest.fixture
def reads(monkeypatch):
    """Every tokenizer that reads jieba's dictionary, from a process that has read none yet."""
    load_tokenizer.cache_clear()
    read = []
    original = jieba.Tokenizer.initialize

    def initialize(self, *args):
        read.append(self)
        return original(self, *args)

    monkeypatch.setattr(jieba.Tokenizer, "initialize", initialize)
    yield read
    load_tokenizer.cache_clear()  # the next user reads a dictionary nobody patched


def test_cleaning_and_vocabulary_matching_read_the_dictionary_once(reads):
    assert Dictionary().is_word("经济")
    assert ChineseWords(INVENTED).tokenizer.FREQ["湖景县"] > 0
    assert len(reads) == 1


def test_a_tokenizer_with_extra_words_is_the_one_jieba_would_build_and_leaves_the_plain_one_alone(reads):
    shared = load_tokenizer(INVENTED)
    fresh = jieba.Tokenizer()
    fresh.initialize()
    for word in INVENTED:
        fresh.add_word(word)
    assert (shared.FREQ, shared.total) == (fresh.FREQ, fresh.total)
    assert list(shared.cut(TEXT, HMM=False)) == list(fresh.cut(TEXT, HMM=False))
    assert "湖景县" in shared.cut(TEXT, HMM=False)

    plain = load_tokenizer()
    assert "湖景县" not in plain.FREQ and "湖景县" not in plain.cut(TEXT, HMM=False)
    assert not Dictionary().is_word("湖景县")
