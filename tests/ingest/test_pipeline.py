"""End-to-end ingest through the CLI: the seed, every noise kind, bad inputs, idempotence, guards."""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from digest.frontmatter import parse
from digest.schema import validate
from tests.conftest import FIXTURES, SEED

INGEST = FIXTURES / "ingest"
SEED_PARAGRAPH_STARTS = [
    "On February 5, 2025, the first working day",
    "Huang Kunming, secretary of the Guangdong Provincial Party Committee",
    "Huang Kunming emphasized that building a modern industrial system",
    "In view of the new global wave",
    "Guangdong has a complete industrial system",
    "Huang further emphasized",
    "Governor Wang Weizhong emphasized",
    "The close interlinking of industry and science",
]


def only_output(report) -> Path:
    (entry,) = report
    return Path(entry["output"])


def test_seed_becomes_the_expected_article(run_ingest):
    status, report, out, _ = run_ingest(SEED)
    assert status == 0
    assert report[0]["status"] == "published" and report[0]["problems"] == []
    text = only_output(report).read_text(encoding="utf-8")
    document = parse(text)
    meta = document.metadata
    title = "Guangdong accelerates the establishment of a modern industrial system with higher international competitiveness"
    assert meta["title"] == title
    assert text.count(title) == 1
    assert meta["date"] == "2025-02-05"
    assert meta["source"]["name"] == "Province of Guangdong"
    assert meta["source"]["file"] == "seeds/000_3237dff4ecd4f46c.txt" or meta["source"]["file"].endswith(SEED.name)
    assert meta["officials"] == ["huang-kunming", "wang-weizhong", "huang-chuping", "lin-keqing", "yang-yinkai", "meng-fanli"]
    assert {"artificial-intelligence", "robotics"} <= set(meta["industries"])
    assert meta["lang"] == "en" and meta["status"] == "published"
    assert validate(meta) == []
    body = document.body
    for junk in ("togel", "sdy", "data hk", "Exit mobile version", "Source:", " -r", " -q", " -o", " -e"):
        assert junk not in body, junk
    for fixed in ("high-ranking", "low-quality", "future-oriented", "real-economically", "CPPCC",
                  "Standing Committee of the Provincial People's Congress"):
        assert fixed in body, fixed
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) == len(SEED_PARAGRAPH_STARTS)
    for start in SEED_PARAGRAPH_STARTS:
        assert sum(p.startswith(start) for p in paragraphs) == 1, start
    assert "removed 'togel hongkong'" in out and "repeated title" in out


def test_seed_body_loses_no_word_of_real_text(run_ingest, kit):
    """Every word of the seed's body paragraphs is in the output, apart from the documented fixes."""
    _, report, _, _ = run_ingest(SEED)
    body = parse(only_output(report).read_text(encoding="utf-8")).body
    raw = SEED.read_text(encoding="utf-8").split("\n\n")
    source_paragraphs = [p for p in raw[2:] if len(p.split()) > 12]
    assert len(source_paragraphs) == 8
    normalise = lambda s: " ".join(s.replace(" -", "-").split())  # noqa: E731
    replacements = {variant: entry.canonical["en"] for entry in kit.vocabularies.glossary for variant in entry.variants}
    for paragraph in source_paragraphs:
        expected = normalise(paragraph)
        for variant, canonical in replacements.items():
            expected = expected.replace(variant, canonical)
        assert expected in normalise(body.replace("\\", "")), paragraph[:40]


def test_english_noise_fixture(run_ingest):
    status, report, _, _ = run_ingest(INGEST / "en_noise.txt")
    # A draft since officials are reported: "Deputy Mayor Zhou Fictional" is not in data/officials.yaml.
    assert status == 0 and report[0]["status"] == "draft"
    assert report[0]["problems"] == [
        "officials: named but not in data/officials.yaml: Zhou Fictional (Deputy Mayor) — add them or ignore"]
    document = parse(only_output(report).read_text(encoding="utf-8"))
    assert document.metadata["date"] == "2024-03-04"
    assert document.metadata["source"]["name"] == "Lakeview Invented Daily"
    assert "togel" not in document.body and "Back to top" not in document.body
    assert "2020 - 2025" in document.body and "-5 °C" in document.body and "3–4" in document.body


