"""The official-files benchmark runs and reports its figures (timings are not asserted)."""

from __future__ import annotations

from benchmarks import official_bench as bench

from tests.test_official_library import page
from tests.test_official_unxml import LINE, lines


def test_measure_reports_read_and_bare_parse_times(tmp_path) -> None:
    (tmp_path / "a.jsonl").write_bytes(lines(LINE))
    (tmp_path / "b.html").write_bytes(page())
    result = bench.measure([tmp_path], rounds=1)
    assert result["files"] == 2 and result["decisions"] == 6 and result["meetings"] == 3
    assert result["read_s"] > 0 and result["bare_parse_s"] > 0 and result["ratio"] > 0
