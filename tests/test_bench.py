"""The reading benchmark runs and reports its figures (timings are not asserted)."""

from __future__ import annotations

from benchmarks import read_bench as bench

from repertoire.read import pipeline
from tests.factory import section


def test_measure_reports_fresh_and_warm_ratios_and_throughput() -> None:
    result = bench.measure(section(), rounds=1)
    assert set(result) >= {
        "parse_ms",
        "warm_ms",
        "markdown_it_ms",
        "ratio",
        "warm_ratio",
        "mb_per_s",
    }
    assert result["ratio"] > 0 and result["warm_ratio"] > 0 and result["mb_per_s"] > 0


def test_forget_empties_the_per_text_caches() -> None:
    pipeline.parse(section())
    assert sum(cached.cache_info().currsize for cached in bench.PER_TEXT_CACHES) > 0
    bench.forget()
    assert all(cached.cache_info().currsize == 0 for cached in bench.PER_TEXT_CACHES)


def test_stage_times_cover_every_stage_and_restore_the_pipeline() -> None:
    before = (list(pipeline.STAGES), list(pipeline.SECTION_STAGES))
    times = bench.stage_times(section(), rounds=1)
    assert {name for name, _ in pipeline.STAGES} <= set(times)
    assert (list(pipeline.STAGES), list(pipeline.SECTION_STAGES)) == before
