"""Stage 3e and 4, find and resolve: footnote citations and "Ibid.".

"Ibid." is resolved in one ordered pass that remembers the last footnote's
first citation. A footnote with no citation breaks the chain: an "Ibid."
after it is left unresolved and reported, never attached to an older source.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from repertoire.read import symbols
from repertoire.read.layout import Block
from repertoire.read.text import Mapped, clean
from repertoire.records import Citation, Finding, Footnote, Span

_IBID = re.compile(r"^\s*(?:See\s+)?Ibid\.?,?", re.IGNORECASE)

Locate = Callable[[int], tuple[int, int]]


def span_of(text: Mapped, start: int, end: int, locate: Locate) -> Span:
    first = text.source(start)
    line, column = locate(first)
    return Span(line, column, first, text.source(max(start, end - 1)) + 1)


def read(block: Block, locate: Locate) -> tuple[Footnote, Mapped]:
    """A footnote block as a record with its citations (Ibid. not yet resolved)."""
    text = clean(block.mapped(), notes=False)
    links = frozenset(m.position for m in text.markers if m.kind == "link")
    footnote = Footnote(
        number=int(block.label),
        text=text.text,
        span=Span(*locate(block.first.start), block.first.start, block.lines[-1].end),
    )
    for found in symbols.find(text.text, links):
        footnote.citations.append(
            Citation(
                found.symbol,
                found.pinpoint,
                span_of(text, found.start, found.end, locate),
                found.joint,
            )
        )
    return footnote, text


def resolve_ibid(footnotes: list[tuple[Footnote, Mapped]], locate: Locate) -> list[Finding]:
    """Point every "Ibid." at the previous footnote's first citation."""
    findings: list[Finding] = []
    previous: Footnote | None = None
    for footnote, text in footnotes:
        match = _IBID.match(text.text)
        if match:
            antecedent = previous.citations[0] if previous and previous.citations else None
            if antecedent is None or previous is None:
                line, column = locate(footnote.span.start)
                findings.append(
                    Finding(
                        "ibid-unresolved",
                        "warning",
                        f"footnote {footnote.number} says 'Ibid.' but the footnote before it cites "
                        "no document",
                        line,
                        column,
                        footnote.number,
                    )
                )
            else:
                footnote.ibid_of = previous.number
                rest = text.text[match.end() :]
                pin, _ = symbols._pinpoint(", " + rest.lstrip(" ,"), 0)
                own = Citation(
                    antecedent.symbol,
                    pin
                    if pin is not None
                    else (antecedent.pinpoint if not rest.strip(" .") else None),
                    span_of(text, match.start(), match.end(), locate),
                    antecedent.joint,
                )
                footnote.citations.insert(0, own)
        previous = footnote
    return findings
