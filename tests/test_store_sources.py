"""One store, several sources: every query answers across the Repertoire and the official
files, one row per meeting or decision with the sources stating it, ``--source`` to choose."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.store import StoreError, load, open_db, queries
from repertoire.store.official import import_official
from tests.test_official_akn import DRAFT
from tests.test_official_library import VETOES, page
from tests.test_official_unxml import LINE, lines
from tests.test_official_vetoes_csv import CSV

SITTING_2023 = [
    "ALBANIA", "BRAZIL", "CHINA", "ECUADOR", "FRANCE", "GABON", "GHANA", "JAPAN", "MALTA",
    "MOZAMBIQUE", "RUSSIAN FEDERATION", "SWITZERLAND", "UNITED ARAB EMIRATES",
    "UNITED KINGDOM", "UNITED STATES",
]  # fmt: skip
# The sample's resolution as UNxml states it: the same fifteen votes in favour.
MALI = {
    **LINE,
    "symbol": "S/RES/2690 (2023)",
    "adoption_meeting": "9365th meeting",
    "adoption_date": "30 June 2023",
    "document_title": "Adopted by the Security Council at its 9365th meeting, on 30 June 2023",
    "agenda_item_name": "The situation in Mali",
    "draft_resolution": "S/2023/480",
    "outcome_letter": "S/PV.9365",
    "MS_in_favour_count": "015",
    "MS_abstaining_count": "",
    "MS_in_favour": SITTING_2023,
    "MS_abstaining": [],
}


@pytest.fixture
def official_files(tmp_path: Path) -> Path:
    folder = tmp_path / "official"
    folder.mkdir()
    (folder / "2099.jsonl").write_bytes(lines(LINE))
    (folder / "2023.jsonl").write_bytes(lines(MALI))
    (folder / "scact2099.html").write_bytes(page())
    (folder / "draft.xml").write_bytes(DRAFT)
    (folder / "vetoes.html").write_bytes(VETOES)
    (folder / "vetoes.csv").write_bytes(CSV)
    return folder


@pytest.fixture
def db(tmp_path: Path, official_files: Path) -> Path:
    path = tmp_path / "store.db"
    load([samples.path()], path)
    import_official([official_files], path)
    return path


def _by(rows: list[dict], field: str) -> dict:
    return {row[field]: row for row in rows}


def test_a_store_of_the_repertoire_alone_answers_as_before_with_its_source(tmp_path) -> None:
    path = tmp_path / "store.db"
    load([samples.path()], path)
    with open_db(path) as conn:
        rows = queries.votes(conn)
        assert [r["symbol"] for r in rows] == ["S/RES/2690 (2023)", "S/2023/638", "S/2023/639"]
        assert all(r["sources"] == ["repertoire"] for r in rows)
        assert queries.votes(conn, source="akn4un") == []
        assert conn.execute("SELECT count(*) FROM council_decisions").fetchone() == (0,)


def test_a_decision_stated_by_several_sources_is_one_row_with_its_sources(db) -> None:
    with open_db(db) as conn:
        rows = queries.votes(conn, limit=None)
        symbols = [r["symbol"] for r in rows]
        assert len(symbols) == len(set(symbols))
        found = _by(rows, "symbol")
    resolution = found["S/RES/1234 (2099)"]
    assert resolution["sources"] == ["unxml-resolutions", "library-meetings"]
    # UNxml and the Library agree on the tally; Chapter VII only UNxml states.
    tally = [resolution[f"votes_{k}"] for k in ("for", "against", "abstaining")]
    assert tally == [13, 0, 2]
    assert resolution["chapter_vii"] is True and resolution["record"] == "S/PV.9999"
    sample = found["S/RES/2690 (2023)"]
    assert sample["sources"] == ["repertoire", "unxml-resolutions"]
    assert sample["url"] == "https://undocs.org/en/S/RES/2690(2023)"
    vetoed = found["S/2023/638"]
    assert vetoed["sources"] == ["repertoire"] and vetoed["vetoed_by"] == ["Russian Federation"]


def test_a_meeting_stated_by_several_sources_is_one_row(db) -> None:
    with open_db(db) as conn:
        rows = queries.meetings(conn, year=2099)
        sample = _by(queries.meetings(conn, year=2023), "record")["S/PV.9365"]
    records = [r["record"] for r in rows]
    assert len(records) == len(set(records))
    meeting = _by(rows, "record")["S/PV.9999"]
    assert meeting["sources"] == ["unxml-resolutions", "library-meetings"]
    # S/2099/12: AKN4UN puts it at S/PV.9999 on 27 March, a day no other statement gives
    # that meeting; the Library at S/PV.9998 (Resumption 1), on the day its table gives.
    # The evidence places the draft, and AKN4UN's statement of its meeting, at the latter.
    assert meeting["decisions"] == ["S/RES/1234 (2099)"]
    resumed = _by(rows, "record")["S/PV.9998 (Resumption 1)"]
    assert resumed["sources"] == ["akn4un", "library-meetings"]
    assert len(resumed["decisions"]) == 4 and "S/2099/12" in resumed["decisions"]
    # What only the Repertoire says (section, speakers) stays on the merged row.
    assert sample["sources"] == ["repertoire", "unxml-resolutions"]
    assert sample["section"] == "11" and sample["kind"] == "adoption"


def test_how_a_member_voted_since_a_year(db) -> None:
    with open_db(db) as conn:
        rows = queries.votes(conn, member="France", since=2000)
        assert queries.votes(conn, member="France", since=2100) == []
        until = queries.votes(conn, member="France", until=2023)
    # UNxml (13 January) and the Library (22 December) date S/RES/1234 (2099) apart, and
    # nothing else tells them apart: its day is undecided (its year is not).
    assert [(r["symbol"], r["member_vote"], r["date"]) for r in rows] == [
        ("S/RES/1234 (2099)", "Y", None),
        ("S/RES/2690 (2023)", "Y", "2023-06-30"),
        ("S/2023/638", "Y", "2023-08-30"),
        ("S/2023/639", "A", "2023-08-30"),
        ("S/2099/12", "Y", "2099-12-21"),
    ]
    assert rows[0]["year"] == 2099
    assert rows[1]["sources"] == ["repertoire", "unxml-resolutions"]
    # Vetoed drafts the veto lists alone state: France's vote is known where it vetoed.
    assert [(r["year"], r["member_vote"]) for r in until] == [
        (1946, "unrecorded"), (1986, "N"), (1991, "unrecorded"),
        (2023, "Y"), (2023, "Y"), (2023, "A"),
    ]  # fmt: skip
    with open_db(db) as conn:
        akn = queries.votes(conn, member="France", source="akn4un")
    assert [(r["symbol"], r["member_vote"], r["sources"]) for r in akn] == [
        ("S/2099/12", "Y", ["akn4un"])
    ]


def test_which_drafts_were_vetoed_by_whom_since_1946(db) -> None:
    with open_db(db) as conn:
        rows = queries.votes(conn, vetoes=True, since=1946, limit=None)
    found = {r["draft"]: (r["year"], r["vetoed_by"], r["sources"]) for r in rows}
    assert found["S/PV.23"] == (1946, ["Union of Soviet Socialist Republics"], ["vetoes-csv"])
    # One draft, two lists: one row.
    assert found["S/17769/Rev.1"] == (
        1986,
        ["France", "United Kingdom", "United States"],
        ["library-vetoes", "vetoes-csv"],
    )
    assert found["S/2023/638"][1:] == (["Russian Federation"], ["repertoire"])
    # AKN4UN names China and Russia, the Library the USSR and the United Kingdom, and no
    # third source says: no order of sources settles it, so no vetoing member is chosen.
    assert found["S/2099/12"][1:] == ([], ["akn4un", "library-meetings"])
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_failed_drafts_across_sources(db) -> None:
    with open_db(db) as conn:
        rows = queries.votes(conn, failed=True, year=2099)
    assert {r["draft"] for r in rows} >= {"S/2099/12", "S/2099/13"}
    assert all(r["adopted"] is False for r in rows)


def test_source_chooses_what_one_source_states(db) -> None:
    with open_db(db) as conn:
        unxml = queries.votes(conn, source="unxml-resolutions")
        repertoire = queries.votes(conn, source="repertoire")
        meetings = queries.meetings(conn, source="library-meetings")
        with pytest.raises(StoreError, match="did you mean 'library-vetoes'"):
            queries.votes(conn, source="libary-vetoes")
    assert [r["symbol"] for r in unxml] == ["S/RES/2690 (2023)", "S/RES/1234 (2099)"]
    assert all(r["sources"] == ["unxml-resolutions"] for r in unxml)
    assert [r["symbol"] for r in repertoire] == ["S/RES/2690 (2023)", "S/2023/638", "S/2023/639"]
    assert {r["record"] for r in meetings} == {"S/PV.9999", "S/PV.9998 (Resumption 1)", None}


def test_alignment_counts_each_members_vote_on_a_decision_once(db) -> None:
    with open_db(db) as conn:
        every = _by(queries.alignment(conn, year=2023, member="Brazil"), "member_b")
        unxml = _by(
            queries.alignment(conn, year=2023, member="Brazil", source="unxml-resolutions"),
            "member_b",
        )
        repertoire = _by(
            queries.alignment(conn, year=2023, member="Brazil", source="repertoire"), "member_b"
        )
        by_year = queries.alignment(conn, member="France", by_year=True)
    # S/RES/2690 (2023) is in the Repertoire and in UNxml: counted once over both.
    assert unxml["Japan"]["votes"] == 1
    assert every["Japan"]["votes"] == repertoire["Japan"]["votes"] == 3
    assert [r["year"] for r in by_year] == sorted(r["year"] for r in by_year)
    # The veto lists give the vetoing members' votes alone: France's other votes in 1946,
    # 1986 and 1991 are unknown, counted as such, never as votes cast.
    assert {r["year"] for r in by_year} == {1946, 1986, 1991, 2023, 2099}
    assert {r["year"] for r in by_year if r["votes"]} == {1986, 2023, 2099}
    assert all(r["unknown"] for r in by_year if r["year"] == 1946)
    assert list(by_year[0]) == queries.COLUMNS["alignment_by_year"]


def test_loading_a_section_after_an_import_merges_it_too(tmp_path, official_files) -> None:
    path = tmp_path / "store.db"
    import_official([official_files], path)
    with open_db(path) as conn:
        before = _by(queries.votes(conn, year=2023), "symbol")
    assert before["S/RES/2690 (2023)"]["sources"] == ["unxml-resolutions"]
    load([samples.path()], path)
    with open_db(path) as conn:
        after = _by(queries.votes(conn, year=2023), "symbol")
    assert after["S/RES/2690 (2023)"]["sources"] == ["repertoire", "unxml-resolutions"]
    assert after["S/2023/638"]["sources"] == ["repertoire"]


def test_cites_names_the_official_rows_too(db) -> None:
    with open_db(db) as conn:
        rows = queries.cites(conn, "S/2099/12")
        only = queries.cites(conn, "S/2099/12", source="akn4un")
        none = queries.cites(conn, "S/2099/12", source="repertoire")
    assert [(r["source"], r["place"]) for r in rows] == [
        ("unxml-resolutions", "decision"),
        ("akn4un", "decision"),
        ("library-meetings", "decision"),
    ]
    assert [r["source"] for r in only] == ["akn4un"] and none == []
    assert all(list(r) == queries.COLUMNS["cites"] for r in rows)


def test_search_finds_the_official_rows_words(db) -> None:
    with open_db(db) as conn:
        rows = queries.search(conn, "Freedonia", limit=None)
        repertoire = queries.search(conn, "Freedonia", source="repertoire")
        mali = queries.search(conn, "Mali", source="unxml-resolutions")
    assert {r["source"] for r in rows} == {"unxml-resolutions", "library-meetings", "akn4un"}
    assert {r["kind"] for r in rows} == {"meeting", "decision"}
    assert all("«Freedonia»" in r["snippet"] for r in rows)
    assert repertoire == []
    assert [r["number"] for r in mali] == ["S/RES/2690 (2023)"]


def test_findings_of_the_official_files_with_their_source(db) -> None:
    with open_db(db) as conn:
        rows = queries.findings(conn, source="library-meetings")
        sample = queries.findings(conn, source="repertoire")
    assert rows and all(r["source"] == "library-meetings" for r in rows)
    assert rows[0]["document"] == "scact2099.html"
    assert "official-link" in {r["code"] for r in rows}
    assert len(sample) == 3


def test_speakers_come_from_the_repertoire_alone(db) -> None:
    with open_db(db) as conn:
        assert queries.speakers(conn, source="library-meetings") == []
        assert queries.speakers(conn, source="repertoire") == queries.speakers(conn)


def test_merged_rows_are_kept_in_tables_for_every_scope(db) -> None:
    with sqlite3.connect(db) as conn:
        scopes = {row[0] for row in conn.execute("SELECT DISTINCT scope FROM council_decisions")}
        lists = conn.execute(
            "SELECT count(*) FROM council_decisions WHERE json_valid(sources) = 0"
            " OR json_valid(vetoed_by) = 0"
        ).fetchone()[0]
    assert scopes == {
        "all", "unxml-resolutions", "akn4un", "library-meetings", "library-vetoes", "vetoes-csv",
    }  # fmt: skip
    assert lists == 0


def test_cli_answers_the_researchers_questions(db) -> None:
    runner = CliRunner()
    brazil = runner.invoke(
        main,
        ["votes", "--member", "Brazil", "--since", "2000", "--db", str(db), "--format", "json"],
    )
    assert brazil.exit_code == 0, brazil.output
    rows = json.loads(brazil.output)
    assert rows[0]["symbol"] == "S/RES/2690 (2023)" and rows[0]["member_vote"] == "Y"
    assert rows[0]["sources"] == ["repertoire", "unxml-resolutions"]
    vetoes = runner.invoke(main, ["votes", "--vetoes", "--db", str(db), "--format", "csv"])
    assert vetoes.exit_code == 0 and "S/17769/Rev.1" in vetoes.output
    by_year = runner.invoke(
        main, ["alignment", "--by-year", "--since", "2000", "--db", str(db), "--format", "tsv"]
    )
    assert by_year.exit_code == 0 and by_year.output.startswith("year\tmember_a")
    typo = runner.invoke(main, ["meetings", "--source", "unxml", "--db", str(db)])
    assert typo.exit_code == 1 and "did you mean 'unxml-resolutions'" in typo.output


def test_the_merged_tables_keep_their_indexes_once_made_again(db, tmp_path) -> None:
    fresh = tmp_path / "fresh.db"
    load([samples.path()], fresh)
    ask = (
        "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
        " AND tbl_name LIKE 'council\\_%' ESCAPE '\\' ORDER BY name"
    )
    with open_db(fresh) as new, open_db(db) as refreshed:
        made = new.execute(ask).fetchall()
        assert made and refreshed.execute(ask).fetchall() == made
