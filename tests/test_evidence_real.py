"""The merged record of the real official files (and the sample), checked against the raw
files: values chosen by evidence where sources err, every member on every decision."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.rules.council import sitting
from repertoire.store import open_db, queries
from repertoire.store.load import load
from repertoire.store.official import import_official
from tests.test_official_real import OFFICIAL, RECORDS

pytestmark = pytest.mark.skipif(not OFFICIAL.is_dir(), reason="official files not present")

UNXML = OFFICIAL / "unxml" / "resolutions"
LIBRARY = OFFICIAL / "library" / "meetings"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("evidence") / "all.db"
    import_official(RECORDS, path)
    load([samples.path()], path)
    return path


def _raw_line(year: int, symbol: str) -> dict[str, Any]:
    for line in (UNXML / f"{year}.jsonl").read_text(encoding="utf-8").splitlines():
        value = json.loads(line)
        if value.get("symbol") == symbol:
            return value
    raise AssertionError(f"{symbol} not in {year}.jsonl")


def _raw_day(text: str) -> dt.date:
    """The day a raw field gives ("2024-01-30 00:00:00", "19 November 2004 in Nairobi",
    "7/31/1974")."""
    text = " ".join(text.split())  # no-break spaces too
    day = re.search(r"\d{4}-\d\d-\d\d|\d{1,2} [A-Z][a-z]+ \d{4}|\d{1,2}/\d{1,2}/\d{4}", text)
    assert day, f"no date in {text!r}"
    for style in ("%Y-%m-%d", "%d %B %Y", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(day[0], style).date()
        except ValueError:
            continue
    raise AssertionError(f"no date in {text!r}")


def _row_of(html: str, symbol: str) -> str:
    """The table row (as raw HTML) that holds ``symbol``."""
    at = html.index(symbol)
    return html[html.rindex("<tr", 0, at) : html.index("</tr>", at)]


def _decision(db: Path, key: str) -> dict[str, Any]:
    with open_db(db) as conn:
        cursor = conn.execute(
            "SELECT * FROM council_decisions WHERE scope = 'all' AND key = ?", (key,)
        )
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
    assert row is not None, key
    found = dict(zip(names, row, strict=True))
    found["chosen_by"] = json.loads(found["chosen_by"])
    return found


def test_a_date_outside_the_symbols_year_gives_way(db: Path) -> None:
    raw = _raw_line(2018, "S/RES/2423 (2018)")
    assert _raw_day(raw["adoption_date"]).year == 2016  # UNxml's error
    library = (LIBRARY / "scact2018_table_en.html").read_text(encoding="utf-8", errors="replace")
    assert "28 June" in _row_of(library, "S/RES/2423 (2018)")
    found = _decision(db, "S/RES/2423(2018)")
    assert (found["date"], found["year"], found["chosen_by"]["date"]) == (
        "2018-06-28",
        2018,
        "record",
    )
    with open_db(db) as conn:
        in_2018 = {r["symbol"] for r in queries.votes(conn, year=2018, limit=None)}
    assert "S/RES/2423 (2018)" in in_2018


def test_the_meeting_a_record_names_in_its_words(db: Path) -> None:
    raw = _raw_line(2024, "S/RES/2723 (2024)")
    assert raw["outcome_letter"] == "S/PV.9527" and raw["adoption_meeting"] == "9539th meeting"
    found = _decision(db, "S/RES/2723(2024)")
    assert found["record"] == "S/PV.9539" and found["date"] == "2024-01-30"
    assert found["chosen_by"]["record"] == "sequence"
    with open_db(db) as conn:
        (meeting,) = [r for r in queries.meetings(conn, year=2024) if r["record"] == "S/PV.9539"]
    assert meeting["date"] == "2024-01-30" and meeting["decisions"] == ["S/RES/2723 (2024)"]


def test_a_draft_the_library_lists_twice(db: Path) -> None:
    with (OFFICIAL / "vetoes" / "unsc_vetoes_1946_sept2022.csv").open(encoding="utf-8") as f:
        (row,) = [r for r in csv.DictReader(f) if r["draft"].startswith("S/11400")]
    assert row["meeting_record"] == "S/PV.1788"
    library = (LIBRARY / "scact1974_table_en.html").read_text(encoding="utf-8", errors="replace")
    # At S/PV.1788, and again at S/PV.1808 three months on.
    assert library.count('href="https://undocs.org/en/S/11400"') == 2
    assert "S/PV.1808" in _row_of(library, "S/11400 (as amended)")
    found = _decision(db, "S/11400")
    assert (found["record"], found["date"]) == ("S/PV.1788", _raw_day(row["date"]).isoformat())
    assert found["chosen_by"]["record"] == "listed once"
    assert "S/PV.1808" in json.loads(found["disputed"])["record"]


def test_a_symbol_whose_link_names_its_right_year(db: Path) -> None:
    library = (LIBRARY / "scact1965_table_en.html").read_text(encoding="utf-8", errors="replace")
    assert re.search(r'href="[^"]*S/RES/207 \(1965\)">S/RES/207 \(1964\)<', library)
    with open_db(db) as conn:
        symbols = {r["symbol"] for r in queries.votes(conn, year=1965, limit=None)}
    assert "S/RES/207 (1965)" in symbols and "S/RES/207 (1964)" not in symbols
    found = _decision(db, "S/RES/207(1965)")
    assert found["chosen_by"]["symbol"] == "record"  # the year its date gives
    assert set(json.loads(found["disputed"])["symbol"]) == {"S/RES/207 (1965)", "S/RES/207 (1964)"}


def _raw_decisions_with_a_vote(since: int, until: int) -> set[str]:
    """Resolutions (UNxml) and drafts not adopted (AKN4UN) dated in the years, as the
    raw files give them."""
    found = set()
    for path in UNXML.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            value = json.loads(line)
            if since <= _raw_day(value["adoption_date"]).year <= until:
                found.add(value["symbol"])
    for path in (OFFICIAL / "unxml" / "not-adopted").glob("*.xml"):
        text = path.read_text(encoding="utf-8")
        day = re.search(r'<docDate date="(\d{4})', text)
        symbol = re.search(r'refersTo="#symbol">([^<]+)<', text)
        if day and symbol and since <= int(day[1]) <= until:
            found.add(symbol[1].strip())
    return found


def test_algerias_record_lists_every_decision_it_sat_on(db: Path) -> None:
    expected = _raw_decisions_with_a_vote(2024, 2025)
    assert len(expected) == 96
    result = CliRunner().invoke(
        main,
        [
            "votes",
            "--member",
            "Algeria",
            "--since",
            "2024",
            "--until",
            "2025",
            "--db",
            str(db),
            "--format",
            "json",
            "--limit",
            "1000",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["symbol"] for r in rows} == expected
    votes = {r["symbol"]: r["member_vote"] for r in rows}
    for symbol in ("S/RES/2756 (2024)", "S/RES/2797 (2025)"):
        raw = _raw_line(int(symbol[-5:-1]), symbol)
        listed = raw["MS_in_favour"] + raw["MS_against"] + raw["MS_abstaining"]
        assert "ALGERIA" not in listed and len(listed) == 14
        assert votes[symbol] == "absent"  # sat, and did not take part
    assert votes["S/RES/2723 (2024)"] == "Y"  # "Adopted unanimously", no names


def test_every_member_sitting_on_every_decision_with_a_vote(db: Path) -> None:
    with open_db(db) as conn:
        decisions = conn.execute(
            "SELECT d.key, d.date, d.year, d.votes_for, d.votes_against, d.votes_abstaining,"
            " (SELECT count(*) FROM council_votes AS v WHERE v.scope = d.scope AND v.key = d.key),"
            " (SELECT count(*) FROM council_votes AS v WHERE v.scope = d.scope AND v.key = d.key"
            "  AND v.inferred = 1 AND v.basis IS NULL)"
            " FROM council_decisions AS d WHERE d.scope = 'all' AND d.voted = 1"
        ).fetchall()
        kinds = dict(
            conn.execute(
                "SELECT vote, count(*) FROM council_votes WHERE scope = 'all' GROUP BY vote"
            ).fetchall()
        )
    unanimous = since_2000 = 0
    for _key, date, year, for_, against, abstaining, rows, no_basis in decisions:
        seated = sitting(date, year)
        if seated is None:
            continue
        is_unanimous = (for_, against, abstaining) == (len(seated.seats), 0, 0)
        if is_unanimous or year >= 2000:
            assert rows >= len(seated.seats), _key
            unanimous += is_unanimous
            since_2000 += year >= 2000
        assert no_basis == 0  # every vote worked out says on what basis
    assert unanimous > 2000 and since_2000 > 1500
    assert kinds["unrecorded"] > 0 and kinds["absent"] > 0


def test_audit_findings_name_each_subject(db: Path) -> None:
    from repertoire.official.audit import audit

    with open_db(db) as conn:
        found = audit(conn)
    vetoed = [f.subject for f in found if f.code == "veto-no-vote" and "S/PV.49 " in f.message]
    assert vetoed == [f"S/PV.49 ({n} of 3 listed at S/PV.49)" for n in (1, 2, 3)]
    (extra,) = [f for f in found if f.code == "official-row" and "more than" in f.message]
    assert extra.subject == "S/PV.1152" and "row " in extra.message
    # The examples, each a disagreement the audit reports with its sources.
    chosen = {(f.code, f.subject): f for f in found if f.code.startswith("evidence-")}
    record = chosen["evidence-record", "S/RES/2723 (2024)"]
    assert "'S/PV.9539' chosen by sequence" in record.message
    assert {s.value for s in record.sources} == {"S/PV.9527", "S/PV.9539"}
    assert "'S/PV.1788' chosen by listed once" in chosen["evidence-record", "S/11400"].message