def test_chinese_noise_fixture(run_ingest):
    status, report, _, _ = run_ingest(INGEST / "zh_noise.txt")
    assert status == 0
    document = parse(only_output(report).read_text(encoding="utf-8"))
    meta = document.metadata
    assert meta["lang"] == "zh" and meta["date"] == "2024-03-04" and meta["source"]["name"] == "湖景虚构日报"
    assert meta["title"] == "虚构县启用电池产业园"
    assert {"robotics", "artificial-intelligence"} <= set(meta["industries"])
    assert len(meta["summary"]) <= 120
    for junk in ("六合彩", "返回顶部", "分享到", "来源"):
        assert junk not in document.body


def test_html_fixture(run_ingest):
    status, report, _, _ = run_ingest(INGEST / "article.html")
    # A draft since officials are reported: "the imaginary mayor Qian Madeup" is not in data/officials.yaml.
    assert status == 0 and report[0]["status"] == "draft"
    assert report[0]["problems"] == [
        "officials: named but not in data/officials.yaml: Qian Madeup (mayor) — add them or ignore"]
    document = parse(only_output(report).read_text(encoding="utf-8"))
    meta = document.metadata
    assert meta["title"] == "Invented Harbour City expands a fictional robotics park"
    assert meta["date"] == "2024-06-18"
    assert meta["source"] == {
        "name": "Example Herald", "url": "https://news.example.org/2024/06/harbour-robotics",
        "file": meta["source"]["file"], "sha256": meta["source"]["sha256"],
    }
    assert meta["summary"] == "The invented Harbour City will double a fictional robotics park, officials said."
    assert "## Training and jobs" in document.body
    assert "- A second assembly hall for invented robot arms\n- A testing ground" in document.body
    assert document.body.count("Invented Harbour City expands") == 0  # the h1 repeats the title


def test_missing_date_makes_a_draft_and_says_why(run_ingest):
    status, report, _, _ = run_ingest(INGEST / "no_date.txt")
    assert status == 0
    assert report[0]["status"] == "draft"
    assert any(problem.startswith("date:") for problem in report[0]["problems"])
    meta = parse(only_output(report).read_text(encoding="utf-8")).metadata
    assert "date" not in meta and meta["status"] == "draft"
    assert meta["problems"] == report[0]["problems"]
    assert validate(meta) == []


def test_markup_in_sources_is_escaped(run_ingest):
    from markdown_it import MarkdownIt

    _, report, _, _ = run_ingest(INGEST / "xss.txt")
    document = parse(only_output(report).read_text(encoding="utf-8"))
    assert document.metadata["title"] == "<script>alert(1)</script> in an invented headline"
    html = MarkdownIt("commonmark").render(document.body)
    for tag in ("<script", "<img", "<a ", "<iframe", "<b>", "<strong>"):
        assert tag not in html, tag
    assert "&lt;iframe" in html and "javascript:alert(4)" in html  # shown as text


