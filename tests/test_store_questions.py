"""Questions a researcher asks: who vetoed what, every member's vote on one decision,
agenda items by their words, a meeting's decisions, years that hold none, the rows a
program gets, and one registry of questions behind the command line and the API."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.cli.store import page_limit
from repertoire.store import StoreError, load, open_db, queries
from repertoire.store.official import import_official
from tests.test_official_unxml import LINE, lines
from tests.test_store_sources import SITTING_2023, official_files  # noqa: F401

# A resolution on an item whose name holds "Mali" inside a word, never as one.
SOMALIA = {
    **LINE,
    "symbol": "S/RES/1235 (2099)",
    "agenda_item_name": "The situation in Somalia",
    "draft_resolution": "S/2099/20",
    "adoption_meeting": "9997th meeting",
    "outcome_letter": "S/PV.9997",
}


@pytest.fixture
def db(tmp_path: Path, official_files: Path) -> Path:  # noqa: F811
    (official_files / "somalia.jsonl").write_bytes(lines(SOMALIA))
    path = tmp_path / "store.db"
    load([samples.path()], path)
    import_official([official_files], path)
    return path


def test_vetoed_by_includes_vetoes_only_a_veto_list_records(db: Path) -> None:
    with open_db(db) as conn:
        ussr = queries.votes(conn, vetoed_by="USSR")
        russia = queries.votes(conn, vetoed_by="Russia")
        # No source names the members' votes on this draft: only the lists of vetoes do, so
        # the vetoing member's "no" is worked out from the veto, and said to be.
        (cast,) = [r for r in queries.votes(conn, member="USSR") if r["draft"] == "S/PV.23"]
        assert (cast["member_vote"], cast["inferred"], cast["basis"]) == ("N", True, "vetoed")
        with pytest.raises(StoreError, match="did you mean 'France'"):
            queries.votes(conn, vetoed_by="Frnace")
    assert "S/PV.23" in {r["draft"] for r in ussr}
    assert all("Union of Soviet Socialist Republics" in r["vetoed_by"] for r in ussr)
    # S/2099/12: AKN4UN names China and the Russian Federation, the Library the USSR and the
    # United Kingdom; the evidence is tied, so the merged record names neither pair.
    assert "S/2023/638" in {r["draft"] for r in russia}
    assert "S/2099/12" not in {r["draft"] for r in russia}
    assert all("Russian Federation" in r["vetoed_by"] for r in russia)


def test_every_members_vote_on_one_decision(db: Path) -> None:
    with open_db(db) as conn:
        rows = queries.votes(conn, decision="2690 (2023)")
        assert queries.votes(conn, decision="s/res/2690(2023)") == rows
        draft = queries.votes(conn, decision="S/2023/638")
        with pytest.raises(StoreError, match="no decision"):
            queries.votes(conn, decision="S/2099/999")
        # A resolution's number without its year, a slip of a digit: the one meant.
        with pytest.raises(StoreError, match=r"did you mean 'S/RES/2690 \(2023\)'"):
            queries.votes(conn, decision="S/RES/2690")
        with pytest.raises(StoreError, match="did you mean 'S/2023/638'"):
            queries.votes(conn, decision="S/2023/6388")
    assert [r["member"].upper() for r in rows] == sorted(SITTING_2023)
    with open_db(db) as conn:
        unxml = queries.votes(conn, decision="2690 (2023)", source="unxml-resolutions")
        one = queries.votes(
            conn, decision="2690 (2023)", member="Japan", source="unxml-resolutions"
        )
    assert [r["member"] for r in unxml] == [r["member"] for r in rows]
    assert all(r["sources"] == ["unxml-resolutions"] for r in unxml)
    assert [(r["member"], r["member_vote"]) for r in one] == [("Japan", "Y")]
    assert all(r["symbol"] == "S/RES/2690 (2023)" and r["member_vote"] == "Y" for r in rows)
    assert {r["member"]: r["member_vote"] for r in draft}["Russian Federation"] == "N"
    assert list(rows[0]) == queries.COLUMNS["votes"] + queries.COLUMNS["member_votes"]


def test_items_match_words_not_parts_of_words(db: Path) -> None:
    with open_db(db) as conn:
        mali = queries.votes(conn, item="Mali")
        somalia = queries.votes(conn, item="somalia")
        meetings = queries.meetings(conn, item="Mali")
    assert [r["symbol"] for r in mali] == ["S/RES/2690 (2023)", "S/2023/638", "S/2023/639"]
    assert [r["symbol"] for r in somalia] == ["S/RES/1235 (2099)"]
    assert mali[0]["item"] == "The situation in Mali"
    assert meetings and all(r["record"] != "S/PV.9997" for r in meetings)
    assert {r["item"] for r in meetings} == {"The situation in Mali"}


def test_a_meeting_lists_its_decisions(db: Path) -> None:
    with open_db(db) as conn:
        found = {r["record"]: r["decisions"] for r in queries.meetings(conn, year=2023)}
        alone = {
            r["record"]: r["decisions"]
            for r in queries.meetings(conn, year=2023, source="repertoire")
        }
    assert found["S/PV.9365"] == ["S/RES/2690 (2023)"]
    assert alone["S/PV.9365"] == ["S/RES/2690 (2023)"] and alone["S/PV.9251"] == []


def test_a_range_of_no_year_is_an_error(db: Path) -> None:
    with open_db(db) as conn:
        for ask in (queries.votes, queries.meetings, queries.alignment):
            with pytest.raises(StoreError, match="no year"):
                ask(conn, since=2025, until=2024)
        with pytest.raises(StoreError, match="no year"):
            queries.votes(conn, year=2023, since=2024)
        assert queries.votes(conn, since=2023, until=2023)
    result = CliRunner().invoke(
        main, ["votes", "--since", "2025", "--until", "2024", "--db", str(db)]
    )
    assert result.exit_code == 1 and "no year" in result.output
    assert "Traceback" not in result.output


def test_programs_get_every_row_unless_a_limit_is_given() -> None:
    assert page_limit(None, "csv", 100) is None
    assert page_limit(None, "json", 100) is None
    assert page_limit(None, "tsv", 100) is None
    assert page_limit(None, "table", 100) == 100
    assert page_limit(None, "table", 0) is None
    assert page_limit(5, "csv", 100) == 5 and page_limit(0, "table", 100) is None


def test_the_cli_asks_the_new_questions(db: Path) -> None:
    runner = CliRunner()
    ask = ["--db", str(db), "--format", "json"]
    vetoed = runner.invoke(main, ["votes", "--vetoed-by", "Soviet Union", *ask])
    assert vetoed.exit_code == 0, vetoed.output
    assert "S/PV.23" in {r["draft"] for r in json.loads(vetoed.output)}
    one = runner.invoke(main, ["votes", "--decision", "S/RES/2690 (2023)", *ask])
    assert len(json.loads(one.output)) == 15
    typo = runner.invoke(main, ["votes", "--vetoed-by", "Rusia", "--db", str(db)])
    assert typo.exit_code == 1 and "did you mean" in typo.output
    meetings = runner.invoke(main, ["meetings", "--year", "2023", *ask])
    assert ["S/RES/2690 (2023)"] in [r["decisions"] for r in json.loads(meetings.output)]
    csv = runner.invoke(main, ["meetings", "--db", str(db), "--format", "csv"])
    assert "S/RES/2690 (2023)" in csv.output and '["' not in csv.output


def test_no_database_suggests_load_and_import(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["votes", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "repertoire load" in result.output and "repertoire import" in result.output


def test_one_registry_of_questions_behind_the_api_and_the_cli() -> None:
    for name, question in queries.QUESTIONS.items():
        assert question.ask is getattr(queries, name)
        assert question.columns in queries.COLUMNS and question.doc
        parameters = inspect.signature(question.ask).parameters
        for option in question.options:
            # Filters are keywords of the function, never positions.
            assert parameters[option.name].kind in (
                inspect.Parameter.KEYWORD_ONLY,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
            )
            if option.name != "member" or name != "positions":
                assert parameters[option.name].kind is inspect.Parameter.KEYWORD_ONLY
        command = main.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        spelled = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {o.spelled for o in question.options} <= spelled


def test_audit_by_subject_and_code(db: Path) -> None:
    runner = CliRunner()
    every = json.loads(runner.invoke(main, ["audit", "--db", str(db), "--format", "json"]).output)
    first = next(f for f in every if f["subject"])
    spaced = first["subject"].lower().replace(" ", "")
    about = runner.invoke(main, ["audit", "--db", str(db), "--format", "json", "--subject", spaced])
    rows = json.loads(about.output)
    assert rows and {r["subject"] for r in rows} == {first["subject"]}
    assert len(rows) == sum(1 for f in every if f["subject"] == first["subject"])
    coded = json.loads(
        runner.invoke(
            main, ["audit", "--db", str(db), "--format", "json", "--code", first["code"]]
        ).output
    )
    assert coded and {r["code"] for r in coded} == {first["code"]}
    typo = runner.invoke(main, ["audit", "--db", str(db), "--code", first["code"][:-1] + "x"])
    assert typo.exit_code == 1 and f"did you mean {first['code']!r}" in typo.output
    # A resolution by its number and year, as `votes --decision` and `cite` take it.
    named = [f for f in every if f["subject"] == "S/RES/1234 (2099)"]
    short = runner.invoke(
        main, ["audit", "--db", str(db), "--format", "json", "--subject", "1234 (2099)"]
    )
    assert named and json.loads(short.output) == named


def test_a_word_test_that_sets_case_and_accents_aside() -> None:
    assert queries._words("The situation in Côte d'Ivoire", "cote D'IVOIRE")
    assert queries._words("The situation in Mali", "mali situation")
    assert not queries._words("The situation in Somalia", "Mali")
    assert not queries._words(None, "Mali")
