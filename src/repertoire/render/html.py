"""A section as HTML: a standalone printable page, or a fragment for the explorer.

All source text is escaped; the only markup is the page's own. Footnote
markers link to their footnotes and back, note letters to their notes, and
document symbols to the UN document system (or, for meeting records, to a
page that the caller chooses).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from repertoire.findings import within_lines
from repertoire.read import symbols
from repertoire.records import Document, Finding, Paragraph, Section
from repertoire.render.plan import (
    COLUMN_TITLES,
    FootnoteMark,
    Inline,
    Link,
    NoteMark,
    Plan,
    Row,
    Text,
    plan,
)

SECTION_STYLE = """
:root { --ink: #1d2430; --muted: #5b6472; --rule: #c9ced6; --accent: #0b5cad;
  --error: #b3261e; --warning: #8a5a00; --info: #35618f; }
.rp-section { font-family: Georgia, "Times New Roman", serif; color: var(--ink); }
.rp-section a { color: var(--accent); }
.rp-section h1 { font-size: 1.5rem; margin: 0 0 1rem; }
.rp-caption { font-size: 1.1rem; font-style: italic; margin: 2rem 0 .5rem; }
.rp-block { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
.rp-with-findings .rp-block { grid-template-columns: minmax(0, 1fr) 17rem; }
.rp-block p { margin: 0 0 .9rem; text-align: justify; hyphens: auto; }
.rp-footnotes { border-top: 1px solid var(--rule); margin-top: 1.5rem; padding-top: .75rem;
  font-size: .85rem; }
.rp-footnotes p { text-align: left; }
.rp-fn-number { display: inline-block; min-width: 2.2rem; font-weight: bold; }
.rp-section sup { line-height: 0; font-size: .7em; vertical-align: super; }
.rp-section sup.rp-note { font-style: italic; }
.rp-fn-next::before { content: ","; }
.rp-meetings { border-collapse: collapse; width: 100%; font: .8rem/1.35 system-ui, sans-serif; }
.rp-meetings th { font-style: italic; font-weight: normal; text-align: left;
  border-bottom: 2px solid var(--ink); padding: .3rem; vertical-align: bottom; }
.rp-meetings td { border-bottom: 1px solid var(--rule); padding: .35rem .3rem;
  vertical-align: top; }
.rp-meetings td > div + div { margin-top: .35rem; }
.rp-notes { font-size: .85rem; margin-top: .75rem; }
.rp-notes p { margin: 0 0 .4rem; text-align: left; }
.rp-findings { font: .75rem/1.35 system-ui, sans-serif; }
.rp-finding { border-left: 3px solid var(--info); padding: .15rem .5rem; margin: 0 0 .4rem;
  background: #f3f6fa; }
.rp-finding.error { border-color: var(--error); background: #fbeeed; }
.rp-finding.warning { border-color: var(--warning); background: #fbf5e8; }
.rp-finding code { font-size: .7rem; color: var(--muted); }
.rp-fn-missing { color: var(--error); }
.rp-scroll { max-width: 100%; overflow-x: auto; }
.rp-scroll .rp-meetings { min-width: 44rem; }
@media (max-width: 48rem) {
  /* Findings go below the text they concern; the text keeps the width of the screen. */
  .rp-with-findings .rp-block { grid-template-columns: minmax(0, 1fr); gap: .3rem; }
  .rp-block p { text-align: left; hyphens: manual; }
  .rp-findings { margin-bottom: .9rem; }
}
@media print {
  .rp-section a { color: inherit; text-decoration: none; }
  .rp-meetings { font-size: 8pt; }
  .rp-block, tr { break-inside: avoid; }
}
"""

PAGE_STYLE = """
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #1d2430;
  max-width: 72rem; margin: 2rem auto; padding: 0 1.5rem; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } }
"""
STYLE = PAGE_STYLE + SECTION_STYLE


def _default_url(symbol: str) -> str:
    return symbols.url(symbol)


@dataclass(slots=True)
class HtmlOptions:
    """How links are made and whether findings stand beside the text."""

    document_url: Callable[[str], str] = _default_url
    # Where a meeting record links to (the meeting's own page, say); None from the
    # callable, or no callable, links to the document system.
    meeting_url: Callable[[str], str | None] | None = None
    findings: Sequence[Finding] | None = None
    heading_level: int = 1


@dataclass(slots=True)
class _Page:
    """What the pieces of one section share while they are written."""

    options: HtmlOptions
    ids: set[str] = field(default_factory=set)  # anchors already given
    footnotes: frozenset[int] = frozenset()  # footnotes the section defines


def _href(piece: Link, options: HtmlOptions) -> tuple[str, str]:
    """Where a link goes, and its class: a meeting's page here, or the document system."""
    if options.meeting_url is not None and piece.symbol.upper().startswith("S/PV."):
        here = options.meeting_url(piece.symbol)
        if here:
            return here, "rp-meeting-link"
    return options.document_url(piece.symbol), "rp-doc"


def _inline(pieces: Inline, page: _Page) -> str:
    out: list[str] = []
    previous: object = None
    for piece in pieces:
        if isinstance(piece, Text):
            out.append(escape(piece.text))
        elif isinstance(piece, Link):
            href, kind = _href(piece, page.options)
            out.append(f'<a class="{kind}" href="{escape(href)}">{escape(piece.label)}</a>')
        elif isinstance(piece, FootnoteMark):
            # Markers side by side are told apart by a comma (see the stylesheet).
            kind = "rp-fn rp-fn-next" if isinstance(previous, FootnoteMark) else "rp-fn"
            if piece.number not in page.footnotes:
                # No footnote to go to: the number stands, marked, and links nowhere.
                out.append(
                    f'<sup class="{kind} rp-fn-missing" title="footnote {piece.number} is not '
                    f'in the text">{piece.number}</sup>'
                )
                previous = piece
                continue
            anchor = f"fnref-{piece.number}"
            id_attr = "" if anchor in page.ids else f' id="{anchor}"'
            page.ids.add(anchor)
            out.append(
                f'<sup class="{kind}"{id_attr}><a href="#fn-{piece.number}">{piece.number}</a>'
                "</sup>"
            )
        elif isinstance(piece, NoteMark):
            letter = escape(piece.letter)
            out.append(f' <sup class="rp-note"><a href="#note-{letter}">{letter}</a></sup>')
        previous = piece
    return "".join(out)


def _findings_html(found: Sequence[Finding]) -> str:
    if not found:
        return ""
    items = "".join(
        f'<div class="rp-finding {escape(f.severity)}" data-line="{f.line}">'
        f"<code>{escape(f.severity)}[{escape(f.code)}] line {f.line}</code><br>"
        f"{escape(f.message)}</div>"
        for f in found
    )
    return f'<aside class="rp-findings">{items}</aside>'


@dataclass(slots=True)
class _Anchors:
    """Places in the section that findings can stand beside, by first source line."""

    places: list[tuple[int, str]] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)
    citing: dict[int, str] = field(default_factory=dict)

    def assign(self, findings: Sequence[Finding]) -> dict[str, list[Finding]]:
        by_place: dict[str, list[Finding]] = {}
        ordered = [(line, key) for line, key in sorted(self.places) if line]
        lines = [line for line, _ in ordered]
        for finding in findings:
            key = None
            if finding.footnote is not None:
                # A footnote never defined has no block of its own: its citing paragraph stands in.
                key = self.footnotes.get(finding.footnote) or self.citing.get(finding.footnote)
            if key is None:
                # The last place that starts on or before the finding's line.
                index = bisect.bisect_right(lines, finding.line) - 1
                key = ordered[index][1] if index >= 0 else "heading"
            by_place.setdefault(key, []).append(finding)
        return by_place


def _anchors(section: Section) -> _Anchors:
    anchors = _Anchors([(section.span.line, "heading")])
    for index, paragraph in enumerate(section.paragraphs):
        anchors.places.append((paragraph.span.line, f"p{index}"))
        for number in paragraph.footnotes:
            anchors.citing.setdefault(number, f"p{index}")
    for footnote in section.footnotes:
        anchors.places.append((footnote.span.line, f"fn{footnote.number}"))
        anchors.footnotes.setdefault(footnote.number, f"fn{footnote.number}")
    for index, meeting in enumerate(section.meetings):
        anchors.places.append((meeting.span.line, f"m{index}"))
    for letter in section.table_notes:
        span = section.note_spans.get(letter)
        if span is not None:
            anchors.places.append((span.line, f"n{letter}"))
    return anchors


def _block(body: str, aside: str, attrs: str = "") -> str:
    return f'<div class="rp-block"{attrs}>{body}{aside}</div>\n'


def _table(layout: Plan, page: _Page, found: dict[str, list[Finding]]) -> str:
    show = any(key.startswith("m") for key in found)
    head = "".join(f"<th>{escape(title)}</th>" for title in COLUMN_TITLES)
    if show:
        head += "<th>Findings</th>"
    groups: list[list[Row]] = []
    for row in layout.rows:
        if row.first or not groups:
            groups.append([row])
        else:
            groups[-1].append(row)
    indexes: dict[int, int] = {}
    for i, meeting in enumerate(layout.section.meetings):
        indexes.setdefault(id(meeting), i)
    body: list[str] = []
    for group in groups:
        index = indexes.get(id(group[0].meeting), -1)
        cells: list[str] = []
        for column in range(len(COLUMN_TITLES)):
            parts = [_inline(part, page) for row in group for part in row.cells[column]]
            cells.append("".join(f"<div>{part}</div>" for part in parts))
        if show:
            cells.append(_findings_html(found.get(f"m{index}", [])))
        record = escape(group[0].meeting.record)
        decided = len(group[0].meeting.decisions)
        body.append(
            f'<tr id="m{index}" data-record="{record}" data-decisions="{decided}">'
            + "".join(f"<td>{cell}</td>" for cell in cells)
            + "</tr>"
        )
    # Wide on a narrow screen: the table scrolls inside its own box, not the page.
    return (
        f'<div class="rp-scroll"><table class="rp-meetings"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>\n"
    )


def section_html(section: Section, options: HtmlOptions | None = None) -> str:
    """The section as an HTML fragment (an ``<article>``)."""
    options = options or HtmlOptions()
    layout = plan(section)
    found = _anchors(section).assign(options.findings) if options.findings is not None else {}
    page = _Page(options, footnotes=frozenset(f.number for f in section.footnotes))
    level = max(1, min(options.heading_level, 5))
    classes = "rp-section rp-with-findings" if options.findings is not None else "rp-section"
    out = [f'<article class="{classes}">\n']
    heading = escape(layout.heading or "Untitled section")
    out.append(_block(f"<h{level}>{heading}</h{level}>", _findings_html(found.get("heading", []))))
    paragraph_index = {id(p): i for i, p in enumerate(section.paragraphs)}

    def paragraphs(items: list[tuple[Paragraph, Inline]]) -> None:
        for paragraph, pieces in items:
            key = f"p{paragraph_index[id(paragraph)]}"
            out.append(
                _block(
                    f"<p>{_inline(pieces, page)}</p>",
                    _findings_html(found.get(key, [])),
                    f' id="{key}" data-line="{paragraph.span.line}"',
                )
            )

    paragraphs(layout.before)
    if layout.footnotes:
        out.append('<section class="rp-footnotes">\n')
        for number, pieces in layout.footnotes:
            text = _inline(pieces, page)
            number_link = f'<a class="rp-fn-number" href="#fnref-{number}">{number}</a>'
            out.append(
                _block(
                    f'<p id="fn-{number}">{number_link} {text}</p>',
                    _findings_html(found.get(f"fn{number}", [])),
                )
            )
        out.append("</section>\n")
    if layout.rows:
        caption = escape(layout.caption or "Meetings")
        out.append(f'<h{level + 1} class="rp-caption">{caption}</h{level + 1}>\n')
        out.append(_table(layout, page, found))
    if layout.notes:
        out.append('<section class="rp-notes">\n')
        for letter, pieces in layout.notes:
            safe = escape(letter)
            out.append(
                _block(
                    f'<p id="note-{safe}"><sup class="rp-note">{safe}</sup> '
                    f"{_inline(pieces, page)}</p>",
                    _findings_html(found.get(f"n{letter}", [])),
                )
            )
        out.append("</section>\n")
    paragraphs(layout.after)
    out.append("</article>\n")
    return "".join(out)


def page(title: str, body: str) -> str:
    """A standalone page: no external stylesheet, script, font or image."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def render_html(item: Section | Document, options: HtmlOptions | None = None) -> str:
    if isinstance(item, Section):
        title = f"{item.number}. {item.title}" if item.number else item.title or "Section"
        return page(title, section_html(item, options))
    bodies = []
    for index, section in enumerate(item.sections):
        section_options = options
        if options is not None and options.findings is not None:
            following = (
                item.sections[index + 1].span.line if index + 1 < len(item.sections) else None
            )
            section_options = HtmlOptions(
                options.document_url,
                options.meeting_url,
                [*section.findings, *within_lines(options.findings, section.span.line, following)],
                options.heading_level,
            )
        bodies.append(section_html(section, section_options))
    first = item.sections[0] if item.sections else None
    title = f"{first.number}. {first.title}" if first and first.number else item.source
    return page(title, "".join(bodies))
