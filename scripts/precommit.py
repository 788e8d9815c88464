"""python -m scripts.precommit [--install] [--all-files]

Run the local hooks of .pre-commit-config.yaml (`repo: local`, `language: system`) on the files
staged for commit, as the pre-commit tool would, for editors who do not have that tool.
`--install` writes .git/hooks/pre-commit so that `git commit` runs them and stops on a failure.
"""
from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

CONFIG = ".pre-commit-config.yaml"
MARKER = "# written by `python -m scripts.precommit --install`"
HOOK = f"""#!/bin/sh
{MARKER}: runs the local hooks of {CONFIG}
if [ ! -x .venv/bin/python ]; then
  echo "pre-commit: .venv/bin/python is missing; run 'make venv' first" >&2
  exit 1
fi
exec .venv/bin/python -m scripts.precommit "$@"
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def top_level(start: Path = Path(".")) -> Path:
    return Path(git(start, "rev-parse", "--show-toplevel").strip())


def staged_files(repo: Path) -> list[str]:
    output = git(repo, "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z")
    return [name for name in output.split("\0") if name]


def all_files(repo: Path) -> list[str]:
    return [name for name in git(repo, "ls-files", "-z").split("\0") if name]


def unstaged_changes(repo: Path, files: list[str]) -> list[str]:
    if not files:
        return []
    output = git(repo, "diff", "--name-only", "-z", "--", *files)
    return [name for name in output.split("\0") if name]


def load_hooks(repo: Path) -> list[dict]:
    config = yaml.safe_load((repo / CONFIG).read_text(encoding="utf-8")) or {}
    hooks = []
    for block in config.get("repos", []):
        if block.get("repo") != "local":
            continue
        for hook in block.get("hooks", []):
            hooks.append(hook)
    return hooks


def run_hooks(repo: Path, files: list[str], hooks: list[dict], out=sys.stderr) -> int:
    """Run each hook on its matching files; 1 when any fails."""
    status = 0
    for hook in hooks:
        name = hook.get("name") or hook["id"]
        if hook.get("language", "system") not in ("system", "script"):
            print(f"{name}: skipped (language '{hook.get('language')}' needs the pre-commit tool)", file=out)
            continue
        include = re.compile(hook.get("files", ""))
        exclude = re.compile(hook["exclude"]) if hook.get("exclude") else None
        matching = [f for f in files if include.search(f) and not (exclude and exclude.search(f))]
        if not matching and not hook.get("always_run"):
            continue
        command = shlex.split(hook["entry"]) + [*shlex.split(" ".join(hook.get("args", [])))]
        if hook.get("pass_filenames", True):
            command += matching
        result = subprocess.run(command, cwd=repo, capture_output=True, text=True)
        if result.returncode:
            status = 1
            print(f"{name}: Failed", file=out)
            for stream in (result.stdout, result.stderr):
                if stream.strip():
                    print(stream.rstrip("\n"), file=out)
        else:
            print(f"{name}: Passed", file=out)
    return status


def install(repo: Path) -> Path:
    path = Path(git(repo, "rev-parse", "--git-path", "hooks/pre-commit").strip())
    path = path if path.is_absolute() else repo / path
    if path.exists() and MARKER not in path.read_text(encoding="utf-8", errors="replace"):
        raise SystemExit(f"{path} exists and was not written by this tool; not overwriting it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HOOK, encoding="utf-8")
    path.chmod(0o755)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.precommit", description=__doc__.split("\n\n")[1])
    parser.add_argument("--install", action="store_true", help="write .git/hooks/pre-commit")
    parser.add_argument("--all-files", action="store_true", help="run on every tracked file, not the staged ones")
    args = parser.parse_args(argv)
    repo = top_level()
    if args.install:
        print(f"installed {install(repo)}")
        return 0
    files = all_files(repo) if args.all_files else staged_files(repo)
    changed = unstaged_changes(repo, files) if not args.all_files else []
    for name in changed:
        print(f"pre-commit: {name} has changes that are not staged; the working-tree version is checked", file=sys.stderr)
    return run_hooks(repo, files, load_hooks(repo))


if __name__ == "__main__":
    sys.exit(main())
