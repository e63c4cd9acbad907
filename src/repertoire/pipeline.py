"""The reading pipeline (being assembled)."""

from __future__ import annotations

from pathlib import Path

from repertoire.records import Document


def parse(text: str, source: str | None = None) -> Document:
    return Document(source or "<text>", text=text)


def parse_file(path: str | Path) -> Document:
    return parse(Path(path).read_text(encoding="utf-8"), str(path))


def check(document: Document) -> list:
    return document.all_findings()
