"""What each explorer page shows, read from the store's database.

Every function takes an open (read-only) connection and returns plain data
for a template; nothing here writes. Names of States are the store's
canonical short names, so a State page gathers every spelling of it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from repertoire.read import symbols
from repertoire.read.symbols import key as symbol_key
from repertoire.records import Section
from repertoire.reference import council, states
from repertoire.rules.council import sitting
from repertoire.store import queries
from repertoire.store.columns import query_rows
from repertoire.store.migrations import StoreError
from repertoire.store.records import meeting_from_db, section_rows
from repertoire.store.sources import has_official
from repertoire.web import urls
from repertoire.web.paging import paging

Rows = list[dict[str, Any]]


def cited_records(section: Section) -> set[str]:
    """The keys of the meeting records a section names: its table and its citations."""
    found = {symbol_key(m.record) for m in section.meetings}
    for paragraph in section.paragraphs:
        found.update(symbol_key(s) for s in paragraph.citations)
    for footnote in section.footnotes:
        found.update(symbol_key(c.symbol) for c in footnote.citations)
    return {key for key in found if key.startswith("S/PV.")}


def stored_meetings(conn: sqlite3.Connection, keys: set[str]) -> set[str]:
    """Which of the meeting record ``keys`` the store has a meeting for."""
    if not keys:
        return set()
    rows = conn.execute(
        "SELECT DISTINCT record_key FROM meetings WHERE record_key IN "
        "(SELECT value FROM json_each(?))",
        (json.dumps(sorted(keys)),),
    )
    return {row[0] for row in rows}


# -- home --------------------------------------------------------------------


# Rows of one list on a page: the lists of a large store come a page at a time.
PAGE_ROWS = 500


def home(conn: sqlite3.Connection, page: int = 1) -> dict[str, Any]:
    every = section_rows(conn)
    total = conn.execute("SELECT count(DISTINCT record_key) FROM meetings").fetchone()[0]
    pager = paging(max(len(every), total), page, PAGE_ROWS)
    offset = pager.offset
    shown = every[offset : offset + PAGE_ROWS]
    counted = _section_counts(conn, [row.id for row in shown])
    sections = []
    for row in shown:
        counts = counted.get(row.id, (0, 0, 0))
        sections.append(
            {
                "url": urls.section(row.id),
                "label": row.label,
                "document": row.document,
                "year": row.year,
                "meetings": counts[0],
                "decisions": counts[1],
                "footnotes": counts[2],
            }
        )
    members = query_rows(
        conn,
        "SELECT member AS name, count(*) AS votes FROM votes GROUP BY member ORDER BY member",
    )
    speakers = query_rows(
        conn,
        "SELECT state AS name, count(*) AS times FROM participants "
        "WHERE state IS NOT NULL AND spoke = 1 GROUP BY state ORDER BY state",
    )
    # A name a source lists as voting that is no State (a name split in two by its file,
    # which the audit reports) gets no place among the States.
    voters = {n for n in queries.voters(conn) if states.lookup(n) is not None}
    names = sorted({r["name"] for r in members} | {r["name"] for r in speakers} | voters)
    return {
        "record": council_record(conn),
        "sections": sections,
        "states": [{"name": n, "url": urls.state(n)} for n in names],
        "meetings": [
            {**m, "url": urls.meeting(m["record"])}
            for m in query_rows(
                conn,
                "SELECT record, date, kind FROM meetings GROUP BY record_key "
                "ORDER BY date, record LIMIT ? OFFSET ?",
                (PAGE_ROWS, offset),
            )
        ],
        "pager": pager,
    }


def council_record(conn: sqlite3.Connection) -> dict[str, Any]:
    """The way into the Council's record over every source: each year's decisions taken by
    vote and vetoes (the counts of ``repertoire votes --year``), where to search."""
    years = queries.votes_by_year(conn)
    official = has_official(conn)
    return {
        "years": [
            {**row, "url": "/repertoire/decisions_of_year?year=" + str(row["year"])}
            for row in years
        ],
        "decisions": sum(row["decisions"] for row in years),
        "vetoes": sum(row["vetoes"] or 0 for row in years),
        "official": official,
        # Datasette's full-text search of a table with an index of its words.
        "search": "/repertoire/official_decisions" if official else "/repertoire/paragraphs",
    }


# -- section -----------------------------------------------------------------


def section_head(conn: sqlite3.Connection, section_id: int) -> dict[str, Any] | None:
    rows = query_rows(
        conn,
        "SELECT s.id, s.number, s.title, s.year, d.name AS document, d.path "
        "FROM sections s JOIN documents d ON d.id = s.document_id WHERE s.id = ?",
        (section_id,),
    )
    return rows[0] if rows else None


# -- meeting -----------------------------------------------------------------


@dataclass(slots=True)
class GridRow:
    member: str
    permanent: bool
    url: str | None
    cells: list[dict[str, Any]] = field(default_factory=list)


def _section_counts(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """Meetings, decisions and footnotes of each section of ``ids``, in one query for the page."""
    rows = conn.execute(
        "SELECT s.value, "
        "(SELECT count(*) FROM meetings WHERE section_id = s.value), "
        "(SELECT count(*) FROM decisions WHERE section_id = s.value), "
        "(SELECT count(*) FROM footnotes WHERE section_id = s.value) "
        "FROM json_each(?) AS s",
        (json.dumps(ids),),
    )
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def _of_decisions(conn: sqlite3.Connection, sql: str, decisions: Rows) -> dict[int, Rows]:
    """The rows of ``sql`` (its ``decision_id`` among the ``?`` list) grouped by decision."""
    grouped: dict[int, Rows] = {}
    for row in query_rows(conn, sql, (json.dumps([d["id"] for d in decisions]),)):
        grouped.setdefault(row["decision_id"], []).append(row)
    return grouped


_IN_DECISIONS = "decision_id IN (SELECT value FROM json_each(?))"


_VOTE_LABEL = {"Y": "Y", "N": "N", "A": "A", "absent": "–"}


def vote_grid(
    conn: sqlite3.Connection, decisions: Rows, year: int | None, date: str | None
) -> list[GridRow]:
    """Council members × decisions: each member's vote, permanent seats and vetoes marked."""
    on_day = sitting(date, year)
    seated = dict(on_day.seats) if on_day else {}
    votes: dict[str, dict[int, dict[str, Any]]] = {}
    by_decision = _of_decisions(
        conn,
        f"SELECT decision_id, member, vote, veto, inferred FROM votes WHERE {_IN_DECISIONS} "
        "ORDER BY id",
        decisions,
    )
    for decision in decisions:
        for vote in by_decision.get(decision["id"], []):
            votes.setdefault(vote["member"], {})[decision["id"]] = vote
    names = list(seated) + sorted(m for m in votes if m not in seated)
    grid: list[GridRow] = []
    for name in sorted(names, key=states.normalise):
        row = GridRow(
            name, seated.get(name, False), urls.state(name) if states.canonical(name) else None
        )
        for decision in decisions:
            cast = votes.get(name, {}).get(decision["id"])
            value = cast["vote"] if cast else None
            row.cells.append(
                {
                    "value": _VOTE_LABEL.get(value or "", ""),
                    "vote": value or "none",
                    "veto": bool(cast and cast["veto"]),
                    "inferred": bool(cast and cast["inferred"]),
                }
            )
        grid.append(row)
    return grid


