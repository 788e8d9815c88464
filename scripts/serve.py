"""python -m scripts.serve [--port 8000] [--output DIR] [--content DIR] [--settings FILE] [--no-search]

Build, serve output/ on http://127.0.0.1:PORT (0: any free port) and rebuild when content/, theme/,
data/ or the code change. A failed build prints `path:line: message` and the last good site stays
up; serving and watching go on. A missing URL gets the site's 404 page with status 404: the Chinese
one under /zh/, the English one elsewhere.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from watchfiles import watch

from digest import localhost
from scripts.build import main as build_main

WATCHED = ("theme", "data", "plugins", "digest", "pelicanconf.py")


def rebuild(build_args: list[str]) -> int:
    """One build; whatever stops it is one line on stderr, never the end of serving."""
    try:
        return build_main(build_args)
    except Exception as error:  # noqa: BLE001 — a template or plugin being edited: say so, keep the last good site
        where = f"{error.filename}:{error.lineno}: " if getattr(error, "filename", None) and getattr(error, "lineno", None) else ""
        first_line = (str(error).splitlines() or [""])[0]
        print(f"{where}build failed: {type(error).__name__}: {first_line}", file=sys.stderr, flush=True)
        return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.serve", description=__doc__.split("\n\n")[1])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    args = parser.parse_args(argv)
    build_args = ["--settings", str(args.settings), "--content", str(args.content), "--output", str(args.output),
                  *(["--no-search"] if args.no_search else [])]
    rebuild(build_args)
    args.output.mkdir(parents=True, exist_ok=True)  # the first build may have failed: serve what there is
    watched = [path for path in (str(args.content), *WATCHED) if Path(path).exists()]
    with localhost.serve(args.output, localhost.SiteHandler, args.port) as url:
        print(f"serving {args.output} on {url} (Ctrl-C to stop)", flush=True)
        try:
            for changes in watch(*watched):
                print(f"{len(changes)} change(s); rebuilding", flush=True)
                rebuild(build_args)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
