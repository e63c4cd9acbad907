"""Pieces of a table cell (an item of a list, a decision), known by their bounds in the
cell: their text, and their notes and source offsets read from the cell when asked, so that
cutting a cell into many pieces builds no offset map for each."""

from __future__ import annotations

from repertoire.read.text import Mapped


class Piece:
    """``cell.slice(start, end)`` without a map of its own (see the module notes)."""

    __slots__ = ("cell", "end", "start", "text")

    def __init__(self, cell: Mapped, start: int, end: int) -> None:
        self.cell = cell
        self.start = start
        self.end = end
        self.text = cell.text[start:end]

    @classmethod
    def stripped(cls, cell: Mapped, start: int, end: int) -> Piece:
        """The piece without the spaces around it (as ``cell.slice(start, end).strip()``)."""
        text = cell.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(cell, start, end)

    def __len__(self) -> int:
        return self.end - self.start

    def notes(self) -> list[str]:
        """Table-note letters that stood in the piece (ends included), in order, once each."""
        start, end = self.start, self.end
        return list(
            dict.fromkeys(
                m.value
                for m in self.cell.markers
                if m.kind == "note" and start <= m.position <= end
            )
        )

    def source(self, index: int = 0) -> int:
        """Source offset of the piece's character at ``index``, clamped (0 when empty)."""
        if self.start >= self.end:
            return 0
        return self.cell.source(min(max(self.start + index, self.start), self.end - 1))