def _outcome(decision: dict[str, Any]) -> str:
    if decision["adopted"] is None:
        return "outcome not recorded"
    if decision["adopted"]:
        return "adopted"
    failure = decision["failure"]
    return f"not adopted ({failure})" if failure else "not adopted"


def meeting(conn: sqlite3.Connection, record: str) -> list[dict[str, Any]]:
    """Every stored copy of the meeting ``record`` (usually one), with all it says."""
    found = []
    for row in query_rows(
        conn,
        "SELECT m.*, s.number AS section_number, s.title AS section_title, s.year AS "
        "section_year FROM meetings m JOIN sections s ON s.id = m.section_id "
        "WHERE m.record_key = ? ORDER BY m.id",
        (symbol_key(record),),
    ):
        record_data = meeting_from_db(conn, row)
        participants = query_rows(
            conn, "SELECT * FROM participants WHERE meeting_id = ? ORDER BY ordinal", (row["id"],)
        )
        for person in participants:
            person["url"] = urls.state(person["state"]) if person["state"] else None
            person["on_behalf"] = [
                {"name": n, "url": urls.state(n) if states.canonical(n) else None}
                for n in (person["on_behalf_of"] or "").split("; ")
                if n
            ]
        by_basis = {
            basis: [p for p in participants if p["basis"] == basis]
            for basis in ("rule_37", "rule_39", "member")
        }
        decisions = query_rows(
            conn, "SELECT * FROM decisions WHERE meeting_id = ? ORDER BY ordinal", (row["id"],)
        )
        vetoes = _of_decisions(
            conn,
            f"SELECT decision_id, member FROM votes WHERE {_IN_DECISIONS} AND veto = 1 ORDER BY id",
            decisions,
        )
        submitters = _of_decisions(
            conn,
            f"SELECT decision_id, name FROM submitters WHERE {_IN_DECISIONS} ORDER BY ordinal",
            decisions,
        )
        for decision in decisions:
            decision["outcome"] = _outcome(decision)
            decision["vetoed_by"] = [v["member"] for v in vetoes.get(decision["id"], [])]
            decision["submitters"] = [s["name"] for s in submitters.get(decision["id"], [])]
            decision["label"] = decision["symbol"] or decision["draft"] or decision["kind"]
        notes = query_rows(
            conn,
            "SELECT DISTINCT t.letter, t.text FROM meeting_notes n JOIN table_notes t "
            "ON t.id = n.table_note_id WHERE n.meeting_id = ? ORDER BY n.id",
            (row["id"],),
        )
        agenda = _agenda(conn, row["id"])
        found.append(
            {
                "meeting": row,
                "record": record_data,
                "undocs": symbols.url(row["record"]),
                "section_url": urls.section(row["section_id"]),
                "section_label": f"{row['section_number']}. {row['section_title']}",
                "sub_items": [r for r in agenda if r["role"] == "sub_item"],
                "other_documents": [r for r in agenda if r["role"] == "other_document"],
                "participants": by_basis,
                "spoke": [p for p in participants if p["spoke"]],
                "decisions": decisions,
                "grid": vote_grid(conn, decisions, row["year"], row["date"]) if decisions else [],
                "notes": notes,
            }
        )
    return found


