"""The readers of official files, one entry per kind, and how a file's kind is found.

Each :class:`Reader` names its kind, says what it reads, tells from a :class:`Head` (the
views of a file that detection has already made: its first character, first line, first
element, parsed page) whether a file is of its kind, and reads it. Adding a source is one
entry in :data:`READERS`. Every reader is asked about every file, so their order means
nothing: exactly one must claim a file; two claiming one is reported, never settled by
whichever comes first. (Which value wins where sources differ is the evidence rule of the
merged record, :mod:`repertoire.rules.evidence`, not an order of readers.)

    >>> sorted(claims(Head(b"# a README")))
    []
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from lxml import etree

from repertoire.official import akn, html, library, library_vetoes, texts, unxml, vetoes_csv
from repertoire.official.records import KINDS, OfficialFile

# A byte-order mark, perhaps itself saved twice over ("ï»¿"), and blanks before the content.
_MARKS: Final = "\ufeff\u00ef\u00bb\u00bf \t\r\n"
# Detection looks at most this far into a file.
_HEAD: Final = 65536
# Comments, processing instructions, CDATA and declarations before the first element, or
# the first element's name (prefix apart).
_MARKUP: Final = re.compile(
    rb"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<![^>]*>|<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)",
    re.DOTALL,
)
_UNSET: Final = object()


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


class Head:
    """A file's bytes and the views detection takes of them, each made once, when a reader
    first asks (so a page is parsed at most once, for detection and reading alike)."""

    __slots__ = ("_line", "_page", "_start", "_tables", "_tag", "_veto_list", "raw")

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self._start: str | None = None
        self._line: str | None = None
        self._tag: object = _UNSET
        self._page: object = _UNSET
        self._tables: list[etree._Element] | None = None
        self._veto_list: bool | None = None

    @property
    def start(self) -> str:
        """The first character of the content ("{" for JSON, "<" for markup; "" if none).
        A short head is decoded first: decoding 64 KB of each of thousands of small files
        costs more than reading them."""
        if self._start is None:
            start = decode(self.raw[:4096]).lstrip(_MARKS)[:1]
            if not start and len(self.raw) > 4096:
                start = decode(self.raw[:_HEAD]).lstrip(_MARKS)[:1]
            self._start = start
        return self._start

    @property
    def markup(self) -> bool:
        return self.start == "<"

    @property
    def first_line(self) -> str:
        """The first line that is not blank, without marks and blanks around it."""
        if self._line is None:
            self._line = ""
            for line in io.StringIO(decode(self.raw[:_HEAD])):
                if line.strip(_MARKS):
                    self._line = line.strip(_MARKS)
                    break
        return self._line

    @property
    def first_tag(self) -> str | None:
        """The local name of a markup file's first element, found without parsing it (a
        parser started on each of thousands of small files costs more than reading them)."""
        if self._tag is _UNSET:
            self._tag = None
            if self.markup:
                for match in _MARKUP.finditer(self.raw, 0, _HEAD):
                    if match.group(1):
                        self._tag = match.group(1).decode("ascii", "replace")
                        break
        return self._tag  # type: ignore[return-value]

    @property
    def page(self) -> etree._Element | None:
        """The file parsed as an HTML page (``None`` if nothing could be read)."""
        if self._page is _UNSET:
            self._page = html.parse(self.raw)
        return self._page

    @property
    def tables(self) -> list[etree._Element]:
        """The page's tables (none if it could not be read), listed once for detection and
        reading alike."""
        if self._tables is None:
            page = self.page
            self._tables = html.tables(page) if page is not None else []
        return self._tables

    @property
    def veto_list(self) -> bool:
        """Whether the page is the Library's veto list (asked by two readers: looked once)."""
        if self._veto_list is None:
            self._veto_list = library_vetoes.looks_like(self.page, self.tables)
        return self._veto_list

    @property
    def akn(self) -> bool:
        """Whether the file's first element is an Akoma Ntoso document."""
        return self.first_tag == akn.ROOT


@dataclass(frozen=True, slots=True)
class Reader:
    """One kind of official file: its name, what it is, whether a file is one, and its reading."""

    kind: str
    description: str
    looks_like: Callable[[Head], bool]
    read: Callable[[Head, str], OfficialFile]


def _read_draft(head: Head, path: str) -> OfficialFile:
    tree, errors = akn.parse(head.raw)
    result = akn.read_tree(tree, errors, path)
    result.texts = texts.of_draft(tree, path)
    return result


def _is_text(head: Head) -> bool:
    return texts.looks_like(head.raw[:_HEAD])


# A library page is any markup but an Akoma Ntoso document (which is never parsed as HTML).
READERS: dict[str, Reader] = {
    reader.kind: reader
    for reader in (
        Reader(
            unxml.KIND,
            "UNxml resolutions, one JSON object per line",
            lambda h: h.start == "{" and unxml.looks_like(h.first_line),
            lambda h, path: unxml.read(decode(h.raw), path),
        ),
        Reader(
            akn.KIND,
            "Akoma Ntoso (AKN4UN) XML of a draft or an adopted resolution",
            lambda h: h.markup and h.akn and not _is_text(h),
            _read_draft,
        ),
        Reader(
            texts.KIND,
            "the full text of an adopted resolution or presidential statement (AKN4UN XML)",
            lambda h: h.markup and h.akn and _is_text(h),
            lambda h, path: texts.read(h.raw, path),
        ),
        Reader(
            library.KIND,
            "the Library's yearly table of meetings (HTML)",
            # A veto list also has topic and record columns: a meetings page is not one.
            lambda h: (
                h.markup and not h.akn and library.looks_like(h.page, h.tables) and not h.veto_list
            ),
            lambda h, path: library.read_tree(h.page, h.raw, path, h.tables),
        ),
        Reader(
            library_vetoes.KIND,
            "the Library's veto list (HTML)",
            lambda h: h.markup and not h.akn and h.veto_list,
            lambda h, path: library_vetoes.read_tree(h.page, h.raw, path, h.tables),
        ),
        Reader(
            vetoes_csv.KIND,
            "the vetoes CSV (one row per vetoed draft)",
            lambda h: h.start not in ("{", "<") and vetoes_csv.looks_like(h.first_line),
            lambda h, path: vetoes_csv.read(decode(h.raw), path),
        ),
    )
}


def is_text(raw: bytes) -> bool:
    """Whether bytes (a file's head will do) are those of a full text of a decision, by the
    text reader's own test."""
    head = Head(raw)
    return head.markup and head.akn and _is_text(head)


def claims(head: Head) -> list[str]:
    """The kinds whose readers claim the file (in :data:`KINDS` order, whatever the
    readers' order): one for a file of a known kind, none for another file."""
    found = {reader.kind for reader in READERS.values() if reader.looks_like(head)}
    return [kind for kind in KINDS if kind in found]
