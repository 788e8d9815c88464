"""Live reload for `make serve`: the served pages (never the files on disk, never the published
site) get one script element that asks 127.0.0.1 for the build state every second. A new good
build reloads the page; a failed one shows an overlay over the last good page, listing the
build's `path:line: message` errors as text (nothing from content becomes markup).

Polling rather than a held connection (Server-Sent Events): over HTTP/1.1 a browser keeps at most
six connections to a host, so six open tabs holding one each would stall every other request.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from digest.localhost import SiteHandler

PREFIX = "/__live/"  # no page of the site starts so: its paths are slugs and language folders
STATE_PATH = PREFIX + "build.json"
SCRIPT_PATH = PREFIX + "live.js"
SCRIPT_FILE = Path(__file__).with_name("livereload.js")
MAX_ERRORS = 50  # shown in the overlay; the terminal has them all
NO_PAGE = b"<!doctype html>\n<html lang=\"en\"><title>Not found</title><body><p>No page here (yet).</p></body></html>\n"


@dataclass(frozen=True)
class BuildState:
    """What the served pages ask for: how many good builds there have been, and the errors of the
    latest build if it failed (the site served is then the last good one)."""

    build: int = 0
    errors: tuple[str, ...] = ()


def after_build(state: BuildState, errors: list[str]) -> BuildState:
    """The state once a build has ended with these errors (none: it succeeded)."""
    return BuildState(state.build, tuple(errors)) if errors else BuildState(state.build + 1)


def state_json(state: BuildState) -> bytes:
    return json.dumps({"build": state.build, "errors": list(state.errors[:MAX_ERRORS]),
                       "error_count": len(state.errors)}, ensure_ascii=False).encode("utf-8")


def inject(page: bytes, build: int) -> bytes:
    """The page with the live-reload script before its last </body> (or at its end), marked with
    the build it was served from."""
    tag = f'<script src="{SCRIPT_PATH}" data-build="{build}" defer></script>'.encode()
    at = page.rfind(b"</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


class LiveHandler(SiteHandler):
    """SiteHandler plus the live-reload endpoints, and the script in every HTML page it sends.
    `current()` gives the BuildState (see `handler`). Nothing may be kept by the browser: a
    reload after a build must fetch the new stylesheet too, and a page is not the file on disk."""

    def current(self) -> BuildState:
        raise NotImplementedError

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == STATE_PATH:
            self.send_body(state_json(self.current()), "application/json")
        elif path == SCRIPT_PATH:
            self.send_body(SCRIPT_FILE.read_bytes(), "text/javascript; charset=utf-8")
        else:
            super().do_GET()

    def send_head(self):
        """An HTML page with the script in it; any other file as SimpleHTTPRequestHandler sends it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        build = self.current().build  # before the page is read: a page newer than its number reloads once more
        body = inject(path.read_bytes(), build)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def error_page(self, code: int) -> bytes | None:
        """The site's 404 page, or (before a first good build) a bare one, with the script: it
        reloads when the page appears, and shows the errors of a failed build."""
        build = self.current().build
        page = super().error_page(code) or (NO_PAGE if code == HTTPStatus.NOT_FOUND else None)
        return inject(page, build) if page is not None else None

    def send_body(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_request(self, code="-", size="-"):
        pass  # every file and every poll would be a line; a missing page is logged by send_error


def handler(current) -> type[LiveHandler]:
    """A LiveHandler whose pages ask `current()` for the build state."""
    return type("BoundLiveHandler", (LiveHandler,), {"current": lambda self: current()})
