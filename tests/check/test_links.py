"""Links check: broken links and fragments, localhost and file: links, SITEURL, external links."""
from __future__ import annotations

import http.server
import shutil
import threading

import pytest

from digest.check.links import External, Link, check_external, check_links
from digest.check.sitepaths import is_local_host, under
from tests.check.conftest import FIXTURES

DEV = FIXTURES / "links" / "dev"
PUBLISH = FIXTURES / "links" / "publish"


@pytest.fixture(scope="module")
def dev_run(request):
    from scripts import check

    return check.run_checks(check.parse_args(["--output", str(DEV), "--only", "links"]))


def test_exit_status_and_text(run_check):
    run = run_check("--output", DEV, "--only", "links")
    assert run.status == 1
    assert "tests/fixtures/check/links/dev/index.html:14: broken link /articles/never-written/" in run.text


def find(problems, path_end, words):
    found = [p for p in problems if p.path.endswith(path_end) and words in p.message]
    assert len(found) == 1, (path_end, words, problems)
    return found[0]


def test_broken_link(dev_run):
    problem = find(dev_run, "dev/index.html", "broken link /articles/never-written/")
    assert problem.line == 14 and problem.severity == "error"


def test_missing_fragment(dev_run):
    problem = find(dev_run, "dev/index.html", "broken fragment /articles/harbour-bridge/#no-such-section")
    assert problem.line == 13 and 'no element with id="no-such-section"' in problem.message


def test_localhost_and_file_links(dev_run):
    assert find(dev_run, "dev/index.html", "http://localhost:8000/articles/harbour-bridge/").line == 15
    assert find(dev_run, "dev/index.html", "file: path file:///home/editor/drafts/bridge.html").line == 16


def test_document_relative_link_on_a_404_page(dev_run):
    assert find(dev_run, "dev/404.html", "document-relative link articles/harbour-bridge/").line == 10


def test_external_links_are_listed_not_fetched(dev_run):
    problem = find(dev_run, "dev/index.html", "external link https://news.example.org/harbour-bridge")
    assert problem.severity == "notice" and problem.line == 17


def test_good_links_raise_nothing(dev_run):
    """Relative links, existing fragments, #top and the stylesheet pass: five errors, all planted."""
    assert len([p for p in dev_run if p.severity == "error"]) == 5
    assert not [p for p in dev_run if "articles/harbour-bridge/index.html" in p.path]


def test_publish_build_links_stay_under_siteurl(run_check):
    run = run_check("--output", PUBLISH, "--only", "links")  # SITEURL read from the canonical link
    assert run.status == 1
    assert run.find("publish/index.html", "/articles/harbour-bridge/ leaves SITEURL https://editors.example.org/digest")["line"] == 12
    assert run.find("publish/index.html", "https://editors.example.org/another-project/ leaves SITEURL")["line"] == 13
    assert len(run.errors()) == 2


