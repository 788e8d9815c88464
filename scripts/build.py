"""python -m scripts.build [--settings FILE] [--content DIR] [--output DIR] [--no-search] [--today YYYY-MM-DD]

Build the bilingual site with Pelican. Content errors are printed as `path:line: message`
and the exit status is 1; nothing is half-published silently.
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from digest.site.model import ContentErrors
from digest.site.run import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.build", description=__doc__.split("\n\n")[1])
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--content", type=Path)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    parser.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="judge article dates as of this day (default: today; see data/dates.yaml)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        warnings = build(args.settings, args.content, args.output, search=not args.no_search, today=args.today)
    except ContentErrors as errors:
        for error in errors.errors:
            print(error, file=sys.stderr)
        print(f"build stopped: {len(errors.errors)} content error(s)", file=sys.stderr)
        return 1
    print(f"built {args.output or 'output'}: {len(warnings)} warning(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
