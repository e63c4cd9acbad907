"""The Library's veto list: one row per draft rejected by a permanent member's negative vote.

Columns (found by their headings): the date, the draft (a symbol, or the record of the
meeting where a draft was put orally), the meeting record(s), the agenda item and the
permanent member(s) casting the negative vote, one per line or joined by commas and "and".
"""

from __future__ import annotations

from typing import Final

from lxml import etree

from repertoire.official import html
from repertoire.official.common import (
    Findings,
    find_symbols,
    parse_date,
    split_names,
)
from repertoire.official.records import Attestation, OfficialFile, OfficialVeto

KIND: Final = "library-vetoes"
_NEEDED: Final = ("date", "draft", "members")


def looks_like(root: etree._Element | None, tables: list[etree._Element] | None = None) -> bool:
    """Whether a parsed page holds the Library's list of vetoes (its headings or title;
    ``tables``: its tables, if listed already)."""
    return html.has_table(root, 8, ("members", "draft"), "veto_title", tables)


def read(raw: bytes, path: str) -> OfficialFile:
    return read_tree(html.parse(raw), raw, path)


def read_tree(
    root: etree._Element | None,
    raw: bytes,
    path: str,
    tables: list[etree._Element] | None = None,
) -> OfficialFile:
    return html.read_tables(
        root, raw, path, KIND, _table, "a veto list (date, draft, permanent member)", tables
    )


def _table(
    table: etree._Element,
    _number: int,
    tree: etree._ElementTree,
    result: OfficialFile,
    findings: Findings,
) -> bool:
    all_rows = html.rows(table)
    start, columns = next(
        ((i + 1, c) for i, tr in enumerate(all_rows) if (c := html.heading(tr))), (0, None)
    )
    if columns is None or any(f not in columns.values() for f in _NEEDED):
        return False
    body, width = html.body(all_rows, start)
    for row in html.grid(body, columns, width):
        veto = _veto(row, tree, result.path, findings)
        if veto is not None:
            result.vetoes.append(veto)
    return True


def _veto(
    row: html.Row, tree: etree._ElementTree, path: str, findings: Findings
) -> OfficialVeto | None:
    own = row.own
    if not own or (len(own) == 1 and html.cell_span(own[0], "colspan") > 1):
        return None
    cells = {name: html.cell(element) for name, element in row.cells.items()}
    line = row.tr.sourceline or 1
    for found in cells.values():
        html.check_links(found, findings)
    date_text = cells["date"].plain if "date" in cells else ""
    date = parse_date(date_text)
    draft_symbols = [s for s, _, _ in find_symbols(cells["draft"].text)] if "draft" in cells else []
    if not date_text and not draft_symbols:
        return None
    if date is None:
        findings.warning(
            line,
            "official-date",
            f"veto of {draft_symbols[0] if draft_symbols else 'a draft'}: "
            f"date {date_text!r} is in no known style",
        )
    records = [s for s, _, _ in find_symbols(cells["record"].text)] if "record" in cells else []
    members = []
    for text in cells["members"].lines() if "members" in cells else []:
        members.extend(split_names(text))
    agenda = cells["topic"].plain if "topic" in cells else None
    draft_cell = cells.get("draft")
    return OfficialVeto(
        date=date,
        date_text=date_text,
        draft=draft_symbols[0]
        if draft_symbols
        else (draft_cell.plain if draft_cell else None) or None,
        records=records,
        agenda=agenda or None,
        members=members,
        attestation=Attestation(KIND, path, line, row.number, tree.getpath(row.tr)),
    )