def test_bad_inputs_are_rejected_and_nothing_is_written(run_ingest, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.md").write_bytes(b"\n \n\t\n")
    (bad / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (bad / "garbage.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 10)
    (bad / "spam.txt").write_text("togel hongkong\n\ndata sdy\n\nExit mobile version\n")
    (bad / "notes.docx").write_bytes(b"PK\x03\x04")
    status, report, _, err = run_ingest(bad, bad / "notes.docx")
    assert status == 1
    assert [entry["status"] for entry in report] == ["rejected"] * 6
    assert all(entry["output"] is None and entry["problems"] for entry in report)
    assert "empty.txt: rejected: empty file" in err
    assert "garbage.txt: rejected: undecodable" in err
    assert "notes.docx: rejected: unsupported file type '.docx'" in err
    assert not (tmp_path / "content").exists() or not list((tmp_path / "content").rglob("*.md"))


def test_exit_status_is_zero_without_rejections(run_ingest):
    status, report, _, _ = run_ingest(INGEST / "plain_en.txt", INGEST / "no_date.txt")
    assert status == 0 and {e["status"] for e in report} == {"published", "draft"}


def test_report_matches_the_contract(run_ingest):
    _, report, _, _ = run_ingest(INGEST / "plain_en.txt")
    (entry,) = report
    assert set(entry) >= {"input", "output", "status", "problems"}
    assert entry["status"] in {"published", "draft", "unchanged", "duplicate", "rejected"}
    assert isinstance(entry["problems"], list)


def test_reingesting_changes_nothing(run_ingest, tmp_path):
    run_ingest(INGEST)
    snapshot = {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    status, report, _, _ = run_ingest(INGEST)
    assert status == 0
    assert {entry["status"] for entry in report} == {"unchanged"}
    assert {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()} == snapshot


def test_same_source_under_another_name_is_a_duplicate(run_ingest, tmp_path):
    copies = tmp_path / "copies"
    copies.mkdir()
    shutil.copy(INGEST / "plain_en.txt", copies / "a.txt")
    shutil.copy(INGEST / "plain_en.txt", copies / "b.txt")
    reflowed = (INGEST / "plain_en.txt").read_text().replace(" ", "  ").replace("\n", "\r\n")
    (copies / "c.txt").write_text(reflowed)
    _, report, _, _ = run_ingest(copies)
    assert [e["status"] for e in report] == ["published", "duplicate", "duplicate"]
    assert "copies/a.txt" in report[1]["problems"][0]
    assert len(list((tmp_path / "content").rglob("*.md"))) == 1


def test_editor_changes_are_never_overwritten_without_force(run_ingest):
    _, report, _, _ = run_ingest(INGEST / "plain_en.txt")
    output = only_output(report)
    edited = output.read_text(encoding="utf-8").replace("covering drones", "covering invented drones")
    output.write_text(edited, encoding="utf-8")
    status, report, _, _ = run_ingest(INGEST / "plain_en.txt")
    assert status == 0 and report[0]["status"] == "unchanged"
    assert "edited since ingest" in report[0]["problems"][0]
    assert output.read_text(encoding="utf-8") == edited
    status, report, _, _ = run_ingest("--force", INGEST / "plain_en.txt")
    assert report[0]["status"] == "published"
    assert "invented drones" not in output.read_text(encoding="utf-8")


def test_a_changed_source_updates_its_own_untouched_output(run_ingest, tmp_path):
    source = tmp_path / "story.txt"
    source.write_text((INGEST / "plain_en.txt").read_text())
    _, report, _, _ = run_ingest(source)
    output = only_output(report)
    source.write_text(source.read_text().replace("made up", "invented"))
    _, report, _, _ = run_ingest(source)
    assert report[0]["status"] == "published" and only_output(report) == output
    assert "invented for this test" in output.read_text()


def test_slug_owned_by_another_article_is_not_taken(run_ingest, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text((INGEST / "plain_en.txt").read_text().replace("covering drones", "about other things"))
    _, first, _, _ = run_ingest(INGEST / "plain_en.txt")
    _, second, _, _ = run_ingest(other)
    assert only_output(first) != only_output(second)
    assert only_output(second).stem.endswith("-2")
    assert parse(only_output(second).read_text()).metadata["slug"] == only_output(second).stem


def test_parallel_ingest_gives_the_same_result(tmp_path, kit, monkeypatch):
    from digest.ingest.pipeline import ingest_paths

    monkeypatch.chdir(tmp_path)
    serial = ingest_paths([INGEST], tmp_path / "serial", kit, jobs=1)
    parallel = ingest_paths([INGEST], tmp_path / "parallel", kit, jobs=2)
    assert [o.report_entry() | {"output": None} for o in serial] == [o.report_entry() | {"output": None} for o in parallel]
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert files(tmp_path / "serial") == files(tmp_path / "parallel")


# --- Real-page structure (invented pages imitating government portals and state media) ------

PAGES = Path(__file__).parent.parent / "fixtures" / "ingest" / "pages"


def page_article(name: str):
    from digest.ingest.pipeline import Toolkit, build_article

    # The invented pages are dated 2031: judged from a day that year, their dates are plausible.
    kit = dataclasses.replace(Toolkit.create(), today=dt.date(2031, 12, 31))
    return build_article((PAGES / name).read_bytes(), f"pages/{name}", ".html", kit)


def test_table_layout_government_page_is_published_whole_and_without_chrome():
    article = page_article("gov_table.html")
    fm = article.front_matter
    assert fm["status"] == "published", fm.get("problems")
    assert fm["title"] == "青岚市出台支持低空飞行器产业发展十条措施"
    assert (str(fm["date"]), fm["source"]["name"]) == ("2031-04-09", "青岚市发展和改革局")
    assert fm["summary"].startswith("4月8日，青岚市人民政府印发")
    paragraphs = article.body.strip().split("\n\n")
    assert len(paragraphs) == 4 and paragraphs[3].startswith("青岚市发展和改革局有关负责人表示")
    for chrome in ("首页", "当前位置", "发布时间", "字号", "版权所有", "ICP", "青岚市出台支持低空飞行器产业发展十条措施"):
        assert chrome not in article.body, chrome


def test_state_media_page_credits_the_original_outlet_and_drops_furniture():
    article = page_article("state_media.html")
    fm = article.front_matter
    assert fm["title"] == "翠屏省推动虚构智能机器人产业集群发展"
    assert fm["source"]["name"] == "虚构青年报客户端"
    assert fm["summary"].startswith("6月14日，翠屏省召开")
    assert article.body.startswith("6月14日，翠屏省召开")
    for junk in (".jpg", "本报记者", "责编", "版权所有", "举报电话", "经济·科技"):
        assert junk not in article.body, junk


def test_a_description_longer_than_the_schema_allows_is_trimmed_not_rejected():
    fm = page_article("long_description.html").front_matter
    assert fm["status"] == "published"
    assert fm["summary"].endswith("should take two years.")


def test_text_outside_paragraph_tags_is_kept_and_a_handle_is_not_the_source():
    article = page_article("unwrapped.html")
    assert article.body.count("\n\n") == 2 and "Harbour master Ilsa Notreal" in article.body
    assert article.front_matter["source"]["name"] == "Varlow Daily"
    assert "By Imaginary Reporter" not in article.body


@pytest.mark.parametrize(
    "name, language",
    [("ja_page.txt", "Japanese (ja)"), ("it_page.txt", "Italian (it)"), ("pt_page.txt", "Portuguese (pt)")],
)
def test_other_languages_are_rejected_and_named(run_ingest, name, language):
    status, report, _, err = run_ingest(FIXTURES / "ingest_languages" / name)
    assert status == 1 and report[0]["status"] == "rejected"
    assert report[0]["problems"] == [f"language is {language}, not English or Chinese"]
    assert f"rejected: language is {language}" in err


def test_english_quoting_foreign_words_is_accepted(run_ingest):
    status, report, _, _ = run_ingest(INGEST / "en_foreign_words.txt")
    assert status == 0 and report[0]["status"] == "published"
    meta = parse(only_output(report).read_text(encoding="utf-8")).metadata
    assert meta["lang"] == "en" and meta["industries"] == ["robotics"]


def test_traditional_chinese_is_converted_and_tagged(run_ingest):
    status, report, out, _ = run_ingest(INGEST / "zh_hant.txt")
    assert status == 0 and report[0]["status"] == "published"
    assert "converted Traditional → Simplified Chinese (OpenCC t2s)" in report[0]["changes"]
    document = parse(only_output(report).read_text(encoding="utf-8"))
    meta = document.metadata
    assert meta["title"] == "虚构县发展低空经济" and meta["lang"] == "zh"
    assert meta["source"]["converted_from"] == "zh-Hant"
    assert meta["source"]["name"] == "湖景虛構日報"  # provenance: the publication's name as it writes it
    assert meta["officials"] == ["huang-kunming"] and meta["industries"] == ["low-altitude-economy"]
    assert "省委书记黄坤明出席会议并强调" in document.body and "黃" not in document.body
    assert validate(meta) == []


def test_simplified_chinese_records_no_conversion(run_ingest):
    _, report, _, _ = run_ingest(INGEST / "zh_noise.txt")
    meta = parse(only_output(report).read_text(encoding="utf-8")).metadata
    assert "converted_from" not in meta["source"]
    assert not any("Traditional" in change for change in report[0]["changes"])


def test_officials_missing_from_the_vocabulary_are_reported(run_ingest):
    status, report, _, _ = run_ingest(INGEST / "zh_officials.txt")
    assert status == 0 and report[0]["status"] == "draft"
    assert report[0]["problems"] == [
        "officials: named but not in data/officials.yaml: 吴强 (国务院总理), 马虚瑞 (省委书记), 柯小明 (副市长)"
        " — add them or ignore"]
    meta = parse(only_output(report).read_text(encoding="utf-8")).metadata
    assert meta["officials"] == ["wang-weizhong"] and meta["problems"] == report[0]["problems"]
    assert validate(meta) == []


def test_industries_are_tagged_by_whole_words_and_weight(run_ingest):
    _, report, _, _ = run_ingest(INGEST / "zh_words.txt")
    meta = parse(only_output(report).read_text(encoding="utf-8")).metadata
    # 玩具小汽车 is no car industry, 音乐软件 no software industry, one 芯片 in the last paragraph no topic
    assert meta["industries"] == ["robotics"]


# --- near copies -----------------------------------------------------------------------------------

RECYCLING = INGEST / "riverport_recycling_en.txt"


def one_word_changed(source: Path, target: Path) -> Path:
    """A copy of source under another name with one word changed ("spent" batteries become "used")."""
    text = source.read_text(encoding="utf-8")
    assert text.count("spent batteries") == 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace("spent batteries", "used batteries"), encoding="utf-8")
    return target


def written(tmp_path: Path) -> list[Path]:
    return sorted(p.relative_to(tmp_path) for p in (tmp_path / "content").rglob("*.md"))


def test_near_copy_under_another_name_is_a_duplicate_of_the_first(run_ingest, tmp_path):
    _, first, _, _ = run_ingest(RECYCLING)
    copy = one_word_changed(RECYCLING, tmp_path / "later" / "recycling-centre.txt")
    status, report, out, _ = run_ingest(copy)
    assert status == 0
    (entry,) = report
    assert entry["status"] == "duplicate" and entry["output"] is None
    (problem,) = entry["problems"]
    assert problem.startswith(f"near-copy of {first[0]['input']} (content/en/invented-riverport-opens-")
    assert problem.endswith("% of its text shingles shared")
    assert 80 <= int(problem.rsplit(": ", 1)[1].split("%")[0]) < 100
    assert written(tmp_path) == [only_output(first)]
    assert "later/recycling-centre.txt → (nothing written) [duplicate]" in out and f"    problem: {problem}" in out


def test_near_copy_of_the_seed_is_a_duplicate(run_ingest, tmp_path):
    _, first, _, _ = run_ingest(SEED)
    copy = tmp_path / "seeds" / "001_guangdong_again.txt"
    copy.parent.mkdir()
    copy.write_text(SEED.read_text(encoding="utf-8").replace("powerful new image", "powerful fresh image"))
    _, report, _, _ = run_ingest(copy)
    assert report[0]["status"] == "duplicate"
    assert report[0]["problems"][0].startswith(f"near-copy of {first[0]['input']} (content/en/guangdong-accelerates-")
    assert written(tmp_path) == [only_output(first)]


def test_an_edited_source_is_an_update_of_itself_not_a_duplicate(run_ingest, tmp_path):
    source = tmp_path / "recycling.txt"
    source.write_text(RECYCLING.read_text(encoding="utf-8"), encoding="utf-8")
    _, first, _, _ = run_ingest(source)
    source.write_text(source.read_text(encoding="utf-8").replace("126 workers", "131 workers"), encoding="utf-8")
    _, again, _, _ = run_ingest(source)
    assert again[0]["status"] == "published" and again[0]["problems"] == []
    assert only_output(again) == only_output(first) and "131 workers" in only_output(again).read_text()
    # The manifest holds the edited version now: a near copy of it names this source.
    _, copy, _, _ = run_ingest(one_word_changed(source, tmp_path / "elsewhere" / "copy.txt"))
    assert copy[0]["status"] == "duplicate" and copy[0]["problems"][0].startswith("near-copy of recycling.txt (")


def test_near_copy_within_one_run(run_ingest, tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(RECYCLING, inputs / "a.txt")
    one_word_changed(RECYCLING, inputs / "b.txt")
    shutil.copy(INGEST / "riverport_ferries_en.txt", inputs / "c.txt")  # shares the lead paragraph only
    _, report, _, _ = run_ingest(inputs)
    assert [e["status"] for e in report] == ["published", "duplicate", "published"]
    assert report[1]["problems"][0].startswith("near-copy of inputs/a.txt (content/en/")
    assert len(written(tmp_path)) == 2


def test_near_copies_with_two_jobs_are_found_as_with_one(run_ingest, tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("riverport_recycling_en.txt", "riverport_ferries_en.txt", "riverport_recycling_zh.txt",
                 "riverport_ferries_zh.txt", "plain_en.txt"):
        shutil.copy(INGEST / name, inputs / name)
    one_word_changed(RECYCLING, inputs / "z_copy_en.txt")
    zh = (INGEST / "riverport_recycling_zh.txt").read_text(encoding="utf-8").replace("废旧电池", "报废电池")
    (inputs / "z_copy_zh.txt").write_text(zh, encoding="utf-8")
    _, one_job, _, _ = run_ingest(inputs, out=tmp_path / "one")
    _, two_jobs, _, _ = run_ingest("--jobs", "2", inputs, out=tmp_path / "two")
    assert [e["status"] for e in one_job] == ["published"] * 5 + ["duplicate"] * 2
    assert one_job[5]["problems"][0].startswith("near-copy of inputs/riverport_recycling_en.txt (one/en/")
    assert one_job[6]["problems"][0].startswith("near-copy of inputs/riverport_recycling_zh.txt (one/zh/")
    same = lambda report: [{**e, "output": None, "problems": [p.replace("one/", "two/") for p in e["problems"]]}  # noqa: E731
                           for e in report]
    assert same(one_job) == [{**e, "output": None} for e in two_jobs]


def test_articles_sharing_a_lead_paragraph_are_all_published(run_ingest):
    names = ("riverport_recycling_en.txt", "riverport_ferries_en.txt", "riverport_recycling_zh.txt",
             "riverport_ferries_zh.txt")
    _, report, _, _ = run_ingest(*(INGEST / name for name in names))
    assert [e["status"] for e in report] == ["published"] * 4


def test_manifest_from_before_signatures_still_finds_near_copies(run_ingest, tmp_path):
    import json

    _, first, _, _ = run_ingest(RECYCLING)
    manifest_path = tmp_path / "content" / ".ingest-manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    (entry,) = manifest["sources"].values()
    assert len(entry.pop("minhash")) == 128
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    _, report, _, _ = run_ingest(one_word_changed(RECYCLING, tmp_path / "copy.txt"))
    assert report[0]["status"] == "duplicate"
    assert report[0]["problems"][0].startswith(f"near-copy of {first[0]['input']} (content/en/")


def test_a_page_address_in_chinese_is_kept_as_a_uri(run_ingest, tmp_path):
    page = tmp_path / "invented-chinese-address.html"
    page.write_text((INGEST / "article.html").read_text(encoding="utf-8").replace(
        "https://news.example.org/2024/06/harbour-robotics", "https://例子.中国/新闻/虚构.html"), encoding="utf-8")
    status, report, _, _ = run_ingest(page)
    assert (status, report[0]["status"]) == (0, "draft"), report  # a draft for its unknown official, as article.html
    meta = parse(only_output(report).read_text(encoding="utf-8")).metadata
    assert meta["source"]["url"] == "https://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB/%E8%99%9A%E6%9E%84.html"
    assert validate(meta) == []


@pytest.mark.parametrize("written, today", [("On May 6, 2099,", "2025-06-01"), ("On 8 May 2024,", "2024-05-05"),
                                            ("1905年5月6日，", "2025-06-01")])
def test_an_implausible_found_date_makes_an_undated_draft(kit, written, today):
    from digest.ingest.pipeline import build_article

    text = (INGEST / "plain_en.txt").read_text(encoding="utf-8").replace("on 12 January 2024", "")
    text = text.replace("The invented Delta Region published", f"{written} the invented Delta Region published")
    article = build_article(text.encode(), "seeds/invented.txt", ".txt", dataclasses.replace(kit, today=dt.date.fromisoformat(today)))
    assert article.front_matter["status"] == "draft" and "date" not in article.front_matter
    (problem,) = [p for p in article.problems if p.startswith("date:")]
    assert "data/dates.yaml" in problem and "no complete day-month-year" not in problem
    assert validate(article.front_matter) == []


def test_a_date_within_the_margin_is_published(kit):
    from digest.ingest.pipeline import build_article

    raw = (INGEST / "plain_en.txt").read_bytes()  # dated 12 January 2024
    article = build_article(raw, "seeds/invented.txt", ".txt", dataclasses.replace(kit, today=dt.date(2024, 1, 10)))
    assert article.front_matter["status"] == "published" and article.front_matter["date"] == dt.date(2024, 1, 12)
