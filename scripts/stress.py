"""python -m scripts.stress [--kills N] [--seed N] [--keep DIR]

Crash consistency: ingest and the site build are killed (SIGKILL, with every process they
started) at seeded random points, each followed by a normal run; the end state must equal that of
a clean run every time (content files and manifest for ingest, the output tree for the build).
Prints a table; exit 1 on any divergence.

Each run is a forked child of this process, which has imported everything once, so the kill
points fall in the work rather than in Python's start-up. Ingest starts from a content folder
holding half the sources (some edited since, one article changed by an editor) and is killed
either at a random time or just after its n-th article write; the build is killed at a random
time in a cold build, or in a warm one (output and caches of the previous content, then an
article edited, one added and one removed).

Two clean builds of the same content differ in Pagefind's bundles: the names of its filter and
metadata files (content hashes of data whose order varies from run to run) and the entry file
that lists them. Those are compared by their count and the entry's page counts per language;
every other file byte for byte.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from digest import REPO_ROOT
from digest import languages as site_languages
from digest.bench import corpus

# Pagefind files whose names or bytes vary between two clean builds of the same pages.
# A language's bundles are under its prefix (data/languages.yaml): `pagefind/`, `zh/pagefind/`, `zh-hant/pagefind/`.
UNSTABLE = re.compile(r"^(?P<bundle>(?:[a-z]{2,3}(?:-[a-z0-9]+)*/)?pagefind/[^/]+)/"
                      r"(?:filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$")


@dataclass
class Tally:
    """Kill points of one kind of run: how many, how many killed it mid-run, what diverged."""

    kills: int = 0
    killed: int = 0  # the others had finished before their kill point
    divergences: list[str] = field(default_factory=list)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path; Pagefind's unstable files by count and page counts."""
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(root).as_posix()
        unstable = UNSTABLE.match(relative)
        if not unstable:
            files[relative] = path.read_bytes()
        elif relative.endswith("pagefind-entry.json"):
            languages = json.loads(path.read_text())["languages"]
            files[relative] = json.dumps({lang: info["page_count"] for lang, info in languages.items()}).encode()
        else:
            kind = f"{unstable['bundle']}/*{path.suffix}"
            files[kind] = str(int(files.get(kind, b"0")) + 1).encode()
    return files


def differences(expected: dict[str, bytes], actual: dict[str, bytes], limit: int = 3) -> str:
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(path for path in set(expected) & set(actual) if expected[path] != actual[path])
    parts = [f"{name}: {', '.join(paths[:limit])}{' …' if len(paths) > limit else ''}"
             for name, paths in (("missing", missing), ("extra", extra), ("differ", changed)) if paths]
    return "; ".join(parts)


# --- Runs in forked children ------------------------------------------------------------------

