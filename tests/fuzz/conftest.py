"""The fuzz campaign's settings and tally.

Two hypothesis profiles: `fuzz-default` (modest, deterministic: part of `make test`) and `fuzz`
(`make fuzz`, DIGEST_FUZZ=fuzz: over ten thousand inputs, new ones each run). Every kind counts
the inputs it ran; `make fuzz` prints the counts at the end.
"""
from __future__ import annotations

import contextlib
import os
import signal

import pytest
from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("DIGEST_FUZZ", "fuzz-default")
KINDS = ("ingest", "front matter", "markdown", "site")
EXAMPLES = {
    "fuzz-default": {"ingest": 25, "front matter": 80, "markdown": 80, "site": 2},
    "fuzz": {"ingest": 2500, "front matter": 4000, "markdown": 4000, "site": 40},
}
# Per example: longer means a hang. Hypothesis measures the deadline only once an example ends,
# so hang_guard also interrupts one that never does.
DEADLINES = {"ingest": 30, "front matter": 10, "markdown": 10, "site": 120}
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile("fuzz-default", derandomize=True, database=None, suppress_health_check=_SLOW)
settings.register_profile("fuzz", suppress_health_check=_SLOW)


def fuzz_settings(kind: str) -> settings:
    return settings(settings.get_profile(PROFILE), max_examples=EXAMPLES[PROFILE][kind],
                    deadline=DEADLINES[kind] * 1000)


class Hang(Exception):
    """An example ran past three times its deadline."""


@contextlib.contextmanager
def hang_guard(kind: str):
    def interrupt(signum, frame):
        raise Hang(f"{kind}: no result after {3 * DEADLINES[kind]} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 3 * DEADLINES[kind])
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_TALLY = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def tally(request):
    """tally(kind) counts one input of that kind; tally(kind, outcome) what became of one."""
    counts = request.config.stash.setdefault(_TALLY, {})

    def count(kind: str, outcome: str = "") -> None:
        counts[kind, outcome] = counts.get((kind, outcome), 0) + 1

    return count


def pytest_terminal_summary(terminalreporter, config):
    counts = config.stash.get(_TALLY, {})
    if not counts:
        return
    total = sum(number for (_, outcome), number in counts.items() if not outcome)
    terminalreporter.write_line(f"fuzz inputs ({PROFILE}): {total:,}")
    for kind in KINDS:
        outcomes = ", ".join(f"{outcome} {number:,}" for (of, outcome), number in sorted(counts.items()) if of == kind and outcome)
        terminalreporter.write_line(f"  {kind}: {counts.get((kind, ''), 0):,}" + (f" ({outcomes})" if outcomes else ""))
