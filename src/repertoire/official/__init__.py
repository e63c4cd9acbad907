"""Readers of the Council's official record, as the UN publishes it.

One reader per kind of file, each recognised from the file's content (never its name):

- ``unxml-resolutions``: UNxml's resolutions, one JSON object per line (:mod:`.unxml`);
- ``akn4un``: Akoma Ntoso for the UN XML of a draft not adopted or a resolution (:mod:`.akn`);
- ``akn4un-text``: the full text of an adopted resolution or a statement by the President, in
  the same schema (:mod:`.texts`), told from a draft by its ``<statement name>``;
- ``library-meetings``: the Dag Hammarskjöld Library's yearly meetings tables (:mod:`.library`);
- ``library-vetoes``: the Library's veto list (:mod:`.library_vetoes`);
- ``vetoes-csv``: the vetoes CSV, one row per vetoed draft (:mod:`.vetoes_csv`).

Reading never raises on input: a broken file gives findings and whatever could be read.

    >>> from repertoire import official
    >>> found = official.read_bytes(b'{"symbol": "S/RES/1234 (2099)", "MS_in_favour": [],'
    ...     b' "MS_against": []}', "x.jsonl")
    >>> found.kind, found.decisions[0].symbol
    ('unxml-resolutions', 'S/RES/1234 (2099)')
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from repertoire.official import akn, html, library, library_vetoes, texts, unxml, vetoes_csv
from repertoire.official.common import Findings
from repertoire.official.records import (
    DESCRIPTIONS,
    KINDS,
    Attestation,
    DecisionText,
    OfficialDecision,
    OfficialFile,
    OfficialFinding,
    OfficialMeeting,
    OfficialVeto,
    Tally,
    TextParagraph,
)

__all__ = [
    "DESCRIPTIONS",
    "KINDS",
    "Attestation",
    "DecisionText",
    "OfficialDecision",
    "OfficialFile",
    "OfficialFinding",
    "OfficialMeeting",
    "OfficialVeto",
    "Tally",
    "TextParagraph",
    "detect",
    "files",
    "read",
    "read_bytes",
]


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


_MARKS = "\ufeff\u00ef\u00bb\u00bf \t\r\n"


def _first_line(text: str) -> str:
    for line in io.StringIO(text):
        if line.strip(_MARKS):
            return line.strip(_MARKS)
    return ""


# Comments, processing instructions, CDATA and declarations before the first element, or
# the first element's name (prefix apart).
_MARKUP = re.compile(
    rb"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<![^>]*>|<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)",
    re.DOTALL,
)


def _first_tag(raw: bytes) -> str | None:
    """The local name of the first element of a markup file, found without parsing it (a
    parser started on each of thousands of small files costs more than reading them)."""
    for match in _MARKUP.finditer(raw, 0, 65536):
        if match.group(1):
            return match.group(1).decode("ascii", "replace")
    return None


def detect(raw: bytes) -> str | None:
    """The kind of file ``raw`` is, from its content; ``None`` when it is none of :data:`KINDS`."""
    kind, _ = _detect(raw)
    return kind


def _detect(raw: bytes) -> tuple[str | None, etree._Element | None]:
    # A byte-order mark, perhaps itself saved twice over ("ï»¿"), may precede the content;
    # the first character after it tells markup from JSON. A short head is decoded first:
    # decoding 64 KB of each of thousands of small files costs more than reading them.
    start = decode(raw[:4096]).lstrip(_MARKS)[:1]
    if not start and len(raw) > 4096:
        start = decode(raw[:65536]).lstrip(_MARKS)[:1]
    if start == "{":
        line = _first_line(decode(raw[:65536]))
        return ("unxml-resolutions" if unxml.looks_like(line) else None), None
    if start == "<":
        if _first_tag(raw) == akn.ROOT:
            return ("akn4un-text" if texts.looks_like(raw[:65536]) else "akn4un"), None
        root = html.parse(raw)
        if library_vetoes.looks_like(root):
            return "library-vetoes", root
        if library.looks_like(root):
            return "library-meetings", root
        return None, root
    if vetoes_csv.looks_like(_first_line(decode(raw[:65536]))):
        return "vetoes-csv", None
    return None, None


def read_bytes(raw: bytes, path: str, kind: str | None = None) -> OfficialFile:
    """Read one file's bytes; ``kind`` forces a reader (one of :data:`KINDS`)."""
    root: etree._Element | None = None
    if kind is None:
        kind, root = _detect(raw)
    elif kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    if kind is None:
        findings = Findings(path)
        findings.warning(
            1,
            "official-kind",
            "the file is none of the kinds this reader knows ("
            + "; ".join(DESCRIPTIONS.values())
            + "); skipped",
        )
        return OfficialFile(path, None, findings=findings.items)
    if kind == "unxml-resolutions":
        return unxml.read(decode(raw), path)
    if kind == "akn4un":
        tree, errors = akn.parse(raw)
        result = akn.read_tree(tree, errors, path)
        result.texts = texts.of_draft(tree, path)
        return result
    if kind == "akn4un-text":
        return texts.read(raw, path)
    if kind == "vetoes-csv":
        return vetoes_csv.read(decode(raw), path)
    if root is None:
        root = html.parse(raw)
    if kind == "library-vetoes":
        return library_vetoes.read_tree(root, raw, path)
    return library.read_tree(root, raw, path)


def read(path: str | os.PathLike[str], kind: str | None = None) -> OfficialFile:
    """Read one file; an unreadable file gives a finding, not an exception."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        findings = Findings(name)
        findings.error(1, "official-io", f"cannot read the file: {error.strerror or error}")
        return OfficialFile(name, None, findings=findings.items)
    return read_bytes(raw, name, kind)


def files(paths: list[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files named, and those under the folders named (sorted, hidden ones left out)."""
    for path in map(Path, paths):
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path).parts
                if found.is_file() and not any(p.startswith(".") for p in relative):
                    yield found
        else:
            yield path
