"""Local-only helpers for `make serve`, the checks and the browser tests: serve a folder on
127.0.0.1 (a missing URL gets the site's own 404 page in its language) and find Debian's Chromium
for Playwright (which cannot download its own browser here)."""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import threading
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

# Without the background-networking switches Chromium keeps calling out to Google's hosts.
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic"]


def not_found_page(request_path: str) -> str:
    """The built 404 page for a missing URL: the Chinese one under /zh/, the English one elsewhere."""
    path = urlsplit(request_path).path
    return "zh/404.html" if path == "/zh" or path.startswith("/zh/") else "404.html"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Answers a missing URL as the site's host does: its 404 page, status 404. A folder without
    an index.html is missing too (a static host lists no folder)."""

    def send_error(self, code, message=None, explain=None):
        body = self.error_page(code)
        if body is None:
            super().send_error(code, message, explain)
            return
        self.log_error("code %d, message %s", code, message)
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def error_page(self, code: int) -> bytes | None:
        """The body to answer an error with: the site's own 404 page in the URL's language, else None."""
        page = Path(self.directory) / not_found_page(self.path)
        return page.read_bytes() if code == HTTPStatus.NOT_FOUND and page.is_file() else None

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "No index.html in this folder")
        return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticHost(QuietHandler):
    """Like a static host (GitHub Pages, Netlify): text files are sent gzip-compressed."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in self.COMPRESSED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


@contextmanager
def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler, port: int = 0):
    """Serve `directory` on 127.0.0.1 (never another address), port 0 for a free one; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def find_chromium() -> str | None:
    """$CHROMIUM, Debian's /usr/bin/chromium, or the first Chromium-like browser on PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None
