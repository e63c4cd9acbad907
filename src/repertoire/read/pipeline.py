"""The reading pipeline: the stages that make a :class:`Document` of a text, in order.

The order is written once, as data: :data:`STAGES` for the document and
:data:`SECTION_STAGES` for each section, lists of (name, function) pairs run
one after the other on a :class:`State`. Adding, removing or moving a stage is
one line here.

``parse`` never raises on text: whatever is wrong with the input becomes a
finding and whatever could be read is returned.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Final

from repertoire import rules
from repertoire.findings import Locate, Report
from repertoire.read import checks, footnotes, symbols
from repertoire.read.layout import Block, Kind, Layout, Line, lay_out
from repertoire.read.sentences import sentence_bounds, sentence_span
from repertoire.read.source import LARGEST_INPUT, InputError, decode, read_input
from repertoire.read.table import TableReader
from repertoire.read.text import LONGEST_NUMBER, Mapped, Marker, clean
from repertoire.records import Document, Finding, Footnote, Paragraph, Section, Span
from repertoire.reference import patterns

# What may close a sentence after its end mark; the end is read from the text's end back.
_CLOSERS: Final = "\"”’')]"
_END_MARKS: Final = frozenset(".!?:")
_HEADING_NUMBER: Final = re.compile(r"^[#*\s]*\d{1,3}(?:\.\d{1,2})?\.?\s*")
# Longer than any sentence of the Repertoire: a footnote's sentence beyond it is not kept.
LONGEST_SENTENCE: Final = 4000
# Called for every span: looked up once, not on the module each time.
_after: Final = bisect.bisect_right
_YEAR_IN_TEXT: Final = re.compile(
    r"\b(?:In|During|in|during|throughout|Throughout)\s+((?:19|20)\d{2})\b"
)


def locator(lines: list[Line]) -> Locate:
    """A source offset to its 1-based (line, column), for a text of these lines."""
    starts = [line.start for line in lines]
    last = len(starts) - 1
    # The line of the offset located last: spans are mostly made in the order of the text,
    # many on one line, and an offset on that line is located without a search.
    hint = [0]

    # A plain function, not an object's __call__: a parse locates every span it makes.
    def locate(offset: int) -> tuple[int, int]:
        if not starts:
            return 1, 1
        index = hint[0]
        if offset < starts[index] or (index < last and offset >= starts[index + 1]):
            index = _after(starts, offset) - 1
            if index < 0:
                index = 0
            hint[0] = index
        return index + 1, offset - starts[index] + 1

    return locate


@dataclass(slots=True, init=False)
class SectionBlocks:
    """The blocks under one heading (``heading`` is None for text before the first)."""

    heading: Block | None
    blocks: list[Block] = field(default_factory=list)

    # Written out: compiled, the class's own __init__ is a native constructor (see Mapped).
    def __init__(self, heading: Block | None, blocks: list[Block] | None = None) -> None:
        self.heading = heading
        self.blocks = [] if blocks is None else blocks


@dataclass(slots=True)
class State:
    """What the stages of one parse share: the document they fill and what a stage leaves
    for a later one."""

    document: Document
    layout: Layout = field(default_factory=lambda: Layout([]))
    locate: Locate = field(default_factory=lambda: locator([]))
    report: Report = field(default_factory=Report)  # findings about the whole document
    groups: list[SectionBlocks] = field(default_factory=list)
    last_line: int = 0  # the last line that holds text
    sentences: dict[int, str | None] = field(default_factory=dict)  # footnote -> its sentence
    clauses: dict[int, str | None] = field(default_factory=dict)  # footnote -> its clause
    cited: list[tuple[int, int]] = field(default_factory=list)  # (footnote, source offset)


Stage = Callable[[State], None]
SectionStage = Callable[[State, SectionBlocks, Section], None]


# -- the document's stages -------------------------------------------------------


def _lay_out(state: State) -> None:
    """Lines and blocks (:mod:`repertoire.read.layout`), and where each line starts."""
    state.layout = lay_out(state.document.text)
    state.locate = locator(state.layout.lines)
    state.report = Report(state.locate, state.document.findings)
    # Read from the end back: lines are numbered in order, so the first that holds text is it.
    state.last_line = next(
        (line.number for line in reversed(state.layout.lines) if line.raw.strip()), 0
    )


def _group(state: State) -> None:
    """Blocks grouped under the headings that open sections."""
    for block in state.layout.blocks:
        if block.kind is Kind.HEADING:
            state.groups.append(SectionBlocks(block))
        else:
            if not state.groups:
                state.groups.append(SectionBlocks(None))
            state.groups[-1].blocks.append(block)
    if state.groups and state.groups[0].heading is None:
        state.report.add(
            "warning",
            state.groups[0].blocks[0].first.start,
            "no-section",
            "text before any section heading ('11. Title'); it is read as an untitled section",
        )


def _read_sections(state: State) -> None:
    """Each section through :data:`SECTION_STAGES`."""
    for group in state.groups:
        section = _empty_section(group, state.locate)
        for _name, stage in SECTION_STAGES:
            stage(state, group, section)
        state.document.sections.append(section)


def _rehome(state: State) -> None:
    """Footnotes gathered at the end of a file belong to the section that cites them."""
    _rehome_footnotes(state.document)


def _sentences(state: State) -> None:
    """Each footnote's citing sentence, wherever it is cited from."""
    for section in state.document.sections:
        for footnote in section.footnotes:
            footnote.sentence = state.sentences.get(footnote.number)
            footnote.clause = state.clauses.get(footnote.number)


