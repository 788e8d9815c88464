"""The crash-consistency stress test (scripts/stress.py, `make stress`) in small: ingest and the
build killed at a few seeded points, each followed by a normal run, end as a clean run does."""
from scripts import stress


def test_ingest_and_build_killed_at_random_points_end_as_a_clean_run_does(tmp_path):
    result = stress.stress(tmp_path, kills=8, seed=2025, sources=10, articles=6)
    assert sum(tally.kills for tally in result.tallies.values()) == 8
    assert sum(tally.killed for tally in result.tallies.values()) >= 1  # not every run finished before its kill
    assert result.divergences == []
