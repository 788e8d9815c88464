"""The Pagefind search index: one bundle per language tree (`/pagefind/`, `/zh/pagefind/`).

Only article pages are given to Pagefind (the extended binary, which segments Chinese). Indexing
one language at a time halves Pagefind's memory and lets a rebuild re-index only the language
whose articles changed; it runs in a background thread while the rest of the site is rendered.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import queue
import threading
from pathlib import Path

from digest.site import urls


def bundle(lang: str) -> str:
    return f"{urls.prefix(lang)}pagefind/"


def command(output: Path, lang: str) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(output), "--silent",
            "--glob", f"{urls.prefix(lang)}articles/*/index.html", "--output-subdir", bundle(lang).rstrip("/")]


def index_language(output: Path, lang: str) -> None:
    """Rebuild one language's bundle from scratch (Pagefind never deletes its old hashed files)."""
    shutil.rmtree(output / bundle(lang), ignore_errors=True)
    result = subprocess.run(command(output, lang), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed for '{lang}':\n{result.stdout}{result.stderr}")


class BackgroundIndexer:
    """Index languages in a thread, each as soon as its article pages are written (`ready`), one
    language at a time to bound memory; `wait()` re-raises any failure."""

    def __init__(self, output: Path, enabled: bool = True):
        self.output, self.enabled = output, enabled
        self.queue: queue.Queue[str | None] = queue.Queue()
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        self.indexed: list[str] = []

    def ready(self, lang: str, changed: bool) -> None:
        """The article pages of `lang` are on disk; index them if they changed or have no bundle yet."""
        if not self.enabled or not (changed or not (self.output / bundle(lang) / "pagefind-entry.json").exists()):
            return
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
            self.thread.start()
        self.queue.put(lang)

    def _run(self) -> None:
        while (lang := self.queue.get()) is not None:
            try:
                index_language(self.output, lang)
                self.indexed.append(lang)
            except BaseException as error:  # handed to the main thread by wait()
                self.error = error

    def wait(self) -> None:
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join()
        if self.error is not None:
            raise self.error