def _rules(state: State) -> None:
    """The Council's rules (:mod:`repertoire.rules`)."""
    rules.apply(state.document, state.report)


def _checks(state: State) -> None:
    """Structural checks of the text (:mod:`repertoire.read.checks`)."""
    checks.run(state.document, state.layout, state.report, state.cited)


# -- each section's stages -------------------------------------------------------


def _empty_section(group: SectionBlocks, locate: Locate) -> Section:
    first = group.heading.first if group.heading is not None else group.blocks[0].first
    end = first.end if group.heading is not None else first.start
    return Section("", "", span=Span(*locate(first.start), first.start, end))


def _heading(state: State, group: SectionBlocks, section: Section) -> None:
    """The section's number and title."""
    if group.heading is not None:
        section.number = group.heading.label
        title = _HEADING_NUMBER.sub("", clean(group.heading.mapped()).text)
        section.title = title.strip(" *#")


def _caption(state: State, group: SectionBlocks, section: Section) -> None:
    """The year, from the table's caption ("Meetings: ..., 2023")."""
    caption = next((b for b in group.blocks if b.kind is Kind.CAPTION), None)
    if caption is not None and (match := patterns.caption(caption.first.raw.strip())):
        section.year = int(match.group("year"))


def _narrative(state: State, group: SectionBlocks, section: Section) -> None:
    """Paragraphs, their citations and footnote markers; the year, if no caption gave it."""
    section.paragraphs = _paragraphs(group.blocks, state)
    if section.year is None:
        section.year = _year_from_text(section.paragraphs)


def _notes(state: State, group: SectionBlocks, section: Section) -> None:
    """The table's lettered notes."""
    report = Report(state.locate, section.findings)
    for block in group.blocks:
        if block.kind is not Kind.NOTE:
            continue
        if block.label in section.table_notes:
            message = f"table note {block.label} is defined twice"
            report.add("warning", block.first.start, "note-duplicate", message)
            continue
        text = clean(block.mapped(), footnotes=False, notes=False).text
        start = block.first.start
        section.table_notes[block.label] = text
        section.note_spans[block.label] = Span(*state.locate(start), start, block.lines[-1].end)


def _table(state: State, group: SectionBlocks, section: Section) -> None:
    """The meetings table (:mod:`repertoire.read.table`)."""
    reader = TableReader(section.year, Report(state.locate, section.findings), section.table_notes)
    for block in group.blocks:
        if block.kind in (Kind.ROW, Kind.RULE):
            reader.add(block)
        elif block.kind is Kind.CAPTION and (match := patterns.caption(block.first.raw)):
            reader.videoconferences = match.group("what") == "Videoconferences"
    reader.finish(state.last_line)
    section.meetings = reader.meetings()


def _footnotes(state: State, group: SectionBlocks, section: Section) -> None:
    """Footnotes: their citations, "Ibid." and the positions they attribute."""
    read = [footnotes.read(b, state.locate) for b in group.blocks if b.kind is Kind.FOOTNOTE]
    section.footnotes = [footnote for footnote, _ in read]
    footnotes.resolve_ibid(read, Report(state.locate, section.findings))
    records = frozenset(m.record for m in section.meetings)
    for footnote, text in read:
        footnotes.read_positions(footnote, text, state.report, records)


# The order of the stages, written once.
STAGES: list[tuple[str, Stage]] = [
    ("layout", _lay_out),
    ("sections", _group),
    ("read", _read_sections),
    ("rehome", _rehome),
    ("sentences", _sentences),
    ("rules", _rules),
    ("checks", _checks),
]

SECTION_STAGES: list[tuple[str, SectionStage]] = [
    ("heading", _heading),
    ("caption", _caption),
    ("narrative", _narrative),
    ("notes", _notes),
    ("table", _table),
    ("footnotes", _footnotes),
]


