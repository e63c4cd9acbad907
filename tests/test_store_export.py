"""Exporting the store: one file per table and a Frictionless data package that validates."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from repertoire import samples
from repertoire.store import StoreError, connect, export, load
from repertoire.store.export import tables


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store.db"
    load([samples.path()], path)
    return path


def _row_counts(db: Path) -> dict[str, int]:
    conn = connect(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables(conn)}
    finally:
        conn.close()


def test_csv_package_validates(db: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "csv"
    counts = export(db, "csv", out)
    # Every table, then the long table of member votes (here the Repertoire's: its votes).
    assert counts == {**_row_counts(db), "member_votes": 45}
    assert counts["meetings"] == 6 and counts["votes"] == 45
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert names == list(counts)
    assert all((out / f"{name}.csv").exists() for name in names)
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_package_describes_keys_and_types(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "keys"
    export(db, "csv", out)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert not {"schema_version", "reference_meta", "paragraphs_fts"} & set(resources)
    votes = resources["votes"]["schema"]
    assert votes["primaryKey"] == "id"
    references = {(k["fields"], k["reference"]["resource"]) for k in votes["foreignKeys"]}
    assert ("decision_id", "decisions") in references
    assert ("document_id", "documents") in references
    types = {f["name"]: f["type"] for f in votes["fields"]}
    assert types["inferred"] == "boolean" and types["decision_id"] == "integer"
    assert types["vote"] == "string"
    meetings = {f["name"]: f["type"] for f in resources["meetings"]["schema"]["fields"]}
    assert meetings["date"] == "date"
    alignment = resources["alignment_counts"]["schema"]
    assert alignment["primaryKey"] == ["year", "member_a", "member_b"]


def test_every_symbol_has_its_url(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "urls"
    export(db, "csv", out)
    for table, symbol, url in (
        ("citations", "symbol", "url"),
        ("meetings", "record", "url"),
        ("agenda_items", "symbol", "url"),
        ("decisions", "symbol", "url"),
        ("decisions", "draft", "draft_url"),
        ("positions", "meeting_record", "meeting_url"),
    ):
        with (out / f"{table}.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row[symbol]:
                    expected = "https://undocs.org/en/" + row[symbol].replace(" ", "")
                    assert row[url] == expected, (table, row[symbol])


def test_json_export(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "json"
    counts = export(db, "json", out)
    meetings = json.loads((out / "meetings.json").read_text(encoding="utf-8"))
    assert len(meetings) == counts["meetings"] == 6
    assert meetings[0]["record"] == "S/PV.9251"
    assert meetings[0]["url"] == "https://undocs.org/en/S/PV.9251"
    votes = json.loads((out / "votes.json").read_text(encoding="utf-8"))
    assert {type(v["inferred"]) for v in votes} == {bool}
    assert json.loads((out / "meeting_notes.json").read_text(encoding="utf-8"))
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["format"] for r in package["resources"]} == {"json"}


def test_parquet_export(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "parquet"
    counts = export(db, "parquet", out)
    assert counts["member_votes"] == counts["votes"]
    for table, count in counts.items():
        assert pq.read_table(out / f"{table}.parquet").num_rows == count, table
    votes = pq.read_table(out / "votes.parquet")
    assert str(votes.schema.field("inferred").type) == "bool"
    assert str(votes.schema.field("decision_id").type) == "int64"
    meetings = pq.read_table(out / "meetings.parquet").to_pylist()
    assert str(meetings[0]["date"]) == "2023-01-27"


def test_export_reports_bad_input(db: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        export(tmp_path / "missing.db", "csv", tmp_path / "out")
    with pytest.raises(StoreError, match="format"):
        export(db, "xlsx", tmp_path / "out")  # type: ignore[arg-type]
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not a directory"):
        export(db, "csv", blocker)


def test_empty_database_exports(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    db = tmp_path / "empty.db"
    sqlite3.connect(db).close()
    connect(db).close()
    export(db, "csv", tmp_path / "out")
    assert frictionless.validate(tmp_path / "out" / "datapackage.json").valid
    export(db, "parquet", tmp_path / "pq")
    export(db, "json", tmp_path / "js")
    assert json.loads((tmp_path / "js" / "votes.json").read_text(encoding="utf-8")) == []


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample and small official files of every kind: merged rows beside the tables."""
    from repertoire.store.official import import_official
    from tests.test_explorer_sources import write_official_files

    work = tmp_path_factory.mktemp("merged")
    path = work / "store.db"
    load([samples.path()], path)
    import_official([write_official_files(work / "official")], path)
    return path


