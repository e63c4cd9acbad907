"""What the rules share: the sitting Council."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from repertoire.reference import council


@lru_cache(maxsize=1024)
def sitting(year: int, day: dt.date | None = None) -> Mapping[str, bool]:
    """Members on ``day`` (or for ``year``) by short name, with whether the seat is permanent."""
    if day is not None and day.year == year:
        terms = [m for m in council.all_terms() if m.sits_on(day)]
    else:
        terms = council.members(year)
    return MappingProxyType({m.state: m.permanent for m in terms})
