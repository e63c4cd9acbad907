"""The one pager of the explorer's pages: which rows of a long list a page shows.

A page number out of range shows the first page; ``repertoire_paging.html`` links the
pages before and after, keeping what else the address asks for (``base``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Rows of a long list shown on one page.
PAGE = 100


@dataclass(frozen=True, slots=True)
class Paging:
    page: int
    pages: int
    total: int
    size: int = PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def paging(total: int, asked: int, size: int = PAGE) -> Paging:
    """The page asked for (1 when out of range) of a list of ``total`` rows, ``size`` a page."""
    pages = max(1, math.ceil(total / size))
    return Paging(asked if 1 <= asked <= pages else 1, pages, total, size)
