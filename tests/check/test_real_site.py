"""The repository's own site passes every check clean: metadata, links, feeds, markup, HTML and accessibility.

One build, one check run (one vnu run, one browser); a publish build is checked for its
absolute links and feeds under SITEURL.
"""
from __future__ import annotations

import os

import pytest

from digest import REPO_ROOT

PUBLISH_URL = "https://editors.example.org/digest"


@pytest.fixture(scope="module")
def full_run(real_site):
    from scripts import check

    args = check.parse_args(["--content", str(REPO_ROOT / "content"), "--output", str(real_site),
                             "--root", str(REPO_ROOT)])
    return check.run_checks(args)


@pytest.mark.parametrize("name", ["metadata", "links", "feeds", "markup", "html", "a11y"])
def test_the_real_site_passes(name, full_run):
    problems = [p for p in full_run if p.check == name and p.severity in ("error", "warning")]
    assert problems == [], "\n".join(map(str, problems))


def test_the_cli_exits_zero_on_the_real_site(real_site, run_check):
    run = run_check("--content", REPO_ROOT / "content", "--output", real_site, "--root", REPO_ROOT,
                    "--skip", "html,a11y")
    assert run.status == 0, run.text


@pytest.fixture(scope="module")
def publish_site(tmp_path_factory):
    from digest.site.run import build

    tmp = tmp_path_factory.mktemp("publish")
    output = tmp / "output"
    previous = os.environ.get("DIGEST_SITEURL")
    os.environ["DIGEST_SITEURL"] = PUBLISH_URL
    try:
        build(REPO_ROOT / "publishconf.py", REPO_ROOT / "content", output, cache=tmp / "cache")
    finally:
        if previous is None:
            os.environ.pop("DIGEST_SITEURL", None)
        else:
            os.environ["DIGEST_SITEURL"] = previous
    return output


def test_the_publish_build_stays_under_siteurl(publish_site, run_check):
    run = run_check("--output", publish_site, "--siteurl", PUBLISH_URL, "--only", "links,feeds,markup")
    assert run.status == 0, run.text
    assert [p for p in run.problems if p["severity"] == "warning"] == []


def test_the_publish_build_fails_under_another_siteurl(publish_site, run_check):
    run = run_check("--output", publish_site, "--siteurl", "https://elsewhere.example.org", "--only", "feeds")
    assert run.status == 1
    assert any("is not this feed's URL https://elsewhere.example.org/feeds/all.atom.xml" in p["message"] for p in run.problems)
