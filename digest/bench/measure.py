"""Run a command, or a Python function, in its own subprocess and measure it.

Per run: wall time (perf_counter around the child's whole life, interpreter start-up included),
CPU time (user + sys from `os.wait4`, which includes the child's own waited-for children, e.g.
a search indexer it starts), peak RSS (`ru_maxrss` of the child: the largest resident set of
the child or of any of its waited-for descendants — not their sum) and, for functions, the
JSON value the function returned plus the seconds spent inside the call.

`python -m digest.bench.measure MODULE:FUNCTION ARGS.json RESULT.json` is the child side of
`run_function`; it imports nothing heavy itself, so what a peer imports counts for that peer.
"""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent


class RunFailed(RuntimeError):
    """A measured run exited non-zero; the message carries the end of its log."""


@dataclass
class Measurement:
    wall: float  # seconds
    user: float  # CPU seconds in user mode (child and its waited-for descendants)
    sys: float  # CPU seconds in kernel mode
    peak_rss_mb: float  # ru_maxrss in MiB
    returncode: int
    log: Path
    value: dict = field(default_factory=dict)  # run_function: what the function returned
    inner: float | None = None  # run_function: seconds inside the call (no interpreter start-up)
    others_cpu: float | None = None  # CPU seconds the rest of the machine used meanwhile (contention)

    @property
    def cpu(self) -> float:
        return self.user + self.sys


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


def run_command(argv: list[str], *, cwd: Path, log: Path, env: dict | None = None, check: bool = True) -> Measurement:
    """Run argv with stdout+stderr to `log`; wait for it with wait4 to get its resource usage."""
    log.parent.mkdir(parents=True, exist_ok=True)
    busy_before = machine_busy_seconds()
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=env or child_env(), stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # tell Popen the child is reaped
    busy_after = machine_busy_seconds()
    measurement = Measurement(wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, log)
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
