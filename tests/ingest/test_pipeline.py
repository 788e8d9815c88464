"""End-to-end ingest through the CLI: the seed, every noise kind, bad inputs, idempotence, guards."""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from digest import REPO_ROOT
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


@pytest.mark.parametrize("name", ["foshan_plant_en.txt", "foshan_plant_zh.txt"])
def test_a_place_in_the_title_and_lead_is_a_tag_one_in_an_officials_title_is_not(run_ingest, name):
    _, report, _, _ = run_ingest(INGEST / name)
    meta = parse(only_output(report).read_text(encoding="utf-8")).metadata
    assert meta["places"] == ["foshan"]  # not Shenzhen, named once in an invented official's title
    assert list(meta)[list(meta).index("officials") + 1] == "places"  # written after officials, as declared


def test_seed_becomes_the_expected_article(run_ingest):
    status, report, out, _ = run_ingest(SEED)
    assert status == 0
    assert report[0]["status"] == "published" and report[0]["problems"] == []
    text = only_output(report).read_text(encoding="utf-8")
    document = parse(text)
    meta = document.metadata
    title = "Guangdong accelerates the establishment of a modern industrial system with higher international competitiveness"
    assert meta["title"] == title
    assert title not in document.body  # moved to the front matter (title, and source.title as published)
    assert meta["date"] == "2025-02-05"
    assert meta["source"]["name"] == "Province of Guangdong"  # no Chinese name: outlets.yaml does not know it
    assert meta["source"]["title"] == title and meta["source"]["lang"] == "en"
    assert "machine_translated" not in meta["source"]  # its artifacts are no statement that it is one
    assert meta["source"]["file"] == "seeds/000_3237dff4ecd4f46c.txt" or meta["source"]["file"].endswith(SEED.name)
    assert meta["officials"] == ["huang-kunming", "wang-weizhong", "huang-chuping", "lin-keqing", "yang-yinkai", "meng-fanli"]
    assert {"artificial-intelligence", "robotics"} <= set(meta["industries"])
    # Guangzhou is the venue, in the lead; Shenzhen is named once, in Meng Fanli's title, and Hong Kong
    # and Macao once in passing, deep in the text: not topics
    assert meta["places"] == ["guangzhou"]
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
        "name": "Example Herald", "title": "Invented Harbour City expands a fictional robotics park", "lang": "en",
        "url": "https://news.example.org/2024/06/harbour-robotics",
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
    assert any("edited since ingest" in problem for problem in report[0]["problems"])
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


def test_parallel_workers_use_the_callers_data_folder_and_day(tmp_path, monkeypatch):
    """A kit made from another data folder (a glossary entry of its own) and judging dates from
    another day: with --jobs, each worker uses the same kit, not the repository's of today."""
    from digest.ingest.pipeline import Toolkit, ingest_paths

    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    with (data / "glossary.yaml").open("a", encoding="utf-8") as glossary:
        glossary.write("\n- canonical: {en: Invented Bureau, zh: 虚构发展局}\n"
                       "  meaning: {en: An invented body, zh: 一个虚构的机构}\n  variants: [battery plant]\n")
    kit = dataclasses.replace(Toolkit.create(data), today=dt.date(2031, 12, 31))  # the invented pages are dated 2031
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(PAGES / "long_description.html", pages)
    monkeypatch.chdir(tmp_path)
    serial = ingest_paths([pages], tmp_path / "serial", kit, jobs=1)
    parallel = ingest_paths([pages, PAGES / "unwrapped.html"], tmp_path / "parallel", kit, jobs=2)
    (written,) = (tmp_path / "serial").rglob("*.md")
    text = written.read_text(encoding="utf-8")
    assert serial[0].status == "published" and "Invented Bureau" in text  # the kit's day and glossary took effect
    assert (tmp_path / "parallel" / written.relative_to(tmp_path / "serial")).read_text(encoding="utf-8") == text
    assert parallel[0].report_entry() | {"output": None} == serial[0].report_entry() | {"output": None}


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
    assert meta["source"]["title"] == "虛構縣發展低空經濟" and meta["source"]["lang"] == "zh"  # the headline as published
    assert meta["officials"] == ["huang-kunming"] and meta["industries"] == ["low-altitude-economy"]
    assert "省委书记黄坤明出席会议并强调" in document.body and "黃" not in document.body
    assert validate(meta) == []


