"""python -m scripts.serve [--port 8000] [--output DIR] [--content DIR] [--settings FILE] [--cache DIR]
                          [--today YYYY-MM-DD] [--no-search] [--drafts]

Build, serve output/ on http://127.0.0.1:PORT (0: any free port) and rebuild when content/, theme/,
data/ or the code change. A text edit of articles (title, summary, body) first gets a quick refresh
of their pages and the listings that show them (digest.site.live), then the full build. The
browser reloads after each good build; a failed build prints
`path:line: message` and shows the errors over the page, and the last good site stays up. A
missing URL gets the site's 404 page with status 404: the Chinese one under /zh/, the English one
elsewhere. --drafts previews drafts too, under a DRAFT banner, in output-drafts/: never in output/,
the folder that is published.
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import traceback
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from watchfiles import watch

from digest import REPO_ROOT, display_path, livereload, localhost
from digest.site import live
from digest.site.model import ContentErrors
from digest.site.run import build

WATCHED = ("theme", "data", "plugins", "digest", "pelicanconf.py")
PUBLISHED = Path("output")
DRAFTS_OUTPUT = Path("output-drafts")
DRAFTS_CACHE = Path("cache") / "drafts"  # the drafts preview's page cache is not the published site's
WATCH_TICK = 500  # ms between the watcher's empty reports (see main)


def describe(error: BaseException, cwd: Path) -> str:
    """`path:line: build failed: …` for whatever else stops a build (a template or plugin being
    edited): the file and line the error names, else the innermost template in its traceback."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not (filename and line):
        templates = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".html")]
        filename, line = (templates[-1].filename, templates[-1].lineno) if templates else (None, None)
    where = f"{display_path(filename, cwd)}:{line}: " if filename and line else ""
    first_line = (str(error).splitlines() or [""])[0]
    return f"{where}build failed: {type(error).__name__}: {first_line}"




def attempt(build_once) -> tuple[list[str], list[str]]:
    """Run one build: (its warnings, the errors that stopped it); whatever stops it is reported,
    never the end of serving."""
    try:
        return build_once(), []
    except ContentErrors as stopped:
        return [], [str(error) for error in stopped.errors]
    except Exception as error:  # noqa: BLE001 — a template or plugin being edited: say so, keep the last good site
        return [], [describe(error, Path.cwd())]


def report(output: Path, warnings: list[str], errors: list[str]) -> list[str]:
    """Print a build's outcome as `scripts.build` does; return its errors."""
    for error in errors:
        print(error, file=sys.stderr, flush=True)
    if errors:
        print(f"build stopped: {len(errors)} error(s); serving the last good site", file=sys.stderr, flush=True)
    else:
        print(f"built {output}: {len(warnings)} warning(s)", flush=True)
    return errors


@dataclass
class Current:
    """The build state the request threads read; only the build loop replaces it."""

    state: livereload.BuildState


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.serve", description=__doc__.split("\n\n")[1])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", type=Path, help=f"default {PUBLISHED}/, with --drafts {DRAFTS_OUTPUT}/")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--cache", type=Path, help=f"default the settings' CACHE_PATH, with --drafts {DRAFTS_CACHE}/")
    parser.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="judge article dates as of this day (default: today)")
    parser.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    parser.add_argument("--drafts", action="store_true",
                        help=f"preview drafts too, each under a DRAFT banner, in {DRAFTS_OUTPUT}/ (never in {PUBLISHED}/)")
    args = parser.parse_args(argv)
    output = args.output or (DRAFTS_OUTPUT if args.drafts else PUBLISHED)
    if args.drafts and output.resolve() in (PUBLISHED.resolve(), REPO_ROOT / PUBLISHED):
        parser.error(f"--drafts builds into a folder of its own, not {output}: that is the site that is published")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    session = live.Session()
    build_once = partial(build, args.settings, args.content, output, search=not args.no_search,
                         cache=args.cache or (DRAFTS_CACHE if args.drafts else None), today=args.today, drafts=args.drafts,
                         live=session)
    current = Current(livereload.after_build(livereload.BuildState(), report(output, *attempt(build_once))))
    output.mkdir(parents=True, exist_ok=True)  # the first build may have failed: serve what there is
    watched = [path for path in (str(args.content), *WATCHED) if Path(path).exists()]
    with localhost.serve(output, livereload.handler(lambda: current.state), args.port) as url:
        announced = False
        try:
            # An empty set every WATCH_TICK ms: the first says the watcher is running, so an edit made
            # once "serving" is printed is never missed (an editor's, a test's, the bench's).
            for changes in watch(*watched, yield_on_timeout=True, rust_timeout=WATCH_TICK):
                if not announced:
                    print(f"serving {output} on {url} (Ctrl-C to stop)", flush=True)
                    announced = True
                if not changes:
                    continue
                quick = attempt(lambda: live.refresh(session, [Path(path) for _, path in changes]))[0]
                if quick and quick.paths:
                    print(f"refreshed {len(quick.paths)} page(s) in {quick.seconds:.2f} s", flush=True)
                    current.state = livereload.after_build(current.state, [])
                print(f"{len(changes)} change(s); rebuilding", flush=True)
                current.state = livereload.after_build(current.state, report(output, *attempt(build_once)))
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
