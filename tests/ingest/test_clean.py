from pathlib import Path

import pytest

from digest.ingest.clean import clean
from digest.ingest.extract import extract_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def cleaned_fixture(name, kit):
    blocks = extract_text((FIXTURES / name).read_text(encoding="utf-8")).blocks
    return clean(blocks[1:], blocks[0].text, kit.rules, kit.detector)


def body(cleaned):
    return "\n\n".join(block.text for block in cleaned.blocks)


def test_english_noise_is_removed_and_prose_kept(kit):
    cleaned = cleaned_fixture("en_noise.txt", kit)
    assert body(cleaned) == (
        "On March 4, 2024, the invented Lakeview County held a high-ranking ceremony to open a battery "
        "campus. Deputy Mayor Zhou Fictional said the county would build a first-class workforce and "
        "leave low-quality production behind.\n\n"
        "Output is planned to grow from 2020 - 2025 levels, and winter temperatures of -5 °C are no "
        "obstacle – the campus is heated. Spending rose by 3–4 percent."
    )
    assert cleaned.source_name == "Lakeview Invented Daily"


def test_every_removal_is_reported_with_its_line_and_reason(kit):
    changes = {(c.line, c.action, c.reason.split(" (")[0]) for c in cleaned_fixture("en_noise.txt", kit).changes}
    assert {
        (3, "removed", "repeated title"),
        (9, "removed", "site boilerplate"),
        (11, "removed", "site boilerplate"),
        (13, "removed", "spam"),
        (15, "removed", "spam"),
        (17, "removed", "spam"),
        (19, "removed", "spam"),
        (21, "removed", "site boilerplate"),
        (23, "moved", "source name goes to the front matter"),
        (25, "removed", "site boilerplate"),
    } <= changes
    fixes = [c.text for c in cleaned_fixture("en_noise.txt", kit).changes if c.action == "fixed"]
    assert fixes == ["high -ranking → high-ranking", "first -class → first-class", "low -quality → low-quality"]


def test_chinese_noise_is_removed_and_prose_kept(kit):
    cleaned = cleaned_fixture("zh_noise.txt", kit)
    assert body(cleaned) == (
        "2024年3月4日，虚构的湖景县举行电池产业园启用仪式。副县长周虚构表示，该县将推动机器人和人工智能产业高质量发展。\n\n"
        "产业园计划在三年内完成建设，相关数据均为虚构。"
    )
    assert cleaned.source_name == "湖景虚构日报"
    reasons = [c.reason for c in cleaned.changes if c.action == "removed"]
    assert reasons[0] == "repeated title"
    assert "site boilerplate" in reasons and any(r.startswith("spam") for r in reasons)


@pytest.mark.parametrize(
    "line",
    [
        "The delegation visited Hong Kong and Macao to discuss data sharing.",
        "Data from HK and SGP exchanges were compared.",
        "The casino industry in Macao is regulated by law, the invented report said in a long sentence about the economy of the region.",
        "澳门特别行政区与广东省签署合作协议。",
        "Temperatures of -5 and ranges such as 2020 - 2025 stay.",
        "Share prices rose.",
        "Print media and online outlets covered the event.",
    ],
)
def test_real_text_is_never_taken_for_noise(line, kit):
    blocks = extract_text(line).blocks
    assert body(clean(blocks, None, kit.rules, kit.detector)) == line


@pytest.mark.parametrize(
    "line",
    [
        "togel hongkong", "data sdy", "keluaran sgp hari ini", "slot gacor maxwin", "prediksi togel sidney",
        "Situs judi online terpercaya dengan bandar togel resmi dan slot gacor maxwin setiap hari untuk semua pemain",
        "Buy cheap viagra online", "澳门六合彩开奖结果", "新葡京娱乐城欢迎您",
        "Exit mobile version", "Back to top", "返回顶部", "分享到：微信 微博", "Skip to content", "【打印】【关闭窗口】",
    ],
)
def test_spam_and_boilerplate_lines_are_removed(line, kit):
    blocks = extract_text(f"Real invented text about a fictional harbour.\n\n{line}").blocks
    assert body(clean(blocks, None, kit.rules, kit.detector)) == "Real invented text about a fictional harbour."
