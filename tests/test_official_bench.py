"""The official-files benchmark runs and reports its figures (timings are not asserted)."""

from __future__ import annotations

import sqlite3

from benchmarks import official_bench as bench

from tests.test_official_library import page
from tests.test_official_unxml import LINE, lines


def test_measure_reports_read_and_bare_parse_times(tmp_path) -> None:
    (tmp_path / "a.jsonl").write_bytes(lines(LINE))
    (tmp_path / "b.html").write_bytes(page())
    result = bench.measure([tmp_path], rounds=1)
    assert result["files"] == 2 and result["decisions"] == 6 and result["meetings"] == 3
    assert result["read_s"] > 0 and result["bare_parse_s"] > 0 and result["ratio"] > 0


def test_import_and_queries_are_measured(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(lines(LINE))
    (folder / "b.html").write_bytes(page())
    imported = bench.measure_import([folder], tmp_path)
    assert imported["import_s"] > 0 and imported["again_s"] > 0
    timings = bench.measure_queries(tmp_path / "official.db", runs=2)
    assert {name for name, _, _ in timings} >= {"votes --member --since", "votes --vetoes"}
    assert all(p95 >= p50 > 0 for _, p50, p95 in timings)
    floor = bench.measure_floor(tmp_path / "official.db", tmp_path, rounds=1)
    with sqlite3.connect(tmp_path / "official.db") as conn:
        official = sum(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("official_files", "official_meetings", "official_decisions")
        )
    # The import's own rows and the merged ones; none of the sample's.
    assert floor["rows"] > official > 0 and floor["floor_cpu_s"] > 0
    with sqlite3.connect(tmp_path / "official.db") as conn:
        merged = sum(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("council_meetings", "council_decisions", "council_votes")
        )
    # The merged record's share of them, written apart.
    assert 0 < merged <= floor["merged_rows"] < floor["rows"]
    assert floor["merged_floor_cpu_s"] > 0


def test_the_texts_of_decisions_are_parsed_bare_too(monkeypatch) -> None:
    from tests.test_official_texts import BODY, resolution

    parsed: list[bytes] = []
    real = bench.etree.fromstring
    monkeypatch.setattr(
        bench.etree, "fromstring", lambda raw, parser: parsed.append(raw) or real(raw, parser)
    )
    bench._bare(resolution(BODY), "akn4un-text")
    assert parsed == [resolution(BODY)]


def test_the_record_files_leave_the_texts_of_decisions_out(tmp_path) -> None:
    from tests.test_official_texts import BODY, resolution

    (tmp_path / "a.jsonl").write_bytes(lines(LINE))
    (tmp_path / "b.html").write_bytes(page())
    (tmp_path / "c.xml").write_bytes(resolution(BODY))
    assert [p.name for p in bench.record_files([tmp_path])] == ["a.jsonl", "b.html"]