def test_a_link_to_a_folder_without_its_slash_is_a_warning(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(DEV / "articles", site / "articles")
    (site / "index.html").write_text('<!DOCTYPE html><html lang="en"><title>x</title>\n'
                                     '<a href="/articles/harbour-bridge">no slash</a></html>', encoding="utf-8")
    (problem,) = [p for p in check_links(site) if p.path.endswith("site/index.html")]
    assert problem.severity == "warning" and "write /articles/harbour-bridge/" in problem.message


@pytest.mark.parametrize("host, local", [("localhost", True), ("app.localhost", True), ("127.0.0.1", True),
                                         ("127.8.0.1", True), ("::1", True), ("0.0.0.0", True),
                                         ("example.org", False), ("10.0.0.1", False), (None, False)])
def test_is_local_host(host, local):
    assert is_local_host(host) == local


def test_under():
    assert under("https://x.org/digest/a/", "https://x.org/digest") == "/a/"
    assert under("https://x.org/digest", "https://x.org/digest/") == "/"
    assert under("https://x.org/digestive/", "https://x.org/digest") is None


def external(url: str, tmp_path) -> External:
    page = tmp_path / "index.html"
    return External(url, Link(page, 3, url), 1, {page})


def test_check_external_reports_error_statuses_without_the_network(tmp_path):
    answers = {"https://ok.example.org/": (200, "OK"), "https://gone.example.org/": (404, "Not Found"),
               "https://down.example.org/": (None, "timed out")}
    problems = check_external([external(url, tmp_path) for url in answers], fetch=lambda url, timeout: answers[url])
    messages = sorted(p.message for p in problems)
    assert messages == ["external link https://down.example.org/: no answer (timed out)",
                        "external link https://gone.example.org/: HTTP 404 Not Found"]
    assert all(p.line == 3 and p.severity == "error" for p in problems)


def test_fetch_status_against_a_loopback_server(tmp_path):
    """The real fetcher, against a server on 127.0.0.1 that this test runs (no other address)."""
    (tmp_path / "here.html").write_text("here", encoding="utf-8")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        problems = check_external([external(f"{base}/here.html", tmp_path), external(f"{base}/missing.html", tmp_path)],
                                  timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert [p.message for p in problems] == [f"external link {base}/missing.html: HTTP 404 File not found"]


def _article_site(tmp_path):
    """An invented article's Markdown, and its built page with one broken link in the body and one in the template."""
    content, output = tmp_path / "content", tmp_path / "output"
    (content / "zh").mkdir(parents=True)
    (content / "zh" / "invented-ferry.md").write_text(
        "---\ntitle: 虚构的渡轮码头\nslug: invented-ferry\nlang: zh\ndate: 2024-05-02\nsource:\n  name: Example Herald (invented)\n"
        "summary: 虚构。\nstatus: published\n---\n\n虚构的渡轮码头启用。\n\n另见[无人机桥](/zh/articles/invented-nope/#%E8%83%8C%E6%99%AF)。\n",
        encoding="utf-8")
    page = output / "zh" / "articles" / "invented-ferry" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<!DOCTYPE html><html lang="zh-Hans"><title>x</title>\n<nav><a href="/zh/industries/nope/">行业</a></nav>\n'
                    '<div class="prose">\n<p>虚构的渡轮码头启用。</p>\n'
                    '<p>另见<a href="/zh/articles/invented-nope/#%E8%83%8C%E6%99%AF">无人机桥</a>。</p>\n</div></html>',
                    encoding="utf-8")
    return content, output


def test_a_broken_link_in_an_article_body_is_reported_at_the_markdown_line(tmp_path):
    content, output = _article_site(tmp_path)
    problems = {str(p) for p in check_links(output, content=content) if p.severity == "error"}
    (body,) = [p for p in problems if "invented-nope" in p]
    assert "content/zh/invented-ferry.md:14: broken link /zh/articles/invented-nope/#%E8%83%8C%E6%99%AF: nothing at" in body
    (template,) = [p for p in problems if "/zh/industries/nope/" in p]  # the theme's, not the editor's
    assert "output/zh/articles/invented-ferry/index.html:2: broken link" in template


def test_without_the_content_folder_body_links_stay_at_the_page(tmp_path):
    _, output = _article_site(tmp_path)
    assert all("output/zh/articles/invented-ferry/index.html" in p.path for p in check_links(output))


def test_a_broken_link_in_a_bilingual_view_is_reported_at_the_markdown_line_of_its_language(tmp_path):
    content, output = _article_site(tmp_path)
    (content / "en").mkdir()
    (content / "en" / "invented-ferry.md").write_text(
        "---\ntitle: An invented ferry pier\nslug: invented-ferry\nlang: en\ndate: 2024-05-02\nsource:\n"
        "  name: Example Herald (invented)\nsummary: Invented.\nstatus: published\n---\n\nAn invented pier opens.\n\n"
        "See [the drone bridge](/articles/invented-none/).\n", encoding="utf-8")
    page = output / "articles" / "invented-ferry" / "bilingual" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<!DOCTYPE html><html lang="en"><title>x</title>\n<div class="bi-pair">\n'
                    '<div class="bi-cell prose"><p>An invented pier opens.</p></div>\n'
                    '<div class="bi-cell bi-other prose" lang="zh-Hans"><p>虚构的渡轮码头启用。</p></div>\n</div>\n'
                    '<div class="bi-pair">\n<div class="bi-cell prose"><p>See <a href="/articles/invented-none/">the drone bridge</a>.</p></div>\n'
                    '<div class="bi-cell bi-other prose" lang="zh-Hans"><p>另见<a href="/zh/articles/invented-nope/#%E8%83%8C%E6%99%AF">无人机桥</a>。</p></div>\n'
                    '</div></html>', encoding="utf-8")
    (output / "zh" / "articles" / "invented-ferry" / "index.html").unlink()  # the bilingual page's links alone
    problems = sorted(str(p) for p in check_links(output, content=content) if p.severity == "error")
    assert [p[p.index("content/"):].split(" nothing at")[0] for p in problems] == [
        "content/en/invented-ferry.md:14: broken link /articles/invented-none/:",
        "content/zh/invented-ferry.md:14: broken link /zh/articles/invented-nope/#%E8%83%8C%E6%99%AF:"]
