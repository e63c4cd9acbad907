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

_NUMBER = re.compile(r"S/PV\.(\d+)", re.IGNORECASE)


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


_RESOLUTION = re.compile(r"S/RES/(\d+)", re.IGNORECASE)


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

    def _known(self, number: int, row: Hashable) -> set[str]:
        # A day stated by some other row than ``row``.
        return {
            day
            for day, rows in self._days.get(number, {}).items()
            if len(rows) > 1 or row not in rows
        }

    def fits(
        self, number: int | None, date: str | None, row: Hashable = None, own: bool = True
    ) -> bool:
        """Whether ``number`` on ``date`` agrees with the other statements: on a day stated
        for that number elsewhere, where there is one (``own``), else between the days of
        its nearest numbers below and above."""
        if number is None or not date:
            return True
        known = self._known(number, row) if own else set()
        if known:
            return date in known
        numbers = self._numbers
        at = bisect.bisect_left(numbers, number)
        # Walked outwards by index: a slice of every number would be copied on each call.
        lower = next(
            (d for i in range(at - 1, -1, -1) if (d := self._known(numbers[i], row))), None
        )
        upper = next(
            (
                d
                for i in range(at, len(numbers))
                if numbers[i] != number and (d := self._known(numbers[i], row))
            ),
            None,
        )
        return (lower is None or min(lower) <= date) and (upper is None or date <= max(upper))
