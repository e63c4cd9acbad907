"""Findings: the one way that the reading stages, the rules and the checks make one.

A :class:`Report` turns a source offset into the line and column of the
finding; whoever reports into it decides where its findings go (a section's
own, or the document's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from repertoire.records import Finding, Severity, Span

# A source offset to its 1-based (line, column).
Locate = Callable[[int], tuple[int, int]]


def _first_place(_offset: int) -> tuple[int, int]:
    return 1, 1


@dataclass(slots=True)
class Report:
    """Collects findings at source offsets (at line 1, column 1 when nothing locates them)."""

    locate: Locate = _first_place
    findings: list[Finding] = field(default_factory=list)

    def add(
        self, severity: Severity, offset: int, code: str, message: str, footnote: int | None = None
    ) -> None:
        line, column = self.locate(offset)
        self.at(severity, line, column, code, message, footnote)

    def at(
        self,
        severity: Severity,
        line: int,
        column: int,
        code: str,
        message: str,
        footnote: int | None = None,
    ) -> None:
        """A finding at a line and column already known (a place in bytes not yet decoded)."""
        self.findings.append(Finding(code, severity, message, line, column, footnote))

    def error(self, span: Span, code: str, message: str, footnote: int | None = None) -> None:
        self.add("error", span.start, code, message, footnote)

    def warning(self, span: Span, code: str, message: str, footnote: int | None = None) -> None:
        self.add("warning", span.start, code, message, footnote)

    def info(self, span: Span, code: str, message: str, footnote: int | None = None) -> None:
        self.add("info", span.start, code, message, footnote)


def within_lines(findings: Sequence[Finding], start: int, end: int | None) -> list[Finding]:
    """The findings from line ``start`` up to (not including) line ``end`` (None: the end)."""
    return [f for f in findings if f.line >= start and (end is None or f.line < end)]
