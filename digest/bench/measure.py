"""Run a command, or a Python function, in its own subprocess and measure it.

Per run: wall time (perf_counter around the child's whole life, interpreter start-up included),
CPU time (user + sys from `os.wait4`, which includes the child's own waited-for children, e.g.
a search indexer it starts), peak memory (the resident sets of the child and all its
descendants, summed, sampled every 50 ms from /proc) and, for functions, the JSON value the
function returned plus the seconds spent inside the call.

`ru_maxrss` is kept but not reported where /proc can be read: it is the largest single process,
while a build's readers and search indexers run beside it; and Python starts children with
vfork, so at exec the child is charged with this process's own high-water mark (here 140-180 MB,
more than stock Pelican needs).

`python -m digest.bench.measure MODULE:FUNCTION ARGS.json RESULT.json` is the child side of
`run_function`; it imports nothing heavy itself, so what a peer imports counts for that peer.
"""
from __future__ import annotations

import ctypes
import functools
import importlib
import json
import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from digest import REPO_ROOT


class RunFailed(RuntimeError):
    """A measured run exited non-zero; the message carries the end of its log."""


@dataclass
class Measurement:
    wall: float  # seconds
    user: float  # CPU seconds in user mode (child and its waited-for descendants)
    sys: float  # CPU seconds in kernel mode
    peak_rss_mb: float  # MiB: the process tree's summed peak where /proc is readable, else largest_process_mb
    returncode: int
    log: Path
    largest_process_mb: float = 0.0  # ru_maxrss: the largest single process (see the module docstring)
    value: dict = field(default_factory=dict)  # run_function: what the function returned
    inner: float | None = None  # run_function: seconds inside the call (no interpreter start-up)
    others_cpu: float | None = None  # CPU seconds the rest of the machine used meanwhile (contention)

    @property
    def cpu(self) -> float:
        return self.user + self.sys


def one_after_another(first: Measurement, second: Measurement) -> Measurement:
    """Two runs as one, the second started when the first ended (a peer's build, then its search
    indexer over the build's output): times and contention added, the larger peak."""
    others = None if first.others_cpu is None or second.others_cpu is None else first.others_cpu + second.others_cpu
    return Measurement(first.wall + second.wall, first.user + second.user, first.sys + second.sys,
                       max(first.peak_rss_mb, second.peak_rss_mb), first.returncode or second.returncode, second.log,
                       largest_process_mb=max(first.largest_process_mb, second.largest_process_mb), others_cpu=others)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def machine_busy_seconds() -> float | None:
    """CPU seconds all processes on the machine have used since boot (Linux /proc/stat), or None."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def child_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONHASHSEED", "0")  # the same corpus hashes the same way in every run
    env.update(extra or {})
    return env


PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def tree_rss_bytes(pid: int) -> int | None:
    """Resident memory of a process and all its descendants, summed, now; None without /proc.

    Children are found in /proc/PID/task/TID/children (Linux 3.5+), per thread, since a thread
    pool starts them. Python starts every child with vfork: until it execs, the child runs in its
    parent's memory and /proc shows it with the parent's whole resident set. Such a child is the
    parent counted twice (14 % of samples of a 200 MB parent starting children in a loop, measured
    2026-12 here), so a child that shares its parent's address space is not counted. Pages a
    forked child shares copy-on-write with its parent still count twice: an upper bound.
    """
    if not os.path.exists(f"/proc/{pid}/task"):
        return None
    total, pending = 0, [(pid, None)]
    while pending:
        current, parent = pending.pop()
        try:
            if parent is None or not shares_memory(parent, current):  # asked first: a child that
                total += int(_statm(current)[1]) * PAGE_SIZE  # stopped sharing has exec'd for good
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend((int(child), current) for child in children.read().split())
        except (OSError, ValueError):
            continue  # it ended meanwhile
    return total


_KCMP = {"x86_64": 312, "aarch64": 272}.get(platform.machine())  # kcmp(2)'s syscall number
_KCMP_VM = 1


def shares_memory(first: int, second: int) -> bool:
    """Whether two processes run in one address space (kcmp(2) KCMP_VM). Where kcmp is missing or
    refused, processes of equal virtual, text and data sizes are taken as sharing it: the resident
    count is not compared, since a vfork'd child faults in stack pages of the space it shares."""
    if _KCMP is not None:
        result = _libc().syscall(_KCMP, first, second, _KCMP_VM, 0, 0)
        if result >= 0:
            return result == 0
    try:
        sizes = [_statm(pid) for pid in (first, second)]
    except OSError:
        return False
    size, text, data = 0, 3, 5
    return all(sizes[0][field] == sizes[1][field] for field in (size, text, data))


