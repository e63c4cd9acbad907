"""Questions asked of a store holding the bundled sample (and a small hand-built document)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from repertoire import samples
from repertoire.records import Decision, Document, Meeting, Section, Vote
from repertoire.store import StoreError, connect, load, queries, store_document

pytest.importorskip("repertoire.reference.states")


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    db = tmp_path_factory.mktemp("queries") / "store.db"
    load([samples.path()], db)
    connection = connect(db)
    yield connection
    connection.close()


def test_rows_have_the_documented_fields(conn: sqlite3.Connection) -> None:
    checks = {
        "meetings": queries.meetings(conn),
        "votes": queries.votes(conn),
        "speakers": queries.speakers(conn),
        "positions": queries.positions(conn, "Ghana"),
        "cites": queries.cites(conn, "S/PV.9251"),
        "search": queries.search(conn, "sanctions"),
        "alignment": queries.alignment(conn),
    }
    for name, rows in checks.items():
        assert rows, name
        assert all(list(row) == queries.COLUMNS[name] for row in rows), name
    member_rows = queries.votes(conn, member="China")
    assert list(member_rows[0]) == queries.COLUMNS["votes"] + queries.COLUMNS["member_votes"]


def test_meetings(conn: sqlite3.Connection) -> None:
    rows = queries.meetings(conn)
    assert [r["record"] for r in rows] == [
        "S/PV.9251",
        "S/PV.9302",
        "S/PV.9350",
        "S/PV.9365",
        "S/PV.9407",
        "S/PV.9408",
    ]
    assert rows[0]["date"] == "2023-01-27"
    assert rows[0]["url"] == "https://undocs.org/en/S/PV.9251"
    assert rows[0]["item"] == "The situation in Mali"
    assert len(queries.meetings(conn, year=2023)) == 6
    assert queries.meetings(conn, year=2022) == []
    # A sub-item title matches as well as the section's item.
    panel = queries.meetings(conn, item="Panel of Experts")
    assert [r["record"] for r in panel] == ["S/PV.9408"]
    assert len(queries.meetings(conn, item="mali")) == 6
    assert len(queries.meetings(conn, limit=2)) == 2


def test_meetings_item_matches_words_not_parts_of_words(conn: sqlite3.Connection) -> None:
    assert len(queries.meetings(conn, item="Secretary-General")) == 4
    # "Mali" is a word of the item; "Mal" and "ali" are only parts of one.
    assert queries.meetings(conn, item="Mal") == []
    assert queries.meetings(conn, item="ali") == []
    assert len(queries.meetings(conn, item="situation MALI")) == 6


def test_snippet_marks_words_around_the_first_match() -> None:
    text = "One two three. " * 20 + "The sanctions regime expired. " + "Four five six. " * 20
    cut = queries.snippet(text, '"sanctions regime"', width=40)
    assert "«sanctions» «regime»" in cut
    assert cut.startswith("…") and cut.endswith("…")
    assert len(cut) < 120
    assert queries.snippet("Short text.", "absent") == "Short text."


def test_votes(conn: sqlite3.Connection) -> None:
    rows = queries.votes(conn)
    assert [r["symbol"] for r in rows] == ["S/RES/2690 (2023)", "S/2023/638", "S/2023/639"]
    assert rows[0]["url"] == "https://undocs.org/en/S/RES/2690(2023)"
    vetoed = queries.votes(conn, vetoes=True)
    assert [(r["symbol"], r["vetoed_by"]) for r in vetoed] == [
        ("S/2023/638", ["Russian Federation"])
    ]
    assert queries.votes(conn, year=2023) == rows
    assert queries.votes(conn, year=2022) == []
    failed = queries.votes(conn, failed=True)
    assert [r["symbol"] for r in failed] == ["S/2023/638", "S/2023/639"]
    assert all(r["adopted"] is False for r in failed)


def test_member_names_go_through_aliases(conn: sqlite3.Connection) -> None:
    by_alias = queries.votes(conn, member="Russia")
    by_name = queries.votes(conn, member="Russian Federation")
    assert by_alias == by_name
    assert [r["member_vote"] for r in by_alias] == ["Y", "N", "Y"]
    assert queries.votes(conn, member="the United States of America")[0]["member"] == (
        "United States"
    )
    with pytest.raises(StoreError, match="unknown member"):
        queries.votes(conn, member="Atlantis")


def test_speakers(conn: sqlite3.Connection) -> None:
    rows = queries.speakers(conn, meeting="S/PV.9365")
    names = [r["name"] for r in rows]
    assert names[0] == "Mali" and rows[0]["basis"] == "rule_37"
    assert "France" not in names  # France did not speak at that meeting
    assert all(r["spoke"] for r in rows)
    ghana = queries.speakers(conn, member="Ghana")
    assert [r["record"] for r in ghana] == ["S/PV.9251", "S/PV.9302", "S/PV.9365", "S/PV.9407"]
    assert ghana[0]["on_behalf_of"] == ["Gabon", "Mozambique"]
    # A meeting symbol is matched ignoring case and spaces.
    assert queries.speakers(conn, meeting="s/pv. 9365") == rows
    invited = queries.speakers(conn, meeting="S/PV.9408", everyone=True)
    assert {r["basis"] for r in invited} == {"member"}


def test_positions(conn: sqlite3.Connection) -> None:
    rows = queries.positions(conn, "Gabon")
    assert rows
    assert all(r["through"] in ("Ghana", "Mozambique") for r in rows)
    assert all(r["sentence"] and r["record"].startswith("S/PV.") for r in rows)
    assert all(r["url"] == "https://undocs.org/en/" + r["record"] for r in rows)
    with pytest.raises(StoreError):
        queries.positions(conn, "Nowhere Land")


def test_cites(conn: sqlite3.Connection) -> None:
    rows = queries.cites(conn, "2690 (2023)")
    assert rows == queries.cites(conn, "S/RES/2690(2023)")
    pinpoints = {(r["footnote"], r["pinpoint"]) for r in rows if r["place"] == "footnote"}
    assert (422, "para. 1") in pinpoints
    assert (425, "paras. 4 and 7") in pinpoints
    assert any(r["place"] == "paragraph" for r in rows)
    assert all(r["url"] == "https://undocs.org/en/S/RES/2690(2023)" for r in rows)
    record = queries.cites(conn, "S/PV.9342")
    assert [(r["footnote"], r["line"]) for r in record] == [(411, 11)]
    assert queries.cites(conn, "S/2099/1") == []
    with pytest.raises(StoreError):
        queries.cites(conn, "  ")


def test_search(conn: sqlite3.Connection) -> None:
    rows = queries.search(conn, "Search for Common Ground")
    assert {r["kind"] for r in rows} >= {"paragraph", "table_note"}
    assert all("«" in r["snippet"] for r in rows)
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks)
    footnotes = queries.search(conn, '"paras. 4 and 7"')
    assert [(r["kind"], r["number"]) for r in footnotes] == [("footnote", "425")]
    # Punctuation is never query syntax.
    assert queries.search(conn, "counter-terrorism")
    assert {r["kind"] for r in queries.search(conn, "S/PV.9251 Brazil")} == {"footnote"}
    assert queries.search(conn, "zebra") == []
    assert len(queries.search(conn, "Mali", limit=3)) == 3
    with pytest.raises(StoreError):
        queries.search(conn, "   ")


def test_search_window(conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    exact = queries.search(conn, "Mali", limit=None, window=None)
    assert not exact.windowed
    windowed = queries.search(conn, "Mali", limit=None, window=3)
    assert windowed.windowed
    # At most the window of each kind, all among the exact matches, the newest of each kind.
    assert len(windowed) <= 3 * 3
    assert all(row in exact for row in windowed)
    paragraphs = [int(r["number"]) for r in exact if r["kind"] == "paragraph"]
    kept = sorted(int(r["number"]) for r in windowed if r["kind"] == "paragraph")
    assert kept == sorted(paragraphs)[-3:]


def test_fts_query_quotes_terms() -> None:
    assert queries.fts_query('sanctions "Panel of Experts" AND') == (
        '"sanctions" "Panel of Experts"'
    )
    assert queries.fts_query('say "hi') == '"say" """hi"'
    # Stop words go unless quoted or alone.
    assert queries.fts_query("Panel of the Experts") == '"Panel" "Experts"'
    assert queries.fts_query('"Panel of Experts"') == '"Panel of Experts"'
    assert queries.fts_query("of the") == '"of" "the"'


