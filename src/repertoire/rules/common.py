"""What the rules share: name canonicalisation, the sitting Council, a findings report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from repertoire.records import Finding, Severity, Span
from repertoire.reference import council, states

Locate = Callable[[int], tuple[int, int]]


def canonical(name: str) -> str:
    """The Repertoire's short name of a State, or the name as written when unknown."""
    return states.canonical(name) or name


@lru_cache(maxsize=1024)
def sitting(year: int, day: dt.date | None = None) -> Mapping[str, bool]:
    """Members on ``day`` (or for ``year``) by short name, with whether the seat is permanent."""
    if day is not None and day.year == year:
        terms = [m for m in council.all_terms() if m.sits_on(day)]
    else:
        terms = council.members(year)
    return MappingProxyType({m.state: m.permanent for m in terms})


@dataclass(slots=True)
class Report:
    """Collects findings at source offsets."""

    locate: Locate
    findings: list[Finding] = field(default_factory=list)

    def add(
        self, severity: Severity, offset: int, code: str, message: str, footnote: int | None = None
    ) -> None:
        line, column = self.locate(offset)
        self.findings.append(Finding(code, severity, message, line, column, footnote))

    def error(self, span: Span, code: str, message: str, footnote: int | None = None) -> None:
        self.add("error", span.start, code, message, footnote)

    def warning(self, span: Span, code: str, message: str, footnote: int | None = None) -> None:
        self.add("warning", span.start, code, message, footnote)

    def info(self, span: Span, code: str, message: str, footnote: int | None = None) -> None:
        self.add("info", span.start, code, message, footnote)
