"""python -m scripts.ingest [--out DIR] [--report FILE] [--force] [--jobs N] [--follow-symlinks] PATH...
   python -m scripts.ingest [--out DIR] --rebuild-manifest

Turn raw sources (files or folders of .txt, .md, .html, .htm) into Markdown with YAML front
matter, print what was removed and why, and optionally write a JSON report. Exit 1 when any
input was rejected, 2 when the run could not start or finish (bad arguments, a damaged
manifest, a write that failed).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from digest.ingest.pipeline import Outcome, Stopped, Toolkit, ingest_paths, rebuild_manifest
from digest.ingest.write import MANIFEST_NAME, Manifest, ManifestDamaged, atomic_write, exclusive


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.ingest", description=__doc__.split("\n\n")[1])
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="source files or folders")
    parser.add_argument("--out", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--report", type=Path, help="write a JSON report to this file")
    parser.add_argument("--force", action="store_true", help="overwrite files an editor has changed")
    parser.add_argument("--quiet", action="store_true", help="print only problems and the totals")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for decoding, extraction and cleaning (default: every core)")
    parser.add_argument("--follow-symlinks", action="store_true",
                        help="in a folder, follow symlinks that lead out of it (a file named is always read)")
    parser.add_argument("--rebuild-manifest", action="store_true",
                        help=f"make {Path('content') / MANIFEST_NAME} anew from the articles in --out")
    args = parser.parse_args(argv)
    if not args.paths and not args.rebuild_manifest:
        parser.error("give at least one PATH (or --rebuild-manifest)")
    return args


def argument_problems(args: argparse.Namespace) -> list[str]:
    """`path: message` for an --out or --report that cannot be written, found before anything is."""
    problems = [f"{args.out}: not a folder" if os.path.exists(args.out) and not os.path.isdir(args.out)
                else _blocked(args.out)]
    if args.report:
        problems.append(f"{args.report}: is a folder, not a file" if os.path.isdir(args.report) else _blocked(args.report))
    return [problem for problem in problems if problem]


def _blocked(path: Path) -> str | None:
    """A file where a folder on the way to path would have to be."""
    for parent in reversed(path.parents):
        if os.path.exists(parent) and not os.path.isdir(parent):
            return f"{path}: {parent} is not a folder"
    return None


def format_outcome(outcome: Outcome, quiet: bool = False) -> str:
    if outcome.status == "rejected":
        return "\n".join(f"{outcome.input}: rejected: {problem}" for problem in outcome.problems)
    lines = [f"{outcome.input} → {outcome.output or '(nothing written)'} [{outcome.status}]"]
    if not quiet:
        lines.extend(f"    {change}" for change in outcome.changes)
    lines.extend(f"    problem: {problem}" for problem in outcome.problems)
    return "\n".join(lines)


def rebuild(out: Path, kit: Toolkit, waiting) -> int:
    with exclusive(out, waiting):
        sources, problems = rebuild_manifest(out, kit)
        manifest = Manifest(out / MANIFEST_NAME, sources)
        manifest.save()
    for problem in problems:
        print(problem, file=sys.stderr)
    outputs = sum(len(entry["outputs"]) for entry in sources.values())
    print(f"rebuilt {manifest.path}: {len(sources)} source(s), {outputs} article(s)")
    return 0


def _missing(path: Path) -> bool:
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False  # there, but not to be looked at: collect_inputs reports it
    return False


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    problems = argument_problems(args)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 2
    out_name = args.out.as_posix().rstrip("/") + "/"

    def waiting() -> None:
        print(f"waiting for another ingest into {out_name} …", file=sys.stderr, flush=True)

    if args.rebuild_manifest:
        return rebuild(args.out, Toolkit.create(), waiting)
    missing = [path for path in args.paths if _missing(path)]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    stopped = None
    try:
        outcomes = ingest_paths([p for p in args.paths if p not in missing], args.out, Toolkit.create(), args.force,
                                args.jobs, args.follow_symlinks, waiting)
    except ManifestDamaged as damage:
        print(damage, file=sys.stderr)
        return 2
    except Stopped as error:
        stopped, outcomes = error, error.outcomes
    for outcome in outcomes:
        print(format_outcome(outcome, args.quiet), file=sys.stderr if outcome.status == "rejected" else sys.stdout)
    counts = {status: sum(o.status == status for o in outcomes)
              for status in ("published", "draft", "unchanged", "duplicate", "rejected")}
    print(f"{len(outcomes)} input(s): " + ", ".join(f"{n} {status}" for status, n in counts.items()))
    if stopped:
        print(stopped, file=sys.stderr)
    if args.report:
        report = [outcome.report_entry() for outcome in outcomes]
        try:
            atomic_write(args.report, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        except OSError as error:
            print(f"{args.report}: cannot write: {error.strerror}", file=sys.stderr)
            return 2
    return 2 if stopped else 1 if counts["rejected"] or missing else 0


if __name__ == "__main__":
    sys.exit(main())
