"""digest.bench.measure: what a measured run is charged with."""
import sys

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
