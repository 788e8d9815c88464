"""One Pelican build of the site, as a function: settings, content and output folders in; the
warnings out, or ContentErrors. The build leaves a stamp in the output folder (`stamp`).

`scripts.build` is its command line; the benchmark, the checks, `serve` and the tests call it.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.log import console as pelican_console
from pelican.settings import read_settings

from digest.site import live as live_session, stamp


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(record.getMessage())


def build(settings_file: Path, content: Path | None = None, output: Path | None = None, search: bool = True,
          cache: Path | None = None, today: dt.date | None = None, drafts: bool = False,
          live: live_session.Session | None = None) -> list[str]:
    """Build; return the warnings. Raises ContentErrors. `today`: the day dates are judged from.
    `drafts`: drafts too, each under a DRAFT banner, for `make serve ARGS=--drafts` only (no
    command-line switch of this script builds them, so the published site never has one).

    `live`: a serving process's Session, which a successful build leaves what a quick refresh
    starts from (digest.site.live); a failed one leaves it empty, so none starts from a stale site.

    A successful build leaves a stamp in the output folder (digest.site.stamp): the checks refuse a
    site whose content, data, theme or settings changed after it, and can build it again the same way."""
    override = {"DIGEST_SEARCH": search, "DIGEST_DRAFTS": drafts, "DIGEST_LIVE": live}
    if live:
        live.last = None
    if today:
        override["DIGEST_TODAY"] = today.isoformat()
    if cache:
        override["CACHE_PATH"] = str(cache.resolve())
    if content:
        override["PATH"] = str(content.resolve())
    if output:
        override["OUTPUT_PATH"] = str(output.resolve())
    settings = read_settings(str(settings_file), override=override)
    output_path = Path(settings["OUTPUT_PATH"])
    roots = stamp.input_roots(settings_file, Path(settings["PATH"]), Path(settings["THEME"]))
    inputs = stamp.scan(roots, output_path)  # before reading: an edit during the build makes it stale
    git_state = stamp.history_state(Path(settings["PATH"]))  # and a commit
    collector = _Collect()
    # Pelican's loggers drop a warning already logged once in this process, so a second build (make
    # serve, the tests) would report none of the warnings it shares with the first: each build starts
    # with that memory empty and reports all of its own.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    logging.getLogger().addHandler(collector)
    try:
        with pelican_console.capture():  # Pelican's "Done: Processed 0 articles …": its own generators, not ours
            Pelican(settings).run()
    finally:
        logging.getLogger().removeHandler(collector)
    how = {"settings": Path(settings_file).resolve(), "content": content and content.resolve(),
           "cache": cache and cache.resolve(), "search": search, "today": today and today.isoformat()}
    stamp.write(output_path, stamp.record(how, roots, output_path, inputs, git_state))
    return collector.records