def test_an_outlet_known_in_both_languages_is_named_in_both(run_ingest):
    status, report, _, _ = run_ingest(INGEST / "zh_known_outlet.txt")
    assert status == 0 and report[0]["status"] == "published"
    text = only_output(report).read_text(encoding="utf-8")
    source = parse(text).metadata["source"]
    assert source["name"] == {"en": "Xinhua News Agency", "zh": "新华社"}  # 来源：新华社, and data/outlets.yaml
    assert "  name: {en: Xinhua News Agency, zh: 新华社}\n" in text  # on one line, as editors write it
    assert (source["title"], source["lang"]) == ("虚构湾区开通无人驾驶渡轮", "zh")
    assert "machine_translated" not in source


def test_a_page_that_says_it_is_a_machine_translation_is_recorded_as_one(run_ingest):
    status, report, _, _ = run_ingest(INGEST / "en_machine_translated.txt")
    assert status == 0 and report[0]["status"] == "published"
    document = parse(only_output(report).read_text(encoding="utf-8"))
    source = document.metadata["source"]
    assert source["machine_translated"] is True
    assert source["name"] == "Invented Riverport Evening News"  # not in data/outlets.yaml: as written
    assert (source["title"], source["lang"]) == ("Invented Riverport opens a hydrogen bus depot", "en")
    assert "machine-translated" not in document.body
    assert ("line 3: moved 'This article was machine-translated from Chinese.': the page says it is a machine "
            "translation: source.machine_translated goes to the front matter") in report[0]["changes"]


def test_an_article_about_machine_translation_is_not_one(run_ingest):
    _, report, _, _ = run_ingest(INGEST / "en_about_machine_translation.txt")
    document = parse(only_output(report).read_text(encoding="utf-8"))
    assert "machine_translated" not in document.metadata["source"]
    assert document.body.startswith("Machine translation\n\n")  # a heading, not a notice
    assert "Machine translation by 2030" in document.body


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


# --- The file-system edge: concurrent runs, crashes, a full disk, odd inputs ---------------------

def invented_sources(folder: Path, n: int, seed: int = 11) -> list[Path]:
    from digest.bench.corpus import write_raw_sources

    return write_raw_sources(folder, n, seed)


def content_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def manifest_sources(content: Path) -> dict:
    import json

    return json.loads((content / ".ingest-manifest.json").read_text(encoding="utf-8"))["sources"]


def in_child(target, *args, timeout: float = 120) -> int:
    """Run target(*args) in a forked process (the toolkit is already loaded); its exit status."""
    import multiprocessing

    process = multiprocessing.get_context("fork").Process(target=target, args=args)
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        pytest.fail(f"{target.__name__} did not finish in {timeout} s")
    return process.exitcode


def _ingest(paths, out, kit):
    from digest.ingest.pipeline import ingest_paths

    ingest_paths(paths, out, kit)


@pytest.fixture
def pool(tmp_path, kit, monkeypatch):
    """Twelve invented sources (a few Chinese) and what a serial ingest of all of them writes."""
    from digest.ingest.pipeline import ingest_paths

    monkeypatch.chdir(tmp_path)
    sources = [path.relative_to(tmp_path) for path in invented_sources(tmp_path / "pool", 12)]
    outcomes = ingest_paths(sources, Path("reference"), kit)
    assert {o.status for o in outcomes} <= {"published", "draft"}
    assert not any(p.stem.endswith("-2") for p in Path("reference").rglob("*.md"))
    return sources, manifest_sources(Path("reference"))


def test_two_ingests_at_once_into_one_folder_lose_nothing(pool, kit):
    import random
    import threading

    sources, reference = pool
    lost, doubled = [], []
    for seed in range(20):
        rng = random.Random(seed)
        first, second = rng.sample(sources, rng.randint(3, 8)), rng.sample(sources, rng.randint(3, 8))
        out = Path(f"round-{seed}")
        statuses = []
        runs = [threading.Thread(target=lambda paths=paths: statuses.append(in_child(_ingest, paths, out, kit)))
                for paths in (first, second)]
        for run in runs:
            run.start()
        for run in runs:
            run.join()
        assert statuses == [0, 0]
        expected = {source.as_posix(): reference[source.as_posix()] for source in {*first, *second}}
        recorded = manifest_sources(out)
        lost += [f"round {seed}: {source}" for source in expected if recorded.get(source) != expected[source]]
        doubled += [f"round {seed}: {p}" for p in out.rglob("*-2.md")]
        assert set(recorded) == set(expected)
    assert lost == [] and doubled == []