def parse(text: str, source: str | None = None) -> Document:
    """Read the text of one or more Repertoire sections into a :class:`Document`."""
    document = Document(source or "<text>", text=text)
    if not text.strip():
        Report(findings=document.findings).add("error", 0, "empty-input", "the input is empty")
        return document
    state = State(document)
    for _name, stage in STAGES:
        stage(state)
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
    A device (``/dev/zero``), a pipe (which would wait for a writer) or a socket is
    never opened, and a file larger than :data:`LARGEST_INPUT` is not read: each is
    a document with one error finding.
    """
    path = Path(path)
    try:
        data = read_input(path)
    except InputError as error:
        return _failed(path, error.code, str(error))
    return parse_bytes(data, str(path))


def parse_stream(stream: BinaryIO, source: str = "<stdin>") -> Document:
    """Read a stream (standard input) of at most :data:`LARGEST_INPUT` bytes."""
    data = stream.read(LARGEST_INPUT + 1)
    if len(data) > LARGEST_INPUT:
        return _failed(source, "too-large", f"{source} is larger than {LARGEST_INPUT:,} bytes")
    return parse_bytes(data, source)


def failed(source: str, error: BaseException) -> Document:
    """The document of an input the reader itself failed on: one error, so a batch goes on.

    ``parse`` is meant never to raise; should it, the callers that read many
    files (``check``, ``load``) report that file with this and read the others.
    """
    message = f"the reader failed on this file ({type(error).__name__}: {error}); it was skipped"
    return _failed(source, "internal-error", message)


def _failed(source: str | Path, code: str, message: str) -> Document:
    report = Report()
    report.add("error", 0, code, message)
    return Document(str(source), findings=report.findings)


def unreadable(path: str | Path, error: OSError) -> Document:
    """A document standing for a file that could not be read: one error finding."""
    path = Path(path)
    if isinstance(error, IsADirectoryError) or path.is_dir():
        return _failed(path, "not-a-file", f"{path} is a directory, not a text file")
    return _failed(path, "unreadable", f"cannot read {path}: {error.strerror or error}")


def check(document: Document) -> list[Finding]:
    """All findings of a parsed document, in source order."""
    return document.all_findings()


def _year_from_text(paragraphs: list[Paragraph]) -> int | None:
    for paragraph in paragraphs:
        if match := _YEAR_IN_TEXT.search(paragraph.text):
            return int(match.group(1))
    return None


# -- paragraphs ----------------------------------------------------------------


def _paragraphs(blocks: list[Block], state: State) -> list[Paragraph]:
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
    return [_paragraph(Mapped.join(parts), state) for parts in pieces if parts]


def _continues(previous: str, following: str, interrupted: bool) -> bool:
    """Whether ``following`` carries on the sentence that ``previous`` left open."""
    # Read from the end back: a pattern searched from the start would try every full stop.
    tail = previous[:-1] if previous.endswith("\n") else previous  # "$" matches there too
    if tail.rstrip(_CLOSERS)[-1:] in _END_MARKS:
        return False
    if following[:1].islower() or interrupted:
        return True
    # The last word, found from the end: a pattern searched from the start would
    # scan a long word once per character.
    words = previous.rsplit(None, 1)
    return bool(words and words[-1][:1].islower())


def _paragraph(text: Mapped, state: State) -> Paragraph:
    marks: list[Marker] = []
    links: list[int] = []
    overlong: list[Marker] = []
    for mark in text.markers:  # one pass sorts them by kind
        kind = mark.kind
        if kind == "footnote":
            marks.append(mark)
        elif kind == "link":
            links.append(mark.position)
        elif kind == "overlong":
            overlong.append(mark)
    cited = [symbol.symbol for symbol in symbols.find(text.text, frozenset(links))]
    for mark in overlong:
        state.report.add(
            "error",
            mark.origin,
            "footnote-range",
            f"a footnote marker of {mark.value} superscript digits: no footnote number "
            f"has more than {LONGEST_NUMBER}; it is kept as text",
        )
    start = text.source(0)
    # Arguments in order, none by keyword nor spread: compiled, such a call is a plain one.
    line, column = state.locate(start)
    span = Span(line, column, start, text.source(len(text) - 1) + 1)
    paragraph = Paragraph(
        text.text, [int(m.value) for m in marks], list(dict.fromkeys(cited)), span
    )
    bounds = sentence_bounds(text.text) if marks else []
    previous = 0  # where the words that the next marker closes begin
    for mark in marks:
        number = int(mark.value)
        state.cited.append((number, mark.origin))
        start, end = sentence_span(text.text, mark.position, bounds)
        if number not in state.sentences:
            # Each footnote keeps its own copy of its sentence: one that runs on for pages
            # (text with no full stops) is not kept, or the copies would outgrow the text.
            long = end - start > LONGEST_SENTENCE
            state.sentences[number] = None if long else text.text[start:end].strip()
            # The clause: from the marker before it in the same sentence, else the
            # sentence's start, to the marker.
            begin = max(start, previous)
            state.clauses[number] = (
                None if long else text.text[begin : mark.position].strip(" ,;:") or None
            )
        previous = mark.position
    return paragraph


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
        keep: list[Footnote] = []
        for footnote in section.footnotes:
            owner = citer.get(footnote.number, section)
            (keep if owner is section else owner.footnotes).append(footnote)
        section.footnotes = keep
    for section in document.sections:
        section.footnotes.sort(key=lambda f: f.span.start)
