from pathlib import Path

import pytest

from digest.ingest.decode import Rejected, decode

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"],
)
def test_chinese_text_survives_every_supported_encoding(encoding):
    text = (FIXTURES / "zh_noise.txt").read_text(encoding="utf-8")
    decoded = decode(text.encode(encoding))
    assert decoded.text == text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_english_text_with_typography_survives_every_supported_encoding(encoding):
    text = "Guangdong’s “modern” industry – café, 5 °C\n"
    assert decode(text.encode(encoding)).text == text


def test_windows_1252_smart_quotes_are_not_mistaken_for_gbk():
    decoded = decode("Guangdong’s plan “works”".encode("cp1252"))
    assert decoded.text == "Guangdong’s plan “works”"
    assert decoded.encoding == "cp1252"


def test_line_ends_are_normalised():
    assert decode(b"one\r\ntwo\rthree\n").text == "one\ntwo\nthree\n"


def test_mojibake_is_repaired_and_reported():
    decoded = decode("Guangdongâ€™s economy".encode("utf-8"))
    assert decoded.text == "Guangdong’s economy"
    assert any("ftfy" in change for change in decoded.changes)


def test_curly_quotes_and_fullwidth_punctuation_are_kept():
    text = "“Quoted” text and 中文（全角）标点：好。"
    assert decode(text.encode()).text == text


def test_invisible_and_special_spaces_are_normalised():
    decoded = decode("non\u00a0breaking soft\u00adhyphen zero\u200bwidth".encode())
    assert decoded.text == "non breaking softhyphen zerowidth"
    assert len(decoded.changes) == 2


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "empty"),
        (b"  \n\t\r\n ", "empty"),
        ("\u200b\u200b".encode(), "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary file (PDF document)"),
        (b"text\x00with\x00nul bytes", "binary"),
        (b"\x81\x8d\x8f\x90\x9d" * 4, "undecodable"),
    ],
)
def test_bad_inputs_are_rejected_with_a_reason(raw, reason):
    with pytest.raises(Rejected, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode(raw)


def test_terminal_escapes_in_pure_ascii_text_are_removed_and_reported():
    decoded = decode(("An invented council met on Monday. " * 10 + "\x1b[31mRed text\x1b[0m ends it.").encode())
    assert "\x1b" not in decoded.text and decoded.text.endswith("Red text ends it.")
    assert any("remove_terminal_escapes" in change for change in decoded.changes)


def test_the_few_control_characters_decode_lets_through_are_removed_and_reported():
    minutes = "An invented council met on Monday. " * 20
    decoded = decode(f"{minutes}\x05Page one ends.\x0cPage two\x7f ends.".encode())
    assert decoded.text == f"{minutes}Page one ends.\nPage two ends."
    assert "removed 2 control characters" in decoded.changes
