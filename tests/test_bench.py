"""The reading benchmark runs and reports its figures (timings are not asserted)."""

from __future__ import annotations

from benchmarks import read_bench as bench

from tests.factory import section


def test_measure_reports_ratio_and_throughput() -> None:
    result = bench.measure(section(), rounds=1)
    assert set(result) >= {"parse_ms", "markdown_it_ms", "ratio", "mb_per_s"}
    assert result["ratio"] > 0 and result["mb_per_s"] > 0
