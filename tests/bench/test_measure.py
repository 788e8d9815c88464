"""digest.bench.measure: what a measured run is charged with."""
import os
import shutil
import subprocess
import sys
import time

import pytest

from digest.bench import measure

HOLD_80_MB = "import time; block = b'x' * (80 * 2**20); time.sleep(1.0)"
PARENT = (  # holds 80 MB itself while a child holds another 80 MB
    "import subprocess, sys\n"
    f"child = subprocess.Popen([sys.executable, '-c', {HOLD_80_MB!r}])\n"
    "block = b'x' * (80 * 2**20)\n"
    "child.wait()\n"
)


def test_peak_memory_sums_the_process_and_its_children(tmp_path):
    m = measure.run_command([sys.executable, "-c", PARENT], cwd=tmp_path, log=tmp_path / "log")
    # two processes holding 80 MB each at the same time: the tree's peak counts both, where the
    # largest single process holds one (its ru_maxrss has no upper bound worth testing: a child
    # forked from a big test process is charged with the parent's pages until it execs)
    assert m.peak_rss_mb >= 160
    assert m.largest_process_mb >= 80
    assert m.cpu > 0 and m.wall >= 1.0


def test_a_process_that_is_gone_has_no_tree():
    assert measure.tree_rss_bytes(2**22 + 12345) is None


STARTS_CHILDREN = (  # holds 200 MB and starts short-lived children for two seconds
    "import subprocess, sys, time\n"
    "block = b'x' * (200 * 2**20)\n"
    "end = time.monotonic() + 2.0\n"
    "while time.monotonic() < end:\n"
    "    subprocess.run([sys.argv[1]])\n"
)


@pytest.mark.parametrize("kcmp", [measure._KCMP, None], ids=["kcmp", "counters"])
def test_a_child_not_yet_started_is_not_its_parent_counted_twice(kcmp, monkeypatch):
    # Python starts children with vfork: until exec, /proc shows the child with the parent's 200 MB
    monkeypatch.setattr(measure, "_KCMP", kcmp)
    process = subprocess.Popen([sys.executable, "-c", STARTS_CHILDREN, shutil.which("true")])
    samples = []
    while process.poll() is None:
        samples.append(measure.tree_rss_bytes(process.pid) or 0)
        time.sleep(0.001)
    assert process.returncode == 0
    peak_mb = max(samples) / 2**20
    assert 200 <= peak_mb < 300, f"peak {peak_mb:.0f} MB over {len(samples)} samples"


def test_shares_memory_tells_one_address_space_from_two(monkeypatch):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        time.sleep(0.3)  # started and idle: its counters hold still
        for kcmp in (measure._KCMP, None):  # the system call, and the fallback where it is refused
            monkeypatch.setattr(measure, "_KCMP", kcmp)
            assert measure.shares_memory(child.pid, child.pid)
            assert not measure.shares_memory(child.pid, os.getpid())
    finally:
        child.kill()
        child.wait()
