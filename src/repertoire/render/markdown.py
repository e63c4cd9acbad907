"""Markdown in the Repertoire's own form, written so that the parser reads it back.

Superscript footnote markers, ``^a`` note markers and definitions, bold
heading and caption, a pipe table whose header starts with "Meeting record
and date", and every document symbol a link to the UN document system.
Characters that the parser would take for markup are written as HTML
character references, which it turns back into the characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from repertoire.read import symbols
from repertoire.read.layout import Kind, Line, classify
from repertoire.read.text import SUPERSCRIPT_DIGITS, SUPERSCRIPT_LETTERS
from repertoire.records import Document, Section
from repertoire.render.plan import (
    COLUMN_TITLES,
    FootnoteMark,
    Inline,
    Link,
    NoteMark,
    Plan,
    Text,
    plan,
)

_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
# A label never holds "[": a run of them is rejected in one pass.
_LINK_LIKE = re.compile(r"\[[^\[\]\n]*\]\(|\[\^\d")
_RISKY = re.compile(
    r"(?P<amp>&(?=#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z]+;))"
    r"|(?P<lt><(?=/?\s*[A-Za-z]))"
    r"|(?P<backslash>\\(?=[\\`*_{}\[\]()#+\-.!|<>~'\"]|$))"
    rf"|(?P<digit>[{SUPERSCRIPT_DIGITS}])"
    rf"|(?P<letter>[{SUPERSCRIPT_LETTERS}])"
    r"|(?P<caret>\^(?=[A-Za-z0-9]))"
    r"|(?P<star>\*)"
    r"|(?P<bracket>\[)"
    r"|(?P<pipe>\|)"
    # A space before punctuation or after "(" would be squeezed out.
    r"|(?P<punct>(?<= )[,;.:)])"
    r"|(?P<paren>\((?= ))"
)


def escape(text: str, *, pipe: bool = False, brackets: bool = False, stars: bool = False) -> str:
    """``text`` with every character the parser would read as markup made literal.

    Brackets and asterisks are kept as they are unless they could open a link
    or an emphasis; ``brackets`` and ``stars`` force it, for text that stands
    next to others in one line.
    """
    brackets = brackets or bool(_LINK_LIKE.search(text))
    stars = stars or text.count("*") > 1

    def replace(match: re.Match[str]) -> str:
        kind = match.lastgroup
        char = match.group()
        if (kind == "bracket" and not brackets) or (kind == "star" and not stars):
            return char
        if kind == "pipe":
            return "\\|" if pipe else char
        return f"&#{ord(char)};"

    return _RISKY.sub(replace, text)


def _guard_line(line: str) -> str:
    """A paragraph whose first characters look like a heading, caption or row is kept text."""
    if not line or classify(Line(1, 0, line))[0] is Kind.TEXT:
        return line
    return f"&#{ord(line[0])};{line[1:]}"


def inline(pieces: Inline, *, pipe: bool = False) -> str:
    out: list[str] = []
    previous_mark = False
    links = any(isinstance(piece, Link) for piece in pieces)
    stars = sum(piece.text.count("*") for piece in pieces if isinstance(piece, Text)) > 1
    for piece in pieces:
        if isinstance(piece, Text):
            out.append(escape(piece.text, pipe=pipe, brackets=links, stars=stars))
        elif isinstance(piece, Link):
            out.append(f"[{escape(piece.label, pipe=pipe)}]({symbols.url(piece.symbol)})")
        elif isinstance(piece, FootnoteMark):
            # Two superscript runs side by side would read as one number.
            if previous_mark:
                out.append(f"<sup>{piece.number}</sup>")
            else:
                out.append(str(piece.number).translate(_TO_SUPERSCRIPT))
        elif isinstance(piece, NoteMark):
            out.append(f" ^{piece.letter}")
        previous_mark = isinstance(piece, FootnoteMark)
    return "".join(out)


def _joined(parts: Sequence[Inline]) -> Inline:
    joined: Inline = []
    for part in parts:
        joined += [Text(" "), *part] if joined else part
    return joined


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.strip() or " " for cell in cells) + " |"


def section_markdown(layout: Plan) -> str:
    blocks: list[str] = []
    if layout.heading:
        blocks.append(f"**{escape(layout.heading)}**")
    blocks.extend(_guard_line(inline(pieces)) for _, pieces in layout.before)
    for number, pieces in layout.footnotes:
        blocks.append(f"{str(number).translate(_TO_SUPERSCRIPT)} {inline(pieces)}")
    if layout.rows:
        if layout.caption:
            blocks.append(f"**{escape(layout.caption)}**")
        lines = [_row(COLUMN_TITLES), _row(["---"] * len(COLUMN_TITLES))]
        for row in layout.rows:
            cells = [_joined(parts) for parts in row.cells]
            lines.append(_row([inline(cell, pipe=True) for cell in cells]))
        blocks.append("\n".join(lines))
    for letter, pieces in layout.notes:
        blocks.append(f"^{letter} {inline(pieces)}")
    blocks.extend(_guard_line(inline(pieces)) for _, pieces in layout.after)
    return "\n\n".join(blocks) + "\n"


def render_markdown(item: Section | Document) -> str:
    if isinstance(item, Section):
        return section_markdown(plan(item))
    parts = [section_markdown(plan(s)) for s in item.sections]
    return "\n".join(parts)
