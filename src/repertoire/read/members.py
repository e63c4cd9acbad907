"""Council members listed by name in a table note ("Albania, …, and United States."),
as the table reader expands a count of members and the renderer writes it back."""

from __future__ import annotations

from functools import lru_cache

from repertoire.read import decisions, names
from repertoire.records import Speaker


def member_names(note: str) -> list[Speaker]:
    """Council members listed in a speakers note ("Albania, …, and United States.")."""
    return [Speaker(name, list(behalf)) for name, behalf in _listed_members(note)]


@lru_cache(maxsize=256)
def _listed_members(note: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    # One note serves many meetings of a section: read it once.
    if not note or decisions.vote_lists(note) is not None:
        return ()
    listed = names.split(note)
    # A list note names States; a prose note ("X was represented by its Minister …") does not.
    known = sum(names.is_known(n.name) for n in listed)
    if not listed or known * 2 < len(listed) or any(len(n.name.split()) > 6 for n in listed):
        return ()
    if len(listed) > decisions.MOST_VOTERS:
        return ()  # more names than ever sat on the Council: no list of its members
    return tuple((n.name, tuple(n.on_behalf_of)) for n in listed)
