"""Security Council composition 1946–2026 and the ``repertoire council`` command."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire.cli import main
from repertoire.reference import council, states

YEARS = range(council.FIRST_YEAR, council.LAST_YEAR + 1)
REFERENCE = Path(__file__).parents[2] / "shared/reference/council_membership_1992-2023.csv"
# Where the compilation is known to be wrong: it gives Côte d'Ivoire a 1991-1992 term, but
# Côte d'Ivoire sat 1990-1991 and India held the seat 1991-1992 (elected in 1990).
REFERENCE_ERRATA = {
    "1992: Cote D'ivoire listed there, not here",
    "1992: India listed here, not there",
}


def names(year: int) -> set[str]:
    return {m.name for m in council.members(year)}


@pytest.mark.parametrize("year", YEARS)
def test_size_and_permanent_members_every_year(year: int) -> None:
    members = council.members(year)
    expected = 11 if year < 1966 else 15
    assert council.size(year) == expected
    assert len(members) == expected, [m.name for m in members]
    assert len({m.state for m in members}) == expected
    assert len(council.permanent_members(year)) == 5
    assert sum(not m.permanent for m in members) == expected - 5


def test_members_are_sorted_by_name() -> None:
    for year in YEARS:
        keys = [states.normalise(m.name) for m in council.members(year)]
        assert keys == sorted(keys)


def test_threshold_changes_in_1966() -> None:
    assert council.threshold(1965) == 7
    assert council.threshold(1966) == 9
    assert council.size(1965) == 11
    assert council.size(1966) == 15
    assert all(council.threshold(y) == (7 if y < 1966 else 9) for y in YEARS)


@pytest.mark.parametrize("year", [1945, 2027, 0, -1])
def test_years_out_of_range_raise(year: int) -> None:
    for call in (council.members, council.size, council.threshold, council.permanent_members):
        with pytest.raises(ValueError, match="1946-2026"):
            call(year)
    with pytest.raises(ValueError, match="1946-2026"):
        council.is_member("France", year)


def test_original_council_1946() -> None:
    assert names(1946) == {
        "China", "France", "Union of Soviet Socialist Republics", "United Kingdom",
        "United States", "Australia", "Brazil", "Egypt", "Mexico", "Netherlands", "Poland",
    }  # fmt: skip


def test_china_seat_switch_1971() -> None:
    china = council.terms("China")
    assert [(t.start, t.end) for t in china] == [
        (dt.date(1945, 10, 24), dt.date(1971, 10, 24)),
        (dt.date(1971, 10, 25), None),
    ]
    assert "Republic of China" in china[0].note
    assert "People's Republic of China" in china[1].note
    assert all(t.permanent and t.iso3 == "CHN" for t in china)
    # One China seat in 1971, counted once; the earlier holder has the year.
    sitting = [m for m in council.members(1971) if m.name == "China"]
    assert sitting == [china[0]]
    assert [m for m in council.members(1972) if m.name == "China"] == [china[1]]
    assert council.is_permanent("China", 1971)
    assert council.is_member("China", 1971, dt.date(1971, 10, 24))
    assert council.is_member("People's Republic of China", 1971, dt.date(1971, 10, 25))


def test_russian_federation_from_1992() -> None:
    assert "Russian Federation" in council.permanent_members(1992)
    assert "Union of Soviet Socialist Republics" not in council.permanent_members(1992)
    assert "Union of Soviet Socialist Republics" in council.permanent_members(1991)
    assert "Russian Federation" not in council.permanent_members(1991)
    for year in range(1992, council.LAST_YEAR + 1):
        assert council.is_permanent("Russian Federation", year)
        assert not council.is_member("USSR", year)
    for year in range(1946, 1991):
        assert council.is_permanent("USSR", year)
        assert not council.is_member("Russian Federation", year)


def test_1991_is_shared_between_ussr_and_russian_federation() -> None:
    # Both sat in 1991; the date decides which one held the seat.
    assert council.is_member("USSR", 1991)
    assert council.is_member("Russian Federation", 1991)
    assert council.is_member("USSR", 1991, dt.date(1991, 12, 23))
    assert not council.is_member("USSR", 1991, dt.date(1991, 12, 24))
    assert council.is_member("Russian Federation", 1991, dt.date(1991, 12, 24))
    assert not council.is_member("Russian Federation", 1991, dt.date(1991, 6, 1))
    assert len(council.permanent_members(1991)) == 5


def test_date_must_fall_in_the_year() -> None:
    with pytest.raises(ValueError, match="not in 1991"):
        council.is_member("France", 1991, dt.date(1992, 1, 1))


def test_jordan_2014_2015_not_saudi_arabia() -> None:
    for year in (2014, 2015):
        assert council.is_member("Jordan", year)
        assert not council.is_member("Saudi Arabia", year)
    assert council.terms("Saudi Arabia") == []
    jordan = [t for t in council.terms("Jordan") if t.start.year == 2014]
    assert len(jordan) == 1
    assert "Saudi Arabia" in jordan[0].note


def test_split_term_italy_netherlands() -> None:
    assert council.is_member("Italy", 2017)
    assert not council.is_member("Italy", 2018)
    assert council.is_member("Netherlands", 2018)
    assert not council.is_member("Netherlands", 2017)
    assert council.is_member("Netherlands (Kingdom of the)", 2018, dt.date(2018, 1, 1))
    assert council.is_member("Italy", 2017, dt.date(2017, 12, 31))
    assert not council.is_member("Italy", 2018, dt.date(2018, 1, 1))


@pytest.mark.parametrize(
    ("first", "second", "year"),
    [
        ("Yugoslavia", "Philippines", 1956),
        ("Poland", "Turkey", 1960),
        ("Liberia", "Ireland", 1961),
        ("Romania", "Philippines", 1962),
        ("Czechoslovakia", "Malaysia", 1964),
        ("Italy", "Netherlands", 2017),
    ],
)
def test_split_terms(first: str, second: str, year: int) -> None:
    assert council.is_member(first, year) and not council.is_member(first, year + 1)
    assert council.is_member(second, year + 1) and not council.is_member(second, year)
    assert first in names(year) and second not in names(year)
    assert second in names(year + 1) and first not in names(year + 1)


def test_one_year_terms_when_council_enlarged() -> None:
    assert {"New Zealand", "Uganda"} <= names(1966)
    assert not {"New Zealand", "Uganda"} & names(1967)
    assert {"Jordan", "Mali"} <= names(1966)


@pytest.mark.parametrize(
    ("year", "elected"),
    [
        (2024, {"Algeria", "Ecuador", "Guyana", "Japan", "Malta", "Mozambique",
                "Republic of Korea", "Sierra Leone", "Slovenia", "Switzerland"}),
        (2025, {"Algeria", "Denmark", "Greece", "Guyana", "Pakistan", "Panama",
                "Republic of Korea", "Sierra Leone", "Slovenia", "Somalia"}),
        (2026, {"Bahrain", "Colombia", "Democratic Republic of the Congo", "Denmark", "Greece",
                "Latvia", "Liberia", "Pakistan", "Panama", "Somalia"}),
    ],
)  # fmt: skip
def test_recent_elected_members(year: int, elected: set[str]) -> None:
    assert {m.name for m in council.members(year) if not m.permanent} == elected


def test_names_of_the_time_resolve_to_one_state() -> None:
    zaire = council.terms("Democratic Republic of the Congo")
    assert [t.name for t in zaire] == ["Zaire", "Zaire", "Democratic Republic of the Congo"]
    assert all(t.iso3 == "COD" for t in zaire)
    assert council.is_member("Zaire", 2026)
    assert council.is_member("Upper Volta", 1984)
    assert [t.start.year for t in council.terms("Türkiye")] == [1951, 1954, 1961, 2009]


def test_every_term_names_a_known_state() -> None:
    for term in council.all_terms():
        assert states.is_known(term.name), term
        assert term.end is None or term.start <= term.end
        if not term.permanent:
            assert term.end is not None


def test_no_state_holds_two_terms_at_once() -> None:
    for state in {t.state for t in council.all_terms()}:
        ts = council.terms(state)
        for a, b in itertools.pairwise(ts):
            assert a.end is not None and a.end < b.start, (a, b)


def test_unknown_names_are_not_members() -> None:
    assert council.terms("Atlantis") == []
    assert not council.is_member("Atlantis", 2000)
    assert not council.is_member("Brasil", 2022)
    assert council.is_member("Brazil", 2022)


def _reference_rows() -> list[dict[str, str]]:
    if not REFERENCE.exists():
        pytest.skip(f"reference compilation absent: {REFERENCE.name}")
    with REFERENCE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_cross_check_against_independent_compilation_1992_2023() -> None:
    rows = _reference_rows()
    theirs: Counter[tuple[str, int]] = Counter()
    problems: list[str] = []
    for row in rows:
        state = states.canonical(row["country_org"])
        if state is None:
            problems.append(f"unknown name {row['country_org']!r}")
            continue
        for year in range(int(row["start_year"]), int(row["end_year"]) + 1):
            theirs[(state, year)] += 1
            if not council.is_member(state, year):
                problems.append(f"{year}: {row['country_org']} listed there, not here")
            if council.is_permanent(state, year) != (row["seat"] == "permanent"):
                problems.append(f"{year}: {row['country_org']} seat differs")
    for year in range(1992, 2024):
        for member in council.members(year):
            if (member.state, year) not in theirs:
                problems.append(f"{year}: {member.name} listed here, not there")
    unexplained = [p for p in problems if p not in REFERENCE_ERRATA]
    assert not unexplained, "\n".join(unexplained)
    assert set(theirs.values()) == {1}


def test_reference_errata_are_still_needed() -> None:
    # An erratum that no longer shows up should be dropped rather than hide a change.
    rows = _reference_rows()
    listed = {(states.canonical(r["country_org"]), r["start_year"], r["end_year"]) for r in rows}
    assert ("Côte d'Ivoire", "1991", "1992") in listed
    assert not any(state == "India" and start == "1991" for state, start, _ in listed)
    assert council.is_member("India", 1992) and not council.is_member("Côte d'Ivoire", 1992)


def test_cli_year_table() -> None:
    result = CliRunner().invoke(main, ["council", "2014", "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "Jordan" in result.output
    assert "15 members, 9 votes" in result.output


def test_cli_year_json() -> None:
    result = CliRunner().invoke(main, ["council", "1971", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 15
    assert sum(d["permanent"] for d in data) == 5
    china = next(d for d in data if d["name"] == "China")
    assert china == {
        "name": "China",
        "state": "China",
        "iso3": "CHN",
        "permanent": True,
        "start": "1945-10-24",
        "end": "1971-10-24",
        "note": china["note"],
    }


def test_cli_member() -> None:
    result = CliRunner().invoke(main, ["council", "--member", "Turkey", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["start"][:4] for d in data] == ["1951", "1954", "1961", "2009"]
    assert {d["state"] for d in data} == {"Türkiye"}
    table = CliRunner().invoke(main, ["council", "--member", "Netherlands"])
    assert table.exit_code == 0, table.output
    assert "2018" in table.output


def test_cli_member_who_never_sat() -> None:
    result = CliRunner().invoke(main, ["council", "--member", "Holy See", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


def test_cli_unknown_member_suggests() -> None:
    result = CliRunner().invoke(main, ["council", "--member", "Swizerland"])
    assert result.exit_code == 2
    assert "unknown State 'Swizerland'" in result.output
    assert "did you mean 'Switzerland'" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("year", ["1945", "2027"])
def test_cli_year_out_of_range(year: str) -> None:
    result = CliRunner().invoke(main, ["council", year])
    assert result.exit_code == 2
    assert "1946-2026" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_cli_needs_year_or_member() -> None:
    assert CliRunner().invoke(main, ["council"]).exit_code == 2
    assert CliRunner().invoke(main, ["council", "2000", "--member", "Chile"]).exit_code == 2


def test_cli_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["council", "--help"])
    assert result.exit_code == 0
    assert "Example: repertoire council" in result.output