def merged_meeting(conn: sqlite3.Connection, record: str) -> dict[str, Any] | None:
    """The meeting ``record`` as the merged record holds it over every source, with its
    decisions: the page of a meeting that only the UN's official files state (None when
    no source states it)."""
    if not has_official(conn):
        return None
    key = symbol_key(record)
    rows = query_rows(
        conn,
        "SELECT record, date, item, sub_items, document, line, sources"
        " FROM council_meetings WHERE scope = 'all' AND key = ?",
        (key,),
    )
    decisions = query_rows(
        conn,
        "SELECT symbol, draft, kind, adopted, chapter_vii, votes_for, votes_against,"
        " votes_abstaining, vetoed_by, agenda, record, date, document, line, sources"
        " FROM council_decisions WHERE scope = 'all' AND record_key = ? ORDER BY date, key",
        (key,),
    )
    if not rows and not decisions:
        return None
    # A meeting known only from the decisions taken at it (a list of vetoes names the
    # meeting, no table of meetings lists it): as its first decision states it.
    meeting = rows[0] if rows else {**decisions[0], "item": decisions[0]["agenda"]}
    for decision in decisions:
        named = decision["symbol"] or decision["draft"]
        decision["label"] = named or decision["kind"]
        # A decision with no symbol, nor a draft's, has no page.
        decision["url"] = urls.decision(named) if named else None
        decision["vetoed_by"] = json.loads(decision["vetoed_by"] or "[]")
        decision["outcome"] = _outcome({**decision, "failure": None})
    return {
        **meeting,
        "record": meeting["record"] or record,
        "undocs": symbols.url(meeting["record"] or record),
        "sub_items": json.loads(meeting.get("sub_items") or "[]"),
        "sources": json.loads(meeting["sources"] or "[]"),
        "decision_rows": decisions,
    }


