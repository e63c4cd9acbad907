"""One shape everywhere: lists are arrays in JSON, flags are true/false in JSON, TSV and CSV,
piped output is TSV, and the record's JSON and the queries' JSON agree."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.store import load

QUERIES = [
    ["meetings"],
    ["votes"],
    ["votes", "--member", "Russia"],
    ["speakers"],
    ["positions", "--member", "Ghana"],
    ["cites", "S/PV.9251"],
    ["search", "sanctions"],
    ["alignment"],
    ["findings"],
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shapes") / "store.db"
    load([samples.path()], path)
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_query_json_has_arrays_where_the_record_has_arrays(db: Path) -> None:
    record = json.loads(run("parse", str(samples.path())))
    recorded = record["sections"][0]["meetings"][5]["decisions"][0]["vetoed_by"]
    votes = json.loads(run("votes", "--db", str(db), "--format", "json"))
    assert votes[1]["vetoed_by"] == recorded == ["Russian Federation"]
    assert votes[0]["vetoed_by"] == []
    meetings = json.loads(run("meetings", "--db", str(db), "--format", "json"))
    assert meetings[0]["sub_items"] == [
        ref["title"] for ref in record["sections"][0]["meetings"][0]["sub_items"]
    ]
    speakers = json.loads(run("speakers", "--db", str(db), "--format", "json", "--limit", "0"))
    assert ["Gabon", "Mozambique"] in [s["on_behalf_of"] for s in speakers]
    positions = json.loads(
        run("positions", "--member", "Ghana", "--db", str(db), "--format", "json")
    )
    assert all(isinstance(p["on_behalf_of"], list) for p in positions)
    # Prose may hold "; " as written; no list is joined into a string.
    prose = {"snippet", "context", "sentence", "message", "item", "name"}
    for args in QUERIES:
        for row in json.loads(run(*args, "--db", str(db), "--format", "json")):
            for key, value in row.items():
                joined = isinstance(value, str) and "; " in value
                assert not joined or key in prose, (args, key, value)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_booleans_are_true_and_false_in_every_command(db: Path, fmt: str) -> None:
    delimiter = "," if fmt == "csv" else "\t"
    flags: set[str] = set()
    for args in [*QUERIES, ["council", "2023"]]:
        extra = [] if args[0] == "council" else ["--db", str(db)]
        text = run(*args, *extra, "--format", fmt)
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        for row in rows:
            for key in ("adopted", "chapter_vii", "procedural", "spoke", "inferred", "permanent"):
                if row.get(key):
                    flags.add(row[key])
    assert flags == {"true", "false"}


def test_export_csv_uses_the_same_booleans(db: Path, tmp_path: Path) -> None:
    run("export", "--db", str(db), "--format", "csv", "--out", str(tmp_path / "out"))
    with (tmp_path / "out" / "decisions.csv").open(encoding="utf-8") as handle:
        adopted = {row["adopted"] for row in csv.DictReader(handle)}
    assert adopted == {"true", "false"}


def test_piped_output_is_tsv_unless_a_table_is_asked_for(db: Path) -> None:
    piped = run("votes", "--db", str(db))
    header, *rows = piped.splitlines()
    assert header.split("\t")[:3] == ["record", "record_url", "date"]
    assert len(rows) == 3 and all(line.count("\t") == header.count("\t") for line in rows)
    assert "┃" not in piped
    table = run("votes", "--db", str(db), "--format", "table")
    assert "Decisions (3)" in table


def test_council_has_csv_and_json() -> None:
    rows = list(csv.DictReader(io.StringIO(run("council", "2023", "--format", "csv"))))
    assert len(rows) == 15 and {"name", "iso3", "permanent", "start", "end"} <= set(rows[0])
    as_json = json.loads(run("council", "--member", "Russia", "--format", "json"))
    assert as_json[0]["permanent"] is True
