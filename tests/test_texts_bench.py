"""The texts benchmark runs and reports its figures (timings are not asserted)."""

from __future__ import annotations

from benchmarks import texts_bench as bench

from tests.test_texts_judge import TEXTS


def test_import_and_check_are_measured(tmp_path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, data in TEXTS.items():
        (folder / name).write_bytes(data)
    imported = bench.measure_import(folder, tmp_path, rounds=1)
    assert imported["files"] == 3 and imported["imported"] == 3
    assert imported["import_s"] > 0 and imported["bare_parse_s"] > 0 and imported["ratio"] > 0
    checked = bench.measure_check(tmp_path / "texts-0.db", bench.samples.path(), runs=1)
    assert checked["check_s"] > 0 and checked["check_texts_s"] > 0
    assert checked["checked"] == 0  # the sample cites no decision of these texts
    # The parts of checking with the texts are within its whole.
    assert 0 < checked["store_cpu_s"] + checked["judge_cpu_s"] <= checked["check_texts_cpu_s"]
