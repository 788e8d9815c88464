"""The benchmark's table: one row per measured run, plain aligned text, and the same as JSON."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

COLUMNS = ("run", "wall s", "CPU s", "peak RSS MB", "files written", "× Pelican", "× Hugo", "× Hugo+Pagefind", "notes")
ROW_KEYS = ("ours-cold", "ours-warm", "edit-visible", "first-query-en", "first-query-zh", "pelican-cold", "hugo-cold", "hugo-pagefind-cold", "pagefind-floor", "ingest-txt", "ingest-html")


@dataclass
class Row:
    key: str  # stable id: ours-cold, ours-warm, pelican-cold, hugo-cold, hugo-pagefind-cold, ingest-txt, …
    label: str
    wall: float
    cpu: float | None
    peak_rss_mb: float | None
    files_written: int  # (edit-visible: the trials; first-query: the requests)
    ratio_pelican: float | None = None  # wall time / stock Pelican's cold wall time
    ratio_hugo: float | None = None  # wall time / Hugo's cold wall time
    ratio_hugo_search: float | None = None  # wall time / Hugo's cold build followed by Pagefind over its output
    note: str = ""
    extra: dict = field(default_factory=dict)


def add_ratios(rows: list[Row]) -> None:
    """Wall-time ratios of the site builds to stock Pelican, to Hugo and to Hugo + Pagefind (ingest has no peer)."""
    by_key = {row.key: row for row in rows}
    pelican, hugo, searchable = by_key.get("pelican-cold"), by_key.get("hugo-cold"), by_key.get("hugo-pagefind-cold")
    for row in rows:
        if row.key.startswith(("ingest", "edit", "first-query")) or "articles" in row.extra:  # no peer, or another corpus
            continue
        if pelican and pelican.wall > 0:
            row.ratio_pelican = row.wall / pelican.wall
        if hugo and hugo.wall > 0:
            row.ratio_hugo = row.wall / hugo.wall
        if searchable and searchable.wall > 0:
            row.ratio_hugo_search = row.wall / searchable.wall


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def format_table(rows: list[Row]) -> str:
    cells = [COLUMNS] + [
        (row.label, _number(row.wall), _number(row.cpu), _number(row.peak_rss_mb, 0), f"{row.files_written:,}",
         _number(row.ratio_pelican), _number(row.ratio_hugo), _number(row.ratio_hugo_search), row.note)
        for row in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = []
    for number, line in enumerate(cells):
        parts = [line[0].ljust(widths[0])] + [line[i].rjust(widths[i]) for i in range(1, len(COLUMNS) - 1)] + [line[-1]]
        lines.append("  ".join(parts).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths[:-1]) + "  " + "-" * max(5, widths[-1]))
    return "\n".join(lines)


def format_header(meta: dict, versions: dict[str, str]) -> str:
    lines = [f"{name}: {value}" for name, value in versions.items()]
    lines.append(
        f"corpus: {meta['articles']:,} articles = {meta['documents']:,} documents "
        f"({meta['translated']:,} with both languages, {meta['single']:,} in one), seed {meta['seed']}; "
        f"ingest inputs: {meta['text_inputs']:,} .txt, {meta['html_inputs']:,} .html"
    )
    return "\n".join(lines)


def format_report(result: dict) -> str:
    rows = [Row(**row) for row in result["rows"]]
    parts = [format_header(result["meta"], result["versions"]), "", format_table(rows)]
    if result.get("notes"):
        parts += [""] + [f"note: {note}" for note in result["notes"]]
    return "\n".join(parts)


def to_json(meta: dict, versions: dict[str, str], rows: list[Row], notes: list[str]) -> dict:
    return {"meta": meta, "versions": versions, "rows": [asdict(row) for row in rows], "notes": notes}


def write_json(path: Path, result: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
