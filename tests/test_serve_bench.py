"""The serving benchmark builds its store, serves it, asks and reports (timings are not
asserted)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("datasette")

from benchmarks import serve_bench as bench


def test_the_generated_store_has_two_sources_that_disagree(tmp_path: Path) -> None:
    db = bench.build(tmp_path, sections=6)
    conn = sqlite3.connect(db)
    try:
        codes = {r[0] for r in conn.execute("SELECT code FROM audit_findings")}
        imported = conn.execute("SELECT count(*) FROM official_decisions").fetchone()[0]
    finally:
        conn.close()
    assert imported > 0
    assert {"reconcile-date", "reconcile-member-vote"} <= codes
    paths = bench.pages(db)
    assert all(paths[kind] for kind in ("section", "meeting", "state", "decision", "table page"))


def test_the_benchmark_serves_and_reports(capsys: pytest.CaptureFixture[str]) -> None:
    bench.main(["--sections", "4", "--seconds", "1", "--clients", "2"])
    out = capsys.readouterr().out
    assert "first disagreements page after start" in out and "(status 200)" in out
    assert "each page once, one client" in out
    assert "every page" in out and "errors: 0" in out


def test_percentiles() -> None:
    assert bench.percentiles([0.001 * n for n in range(1, 101)]) == pytest.approx((50.5, 95.0))
