"""`make serve` (scripts/serve.py) as a process on 127.0.0.1: a bad edit prints its error and the
last good site stays up; the next good edit is served."""
from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from digest import REPO_ROOT
from tests.site.conftest import settings_file
from tests.site.test_errors import BAD

WAIT = 120  # seconds for a build or a rebuild; a hang fails instead of stalling the suite


class Server:
    """A running `python -m scripts.serve`, its output read line by line."""

    def __init__(self, tmp: Path):
        self.content, self.output = tmp / "content", tmp / "output"
        shutil.copytree(REPO_ROOT / "content", self.content)
        settings = settings_file(tmp, CACHE_PATH=str(tmp / "cache"))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scripts.serve", "--port", "0", "--no-search", "--settings", str(settings),
             "--content", str(self.content), "--output", str(self.output)],
            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = re.search(r"serving .* on (http://127\.0\.0\.1:\d+/)", self.wait_for("serving ")).group(1)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, words: str) -> str:
        """The next output line containing `words`."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, f"serve exited ({self.process.returncode}): {self.seen}"
                continue
            self.seen.append(line)
            if words in line:
                return line
        raise AssertionError(f"no line with {words!r} in {WAIT} s: {self.seen}")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    running.stop()


def test_a_bad_edit_keeps_the_last_good_site_up_and_the_next_good_one_is_served(server):
    assert server.get("")[0] == 200
    bad = server.content / "en" / "invented-latin1.md"
    bad.write_bytes((BAD / "latin1.md").read_bytes())
    error = server.wait_for("invented-latin1.md:2: not UTF-8 (byte 0xe9 at line 2, column 20)")
    assert "Traceback" not in "\n".join(server.seen), server.seen
    assert server.process.poll() is None
    assert server.get("")[0] == 200 and server.get("articles/invented-latin1/")[0] == 404
    assert error.endswith("content/en/invented-latin1.md:2: not UTF-8 (byte 0xe9 at line 2, column 20)")

    bad.write_text((BAD / "latin1.md").read_bytes().decode("latin-1"), encoding="utf-8")  # the editor fixes it
    server.wait_for("built ")
    status, page = server.get("articles/invented-latin1/")
    assert status == 200 and "Invented café opens on the harbour" in page


MISSING = {"articles/no-such-article/": "404.html", "no/such/file.css": "404.html", "zhuhai/": "404.html",
           "zh/articles/no-such-article/": "zh/404.html", "zh/no-such-page.html": "zh/404.html"}


def test_a_missing_url_gets_the_sites_404_page_in_its_language(server):
    for path, page in MISSING.items():
        status, body = server.get(path)
        assert status == 404, path
        assert body == (server.output / page).read_text(encoding="utf-8"), path
        assert ('<html lang="zh-Hans">' in body) == page.startswith("zh/"), path
