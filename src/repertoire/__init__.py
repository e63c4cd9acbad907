"""repertoire: the Repertoire of the Practice of the Security Council as checked data."""

from __future__ import annotations

from repertoire.read.pipeline import check, parse, parse_file
from repertoire.records import Document, Finding, Section

__all__ = ["Document", "Finding", "Section", "check", "parse", "parse_file"]
