"""Council members listed by name in a table note ("Albania, …, and United States."), or
named as a whole ("All Council members except X"), as the table reader expands them and the
renderer writes them back."""

from __future__ import annotations

import datetime
from functools import lru_cache

from repertoire.read import decisions, names
from repertoire.records import Speaker
from repertoire.reference import patterns, states
from repertoire.rules.council import sitting


def member_names(note: str) -> list[Speaker]:
    """Council members listed in a speakers note ("Albania, …, and United States.")."""
    return [Speaker(name, list(behalf)) for name, behalf in _listed_members(note)]


@lru_cache(maxsize=256)
def _listed_members(note: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    # One note serves many meetings of a section: read it once.
    if not note or decisions.is_vote_note(note):
        return ()
    listed = names.split(note)
    # A list note names States; a prose note ("X was represented by its Minister …") does not.
    known = sum(names.is_known(n.name) for n in listed)
    if not listed or known * 2 < len(listed) or any(len(n.name.split()) > 6 for n in listed):
        return ()
    if len(listed) > decisions.MOST_VOTERS:
        return ()  # more names than ever sat on the Council: no list of its members
    return tuple((n.name, tuple(n.on_behalf_of)) for n in listed)


def all_members(
    words: str, day: datetime.date | None, year: int | None, note: str = ""
) -> list[Speaker] | None:
    """The members "All Council members" or "all Council members except Ghana and Japan"
    stand for: every member of the Council of ``day`` (of ``year`` when the day is unknown)
    but those left out. A ``note`` that lists members gives what they spoke on behalf of;
    one it names that did not sit is kept, for the rules to report. None when the words
    say no such thing or the Council of that day is not known."""
    match = patterns.compiled("speakers", "all_members").match(words)
    seated = sitting(day, year)
    if match is None or seated is None:
        return None
    out = {states.short_name(n.name) for n in names.split(match.group("left_out") or "")}
    behalf = {states.short_name(s.name): s for s in member_names(note)}
    spoke: list[Speaker] = []
    for member in seated.members:
        if member not in out:
            named = behalf.pop(member, None)
            spoke.append(Speaker(member, named.on_behalf_of if named else []))
    return spoke + [s for key, s in behalf.items() if key not in out]
