"""python -m scripts.demo [--articles 300] [--root demo] [--port 8001] [--no-search] [--no-serve]

The site at scale: a corpus of invented articles (digest.bench.corpus: invented places, companies
and figures, each article saying it is synthetic; the site's name says "demo") built into
ROOT/output and served on http://127.0.0.1:PORT with live reload, so pagination, busy term pages,
editions and search can be judged as a reader would. Everything is written under ROOT (default
demo/, ignored by git): never content/ or output/. A ROOT that holds anything but an earlier demo
is refused. --no-serve builds and stops.
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path

from digest import REPO_ROOT
from digest.bench import corpus
from digest.site.model import ContentErrors
from scripts import serve
from digest.site.run import build

MARK = ".digest-demo"  # in a root this script made: the only kind it writes into
GENERATED = ("content", "seeds")  # made anew each run; output/ and cache/ are kept, so a rerun is incremental
NAMES = {"en": "Pearl River Policy Digest · demo, invented articles", "zh": "珠江政策摘要 · 演示（虚构文章）"}


def refusal(root: Path) -> str | None:
    """Why the demo may not write into `root`, or None."""
    if root.resolve() in (REPO_ROOT, Path.cwd().resolve()):
        return f"{root}: the demo needs a folder of its own (default demo/), never the repository's"
    if root.exists() and any(root.iterdir()) and not (root / MARK).is_file():
        return f"{root}: not empty and not made by the demo (no {MARK}); choose another --root"
    return None


def settings_text(port: int) -> str:
    """The demo's settings: the site's own, with a name that says it is a demo, and its own address.
    Paths are absolute: Pelican resolves relative ones next to the settings file."""
    values = {"THEME": str(REPO_ROOT / "theme"), "PLUGIN_PATHS": [str(REPO_ROOT / "plugins")],
              "DIGEST_SITENAMES": NAMES, "SITENAME": NAMES["en"], "DIGEST_ABSOLUTE_URL": f"http://127.0.0.1:{port}"}
    return (f'"""make demo\'s settings (scripts/demo.py), made anew each run."""\nimport sys\n'
            f"sys.path.insert(0, {str(REPO_ROOT)!r})\nfrom pelicanconf import *  # noqa: E402,F401,F403\n\n"
            + "".join(f"{name} = {value!r}\n" for name, value in values.items()))


def prepare(root: Path, articles: int, port: int) -> tuple[Path, Path]:
    """Generate the corpus under root anew; (its content folder, its settings file)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / MARK).write_text("made by python -m scripts.demo; removed and remade freely\n", encoding="utf-8")
    for name in GENERATED:
        shutil.rmtree(root / name, ignore_errors=True)  # fewer articles than last time: none left over
    made = corpus.generate(root, articles, peers=False)
    settings = root / "settings.py"
    settings.write_text(settings_text(port), encoding="utf-8")
    return made.content, settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.demo", description=__doc__.split("\n\n")[1])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--root", type=Path, default=Path("demo"))
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    parser.add_argument("--no-serve", action="store_true", help="build, then stop")
    args = parser.parse_args(argv)
    problem = refusal(args.root)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    content, settings = prepare(args.root, args.articles, args.port)
    output, cache = args.root / "output", args.root / "cache"
    print(f"demo: {args.articles} invented articles in {content}", flush=True)
    # The corpus is dated up to corpus.LAST_DAY: judged from then at least, it builds on any day.
    today = max(dt.date.today(), corpus.LAST_DAY)
    if not args.no_serve:
        return serve.main(["--settings", str(settings), "--content", str(content), "--output", str(output),
                           "--cache", str(cache), "--port", str(args.port), "--today", today.isoformat(),
                           *(["--no-search"] if args.no_search else [])])
    try:
        warnings = build(settings, content, output, search=not args.no_search, cache=cache, today=today)
    except ContentErrors as errors:
        print("\n".join(map(str, errors.errors)), file=sys.stderr)
        return 1
    print(f"built {output}: {len(warnings)} warning(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