def _statm(pid: int) -> list[str]:
    """/proc/PID/statm's fields, in pages: size, resident, shared, text, lib, data, dirty."""
    with open(f"/proc/{pid}/statm") as statm:
        return statm.read().split()


@functools.cache
def _libc():
    return ctypes.CDLL(None, use_errno=True)


class TreeMemory:
    """The peak of tree_rss_bytes(pid), sampled in a thread while the process runs."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval, self.peak, self.sampled = pid, interval, 0, False
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self.stop.is_set():
            now = tree_rss_bytes(self.pid)
            if now is not None:
                self.peak, self.sampled = max(self.peak, now), True
            self.stop.wait(self.interval)

    def __enter__(self) -> "TreeMemory":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()


def run_command(argv: list[str], *, cwd: Path, log: Path, env: dict | None = None, check: bool = True) -> Measurement:
    """Run argv with stdout+stderr to `log`; wait for it with wait4 to get its resource usage."""
    log.parent.mkdir(parents=True, exist_ok=True)
    busy_before = machine_busy_seconds()
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=env or child_env(), stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=subprocess.STDOUT)
        with TreeMemory(process.pid) as memory:
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # tell Popen the child is reaped
    busy_after = machine_busy_seconds()
    largest = usage.ru_maxrss / 1024
    peak = memory.peak / 2**20 if memory.sampled else largest
    measurement = Measurement(wall, usage.ru_utime, usage.ru_stime, peak, process.returncode, log, largest_process_mb=largest)
    if busy_before is not None and busy_after is not None:
        measurement.others_cpu = max(0.0, busy_after - busy_before - measurement.cpu)
    if check and process.returncode != 0:
        raise RunFailed(f"{' '.join(map(str, argv[:4]))} … exited {process.returncode}; end of {log}:\n{tail(log)}")
    return measurement


def run_function(target: str, kwargs: dict, *, cwd: Path, log: Path, check: bool = True) -> Measurement:
    """Call `module:function(**kwargs)` in a fresh interpreter and measure that process."""
    args_file = log.with_suffix(".args.json")
    result_file = log.with_suffix(".result.json")
    log.parent.mkdir(parents=True, exist_ok=True)
    args_file.write_text(json.dumps(kwargs), encoding="utf-8")
    result_file.unlink(missing_ok=True)
    measurement = run_command([sys.executable, "-m", "digest.bench.measure", target, args_file, result_file],
                              cwd=cwd, log=log, check=check)
    if result_file.exists():
        result = json.loads(result_file.read_text(encoding="utf-8"))
        measurement.value, measurement.inner = result["value"] or {}, result["seconds"]
    return measurement


# --- the files a run wrote -----------------------------------------------------------------------

def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """{relative path: (mtime_ns, size)} of every file under root."""
    found = {}
    for directory, _, files in os.walk(root):
        for name in files:
            path = os.path.join(directory, name)
            stat = os.stat(path)
            found[os.path.relpath(path, root)] = (stat.st_mtime_ns, stat.st_size)
    return found


def count_files(root: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(root))


def written_since(before: dict, after: dict) -> int:
    """Files created or rewritten between two snapshots."""
    return sum(1 for path, stamp in after.items() if before.get(path) != stamp)


def _child(argv: list[str]) -> int:
    target, args_file, result_file = argv
    module_name, function_name = target.split(":")
    kwargs = json.loads(Path(args_file).read_text(encoding="utf-8"))
    function = getattr(importlib.import_module(module_name), function_name)
    start = time.perf_counter()
    value = function(**kwargs)
    seconds = time.perf_counter() - start
    Path(result_file).write_text(json.dumps({"value": value, "seconds": seconds}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
