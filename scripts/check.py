"""python -m scripts.check [--content DIR] [--output DIR] [--format text|json|github] [--siteurl URL]
                         [--external] [--skip CHECKS] [--only CHECKS] [--today YYYY-MM-DD] [--build]
                         [--metadata-only [FILE ...]]

Check the content and the built site: metadata, links, feeds, live markup from content, HTML
(Nu HTML Checker) and accessibility (axe-core in headless Chromium). Prints `path:line: message` per problem and exits
1 when any is an error.

The built site is never checked stale: when its content, data, theme or settings changed after
the build (its stamp, digest/site/stamp.py, says so), the site checks are refused with one error,
or, with --build (what `make check` passes), the site is built again first the way it was built.
The metadata check needs only content and never builds.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from digest import display_path
from digest.check import ERROR, NOTICE, WARNING, Problem, has_errors

CHECKS = ("metadata", "links", "feeds", "markup", "html", "a11y")
OUTPUT_CHECKS = CHECKS[1:]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.check", description=__doc__.split("\n\n")[1])
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="with --metadata-only: the content files to check (default: all of them)")
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--output", type=Path, default=Path("output"), help="built site (default: output)")
    parser.add_argument("--root", type=Path,
                        help="folder source.file paths are relative to (default: the content folder's parent)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="text: path:line: message; json: a list of objects; github: workflow annotations")
    parser.add_argument("--siteurl", help="SITEURL of a publish build (default: read from output/index.html)")
    parser.add_argument("--external", action="store_true", help="also fetch every external link (network)")
    parser.add_argument("--skip", default="", help=f"comma-separated checks to skip: {','.join(CHECKS)}")
    parser.add_argument("--only", default="", help="comma-separated checks to run (default: all)")
    parser.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="judge article dates as of this day (default: today; see data/dates.yaml)")
    parser.add_argument("--build", action="store_true",
                        help="build the site first when it is missing or older than its inputs (incrementally, as it was built)")
    parser.add_argument("--metadata-only", action="store_true",
                        help="only the metadata check, on FILEs (the pre-commit hook); needs no output/")
    args = parser.parse_args(argv)
    for option in ("skip", "only"):
        names = [name.strip() for name in getattr(args, option).split(",") if name.strip()]
        unknown = sorted(set(names) - set(CHECKS))
        if unknown:
            parser.error(f"--{option}: unknown check(s) {', '.join(unknown)}; choose from {', '.join(CHECKS)}")
        setattr(args, option, names)
    if args.files and not args.metadata_only:
        parser.error("FILE arguments need --metadata-only")
    return args


def selected(args: argparse.Namespace) -> list[str]:
    if args.metadata_only:
        return ["metadata"]
    names = args.only or list(CHECKS)
    return [name for name in CHECKS if name in names and name not in args.skip]


def run_checks(args: argparse.Namespace, log=lambda line: None) -> list[Problem]:
    """Run the selected checks; `log` receives one summary line per check."""
    problems: list[Problem] = []
    names = selected(args)
    siteurl = args.siteurl
    output_ready = False
    if any(name in OUTPUT_CHECKS for name in names):
        refusals = site_refusals(args, log)
        problems.extend(refusals)
        output_ready = not refusals
        if output_ready and siteurl is None:
            from digest.check.sitepaths import detect_siteurl

            siteurl = detect_siteurl(args.output)
            if siteurl:
                log(f"publish build: SITEURL {siteurl} (from the home page's canonical link)")
    names = [name for name in names if name == "metadata" or output_ready]
    # The Nu HTML Checker is a Java process: let it run while the other checks do.
    with ThreadPoolExecutor(max_workers=1) as pool:
        background = {name: pool.submit(_timed, name, args, siteurl) for name in names if name == "html"}
        for name in names:
            found, seconds = background[name].result() if name in background else _timed(name, args, siteurl)
            problems.extend(found)
            errors = sum(p.severity == ERROR for p in found)
            warnings = sum(p.severity == WARNING for p in found)
            notes = sum(p.severity == NOTICE for p in found)
            log(f"{name}: {errors} error(s), {warnings} warning(s), {notes} note(s) in {seconds:.1f} s")
    return list(dict.fromkeys(problems))  # one line per distinct problem


def site_refusals(args: argparse.Namespace, log) -> list[Problem]:
    """What keeps the site checks from running: no site, or one built before its inputs last changed.
    With --build, such a site is built first, and its content errors are what keeps them."""
    if args.build and (reason := why_rebuild(args.output)):
        log(f"{display_path(args.output)}: {reason}: building it first")
        errors = build_again(args)
        if errors:
            return errors + [Problem(display_path(args.output), None,
                                     "not checked: the build stopped on the content errors above", "links")]
    if not args.output.is_dir():
        return [Problem(display_path(args.output), None,
                        "no built site here: run `make site` first (or pass --output)", "links")]
    reason = why_rebuild(args.output)
    if reason == NO_STAMP:
        log(f"{display_path(args.output)}: {NO_STAMP} (not built by scripts.build): checked as it is")
    elif reason:
        return [Problem(display_path(args.output), None,
                        f"stale site: {reason}; run `make site` first (`make check` builds first)", "links")]
    return []


NO_STAMP = "no build stamp"


def why_rebuild(output: Path) -> str | None:
    """Why the site in `output` is not the one its inputs make now, or None when it is."""
    from digest.site import stamp as stamps

    if not output.is_dir():
        return "no built site"
    stamp = stamps.read(output)
    if stamp is None:
        return NO_STAMP
    now = stamps.scan(stamps.roots_of(stamp, output), output)
    return stamps.stale_reason(stamp, now, stamps.history_of(stamp, output),
                               show=lambda path: display_path(os.path.normpath(output / path)))


def build_again(args: argparse.Namespace) -> list[Problem]:
    """Build the site as its stamp says it was built (a first build: pelicanconf.py from --content);
    the content errors that stop it, as metadata problems."""
    from digest.site import stamp as stamps
    from digest.site.model import ContentErrors
    from digest.site.run import build

    stamp = stamps.read(args.output) if args.output.is_dir() else None
    how = stamps.how_of(stamp, args.output) if stamp else {"settings": Path("pelicanconf.py"), "content": args.content}
    today = args.today or (dt.date.fromisoformat(how["today"]) if how.get("today") else None)
    try:
        with contextlib.redirect_stdout(sys.stderr):  # stdout is the report's (--format json)
            build(how["settings"], how.get("content"), args.output, search=how.get("search", True),
                  cache=how.get("cache"), today=today)
    except ContentErrors as stopped:
        return [Problem(e.path, e.line, e.message, "metadata") for e in stopped.errors]
    return []


def _timed(name: str, args: argparse.Namespace, siteurl: str | None) -> tuple[list[Problem], float]:
    started = time.perf_counter()
    found = _run(name, args, siteurl)
    return found, time.perf_counter() - started


def _run(name: str, args: argparse.Namespace, siteurl: str | None) -> list[Problem]:
    if name == "metadata":
        from digest.check.metadata import check_content

        only = args.files if args.metadata_only and args.files else None
        return check_content(args.content, args.root, only, today=args.today)
    if name == "links":
        from digest.check import links

        external: list[links.External] = []
        found = links.check_links(args.output, siteurl, external, args.content)
        return found + (links.check_external(external) if args.external else [])
    if name == "feeds":
        from digest.check.feeds import check_feeds

        return check_feeds(args.output, siteurl)
    if name == "markup":
        from digest.check.markup import check_markup

        return check_markup(args.output, siteurl)
    if name == "html":
        from digest.check.html import check_html

        return check_html(args.output)
    from digest.check.a11y import check_accessibility

    return check_accessibility(args.output, siteurl=siteurl)


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def render(problems: list[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False)
    if fmt == "github":
        lines = []
        for p in problems:
            properties = f"file={_github_escape(p.path, True)}"
            properties += f",line={p.line}" if p.line else ""
            properties += f",title={_github_escape(p.check, True)}"
            lines.append(f"::{p.severity} {properties}::{_github_escape(p.message)}")
        return "\n".join(lines)
    return "\n".join(str(p) for p in problems)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    quiet = args.format == "json"
    problems = run_checks(args, log=(lambda line: None) if quiet else (lambda line: print(line, file=sys.stderr)))
    order = {name: index for index, name in enumerate(CHECKS)}
    problems.sort(key=lambda p: (order.get(p.check, 99), p.path, p.line or 0, p.message))
    text = render(problems, args.format)
    if text or args.format == "json":
        print(text)
    if not quiet:
        errors = sum(p.severity == ERROR for p in problems)
        print(f"check: {errors} error(s) in {len(selected(args))} check(s)"
              + ("; nothing to fix" if not errors else ""), file=sys.stderr)
    return 1 if has_errors(problems) else 0


if __name__ == "__main__":
    sys.exit(main())