def _ingest_killed_at(paths, out, kit, point: str, count: int):
    """Ingest, with this process killed (SIGKILL) at the count-th `point`: before or after an
    article is recorded in the manifest, or instead of the manifest's final save."""
    import os
    import signal

    from digest.ingest import write

    calls = {"n": 0}
    record, save = write.Manifest.record, write.Manifest.save

    def die_now():
        os.kill(os.getpid(), signal.SIGKILL)

    def recording(self, source, entry):
        calls["n"] += 1
        if point == "before record" and calls["n"] == count:
            die_now()
        record(self, source, entry)
        if point == "after record" and calls["n"] == count:
            die_now()

    def saving(self):
        if point == "before save":
            die_now()
        save(self)

    write.Manifest.record, write.Manifest.save = recording, saving
    _ingest(paths, out, kit)


def test_a_run_killed_anywhere_is_finished_by_the_next_to_the_state_of_a_clean_run(pool, kit):
    import shutil

    from digest.ingest.pipeline import ingest_paths

    sources, _ = pool
    start = Path("start")  # half the sources ingested before; two of those edited since
    ingest_paths(sources[:6], start, kit)
    for source in sources[1:3]:
        source.write_text(source.read_text(encoding="utf-8").replace("。", "。 ", 1).replace(". ", ". Indeed, ", 1),
                          encoding="utf-8")
    clean = Path("clean")
    shutil.copytree(start, clean)
    ingest_paths(sources, clean, kit)
    expected = content_files(clean)
    assert ".ingest-journal.jsonl" not in expected
    # This run records 8 articles: the 6 sources new to it and the 2 edited ones.
    for point, count in (("before record", 1), ("before record", 5), ("before record", 8), ("after record", 2),
                         ("after record", 8), ("before save", 0)):
        out = Path(f"killed-{point.replace(' ', '-')}-{count}")
        shutil.copytree(start, out)
        assert in_child(_ingest_killed_at, sources, out, kit, point, count) == -9
        outcomes = ingest_paths(sources, out, kit)
        assert {o.status for o in outcomes} <= {"published", "draft", "unchanged"}, (point, count)
        assert content_files(out) == expected, (point, count)


def test_a_full_disk_stops_the_run_with_one_line_and_a_true_manifest(run_ingest, tmp_path, monkeypatch):
    import errno

    from digest.ingest import write

    sources = invented_sources(tmp_path / "seeds", 4)
    real_write, articles = write.atomic_write, []

    def filling(path, text, *args, **kwargs):
        if path.suffix == ".md":
            articles.append(path)
            if len(articles) == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, text, *args, **kwargs)

    monkeypatch.setattr(write, "atomic_write", filling)
    status, report, _, err = run_ingest(*sources)
    assert status == 2
    assert f"content/{articles[1].relative_to(tmp_path / 'content').as_posix()}: cannot write: No space left on device" \
        in err.splitlines()
    assert "Traceback" not in err and [entry["status"] for entry in report] == ["published"]
    on_disk = sorted(p.relative_to(tmp_path / "content").as_posix() for p in (tmp_path / "content").rglob("*.md"))
    recorded = sorted(output for entry in manifest_sources(tmp_path / "content").values() for output in entry["outputs"])
    assert on_disk == recorded and len(on_disk) == 1

    monkeypatch.setattr(write, "atomic_write", real_write)  # space again: the next run finishes the job
    status, report, _, _ = run_ingest(*sources)
    assert status == 0 and [entry["status"] for entry in report] == ["unchanged"] + ["published"] * 3
    assert not list((tmp_path / "content").rglob("*-2.md"))


def run_cli(tmp_path: Path, *args, timeout: float = 120, drop_root: bool = False):
    """`python -m scripts.ingest --out tmp_path/content --report tmp_path/report.json ARGS` in a
    subprocess at the worktree; a hang fails the test. drop_root: as root, without the
    capabilities that let root read what its permissions forbid."""
    import os
    import subprocess
    import sys

    from digest import REPO_ROOT

    prefix = []
    if drop_root and os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]
    command = [*prefix, sys.executable, "-m", "scripts.ingest", "--jobs", "1", "--out", str(tmp_path / "content"),
               "--report", str(tmp_path / "report.json"), *map(str, args)]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout)


def cli_report(tmp_path: Path) -> dict[str, dict]:
    import json

    return {entry["input"]: entry for entry in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))}


