"""`python -m scripts.evaluate` end to end on the tiny invented benchmarks, ours only."""
from __future__ import annotations

import json

from scripts import evaluate
from tests.conftest import FIXTURES

EVALUATION = FIXTURES / "evaluation"


def table_rows(output: str) -> dict[tuple[str, str], list[str]]:
    """Markdown table rows keyed by their first two cells."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) > 2:
            rows[(cells[0], cells[1])] = cells
    return rows


def test_evaluates_ours_on_both_benchmarks(tmp_path, capsys):
    results = tmp_path / "pages.json"
    status = evaluate.main([
        "--aeb", str(EVALUATION / "aeb"), "--magic", str(EVALUATION / "magic"),
        "--labels", str(EVALUATION / "labels"), "--only", "ours", "--json", str(results), "--worst", "1",
    ])
    output = capsys.readouterr().out
    assert status == 0
    rows = table_rows(output)

    aeb = rows[("article-extraction-benchmark", "ours")]
    assert aeb[2] == "2"  # pages
    # The German page is rejected: no text, so recall 0 there and no precision; the English page
    # loses only its title line to precision.
    precision, recall, f1 = map(float, aeb[3:6])
    assert 0.85 < precision <= 1.0 and 0.45 < recall <= 0.5 and f1 < 0.7  # no headline in AEB bodies
    assert aeb[6] == "1" and float(aeb[9]) > 0.9  # English and Chinese pages only
    assert float(aeb[10]) > 0  # pages/s
    assert aeb[11:14] == ["1.00 (1/1)"] * 3  # title, date, source right

    magic = rows[("magic-html-article", "ours")]
    assert magic[6] == "2" and float(magic[5]) > 0.9
    assert magic[11] == "1.00 (2/2)"
    assert magic[12] == "1.00 (1/1); 0/1 invented"  # the seed-library page states no date

    languages = rows[("article-extraction-benchmark", "2")]  # labelled pages
    assert languages[2:8] == ["1", "0", "0", "1", "0", "0"]  # en right; German rejected as German

    commands = {key: cells for key, cells in rows.items() if "scripts.ingest" in key[0]}
    assert [cells[1] for cells in commands.values()] == ["2", "2"]  # --jobs 1 and --jobs 2 on both pages
    assert all(float(cells[3]) > 0 for cells in commands.values())

    assert "a2muerzdorf" in output.split("Worst 1 pages for ours")[1]
    pages = json.loads(results.read_text(encoding="utf-8"))
    assert {(page["benchmark"], page["page"]) for page in pages} == {
        ("article-extraction-benchmark", "a1veltana"), ("article-extraction-benchmark", "a2muerzdorf"),
        ("magic-html-article", "m1qingwan"), ("magic-html-article", "m2seeds")}
    german = next(page for page in pages if page["page"] == "a2muerzdorf")
    assert german["rejected"].startswith("language is German (de)") and german["recall"] == 0.0


def test_a_missing_benchmark_is_skipped_with_how_to_get_it(tmp_path, capsys):
    status = evaluate.main(["--aeb", str(tmp_path / "aeb"), "--magic", str(tmp_path / "magic"), "--only", "ours"])
    err = capsys.readouterr().err
    assert status == 2
    assert "git clone https://github.com/scrapinghub/article-extraction-benchmark bench-data/" in err
    assert "git clone https://github.com/opendatalab/magic-html bench-data/magic-html" in err
    assert "Traceback" not in err


def test_ours_is_scored_on_the_body_a_reader_sees_without_the_title_line():
    from digest.evaluate.tools import run_ours
    from digest.ingest.pipeline import Toolkit

    story = "".join(f"<p>The invented harbour of Lantern Bay opened its fictional pier number {n} today.</p>"
                    for n in range(1, 6))
    html = (f"<html><head><title>Lantern Bay opens a pier</title></head><body><h1>Lantern Bay opens a pier</h1>"
            f"{story}</body></html>").encode()
    result = run_ours(html, "lantern", Toolkit.create())
    assert result.title == "Lantern Bay opens a pier"
    assert result.text.startswith("The invented harbour of Lantern Bay opened its fictional pier number 1 today.")
    assert "opens a pier" not in result.text
