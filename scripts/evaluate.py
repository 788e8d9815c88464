"""python -m scripts.evaluate [--aeb DIR] [--magic DIR] [--only TOOL] [--limit N] [--json FILE] [--worst N]

Score ingest's extraction and metadata on two public benchmarks -- scrapinghub's Article
Extraction Benchmark and magic-html's article set -- beside trafilatura and magic-html, and
print one table. The benchmarks are not part of the repository: clone them into bench-data/.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from digest import DATA_DIR, REPO_ROOT
from digest.evaluate import benchmarks, report, tools

DEFAULT_AEB = REPO_ROOT / "bench-data" / "article-extraction-benchmark"
DEFAULT_MAGIC = REPO_ROOT / "bench-data" / "magic-html"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.evaluate", description=__doc__.split("\n\n")[1])
    parser.add_argument("--aeb", type=Path, default=Path(os.environ.get("EVAL_AEB") or DEFAULT_AEB),
                        help="article-extraction-benchmark clone (default: $EVAL_AEB or bench-data/…)")
    parser.add_argument("--magic", type=Path, default=Path(os.environ.get("EVAL_MAGIC") or DEFAULT_MAGIC),
                        help="magic-html clone (default: $EVAL_MAGIC or bench-data/magic-html)")
    parser.add_argument("--labels", type=Path, default=DATA_DIR / "labels", help="label files (default: data/labels)")
    parser.add_argument("--only", choices=tools.TOOLS, help="run one tool")
    parser.add_argument("--limit", type=int, help="first N pages of each benchmark, for a quick run")
    parser.add_argument("--json", type=Path, help="write every page's result to this file")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list ours' N worst pages by F1")
    parser.add_argument("--no-command", action="store_true",
                        help="skip timing python -m scripts.ingest as a subprocess")
    return parser.parse_args(argv)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_benchmarks(args) -> list[benchmarks.Benchmark]:
    loaded = []
    for loader, root in ((benchmarks.load_aeb, args.aeb), (benchmarks.load_magic, args.magic)):
        try:
            loaded.append(loader(root, args.limit))
        except benchmarks.BenchmarkMissing as missing:
            say(f"skipped: {missing}")
    return loaded


def evaluate_tool(benchmark: benchmarks.Benchmark, tool: str, page_langs: dict, kit, magic_extractor,
                  traditional: frozenset[str] = frozenset()) -> list[report.PageRecord]:
    results = tools.run_tool(tool, benchmark.pages, benchmark.metric == "rouge-l", kit, magic_extractor)
    return [
        report.PageRecord(benchmark.name, tool, page.id, page.url, page_langs[page.id],
                          report.score_page(benchmark.metric, page.expected, result.text, page.id in traditional),
                          result)
        for page, result in zip(benchmark.pages, results)
    ]


def print_worst(records: list[report.PageRecord], count: int) -> None:
    print(f"Worst {count} pages for ours (F1, P, R):")
    for record in report.worst_pages(records, count):
        reason = record.result.rejected_reason or record.result.error
        why = f"  rejected: {reason[:160]}" if reason else ""
        print(f"  {record.score.f1:.3f} {report.format_number(record.score.precision)} "
              f"{report.format_number(record.score.recall)}  {record.benchmark} {record.page_id} {record.url}{why}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    loaded = load_benchmarks(args)
    if not loaded:
        say("no benchmark to run")
        return 2
    selected = (args.only,) if args.only else tools.TOOLS
    kit = magic_extractor = detector = None
    if tools.OURS in selected:
        from digest.ingest.pipeline import Toolkit

        kit = Toolkit.create()
    if tools.MAGIC_HTML in selected:
        try:
            magic_extractor = tools.make_magic_extractor()
        except ImportError as error:
            say(f"skipped magic-html: {error} (make evaluate installs it)")
            selected = tuple(tool for tool in selected if tool != tools.MAGIC_HTML)

    records: list[report.PageRecord] = []
    extraction, metadata, languages = [], {}, {}
    for benchmark in loaded:
        try:
            labels = benchmarks.load_labels(args.labels, benchmark.name)
        except benchmarks.LabelError as error:
            say(f"labels: {error}")
            return 2
        if detector is None and any(not (labels.get(p.id) and labels[p.id].lang) for p in benchmark.pages):
            detector = benchmarks.make_language_detector()
        page_langs = benchmarks.page_languages(benchmark, labels, detector)
        traditional = frozenset(page_id for page_id, label in labels.items() if label.script == "Hant")
        for tool in selected:
            say(f"{benchmark.name}: {tool} on {len(benchmark.pages)} pages …")
            tool_records = evaluate_tool(benchmark, tool, page_langs, kit, magic_extractor, traditional)
            records.extend(tool_records)
            extraction.append(report.extraction_row(tool_records))
            metadata[(benchmark.name, tool)] = {
                name: report.field_score(name, tool_records, labels) for name in benchmarks.FACT_FIELDS
            }
            if tool == tools.OURS:
                languages[benchmark.name] = report.language_counts(tool_records, labels)

    commands = []
    aeb = next((b for b in loaded if b.name == benchmarks.AEB), None)
    if tools.OURS in selected and aeb and not args.no_command:
        with tempfile.TemporaryDirectory(prefix="evaluate-") as work_dir:
            for jobs in (1, 2):
                say(f"timing python -m scripts.ingest --jobs {jobs} on {len(aeb.pages)} pages …")
                pages, wall = tools.time_ingest_command(aeb.pages, jobs, sys.executable, REPO_ROOT, work_dir)
                commands.append((f"{aeb.name}: python -m scripts.ingest --jobs {jobs}", pages, wall))

    print(report.format_report(extraction, metadata, languages, commands))
    if args.worst:
        print_worst(records, args.worst)
    if args.json:
        args.json.write_text(json.dumps([record.as_json() for record in records], indent=1, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
