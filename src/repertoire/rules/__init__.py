"""Stage 5, apply the Council's rules to what was read (membership, votes, positions)."""

from __future__ import annotations

from collections.abc import Callable

from repertoire.records import Document

Locate = Callable[[int], tuple[int, int]]


def apply(document: Document, locate: Locate) -> None:
    """Fill what the rules imply and add the findings where text and rules disagree."""