def start(function: Callable[..., int], *args, cwd: Path) -> int:
    """Fork; the child leads a new process group (so a kill reaches its workers and Pagefind),
    works in cwd with its output appended to cwd/stress-child.log, and exits with function's status. Returns the child's pid."""
    pid = os.fork()
    if pid:
        return pid
    status = 70
    try:
        os.setsid()
        os.chdir(cwd)
        log = os.open("stress-child.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        os.dup2(log, 1)
        os.dup2(log, 2)
        status = function(*args) or 0
    finally:
        os._exit(status)


def wait(pid: int, timeout: float) -> int | None:
    """The child's exit status (negative: killed by that signal), or None if it ran past timeout (then killed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.005)
    kill(pid)
    return None


def kill(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def run(function: Callable[..., int], *args, cwd: Path, timeout: float) -> int | None:
    return wait(start(function, *args, cwd=cwd), timeout)


def killed_run(function: Callable[..., int], *args, cwd: Path, when: Callable[[], bool], timeout: float) -> bool:
    """Start a run and SIGKILL it (and its process group) once `when()` is true; False when it
    finished first."""
    pid = start(function, *args, cwd=cwd)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return False
        if when():
            kill(pid)
            return True
        time.sleep(0.001)
    kill(pid)
    return True


def after(seconds: float) -> Callable[[], bool]:
    moment = time.monotonic() + seconds
    return lambda: time.monotonic() >= moment


# --- Ingest -----------------------------------------------------------------------------------

def ingest(out: str, jobs: int) -> int:
    from scripts import ingest as command

    return command.main(["--quiet", "--jobs", str(jobs), "--out", out, "seeds"])


def prepare_ingest(work: Path, sources: int, seed: int) -> Path:
    """seeds/ (two of them copies of others) and start/: half the sources ingested, two of those
    sources edited since and one of their articles edited by an editor."""
    paths = corpus.write_raw_sources(work / "seeds", sources, seed)
    shutil.copy(paths[0], work / "seeds" / "zz-copy-of-the-first.txt")
    held_back = paths[sources // 2:]
    for path in held_back:
        path.rename(path.with_suffix(".held"))
    assert run(ingest, "start", 1, cwd=work, timeout=600) == 0, "the start state could not be made"
    for path in held_back:
        path.with_suffix(".held").rename(path)
    for path in paths[1:3]:
        path.write_text(path.read_text(encoding="utf-8") + "\nAn added closing line for the stress test.\n", encoding="utf-8")
    edited = sorted((work / "start").rglob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAn editor's sentence.\n", encoding="utf-8")
    return work / "start"


def ingest_trials(work: Path, kills: int, rng: random.Random, sources: int, say: Callable[[str], None]) -> dict[str, Tally]:
    start_state = prepare_ingest(work, sources, rng.randrange(1 << 30))
    trial = work / "trial"
    reference, took = None, 0.0
    for attempt in ("reference", "clean again"):
        shutil.rmtree(trial, ignore_errors=True)
        shutil.copytree(start_state, trial)
        began = time.monotonic()
        assert run(ingest, "trial", 1, cwd=work, timeout=600) == 0, f"the {attempt} ingest failed"
        took = max(took, time.monotonic() - began)
        state = snapshot(trial)
        if reference is not None and state != reference:
            raise SystemExit(f"two clean ingests differ: {differences(reference, state)}")
        reference = state
    writes = len(_written(start_state, trial))
    tallies = {"ingest --jobs 1": Tally(), "ingest --jobs 2": Tally()}
    for number in range(kills):
        jobs = rng.choice((1, 2))
        tally = tallies[f"ingest --jobs {jobs}"]
        shutil.rmtree(trial)
        shutil.copytree(start_state, trial)
        began_ns = time.time_ns()
        if rng.random() < 0.5:
            point = f"at {rng.uniform(0, took * 1.2):.3f} s"
            when = after(float(point.split()[1]))
        else:
            n = rng.randint(1, writes)
            point = f"after article write {n}"
            when = _after_writes(trial, began_ns, n)
        tally.kills += 1
        tally.killed += killed_run(ingest, "trial", jobs, cwd=work, when=when, timeout=600)
        status = run(ingest, "trial", 1, cwd=work, timeout=600)
        state = snapshot(trial)
        if status != 0 or state != reference:
            tally.divergences.append(f"kill {number + 1} ({point}, --jobs {jobs}): rerun exit {status}; "
                                     f"{differences(reference, state) or 'same files'}")
        say(f"ingest kill {number + 1}/{kills}: {point}, --jobs {jobs}: "
            f"{'diverged' if status != 0 or state != reference else 'converged'}")
    return tallies


def _written(before: Path, after: Path) -> list[Path]:
    """The articles under after that are new or changed since before."""
    return [path for path in after.rglob("*.md")
            if not (before / path.relative_to(after)).exists() or path.read_bytes() != (before / path.relative_to(after)).read_bytes()]


def _after_writes(folder: Path, since_ns: int, n: int) -> Callable[[], bool]:
    """True once n articles under folder have been written since since_ns."""
    def written() -> bool:
        count = 0
        for lang in site_languages.default().written:
            try:
                with os.scandir(folder / lang) as entries:
                    count += sum(1 for entry in entries if entry.name.endswith(".md") and entry.stat().st_mtime_ns >= since_ns)
            except FileNotFoundError:
                pass
        return count >= n
    return written


# --- Build ------------------------------------------------------------------------------------

def build(content: str, output: str, cache: str) -> int:
    from digest.site.run import build as build_site

    build_site(REPO_ROOT / "pelicanconf.py", Path(content), Path(output), cache=Path(cache))
    return 0


def prepare_build(work: Path, articles: int, seed: int) -> tuple[Path, Path]:
    """content-1/ and content-2/: the second has one article edited, one added and one removed."""
    generated = corpus.generate(work / "corpus", articles + 1, seed)
    first, last = generated.articles[0], generated.articles[-1]
    old, new = work / "content-1", work / "content-2"
    shutil.copytree(generated.content, old)
    for lang in last.langs:
        (old / lang / f"{last.slug}.md").unlink()
    corpus.edit_one_article(generated)
    shutil.copytree(generated.content, new)
    for lang in first.langs:
        (new / lang / f"{first.slug}.md").unlink()
    return old, new


def build_trials(work: Path, kills: int, rng: random.Random, articles: int, say: Callable[[str], None]) -> tuple[dict[str, Tally], str]:
    """The tallies, and what differs between two clean builds before Pagefind's files are summarised."""
    old, new = prepare_build(work, articles, rng.randrange(1 << 30))
    trial = work / "site"

    def fresh(state: Path | None) -> None:
        shutil.rmtree(trial, ignore_errors=True)
        if state:
            shutil.copytree(state, trial, symlinks=True)
        else:
            trial.mkdir()

    timed = {}
    fresh(None)
    assert run(build, str(old), "output", "cache", cwd=trial, timeout=900) == 0, "the first content's build failed"
    warm = work / "warm-state"
    shutil.copytree(trial, warm, symlinks=True)
    references = []
    for _ in range(2):
        fresh(None)
        began = time.monotonic()
        assert run(build, str(new), "output", "cache", cwd=trial, timeout=900) == 0, "the reference build failed"
        timed["cold"] = max(timed.get("cold", 0.0), time.monotonic() - began)
        references.append(trial / "output")
        references[-1] = references[-1].rename(work / f"reference-{len(references)}")
    raw = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    unstable = differences(raw(references[0]), raw(references[1]), limit=2) or "none"
    reference = snapshot(references[0])
    if snapshot(references[1]) != reference:
        raise SystemExit(f"two clean builds differ beyond Pagefind's file names: {differences(reference, snapshot(references[1]))}")
    fresh(warm)
    began = time.monotonic()
    assert run(build, str(new), "output", "cache", cwd=trial, timeout=900) == 0, "the warm build failed"
    timed["warm"] = time.monotonic() - began
    if snapshot(trial / "output") != reference:
        raise SystemExit(f"a warm build differs from a cold one: {differences(reference, snapshot(trial / 'output'))}")

    tallies = {"build (cold)": Tally(), "build (warm)": Tally()}
    for number in range(kills):
        kind = rng.choice(("cold", "warm"))
        tally = tallies[f"build ({kind})"]
        fresh(warm if kind == "warm" else None)
        moment = rng.uniform(0, timed[kind] * 1.1)
        tally.kills += 1
        tally.killed += killed_run(build, str(new), "output", "cache", cwd=trial, when=after(moment), timeout=900)
        try:
            status = run(build, str(new), "output", "cache", cwd=trial, timeout=900)
        except OSError as error:
            status = f"error {error}"
        state = snapshot(trial / "output")
        if status != 0 or state != reference:
            tally.divergences.append(f"kill {number + 1} ({kind}, at {moment:.3f} s): rerun exit {status}; "
                                     f"{differences(reference, state) or 'same files'}")
        say(f"build kill {number + 1}/{kills}: {kind}, at {moment:.3f} s: "
            f"{'diverged' if status != 0 or state != reference else 'converged'}")
    return tallies, unstable


# --- The command ------------------------------------------------------------------------------

@dataclass
class Result:
    tallies: dict[str, Tally]
    unstable: str  # what two clean builds differ in, before summarising Pagefind's files

    @property
    def divergences(self) -> list[str]:
        return [line for tally in self.tallies.values() for line in tally.divergences]


def stress(work: Path, kills: int, seed: int, sources: int = 40, articles: int = 20,
           say: Callable[[str], None] = lambda line: None) -> Result:
    """Half the kill points for ingest, half for the build; all files under work."""
    for module in ("digest.site.run", "scripts.ingest"):  # imported once here, not in every child
        importlib.import_module(module)
    rng = random.Random(seed)
    tallies = ingest_trials(work / "ingest", kills // 2, rng, sources, say)
    build_tallies, unstable = build_trials(work / "build", kills - kills // 2, rng, articles, say)
    return Result({**tallies, **build_tallies}, unstable)


def table(result: Result) -> str:
    rows = [("run", "kill points", "killed mid-run", "finished first", "divergences")]
    for name, tally in result.tallies.items():
        rows.append((name, str(tally.kills), str(tally.killed), str(tally.kills - tally.killed), str(len(tally.divergences))))
    total = list(result.tallies.values())
    rows.append(("total", str(sum(t.kills for t in total)), str(sum(t.killed for t in total)),
                 str(sum(t.kills - t.killed for t in total)), str(len(result.divergences))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append(f"two clean builds differ in (compared by count and page counts instead): {result.unstable}")
    lines.extend(f"DIVERGED {line}" for line in result.divergences)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.stress", description=__doc__.split("\n\n")[1])
    parser.add_argument("--kills", type=int, default=200, help="kill points, half for ingest and half for the build")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="digest-stress-"))
    started = time.monotonic()
    try:
        result = stress(work, args.kills, args.seed, say=lambda line: print(line, flush=True))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(result))
    print(f"seed {args.seed}, {time.monotonic() - started:.0f} s")
    return 1 if result.divergences else 0


if __name__ == "__main__":
    sys.exit(main())
