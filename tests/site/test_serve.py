"""`make serve` (scripts/serve.py) as a process on 127.0.0.1: a bad edit prints its error and the
last good site stays up; the next good edit is served; pages get the live-reload script, the files
on disk do not; a missing page or a folder without index.html gets the site's 404 page; drafts are
previewed with --drafts. The browser side of live reload: tests/site/test_live_reload.py."""
from __future__ import annotations

import json
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
from scripts.build import main as build_main
from scripts.serve import attempt, main as serve_main
from tests.site.conftest import SITE_FIXTURES, content_with_fixtures, settings_file
from tests.site.test_errors import BAD
from tests.site.test_urls import SLUG

WAIT = 120  # seconds for a build or a rebuild; a hang fails instead of stalling the suite


class Server:
    """A running `python -m scripts.serve`, its output read line by line."""

    def __init__(self, tmp: Path, *options: str, content: Path = REPO_ROOT / "content"):
        self.content, self.output = tmp / "content", tmp / "output"
        shutil.copytree(content, self.content)
        settings = settings_file(tmp, CACHE_PATH=str(tmp / "cache"))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scripts.serve", "--port", "0", "--no-search", "--settings", str(settings),
             "--content", str(self.content), "--output", str(self.output), *options],
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


# A folder without index.html is missing too: a static host lists no folder.
MISSING = {"articles/no-such-article/": "404.html", "no/such/file.css": "404.html", "zhuhai/": "404.html",
           "theme/": "404.html", "theme/css/": "404.html", "feeds/": "404.html",
           "zh/articles/no-such-article/": "zh/404.html", "zh/no-such-page.html": "zh/404.html", "zh/feeds/": "zh/404.html"}
LIVE_SCRIPT = re.compile(r'<script src="/__live/live\.js" data-build="\d+" defer></script>(?=</body>)')


def test_a_missing_url_gets_the_sites_404_page_in_its_language(server):
    for path, page in MISSING.items():
        status, body = server.get(path)
        assert status == 404, path
        assert LIVE_SCRIPT.sub("", body, count=1) == (server.output / page).read_text(encoding="utf-8"), path
        assert ('<html lang="zh-Hans">' in body) == page.startswith("zh/"), path


def test_pages_are_served_with_the_live_reload_script_which_no_file_on_disk_has(server):
    for path, page in {"": "index.html", "zh/articles/": None, f"articles/{SLUG}/": f"articles/{SLUG}/index.html",
                       "404.html": "404.html"}.items():
        status, body = server.get(path)
        if page is None:  # a folder without index.html
            assert status == 404, path
            continue
        assert status == 200 and len(LIVE_SCRIPT.findall(body)) == 1, path
        assert LIVE_SCRIPT.sub("", body) == (server.output / page).read_text(encoding="utf-8"), path
    assert [path for path in server.output.rglob("*") if path.is_file() and b"/__live/" in path.read_bytes()] == []
    status, script = server.get("__live/live.js")
    assert status == 200 and "location.reload()" in script
    status, state = server.get("__live/build.json")
    assert status == 200 and json.loads(state) == {"build": 1, "errors": [], "error_count": 0}


def test_serve_prints_what_it_built_and_no_pelican_noise(server):
    """Pelican's own "Done: Processed 0 articles, 0 drafts, …" counts generators the site does not
    use; serve says what it built, where it serves, and nothing else."""
    assert [re.sub(r"/\S+/output", "OUTPUT", line) for line in server.seen] == [
        "built OUTPUT: 0 warning(s)", f"serving OUTPUT on {server.url} (Ctrl-C to stop)"]


def test_a_text_edit_is_refreshed_first_then_built(server):
    """A retitled article is on its page and the home listing once serve says "refreshed", before the
    full build; the full build then reloads the browser again with the rest of the site."""
    article = server.content / "en" / f"{SLUG}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"(?m)^title: .*$", "title: An invented new headline", text, count=1), encoding="utf-8")
    refreshed = server.wait_for("refreshed ")
    assert re.fullmatch(r"refreshed \d+ page\(s\) in \d+\.\d\d s", refreshed)
    for page in (f"articles/{SLUG}/index.html", "index.html"):
        assert "An invented new headline" in (server.output / page).read_text(encoding="utf-8"), page
    assert json.loads(server.get("__live/build.json")[1])["build"] == 2  # the browser reloads now
    server.wait_for("built ")
    assert json.loads(server.get("__live/build.json")[1])["build"] == 3


def test_the_build_prints_no_pelican_noise(tmp_path, capsys):
    settings = settings_file(tmp_path, CACHE_PATH=str(tmp_path / "cache"))
    assert build_main(["--settings", str(settings), "--content", str(REPO_ROOT / "content"), "--output", str(tmp_path / "out"),
                       "--no-search"]) == 0
    assert capsys.readouterr().out == f"built {tmp_path / 'out'}: 0 warning(s)\n"


def test_drafts_are_previewed_with_the_drafts_flag(tmp_path):
    content = content_with_fixtures(tmp_path / "source")
    shutil.copytree(SITE_FIXTURES / "drafts", content, dirs_exist_ok=True)
    running = Server(tmp_path, "--drafts", content=content)
    try:
        status, page = running.get("articles/invented-dated-draft/")
        assert status == 200 and 'class="draft-banner"' in page
        assert running.get("articles/invented-draft/")[0] == 404  # no date: left out, with a warning
        assert any(line.endswith("content/en/invented-draft.md:8: draft not previewed: no date yet (a preview needs a title and a date)")
                   for line in running.seen), running.seen
    finally:
        running.stop()


@pytest.mark.parametrize("output", ["output", str(REPO_ROOT / "output")])
def test_serve_refuses_to_preview_drafts_in_the_published_folder(output, capsys):
    with pytest.raises(SystemExit) as stopped:
        serve_main(["--drafts", "--output", output])
    assert stopped.value.code == 2
    assert "that is the site that is published" in capsys.readouterr().err


@pytest.mark.parametrize("template, line, kind", [
    ("<p>\n{% if %}\n</p>\n", 2, "TemplateSyntaxError"),  # found when the template is read
    ("<p>\n\n{{ article.title.upper() }}</p>\n", 3, "UndefinedError"),  # found when it is rendered
])
def test_a_template_error_names_its_file_and_line(template, line, kind, tmp_path):
    """What the terminal and the overlay say when a theme edit breaks the build."""
    import jinja2

    (tmp_path / "article.html").write_text(template, encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), undefined=jinja2.StrictUndefined)
    warnings, errors = attempt(lambda: env.get_template("article.html").render())
    assert warnings == [] and len(errors) == 1
    assert errors[0].startswith(f"{tmp_path / 'article.html'}:{line}: build failed: {kind}: "), errors