def test_member_votes_one_long_table_over_every_source(merged: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "long"
    counts = export(merged, "csv", out)
    with sqlite3.connect(merged) as conn:
        (expected,) = conn.execute(
            "SELECT count(*) FROM council_votes WHERE scope = 'all'"
        ).fetchone()
    assert counts["member_votes"] == expected == counts["council_votes"]
    votes = pd.read_csv(out / "member_votes.csv", keep_default_na=False)
    assert list(votes.columns) == [
        "symbol", "draft", "date", "year", "meeting", "item", "outcome", "chapter_vii",
        "member", "vote", "inferred", "basis", "sources",
    ]  # fmt: skip
    ghana = votes[(votes.symbol == "S/RES/2690 (2023)") & (votes.member == "Ghana")]
    assert len(ghana) == 1
    (row,) = ghana.to_dict("records")
    assert row["meeting"] == "S/PV.9365" and row["item"] == "The situation in Mali"
    assert row["outcome"] == "adopted" and row["chapter_vii"] is True
    # The Repertoire gives no list of names for this decision (its vote is worked out from
    # a unanimous tally), so the one source naming Ghana's vote is UNxml's.
    assert row["sources"] == "unxml-resolutions"
    assert "scope" not in pd.read_csv(out / "council_decisions.csv").columns
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_flags_load_as_booleans_and_lists_are_written_one_way(merged: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pq = pytest.importorskip("pyarrow.parquet")
    csv_out, json_out, parquet_out = tmp_path / "c", tmp_path / "j", tmp_path / "p"
    export(merged, "csv", csv_out)
    export(merged, "json", json_out)
    export(merged, "parquet", parquet_out)
    for table in ("member_votes", "council_decisions", "council_votes", "votes"):
        frame = pd.read_csv(csv_out / f"{table}.csv")
        assert len(frame), table
        package = json.loads((csv_out / "datapackage.json").read_text(encoding="utf-8"))
        (resource,) = [r for r in package["resources"] if r["name"] == table]
        flags = [f["name"] for f in resource["schema"]["fields"] if f["type"] == "boolean"]
        assert flags, table
        for flag in flags:
            assert frame[flag].dtype == bool, (table, flag)
            assert str(pq.read_table(parquet_out / f"{table}.parquet").schema.field(flag).type) == (
                "bool"
            )
    # A list kept as JSON (sources) and one kept joined (remote): one way in each format.
    decisions = pd.read_csv(csv_out / "council_decisions.csv", keep_default_na=False)
    assert not decisions["sources"].str.startswith("[").any()
    assert "repertoire; unxml-resolutions" in set(decisions["sources"])
    as_json = json.loads((json_out / "council_decisions.json").read_text(encoding="utf-8"))
    assert all(isinstance(d["sources"], list) and isinstance(d["vetoed_by"], list) for d in as_json)
    meetings = json.loads((json_out / "meetings.json").read_text(encoding="utf-8"))
    assert all(isinstance(m["remote"], list) for m in meetings)
    schema = pq.read_table(parquet_out / "council_meetings.parquet").schema
    assert str(schema.field("sub_items").type) == "list<element: string>"
    assert str(pq.read_table(parquet_out / "meetings.parquet").schema.field("remote").type) == (
        "list<element: string>"
    )