def test_special_files_are_rejected_not_waited_for(tmp_path):
    import os
    import socket

    folder = tmp_path / "src"
    shutil.copy(INGEST / "plain_en.txt", folder.mkdir() or folder / "story.txt")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "socket.md"))
    try:
        result = run_cli(tmp_path, folder, tmp_path / "named.txt")
    finally:
        listener.close()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    report = cli_report(tmp_path)
    assert report[f"{folder}/story.txt"]["status"] == "published"
    for path, kind in ((folder / "pipe.txt", "a FIFO"), (folder / "socket.md", "a socket"), (tmp_path / "named.txt", "a FIFO")):
        assert report[str(path)]["status"] == "rejected"
        assert report[str(path)]["problems"] == [f"not a regular file ({kind}); skipped"]
        assert f"{path}: rejected: not a regular file ({kind}); skipped" in result.stderr.splitlines()


def test_unreadable_folders_and_files_are_reported(tmp_path):
    folder = tmp_path / "src"
    (folder / "private").mkdir(parents=True)
    shutil.copy(INGEST / "plain_en.txt", folder / "story.txt")
    shutil.copy(INGEST / "no_date.txt", folder / "private" / "secret.txt")
    (folder / "private").chmod(0)
    try:
        result = run_cli(tmp_path, folder, folder / "private" / "secret.txt", drop_root=True)
    finally:
        (folder / "private").chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    report = cli_report(tmp_path)
    assert report[f"{folder}/story.txt"]["status"] == "published"
    assert report[f"{folder}/private"]["status"] == "rejected"
    assert report[f"{folder}/private"]["problems"] == ["cannot read folder: Permission denied"]
    assert report[f"{folder}/private/secret.txt"]["problems"] == ["cannot read: Permission denied"]
    assert f"{folder}/private: rejected: cannot read folder: Permission denied" in result.stderr.splitlines()


def test_a_damaged_manifest_stops_ingest_before_anything_is_written(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / ".ingest-manifest.json").write_text('{\n  "sources": {\n<<<<<<< HEAD\n', encoding="utf-8")
    result = run_cli(tmp_path, INGEST / "plain_en.txt")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{content}/.ingest-manifest.json:3: damaged (Expecting property name enclosed in double quotes); "
        "rebuild it with python -m scripts.ingest --rebuild-manifest"]
    assert not list(content.rglob("*.md"))


