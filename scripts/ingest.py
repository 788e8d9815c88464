"""python -m scripts.ingest [--out DIR] [--report FILE] [--force] [--jobs N] PATH...

Turn raw sources (files or folders of .txt, .md, .html, .htm) into Markdown with YAML front
matter, print what was removed and why, and optionally write a JSON report. Exit 1 when any
input was rejected.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from digest.ingest.pipeline import Outcome, Toolkit, ingest_paths
from digest.ingest.write import atomic_write


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.ingest", description=__doc__.split("\n\n")[1])
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="source files or folders")
    parser.add_argument("--out", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--report", type=Path, help="write a JSON report to this file")
    parser.add_argument("--force", action="store_true", help="overwrite files an editor has changed")
    parser.add_argument("--quiet", action="store_true", help="print only problems and the totals")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for decoding, extraction and cleaning (default: every core)")
    return parser.parse_args(argv)


def format_outcome(outcome: Outcome, quiet: bool = False) -> str:
    if outcome.status == "rejected":
        return "\n".join(f"{outcome.input}: rejected: {problem}" for problem in outcome.problems)
    lines = [f"{outcome.input} → {outcome.output or '(nothing written)'} [{outcome.status}]"]
    if not quiet:
        lines.extend(f"    {change}" for change in outcome.changes)
    lines.extend(f"    problem: {problem}" for problem in outcome.problems)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [path for path in args.paths if not path.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    outcomes = ingest_paths([p for p in args.paths if p.exists()], args.out, Toolkit.create(), args.force, args.jobs)
    for outcome in outcomes:
        print(format_outcome(outcome, args.quiet), file=sys.stderr if outcome.status == "rejected" else sys.stdout)
    counts = {status: sum(o.status == status for o in outcomes)
              for status in ("published", "draft", "unchanged", "duplicate", "rejected")}
    print(f"{len(outcomes)} input(s): " + ", ".join(f"{n} {status}" for status, n in counts.items()))
    if args.report:
        report = [outcome.report_entry() for outcome in outcomes]
        atomic_write(args.report, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 1 if counts["rejected"] or missing else 0


if __name__ == "__main__":
    sys.exit(main())
