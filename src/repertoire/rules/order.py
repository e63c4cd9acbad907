"""Numbered things in order: meetings and resolutions are numbered as they come, so their
numbers and their days rise together. :class:`Timeline` holds the days the statements give
each number and says whether a number on a day fits the rest of the record; the merged
record's evidence (:mod:`repertoire.rules.evidence`) asks it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import Final

_NUMBER: Final = re.compile(r"S/PV\.(\d+)", re.IGNORECASE)


@lru_cache(maxsize=65536)
def meeting_number(record: str | None) -> int | None:
    """The number of a meeting's record ("S/PV.1234 (Resumption 1)": 1234)."""
    match = _NUMBER.match(record or "")
    return int(match[1]) if match else None


@lru_cache(maxsize=65536)
def resolution_number(symbol: str | None) -> int | None:
    """The number of a resolution's symbol ("S/RES/1234 (2099)": 1234)."""
    match = _RESOLUTION.match(symbol or "")
    return int(match[1]) if match else None


_RESOLUTION: Final = re.compile(r"S/RES/(\d+)", re.IGNORECASE)


class Timeline:
    """The days of numbered things (meetings, resolutions), by number, as the statements
    give them: numbers and days rise together.

    A statement is named by ``row`` so that a listing is never its own evidence.
    """

    def __init__(self, numbered: Iterable[tuple[int | None, str | None, Hashable]]) -> None:
        days: dict[int, dict[str, set[Hashable]]] = {}
        for number, date, row in numbered:
            if number is not None and date:
                days.setdefault(number, {}).setdefault(date, set()).add(row)
        self._days = days
        self._numbers = sorted(days)
        # Each number's first and last day, and every row stating any of its days: a row
        # that states none of them (most rows, for most numbers) sees them all, their
        # bounds known without a set made (see ``_bounds``).
        self._first_last: list[tuple[str, str]] = []
        self._rows: list[set[Hashable]] = []
        for number in self._numbers:
            stated = days[number]
            if len(stated) == 1:  # one day (most numbers): its rows as they are
                ((day, rows),) = stated.items()
                self._first_last.append((day, day))
                self._rows.append(rows)
            else:
                self._first_last.append((min(stated), max(stated)))
                self._rows.append(set().union(*stated.values()))
        self._at = {n: i for i, n in enumerate(self._numbers)}

    def _known(self, number: int, row: Hashable) -> set[str]:
        # A day stated by some other row than ``row``.
        return {
            day
            for day, rows in self._days.get(number, {}).items()
            if len(rows) > 1 or row not in rows
        }

    def _bounds(self, i: int, row: Hashable) -> tuple[str, str] | None:
        """The first and last day of the ``i``-th number stated by another row than
        ``row`` (``None``: none)."""
        if row not in self._rows[i]:
            return self._first_last[i]
        known = self._known(self._numbers[i], row)
        return (min(known), max(known)) if known else None

    def fits(
        self, number: int | None, date: str | None, row: Hashable = None, own: bool = True
    ) -> bool:
        """Whether ``number`` on ``date`` agrees with the other statements: on a day stated
        for that number elsewhere, where there is one (``own``), else between the days of
        its nearest numbers below and above."""
        if number is None or not date:
            return True
        at = self._at.get(number)
        if own and at is not None:
            if row not in self._rows[at]:
                return date in self._days[number]
            known = self._known(number, row)
            if known:
                return date in known
        numbers = self._numbers
        if at is None:
            at = bisect.bisect_left(numbers, number)
        # Walked outwards by index: a slice of every number would be copied on each call.
        lower = next((b for i in range(at - 1, -1, -1) if (b := self._bounds(i, row))), None)
        upper = next(
            (
                b
                for i in range(at, len(numbers))
                if numbers[i] != number and (b := self._bounds(i, row))
            ),
            None,
        )
        return (lower is None or lower[0] <= date) and (upper is None or date <= upper[1])
