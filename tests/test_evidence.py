"""The merged record chosen by evidence: each rule alone, every member of a decision, and
one decision that three sources date differently, chosen the same in any order of sources."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from repertoire.official.audit import audit
from repertoire.reference import lineage
from repertoire.rules import evidence
from repertoire.rules.council import sitting
from repertoire.rules.evidence import Claim, Listing, choose, decide
from repertoire.rules.order import Timeline
from repertoire.store import connect, merged, open_db, sources
from repertoire.store import council as council_store
from repertoire.store.official import import_official
from tests.test_official_akn import DRAFT
from tests.test_official_library import page
from tests.test_official_unxml import LINE, lines

NOWHERE = Timeline(())


def test_one_value_from_several_sources_is_agreed_from_one_single() -> None:
    assert choose([Claim("a", 1), Claim("b", 1)]).rule == "agreed"
    assert choose([Claim("a", 1), Claim("a", 1)]).rule == "single"
    assert choose([Claim("a", 1, frozenset({"record"}))]).rule == "doubted"
    assert choose([Claim("a", None)]) == evidence.Choice(None, None)


def test_each_test_in_its_order_then_the_sources_then_undecided() -> None:
    doubted = frozenset({"record"})
    chosen = choose([Claim("a", "x", doubted), Claim("b", "y")])
    assert (chosen.value, chosen.rule, chosen.disputed) == ("y", "record", True)
    assert choose([Claim("a", "x", frozenset({"sequence"})), Claim("b", "y")]).rule == "sequence"
    assert choose([Claim("a", "x", frozenset({"audit"})), Claim("b", "y")]).rule == "audit"
    chosen = choose([Claim("a", "x"), Claim("b", "x"), Claim("c", "y")])
    assert (chosen.value, chosen.rule) == ("x", "sources")
    tied = choose([Claim("a", "x"), Claim("b", "y")])
    assert (tied.value, tied.rule) == (None, "undecided")
    assert tied.values() == {"x": ["a"], "y": ["b"]}
    # One source stating a value twice is still one source.
    assert choose([Claim("a", "x"), Claim("a", "x"), Claim("b", "y")]).rule == "undecided"


def test_a_source_compiled_from_another_is_no_second_witness() -> None:
    # The vetoes CSV is compiled from the Library's veto list (`[lineage]` in official.toml).
    assert lineage.origin("vetoes-csv") == "library-vetoes"
    assert lineage.origin("library-meetings") == "library-meetings"
    copy, original, other = "vetoes-csv", "library-vetoes", "library-meetings"
    assert choose([Claim(copy, "x"), Claim(original, "x")]).rule == "single"
    assert choose([Claim(copy, "x"), Claim(other, "x")]).rule == "agreed"
    # Two lists saying one thing, one of them copied from the other, against a third: tied.
    tied = choose([Claim(copy, "x"), Claim(original, "x"), Claim(other, "y")])
    assert (tied.value, tied.rule) == (None, "undecided")
    assert tied.values() == {"x": [copy, original], "y": [other]}
    third = Claim("unxml-resolutions", "x")
    chosen = choose([Claim(copy, "x"), Claim(original, "x"), third, Claim(other, "y")])
    assert (chosen.value, chosen.rule) == ("x", "sources")


def test_meetings_and_their_days_rise_together() -> None:
    days = Timeline([(10, "2099-01-10", "r1"), (20, "2099-02-20", "r2")])
    assert days.fits(10, "2099-01-10", "other") and not days.fits(10, "2099-01-30", "other")
    assert days.fits(15, "2099-01-30") and not days.fits(15, "2099-03-01")
    assert days.fits(10, "2099-01-30", "r1")  # a statement is not its own evidence
    assert days.fits(10, "2099-05-05", own=False) is False  # its neighbours' days alone


def _fits_by_definition(
    stated: list[tuple[int, str, str]], number: int, date: str, row: str, own: bool
) -> bool:
    """What :meth:`Timeline.fits` says, spelled out statement by statement."""

    def known(n: int) -> set[str]:  # the days other rows than ``row`` state for ``n``
        return {day for m, day, r in stated if m == n and r != row}

    if own and known(number):
        return date in known(number)
    below = [known(n) for n in sorted({m for m, _, _ in stated}, reverse=True) if n < number]
    above = [known(n) for n in sorted({m for m, _, _ in stated}) if n > number]
    lower = next((days for days in below if days), None)
    upper = next((days for days in above if days), None)
    return (lower is None or min(lower) <= date) and (upper is None or date <= max(upper))


def test_a_timeline_answers_as_its_definition() -> None:
    # Few numbers, days and rows, so that a row is often the only one stating a day.
    rng = random.Random(7)
    days = [f"2099-0{m}-1{d}" for m in range(1, 6) for d in range(3)]
    for _ in range(40):
        stated = [
            (rng.randrange(1, 12), rng.choice(days), rng.choice("abcd"))
            for _ in range(rng.randrange(1, 12))
        ]
        timeline = Timeline(stated)
        for number in range(0, 13):
            for date in days[::2]:
                for row in "ace":
                    for own in (True, False):
                        expected = _fits_by_definition(stated, number, date, row, own)
                        assert timeline.fits(number, date, row, own) == expected


def test_a_record_naming_two_meetings_is_placed_by_the_other_meetings() -> None:
    # The record's symbol says S/PV.1234, its words the 1240th meeting; S/PV.1234 is known
    # from another decision on another day.
    meetings = Timeline([(1234, "2099-01-10", "other"), (1241, "2099-02-02", "more")])
    listing = Listing(
        "feed", "row", "resolution", "S/RES/9 (2099)", "S/PV.1234", "2099-01-30",
        also={"record": "S/PV.1240"},
    )  # fmt: skip
    verdict = decide([listing], meetings)
    assert verdict.value("record") == "S/PV.1240" and verdict.rules["record"] == "sequence"
    assert verdict.disputed["record"] == {"S/PV.1234": ["feed"], "S/PV.1240": ["feed"]}


def test_a_draft_listed_at_two_meetings_by_one_source_is_placed_by_the_others() -> None:
    at = {"kind": "draft_resolution", "symbol": "S/1", "vetoed_by": ("USSR",)}
    listings = [
        Listing("table", "t1", record="S/PV.20", date="2099-10-30", agenda="Cyprus?", **at),
        Listing("table", "t2", record="S/PV.10", date="2099-07-31", agenda="Cyprus", **at),
        Listing("list", "l1", record="S/PV.10", date="2099-07-31", agenda="Cyprus", **at),
    ]
    verdict = decide(listings, NOWHERE)
    assert (verdict.value("record"), verdict.value("date")) == ("S/PV.10", "2099-07-31")
    assert verdict.rules["record"] == verdict.rules["date"] == "listed once"
    assert verdict.value("agenda") == "Cyprus"  # the misplaced listing's item gives way too


def test_a_resolution_dated_outside_its_symbols_year() -> None:
    listings = [
        Listing("feed", "f", "resolution", "S/RES/5 (2099)", "S/PV.5", "2097-06-29"),
        Listing("table", "t", "resolution", "S/RES/5 (2099)", "S/PV.5", "2099-06-28"),
    ]
    verdict = decide(listings, NOWHERE)
    assert verdict.value("date") == "2099-06-28" and verdict.rules["date"] == "record"


def test_every_member_sitting_on_a_decision_with_a_vote() -> None:
    day = "2023-06-30"
    unanimous = decide(
        [Listing("feed", "u", "resolution", date=day, tally=(15, 0, 0), voted=True)], NOWHERE
    )
    assert len(unanimous.members) == 15
    assert {(m.vote, m.inferred, m.basis) for m in unanimous.members.values()} == {
        ("Y", True, "unanimous tally")
    }
    words = decide(
        [Listing("table", "w", "resolution", date=day, unanimous=True, voted=True)], NOWHERE
    )
    assert {m.basis for m in words.members.values()} == {"adopted unanimously"}
    # A tally that is not unanimous, with no names: every member sat, none is known.
    split = decide(
        [Listing("table", "s", "resolution", date=day, tally=(13, 0, 2), voted=True)], NOWHERE
    )
    assert {m.vote for m in split.members.values()} == {"unrecorded"}
    assert len(split.members) == 15
    # Fourteen names adding up to 14-0-0: the fifteenth member did not take part.
    sitting = sorted(unanimous.members)
    names = {name: ["Y"] for name in sitting[1:]}
    lists = decide(
        [Listing("feed", "l", "resolution", date=day, tally=(14, 0, 0), voted=True, votes=names)],
        NOWHERE,
    )
    absent = lists.members[sitting[0]]
    assert (absent.vote, absent.inferred, absent.basis) == (
        "absent",
        True,
        "lists add up to the tally",
    )
    # Adopted without a vote: no member's vote.
    assert (
        decide([Listing("table", "p", "presidential_statement", date=day)], NOWHERE).members == {}
    )


def _as_chosen(verdict: evidence.Decided) -> tuple[object, ...]:
    fields = {n: (c.value, c.rule, c.disputed) for n, c in verdict.fields.items()}
    votes = {
        m: (v.vote, v.inferred, v.basis, v.choice.rule, v.choice.disputed)
        for m, v in verdict.members.items()
    }
    return fields, votes, verdict.voted


@pytest.mark.parametrize(
    "listing",
    [
        # Fourteen names adding up to the tally: the fifteenth member absent.
        Listing(
            "feed", "a", "resolution", "S/RES/7 (2023)", "S/PV.9 (Resumption 1)", "2023-06-30",
            tally=(14, 0, 0), adopted=True, chapter_vii=True, agenda="Mali", voted=True,
            votes={m: ["Y"] for m in sorted(sitting("2023-06-30").members)[1:]},
        ),
        # A member in two lists of one record; a day outside the symbol's year.
        Listing(
            "feed", "b", "resolution", "S/RES/8 (2023)", "S/PV.10", "2022-06-30",
            tally=(13, 1, 1), voted=True, votes={"Malta": ["Y", "N"], "Ghana": ["A"]},
        ),
        # A draft vetoed, lists that do not add up to the tally.
        Listing(
            "table", "c", "draft_resolution", "S/2023/1", "S/PV.11", "2023-08-30",
            tally=(13, 1, 1), adopted=False, vetoed_by=("Russia",), voted=True,
            votes={"Russian Federation": ["N"], "China": ["A"]},
        ),
        # Adopted unanimously in words, no tally; a vote the source works out itself.
        Listing(
            "table", "d", "resolution", "S/RES/9 (2023)", "S/PV.12", "2023-09-01",
            unanimous=True, voted=True, inferred={"Malta": "Y"},
        ),
        # No meeting, no day.
        Listing("feed", "e", "resolution", "S/RES/10 (2023)", adopted=True),
        # At a meeting held that day, the resolution's number out of order (below).
        Listing(
            "feed", "f", "resolution", "S/RES/7 (2023)", "S/PV.11", "2023-08-30",
            tally=(15, 0, 0), adopted=True, voted=True,
        ),
    ],
)  # fmt: skip
@pytest.mark.parametrize(
    "timelines",
    [
        (NOWHERE, None),
        # S/PV.9 held on another day, S/PV.11 on its listing's; resolutions 7 and 8 out of
        # the order of their neighbours' days.
        (
            Timeline([(9, "2023-07-03", "other"), (11, "2023-08-30", "other")]),
            Timeline([(6, "2023-06-01", "r6"), (9, "2023-06-02", "r9")]),
        ),
    ],
)
def test_one_listing_is_decided_as_over_its_statement_twice(
    listing: Listing, timelines: tuple[Timeline, Timeline | None]
) -> None:
    # Stated twice by its source, a decision is decided as stated once, each field and
    # each member's vote by the same rule: the shortcuts for one listing choose nothing else.
    twice = dataclasses.replace(listing, row="again")  # (compiled, a class has no __slots__)
    assert _as_chosen(decide([listing], *timelines)) == _as_chosen(
        decide([listing, twice], *timelines)
    )


# -- one decision, three sources, three days -----------------------------------------------


def _three_sources(folder: Path) -> Path:
    """S/RES/1234 (2099) at S/PV.9999 as UNxml (13 January 2098, outside its symbol's year),
    the Library (22 December 2099, its meeting's day) and an AKN4UN file (27 March 2099, a
    day no other statement gives that meeting) state it."""
    folder.mkdir()
    unxml = {**LINE, "adoption_date": "13 January 2098"}
    (folder / "2098.jsonl").write_bytes(lines(unxml))
    (folder / "scact2099.html").write_bytes(page())
    adopted = DRAFT.replace(b"S/2099/12", b"S/RES/1234 (2099)").replace(
        b'outcome="veto"', b'outcome="adopted"'
    )
    (folder / "adopted.xml").write_bytes(adopted)
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    import_official([_three_sources(tmp_path / "official")], db)
    return db


def _chosen(db: Path) -> tuple[str, dict[str, str], dict[str, dict[str, list[str]]]]:
    with open_db(db) as conn:
        date, chosen_by, disputed = conn.execute(
            "SELECT date, chosen_by, disputed FROM council_decisions"
            " WHERE scope = 'all' AND key = 'S/RES/1234(2099)'"
        ).fetchone()
    return date, json.loads(chosen_by), json.loads(disputed)


def test_three_sources_disagreeing_on_a_date(store: Path) -> None:
    date, chosen_by, disputed = _chosen(store)
    assert date == "2099-12-22" and chosen_by["date"] == "sequence"
    assert disputed["date"] == {
        "2098-01-13": ["unxml-resolutions"],
        "2099-12-22": ["library-meetings"],
        "2099-03-27": ["akn4un"],
    }
    with open_db(store) as conn:
        (finding,) = [f for f in audit(conn) if f.code == "evidence-date"]
    assert finding.subject == "S/RES/1234 (2099)"
    assert "'2099-12-22' chosen by sequence" in finding.message
    assert {(s.source, s.value) for s in finding.sources} == {
        ("unxml-resolutions", "2098-01-13"),
        ("library-meetings", "2099-12-22"),
        ("akn4un", "2099-03-27"),
    }
    assert all(s.path.endswith((".jsonl", ".html", ".xml")) and s.line for s in finding.sources)


def test_the_order_of_sources_chooses_nothing(store: Path, monkeypatch) -> None:
    before = _chosen(store)
    reversed_order = tuple(reversed(sources.SOURCES))
    rank = {name: n for n, name in enumerate(reversed_order)}
    for module in (sources, merged, council_store):
        if hasattr(module, "RANK"):
            monkeypatch.setattr(module, "RANK", rank)
    monkeypatch.setattr(sources, "SOURCES", reversed_order)
    conn = connect(store)
    try:
        council_store.refresh_alone(conn)
    finally:
        conn.close()
    assert _chosen(store) == before


def test_an_item_worded_more_or_less_fully_is_one_item() -> None:
    fuller = evidence.wording(
        [Claim("a", "Angola"), Claim("b", "The situation in Angola"), Claim("c", "angola.")]
    )
    assert (fuller.value, fuller.rule, fuller.disputed) == (
        "The situation in Angola",
        "agreed",
        False,
    )
    apart = evidence.wording([Claim("a", "Middle East"), Claim("b", "The situation in Liberia")])
    assert (apart.value, apart.rule) == (None, "undecided")
    assert apart.values() == {"Middle East": ["a"], "The situation in Liberia": ["b"]}


def test_a_tally_with_fewer_votes_against_than_vetoes_is_in_doubt() -> None:
    day = "2099-05-31"
    draft = {"kind": "draft_resolution", "date": day, "adopted": False, "voted": True}
    vetoed = ("China", "Russian Federation")
    # One table gives 13-0-2; two lists of vetoes name two permanent members vetoing it.
    listings = [
        Listing("table", "t", symbol="S/2099/431", tally=(13, 0, 2), **draft),
        Listing("list", "l", symbol="S/2099/431", vetoed_by=vetoed, **draft),
        Listing("csv", "c", symbol="S/2099/431", vetoed_by=vetoed, **draft),
    ]
    verdict = decide(listings, NOWHERE)
    assert (verdict.value("tally"), verdict.rules["tally"]) == ((13, 0, 2), "doubted")
    # A tally that counts them gives way to none: it is the one chosen, by the audit.
    counted = Listing("feed", "f", symbol="S/2099/431", tally=(13, 2, 0), **draft)
    verdict = decide([*listings, counted], NOWHERE)
    assert (verdict.value("tally"), verdict.rules["tally"]) == ((13, 2, 0), "audit")
    # One listing stating both: its tally is in doubt too; a tally that counts the veto is not.
    alone = Listing("table", "t", tally=(14, 0, 1), vetoed_by=("China",), **draft)
    assert decide([alone], NOWHERE).rules["tally"] == "doubted"
    right = Listing("table", "t", tally=(14, 1, 0), vetoed_by=("China",), **draft)
    assert decide([right], NOWHERE).rules["tally"] == "single"