def _agenda(conn: sqlite3.Connection, meeting_id: int) -> Rows:
    return query_rows(
        conn,
        "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY role DESC, ordinal",
        (meeting_id,),
    )


# -- state -------------------------------------------------------------------


def _state_votes(conn: sqlite3.Connection, name: str) -> tuple[int, int]:
    """How many votes of ``name`` and vetoes by it the store records over every source: the
    counts of ``repertoire votes --member`` and ``--vetoed-by``."""
    try:
        return (
            queries.count(conn, "votes", member=name),
            queries.count(conn, "votes", vetoed_by=name),
        )
    except StoreError:  # a name no source gives a vote of
        return 0, 0


def state(conn: sqlite3.Connection, name: str, page: int = 1) -> dict[str, Any] | None:
    """Everything recorded about one State, a page of each list at a time; None when the
    name is no State and is not stored."""
    known = states.lookup(name)
    canonical = known.name if known else name
    terms = [
        {
            "name": term.name,
            "seat": "permanent" if term.permanent else "elected",
            "start": term.start.isoformat(),
            "end": term.end.isoformat() if term.end else "",
            "note": term.note,
        }
        for term in council.terms(canonical)
    ]
    counts = conn.execute(
        "SELECT (SELECT count(*) FROM positions WHERE delegation = :name), "
        "(SELECT count(*) FROM participants WHERE coalesce(state, name) = :name AND spoke = 1)",
        {"name": canonical},
    ).fetchone()
    votes, vetoes = _state_votes(conn, canonical)
    pager = paging(max(counts[0], counts[1]), page, PAGE_ROWS)
    window = (canonical, PAGE_ROWS, pager.offset)
    positions = query_rows(
        conn,
        "SELECT p.meeting_record AS record, p.through, p.on_behalf_of, p.sentence, "
        "f.number AS footnote, f.section_id, m.date FROM positions p "
        "JOIN footnotes f ON f.id = p.footnote_id LEFT JOIN meetings m ON m.id = p.meeting_id "
        "WHERE p.delegation = ? ORDER BY p.id LIMIT ? OFFSET ?",
        window,
    )
    for position in positions:
        position["meeting_url"] = urls.meeting(position["record"])
        position["footnote_url"] = urls.footnote(position["section_id"], position["footnote"])
    spoke = query_rows(
        conn,
        "SELECT m.record, m.date, m.kind, p.basis, p.on_behalf_of, s.title AS item, "
        "s.id AS section_id FROM participants p JOIN meetings m ON m.id = p.meeting_id "
        "JOIN sections s ON s.id = p.section_id WHERE coalesce(p.state, p.name) = ? "
        "AND p.spoke = 1 ORDER BY m.date, m.record LIMIT ? OFFSET ?",
        window,
    )
    for row in spoke:
        row["meeting_url"] = urls.meeting(row["record"])
        row["section_url"] = urls.section(row["section_id"])
    if known is None and not (votes or counts[0] or counts[1]):
        return None
    return {
        "name": canonical,
        "official_name": known.official_name if known else None,
        "iso3": known.iso3 if known else None,
        "terms": terms,
        "vetoes": vetoes,
        "positions": positions,
        "spoke": spoke,
        "counts": {"votes": votes, "positions": counts[0], "spoke": counts[1]},
        "pager": pager,
    }