def test_a_second_ingest_into_a_folder_waits_for_the_first_and_says_so(tmp_path):
    import fcntl
    import os
    import subprocess
    import sys
    import threading

    from digest import REPO_ROOT

    content = tmp_path / "content"
    content.mkdir()
    lock = os.open(content / ".ingest.lock", os.O_RDWR | os.O_CREAT)
    fcntl.lockf(lock, fcntl.LOCK_EX)  # as an ingest running into content/ holds it
    second = subprocess.Popen([sys.executable, "-m", "scripts.ingest", "--jobs", "1", "--out", str(content),
                               str(INGEST / "plain_en.txt")], cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        said: list[str] = []
        reader = threading.Thread(target=lambda: said.append(second.stderr.readline()))
        reader.start()
        reader.join(120)
        assert said == [f"waiting for another ingest into {content}/ …\n"]
        assert second.poll() is None and not list(content.rglob("*.md"))
    finally:
        os.close(lock)  # the first run ends
        out, _ = second.communicate(timeout=120)
    assert second.returncode == 0 and "[published]" in out


def test_the_manifest_is_rebuilt_from_the_articles(run_ingest, tmp_path):
    from scripts import ingest

    names = ("plain_en.txt", "no_date.txt", "zh_portal.txt", "riverport_ferries_en.txt")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in names:
        shutil.copy(INGEST / name, seeds / name)
    _, report, _, _ = run_ingest(seeds)
    content = tmp_path / "content"
    written = manifest_sources(content)
    edited = Path(report[0]["output"])
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAn editor's sentence.\n", encoding="utf-8")
    translation = content / "zh" / edited.name
    translation.write_text(edited.read_text(encoding="utf-8").replace(
        "lang: en\n", "lang: zh\ntranslation:\n  from: en\n  by: Digest editors\n"), encoding="utf-8")
    (content / ".ingest-manifest.json").write_text("{\n  \"sources\": {\n    \"seeds/", encoding="utf-8")

    assert ingest.main(["--out", "content", "--rebuild-manifest"]) == 0
    assert manifest_sources(content) == written  # the edited article included: recorded as ingest wrote it
    _, report, _, _ = run_ingest(seeds)
    assert {entry["status"] for entry in report} == {"unchanged"}
    assert any("edited since ingest" in problem for problem in report[0]["problems"])

    gone = seeds / names[3]
    gone.unlink()
    assert ingest.main(["--out", "content", "--rebuild-manifest"]) == 0
    entry = manifest_sources(content)[f"seeds/{names[3]}"]
    assert "text_sha256" not in entry and list(entry["outputs"].values()) == [None]
    assert entry["sha256"] == written[f"seeds/{names[3]}"]["sha256"]
    assert entry["minhash"] == written[f"seeds/{names[3]}"]["minhash"]


def test_arguments_are_checked_before_anything_is_written(tmp_path):
    import subprocess
    import sys

    from digest import REPO_ROOT

    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "a-folder").mkdir()
    a_file, a_folder = tmp_path / "a-file", tmp_path / "a-folder"
    for args, message in (([f"--out={a_file}"], f"{a_file}: not a folder"),
                          ([f"--out={a_file}/content"], f"{a_file}/content: {a_file} is not a folder"),
                          ([f"--report={a_folder}"], f"{a_folder}: is a folder, not a file"),
                          ([f"--report={a_file}/report.json"], f"{a_file}/report.json: {a_file} is not a folder")):
        defaults = [f"--out={tmp_path / 'content'}"]
        result = subprocess.run([sys.executable, "-m", "scripts.ingest", "--jobs", "1", *defaults, *args,
                                 str(INGEST / "plain_en.txt")], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 2 and result.stderr.splitlines() == [message], args
        assert not (tmp_path / "content").exists()


def test_a_symlink_out_of_a_walked_folder_is_refused_unless_asked_for(run_ingest, tmp_path):
    import os

    folder, outside = tmp_path / "src", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    shutil.copy(INGEST / "plain_en.txt", folder / "story.txt")
    shutil.copy(INGEST / "no_date.txt", outside / "elsewhere.txt")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink("../outside/elsewhere.txt", folder / "link.txt")
    status, report, _, err = run_ingest(folder)
    by_input = {entry["input"]: entry for entry in report}
    assert status == 1 and by_input["src/story.txt"]["status"] == "published"
    assert by_input["src/passwd.txt"]["problems"] == [
        "symlink to /etc/passwd, outside src; not followed (--follow-symlinks follows it)"]
    assert by_input["src/link.txt"]["status"] == "rejected" and "outside src" in by_input["src/link.txt"]["problems"][0]
    assert "root:" not in err
    status, report, _, _ = run_ingest(folder / "link.txt")  # named on the command line: taken as named
    assert status == 0 and report[0]["status"] == "draft"
    status, report, _, _ = run_ingest("--follow-symlinks", folder / "story.txt", outside)
    assert status == 0 and [entry["status"] for entry in report] == ["unchanged", "unchanged"]


def test_ingest_writes_files_with_the_usual_mode(run_ingest, tmp_path):
    import os

    previous = os.umask(0o022)
    try:
        _, report, _, _ = run_ingest(INGEST / "plain_en.txt")
    finally:
        os.umask(previous)
    assert only_output(report).stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "content" / ".ingest-manifest.json").stat().st_mode & 0o777 == 0o644


def test_a_chinese_page_with_a_long_english_script_is_chinese(kit):
    from digest.ingest.pipeline import build_article

    prose = "".join(f"<p>青岚市虚构港务局今天发布第{n}份泊位脚本说明，供虚构码头的工作人员参考使用。</p>" for n in range(1, 4))
    script = "\n".join(f"docker run --name invented-berth-{n} --restart always invented/berth-service:latest" for n in range(40))
    html = (f"<html><head><title>青岚市虚构港务局发布泊位脚本</title></head><body><article><h1>青岚市虚构港务局发布泊位脚本</h1>"
            f"{prose}<pre><code>{script}</code></pre></article></body></html>")
    article = build_article(html.encode(), "seeds/invented-berths.html", ".html", kit)
    assert article.front_matter["lang"] == "zh"  # the script's English words are not the article's language
    assert "invented-berth-39" in article.body


def test_a_channel_page_is_no_article_when_the_second_reader_finds_none_and_cleaning_leaves_a_line(monkeypatch):
    # trafilatura reads a channel page's teasers and name list as text; cleaning drops the teasers cut
    # short and the names, and the one teaser left is no article. The second reader decides: where it
    # finds an article the page is kept, where it finds none the page is rejected.
    from digest.ingest import extract
    from digest.ingest.decode import Rejected

    kept = page_article("channel_listing.html")
    assert kept.body.startswith("林虚舟以湖景风光摄影见长")
    monkeypatch.setattr(extract, "magic_html_blocks", lambda html, url: [])
    with pytest.raises(Rejected, match="no article: magic-html found none, and cleaning left 6[0-9] characters"):
        page_article("channel_listing.html")
