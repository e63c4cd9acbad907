"""Small hand-made sections for table-driven tests."""

from __future__ import annotations

from repertoire.render.plan import COLUMN_TITLES

HEADER = "\t".join(f"<i>{c}</i>" for c in COLUMN_TITLES)


def row(
    record: str = "",
    sub: str = "",
    other: str = "",
    r37: str = "",
    r39: str = "",
    speakers: str = "",
    decision: str = "",
) -> str:
    return "\t".join((record, sub, other, r37, r39, speakers, decision))


def section(
    *,
    number: str = "5",
    title: str = "The question concerning Freedonia",
    year: int = 2023,
    narrative: list[str] | None = None,
    footnotes: dict[int, str] | None = None,
    rows: list[str] | None = None,
    notes: dict[str, str] | None = None,
) -> str:
    """A section: heading, narrative, footnotes, caption, table, notes."""
    parts = [f"{number}. {title}"]
    parts.extend(narrative or ["During the period under review, the Council held one meeting.¹"])
    sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    for n, text in (footnotes if footnotes is not None else {1: "See S/PV.100."}).items():
        parts.append(f"{str(n).translate(sup)} {text}")
    parts.append(f"Meetings: {title}, {year}")
    table = [
        HEADER,
        *(rows if rows is not None else [row("S/PV.100 3 March", "Report (S/2023/1)")]),
    ]
    parts.append("\n".join(table))
    for letter, text in (notes or {}).items():
        parts.append(f"^{letter} {text}")
    return "\n\n".join(parts) + "\n"
