"""Who sat on the Security Council, year by year, 1946–2026.

Terms come from ``data/council_terms.csv``: one row per term, with the State's
name as the records of the time write it ("Zaire", "Union of Soviet Socialist
Republics"), the seat (``permanent`` or ``elected``) and the first and last
day of the term (an empty end: still sitting). Names are resolved through
:mod:`repertoire.reference.states`, so "Zaire" and "Democratic Republic of the Congo"
are one State while the USSR and the Russian Federation are two.

How a year counts. Every seat has one holder per year in :func:`members`:
the State that held it for the greater part of that year. All elected split
terms (Yugoslavia/Philippines 1956–1957, Italy/Netherlands 2017–2018, ...)
change hands on 1 January, so each half of the seat counts in its own year.
The two mid-year changes go to the earlier holder: 1971 counts for China as
represented until 25 October, 1991 for the USSR (the Russian Federation
continued its membership from 24 December 1991). :func:`is_member` without a
date answers whether the State sat at any time in the year, so both the USSR
and the Russian Federation sat in 1991; with a date it answers for that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from repertoire.reference import files, states

DATA_FILE: Final = "council_terms.csv"
FIRST_YEAR: Final = 1946
LAST_YEAR: Final = 2026
# Charter amendment of Articles 23 and 27 in force from 31 August 1965; the
# enlarged Council of fifteen sat from 1 January 1966.
ENLARGED: Final = 1966


@dataclass(frozen=True, slots=True)
class Member:
    """One term on the Council."""

    name: str  # as the records of the time write it
    iso3: str | None
    permanent: bool
    start: dt.date
    end: dt.date | None  # None: the term goes on
    note: str = ""

    @property
    def state(self) -> str:
        """The State's short name today (``Zaire`` -> ``Democratic Republic of the Congo``)."""
        return states.canonical(self.name) or self.name

    def sits_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def days_in(self, year: int) -> int:
        """How many days of ``year`` this term covers."""
        first = max(self.start, dt.date(year, 1, 1))
        last = min(self.end or dt.date.max, dt.date(year, 12, 31))
        return max((last - first).days + 1, 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "state": self.state,
            "iso3": self.iso3,
            "permanent": self.permanent,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "note": self.note,
        }


def check_year(year: int) -> None:
    """Raise ``ValueError`` for a year the data do not cover."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"no Council membership data for {year}: years {FIRST_YEAR}-{LAST_YEAR} are covered"
        )


@cache
def all_terms() -> tuple[Member, ...]:
    """Every term in the data, in order of start."""
    terms: list[Member] = []
    for line, row in enumerate(files.csv_rows(DATA_FILE), start=2):
        state = states.lookup(row["state"])
        if state is None:
            raise ValueError(f"{DATA_FILE}:{line}: unknown State {row['state']!r}")
        seat = row["seat"].strip()
        if seat not in ("permanent", "elected"):
            raise ValueError(f"{DATA_FILE}:{line}: seat must be permanent or elected: {seat!r}")
        end = row["end"].strip()
        terms.append(
            Member(
                name=row["state"].strip(),
                iso3=state.iso3,
                permanent=seat == "permanent",
                start=dt.date.fromisoformat(row["start"].strip()),
                end=dt.date.fromisoformat(end) if end else None,
                note=row["note"].strip(),
            )
        )
    return tuple(sorted(terms, key=lambda m: (m.start, states.normalise(m.name))))


def _sort_key(member: Member) -> str:
    return states.normalise(member.name)


def members(year: int) -> list[Member]:
    """The terms sitting in ``year``, one per seat, sorted by name (see the module notes)."""
    check_year(year)
    half = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days / 2
    return sorted((m for m in all_terms() if m.days_in(year) > half), key=_sort_key)


def size(year: int) -> int:
    """How many members the Council had in ``year`` (Article 23)."""
    check_year(year)
    return 11 if year < ENLARGED else 15


def threshold(year: int) -> int:
    """Affirmative votes needed for a decision in ``year`` (Article 27)."""
    check_year(year)
    return 7 if year < ENLARGED else 9


def permanent_members(year: int) -> list[str]:
    """Names of the permanent members in ``year``, as the records of the time write them."""
    return [m.name for m in members(year) if m.permanent]


def terms(name: str) -> list[Member]:
    """The terms of the State that ``name`` names, in order; empty if it never sat or is unknown."""
    state = states.canonical(name)
    if state is None:
        return []
    return [m for m in all_terms() if m.state == state]


def is_member(name: str, year: int, date: dt.date | None = None) -> bool:
    """Whether the State named sat on the Council in ``year`` (at any time), or on ``date``."""
    check_year(year)
    if date is not None and date.year != year:
        raise ValueError(f"date {date.isoformat()} is not in {year}")
    if date is not None:
        return any(m.sits_on(date) for m in terms(name))
    return any(m.days_in(year) > 0 for m in terms(name))


def is_permanent(name: str, year: int) -> bool:
    """Whether the State named held a permanent seat at any time in ``year``."""
    check_year(year)
    return any(m.permanent and m.days_in(year) > 0 for m in terms(name))