def test_alignment(conn: sqlite3.Connection) -> None:
    rows = queries.alignment(conn, year=2023)
    assert rows == queries.alignment(conn)
    assert len(rows) == 15 * 14 // 2
    pair = next(
        r for r in rows if (r["member_a"], r["member_b"]) == ("China", "Russian Federation")
    )
    # 2690 alike (Y/Y), 638 unlike (A/N), 639 unlike (A/Y).
    assert (pair["votes"], pair["alike"], pair["share"]) == (3, 1, round(1 / 3, 4))
    assert all(rows[i]["share"] >= rows[i + 1]["share"] for i in range(len(rows) - 1))
    china = queries.alignment(conn, member="China")
    assert len(china) == 14
    assert queries.alignment(conn, year=1990) == []


def test_absent_members_are_not_recorded_votes(tmp_path: Path) -> None:
    decision = Decision(
        kind="draft_resolution",
        symbol="S/2023/1",
        adopted=True,
        vote=Vote(14, 0, 0),
        in_favour=[
            "Albania",
            "Brazil",
            "China",
            "Ecuador",
            "France",
            "Gabon",
            "Ghana",
            "Japan",
            "Malta",
            "Mozambique",
            "Russian Federation",
            "Switzerland",
            "United Kingdom",
            "United States",
        ],
    )
    document = Document(
        "absent.txt",
        [
            Section(
                "1",
                "Absences",
                2023,
                meetings=[Meeting("S/PV.1", dt.date(2023, 5, 5), decisions=[decision])],
            )
        ],
    )
    conn = connect(tmp_path / "absent.db")
    store_document(conn, document, Path("absent.txt"), b"absent")
    uae = queries.votes(conn, member="United Arab Emirates")
    assert [(r["member_vote"], r["inferred"]) for r in uae] == [("absent", True)]
    pairs = queries.alignment(conn, member="United Arab Emirates")
    assert pairs == []
    assert len(queries.alignment(conn)) == 14 * 13 // 2


def test_a_members_vote_on_a_decision_is_there_only_if_it_sat(conn: sqlite3.Connection) -> None:
    (russia,) = queries.votes(conn, decision="S/2023/638", member="Russia")
    assert (russia["member"], russia["member_vote"]) == ("Russian Federation", "N")
    # Germany did not sit in 2023: no row, rather than the decision with an empty member.
    assert queries.votes(conn, decision="S/2023/638", member="Germany") == []
    # Asked alone, the decision shows with every member's vote.
    assert len(queries.votes(conn, decision="S/2023/638")) == 15
