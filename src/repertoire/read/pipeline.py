"""The reading pipeline: decode → lay out → find → resolve → apply rules → check.

``parse`` never raises on text: whatever is wrong with the input becomes a
finding and whatever could be read is returned.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from repertoire.read import checks, footnotes, symbols
from repertoire.read.layout import Block, Kind, Layout, Line, lay_out
from repertoire.read.table import TableReader
from repertoire.read.text import Mapped, clean
from repertoire.records import Document, Finding, Paragraph, Section, Span
from repertoire.reference import patterns

_TERMINAL = re.compile(r"[.!?:][\"”’')\]]*$")
_LAST_WORD = re.compile(r"(\S+)$")
_BOUNDARY = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[A-Z“\"(\d])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:paras?|Nos?|Mr|Mrs|Ms|Dr|St|vol|arts?|sects?|chaps?|pp?|e\.g|i\.e|cf|Jr|Sr)|\b[A-Z])\.$"
)
_HEADING_NUMBER = re.compile(r"^[#*\s]*\d{1,3}(?:\.\d{1,2})?\.?\s*")
_YEAR_IN_TEXT = re.compile(r"\b(?:In|During|in|during|throughout|Throughout)\s+((?:19|20)\d{2})\b")


@dataclass(slots=True)
class _Locator:
    starts: list[int]

    @classmethod
    def of(cls, lines: list[Line]) -> _Locator:
        return cls([line.start for line in lines])

    def __call__(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return index + 1, offset - self.starts[index] + 1 if self.starts else 1


@dataclass(slots=True)
class _Reading:
    """What the stages of one parse share besides the document."""

    locate: _Locator
    last_line: int
    sentences: dict[int, str] = field(default_factory=dict)  # footnote -> citing sentence
    texts: dict[int, Mapped] = field(default_factory=dict)  # footnote -> its cleaned text
    cited: list[tuple[int, int]] = field(default_factory=list)  # (footnote, source offset)


@dataclass(slots=True)
class _SectionBlocks:
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, list[Finding]]:
    """Text of the bytes; invalid UTF-8 is reported with its byte offset and replaced."""
    findings: list[Finding] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        findings.append(
            Finding(
                "binary-input", "error", "input looks binary (NUL bytes), not converted text", 1, 1
            )
        )
        return "", findings
    try:
        return data.decode("utf-8"), findings
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        findings.append(
            Finding(
                "invalid-utf8",
                "error",
                f"invalid UTF-8 at byte offset {error.start} ({error.reason}); "
                "bad bytes were replaced with U+FFFD",
                line,
                column,
            )
        )
        return data.decode("utf-8", errors="replace"), findings


def parse(text: str, source: str | None = None) -> Document:
    """Read the text of one or more Repertoire sections into a :class:`Document`."""
    document = Document(source or "<text>", text=text)
    if not text.strip():
        document.findings.append(Finding("empty-input", "error", "the input is empty", 1, 1))
        return document
    layout = lay_out(text)
    locate = _Locator.of(layout.lines)
    groups = _sections(layout)
    if groups and groups[0].heading is None:
        first = groups[0].blocks[0].first
        document.findings.append(
            Finding(
                "no-section",
                "warning",
                "text before any section heading ('11. Title'); it is read as an untitled section",
                first.number,
                1,
            )
        )
    last_line = max((line.number for line in layout.lines if line.raw.strip()), default=0)
    reading = _Reading(locate, last_line)
    for group in groups:
        document.sections.append(_section(group, reading))
    _rehome_footnotes(document)
    for section in document.sections:
        for footnote in section.footnotes:
            footnote.sentence = reading.sentences.get(footnote.number)
    from repertoire import rules

    rules.apply(document, locate, reading.texts)
    checks.run(document, layout, locate, reading.cited)
    return document


def parse_bytes(data: bytes, source: str | None = None) -> Document:
    text, findings = decode(data)
    document = parse(text, source) if text or not findings else Document(source or "<bytes>")
    document.findings[:0] = findings
    return document


def parse_file(path: str | Path) -> Document:
    """Read a file; what is wrong with its text becomes findings.

    A path that cannot be opened raises as ``open`` would (``FileNotFoundError``,
    ``IsADirectoryError``, ``PermissionError``); :func:`unreadable` turns such an
    error into a document whose one finding says so, as the command line reports it.
    """
    path = Path(path)
    return parse_bytes(path.read_bytes(), str(path))


def unreadable(path: str | Path, error: OSError) -> Document:
    """A document standing for a file that could not be read: one error finding."""
    path = Path(path)
    if isinstance(error, IsADirectoryError) or path.is_dir():
        code, message = "not-a-file", f"{path} is a directory, not a text file"
    else:
        code, message = "unreadable", f"cannot read {path}: {error.strerror or error}"
    return Document(str(path), findings=[Finding(code, "error", message, 1, 1)])


def check(document: Document) -> list[Finding]:
    """All findings of a parsed document, in source order."""
    return document.all_findings()


# -- sections ----------------------------------------------------------------


def _sections(layout: Layout) -> list[_SectionBlocks]:
    groups: list[_SectionBlocks] = []
    for block in layout.blocks:
        if block.kind is Kind.HEADING:
            groups.append(_SectionBlocks(block))
        else:
            if not groups:
                groups.append(_SectionBlocks(None))
            groups[-1].blocks.append(block)
    return groups


def _section(group: _SectionBlocks, reading: _Reading) -> Section:
    locate = reading.locate
    heading = group.heading
    if heading is not None:
        title = _HEADING_NUMBER.sub("", clean(heading.mapped()).text)
        section = Section(
            heading.label,
            title.strip(" *#"),
            span=Span(*locate(heading.first.start), heading.first.start, heading.first.end),
        )
    else:
        first = group.blocks[0].first
        section = Section("", "", span=Span(*locate(first.start), first.start, first.start))
    caption = next((b for b in group.blocks if b.kind is Kind.CAPTION), None)
    if caption is not None and (match := patterns.caption(caption.first.raw.strip())):
        section.year = int(match.group("year"))
    section.paragraphs = _paragraphs(group.blocks, reading)
    if section.year is None:
        section.year = _year_from_text(section.paragraphs)
    notes: list[Block] = [b for b in group.blocks if b.kind is Kind.NOTE]
    for block in notes:
        text = clean(block.mapped(), footnotes=False, notes=False).text
        span = Span(*locate(block.first.start), block.first.start, block.lines[-1].end)
        if block.label in section.table_notes:
            line, column = locate(block.first.start)
            section.findings.append(
                Finding(
                    "note-duplicate",
                    "warning",
                    f"table note {block.label} is defined twice",
                    line,
                    column,
                )
            )
            continue
        section.table_notes[block.label] = text
        section.note_spans[block.label] = span
    reader = TableReader(section.year, locate)
    for block in group.blocks:
        if block.kind in (Kind.ROW, Kind.RULE):
            reader.add(block)
        elif block.kind is Kind.CAPTION and (match := patterns.caption(block.first.raw)):
            reader.videoconferences = match.group("what") == "Videoconferences"
    reader.finish(reading.last_line)
    section.meetings = reader.meetings(section.table_notes)
    section.findings.extend(reader.findings)
    read = [footnotes.read(b, locate) for b in group.blocks if b.kind is Kind.FOOTNOTE]
    section.footnotes = [f for f, _ in read]
    reading.texts.update((f.number, text) for f, text in read)
    section.findings.extend(footnotes.resolve_ibid(read, locate))
    return section


def _year_from_text(paragraphs: list[Paragraph]) -> int | None:
    for paragraph in paragraphs:
        if match := _YEAR_IN_TEXT.search(paragraph.text):
            return int(match.group(1))
    return None


# -- paragraphs ----------------------------------------------------------------


def _paragraphs(blocks: list[Block], reading: _Reading) -> list[Paragraph]:
    """Narrative paragraphs, joined again where a page break cut them."""
    pieces: list[list[Mapped]] = []
    interrupted = False
    for block in blocks:
        if block.kind is Kind.FOOTNOTE:
            interrupted = True
            continue
        if block.kind is not Kind.TEXT:
            if block.kind in (Kind.CAPTION, Kind.ROW):
                interrupted = False
                pieces.append([])  # nothing continues across the table
            continue
        text = clean(block.mapped())
        if not text.text:
            continue
        if pieces and pieces[-1] and _continues(pieces[-1][-1].text, text.text, interrupted):
            pieces[-1].append(text)
        else:
            pieces.append([text])
        interrupted = False
    return [_paragraph(Mapped.join(parts), reading) for parts in pieces if parts]


def _continues(previous: str, following: str, interrupted: bool) -> bool:
    """Whether ``following`` carries on the sentence that ``previous`` left open."""
    if _TERMINAL.search(previous):
        return False
    if following[:1].islower() or interrupted:
        return True
    last = _LAST_WORD.search(previous)
    return bool(last and last.group(1)[:1].islower())


def _paragraph(text: Mapped, reading: _Reading) -> Paragraph:
    links = frozenset(m.position for m in text.markers if m.kind == "link")
    cited = [symbol.symbol for symbol in symbols.find(text.text, links)]
    marks = [m for m in text.markers if m.kind == "footnote"]
    start = text.source(0)
    paragraph = Paragraph(
        text=text.text,
        footnotes=[int(m.value) for m in marks],
        citations=list(dict.fromkeys(cited)),
        span=Span(*reading.locate(start), start, text.source(len(text) - 1) + 1),
    )
    bounds = sentence_bounds(text.text) if marks else []
    for mark in marks:
        reading.cited.append((int(mark.value), mark.origin))
        reading.sentences.setdefault(int(mark.value), sentence_at(text.text, mark.position, bounds))
    return paragraph


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Where sentences of ``text`` end: (end of the sentence, start of the next)."""
    return [
        (m.start(), m.end())
        for m in _BOUNDARY.finditer(text)
        if not _ABBREVIATION.search(text, max(0, m.start() - 8), m.start())
    ]


def sentence_at(text: str, position: int, bounds: list[tuple[int, int]] | None = None) -> str:
    """The sentence of ``text`` in which ``position`` (a footnote marker) stands."""
    bounds = sentence_bounds(text) if bounds is None else bounds
    start = max((end for _, end in bounds if end <= position), default=0)
    end = min((begin for begin, _ in bounds if begin >= position), default=len(text))
    return text[start:end].strip()


def _rehome_footnotes(document: Document) -> None:
    """Footnotes gathered at the end of a file belong to the section that cites them."""
    if len(document.sections) < 2:
        return
    citer: dict[int, Section] = {}
    for section in document.sections:
        for paragraph in section.paragraphs:
            for number in paragraph.footnotes:
                citer.setdefault(number, section)
    for section in document.sections:
        keep = []
        for footnote in section.footnotes:
            owner = citer.get(footnote.number, section)
            (keep if owner is section else owner.footnotes).append(footnote)
        section.footnotes = keep
    for section in document.sections:
        section.footnotes.sort(key=lambda f: f.span.start)
