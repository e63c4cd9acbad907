"""What the audit reads from the store: each source's statements of decisions, as stored.

Typed rows, built by column name, for :mod:`repertoire.official.audit`, which judges and
reconciles them. ``key`` keeps a question to the statements of one decision (for a page
about it); None reads every one. A store from before a table existed reads as none of it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, Final, TypeVar


@dataclass(frozen=True, slots=True)
class ReaderFinding:
    """What a reader found in an official file, where."""

    severity: str
    code: str
    message: str
    subject: str | None
    path: str
    line: int
    kind: str | None


# A decision as an official file states it: a plain row, each column at its place (an
# audit reads thousands, and an object made of each only to be read once cost more than
# the reading).
OfficialDecision = tuple[
    int,  # id
    str,  # source
    str,  # kind
    str | None,  # symbol
    str | None,  # symbol_key
    str | None,  # record
    str | None,  # date
    str | None,  # draft
    str | None,  # draft_key
    int | None,  # adopted
    int | None,  # votes_for
    int | None,  # votes_against
    int | None,  # votes_abstaining
    int | None,  # chapter_vii
    str,  # vetoed_by
    str,  # outcome_text
    str,  # path
    int,  # line
]


@dataclass(frozen=True, slots=True)
class RepertoireDecision:
    """A decision as a Repertoire section states it."""

    id: int
    kind: str
    symbol: str | None
    draft: str | None
    date: str | None
    adopted: int | None
    votes_for: int | None
    votes_against: int | None
    votes_abstaining: int | None
    vetoed: int
    chapter_vii: int | None
    record: str
    path: str
    line: int | None


@dataclass(frozen=True, slots=True)
class OfficialVeto:
    """A veto as an official list states it."""

    source: str
    date: str | None
    draft_key: str | None
    draft: str | None
    records: str
    members: str
    path: str
    line: int


Row = TypeVar("Row")


def _read(conn: sqlite3.Connection, kind: type[Row], sql: str, params: dict[str, Any]) -> list[Row]:
    """The rows of ``sql`` as ``kind``, each column given to the field of its name."""
    cursor = conn.execute(sql, params)
    names = tuple(d[0] for d in cursor.description)
    # The columns in the fields' order (every question here): each row as it comes.
    if names == tuple(getattr(kind, "__dataclass_fields__", ())):
        return [kind(*row) for row in cursor]
    return [kind(**dict(zip(names, row, strict=True))) for row in cursor]


def _tuples(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> sqlite3.Cursor:
    """The rows of ``sql`` as plain tuples, whatever rows the connection makes (a page's
    are ``sqlite3.Row``): what a typed row is taken apart as."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql, params)


def has(conn: sqlite3.Connection, table: str) -> bool:
    """Whether the store has ``table`` (a table or view)."""
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')", (table,)
        ).fetchone()
    )


def reader_findings(conn: sqlite3.Connection) -> list[ReaderFinding]:
    if not has(conn, "official_findings"):
        return []
    return _read(
        conn,
        ReaderFinding,
        "SELECT x.severity, x.code, x.message, x.subject, f.path, x.line, f.kind"
        " FROM official_findings x JOIN official_files f ON f.id = x.file_id",
        {},
    )


# Only the statements of one decision (``key``), for a page about it; None: every one.
_ONE_OFFICIAL = " WHERE d.symbol_key = :key OR d.draft_key = :key"
_ONE_REPERTOIRE = " WHERE symbol_key(d.symbol) = :key OR symbol_key(d.draft) = :key"


def official_vote_lists(
    conn: sqlite3.Connection, key: str | None = None
) -> dict[int, dict[str, list[str]]]:
    """Each official decision's lists of members as written, by vote (Y, N, A, absent)."""
    # Plain dicts, each list made once: a default factory is called through Python for
    # every one of tens of thousands of votes.
    lists: dict[int, dict[str, list[str]]] = {}
    if not has(conn, "official_decisions"):
        return lists
    one = _ONE_OFFICIAL if key else ""
    where = f" WHERE decision_id IN (SELECT d.id FROM official_decisions AS d{one})" if key else ""
    # Each list is written in the order of its names: read as the index on decisions holds
    # them, each name checked to come after the one before; sorted by the store (most of the
    # cost of reading them) only should some list not be in its order.
    named: dict[str, list[str]] = {}
    last: dict[str, int] = {}  # the ordinal of each list's last name, in this decision
    current = None
    # Typed, each row is taken apart as a tuple rather than iterated.
    votes: Iterable[tuple[int, str, int, str]] = _tuples(
        conn,
        f"SELECT decision_id, vote, ordinal, written FROM official_votes{where}"
        " ORDER BY decision_id",
        {"key": key},
    )
    for decision_id, vote, ordinal, written in votes:
        if decision_id != current:
            current = decision_id
            named = lists[decision_id] = {}
            last = {}
        before = last.get(vote)
        if before is None:
            named[vote] = [written]
        elif ordinal > before:
            named[vote].append(written)
        else:
            return _sorted_vote_lists(conn, where, key)
        last[vote] = ordinal
    # Each decision's lists in the order of their votes, as the sorted reading gives them.
    for decision_id, named in lists.items():
        if len(named) > 1:
            lists[decision_id] = dict(sorted(named.items()))
    return lists


def _sorted_vote_lists(
    conn: sqlite3.Connection, where: str, key: str | None
) -> dict[int, dict[str, list[str]]]:
    lists: dict[int, dict[str, list[str]]] = {}
    votes: Iterable[tuple[int, str, str]] = _tuples(
        conn,
        f"SELECT decision_id, vote, written FROM official_votes{where}"
        " ORDER BY decision_id, vote, ordinal",
        {"key": key},
    )
    for decision_id, vote, written in votes:
        named = lists.get(decision_id)
        if named is None:
            named = lists[decision_id] = {}
        written_as = named.get(vote)
        if written_as is None:
            named[vote] = [written]
        else:
            written_as.append(written)
    return lists


def official_decisions(conn: sqlite3.Connection, key: str | None = None) -> list[OfficialDecision]:
    """Each decision an official file states under a symbol, its own or its draft's (no
    other source can state the others)."""
    if not has(conn, "official_decisions"):
        return []
    one = _ONE_OFFICIAL if key else " WHERE d.symbol_key IS NOT NULL OR d.draft_key IS NOT NULL"
    rows: list[OfficialDecision] = _tuples(
        conn,
        "SELECT d.id, d.source, d.kind, d.symbol, d.symbol_key, d.record, d.date, d.draft,"
        " d.draft_key, d.adopted, d.votes_for, d.votes_against, d.votes_abstaining,"
        " d.chapter_vii, d.vetoed_by, d.outcome_text, f.path, d.line"
        f" FROM official_decisions d JOIN official_files f ON f.id = d.file_id{one} ORDER BY d.id",
        {"key": key},
    ).fetchall()
    return rows


def repertoire_votes(conn: sqlite3.Connection, key: str | None = None) -> dict[int, dict[str, str]]:
    """Each Repertoire decision's votes, member by member."""
    votes: dict[int, dict[str, str]] = defaultdict(dict)
    if not has(conn, "decisions"):
        return votes
    one = _ONE_REPERTOIRE if key else ""
    for decision_id, member, vote in conn.execute(
        "SELECT decision_id, member, vote FROM votes"
        + (f" WHERE decision_id IN (SELECT d.id FROM decisions AS d{one})" if key else ""),
        {"key": key},
    ):
        votes[decision_id][member] = vote
    return votes


def repertoire_decisions(
    conn: sqlite3.Connection, key: str | None = None
) -> list[RepertoireDecision]:
    if not has(conn, "decisions"):
        return []
    one = _ONE_REPERTOIRE if key else ""
    return _read(
        conn,
        RepertoireDecision,
        "SELECT d.id, d.kind, d.symbol, d.draft, d.date, d.adopted, d.votes_for,"
        " d.votes_against, d.votes_abstaining, d.vetoed, d.chapter_vii, m.record, doc.path,"
        " d.line FROM decisions d JOIN meetings m ON m.id = d.meeting_id"
        " JOIN sections s ON s.id = d.section_id JOIN documents doc ON doc.id = s.document_id"
        + one,
        {"key": key},
    )


def official_vetoes(conn: sqlite3.Connection, key: str | None = None) -> list[OfficialVeto]:
    if not has(conn, "official_vetoes"):
        return []
    return _read(
        conn,
        OfficialVeto,
        "SELECT v.source, v.date, v.draft_key, v.draft, v.records, v.members, f.path, v.line"
        " FROM official_vetoes v JOIN official_files f ON f.id = v.file_id"
        + (" WHERE v.draft_key = :key" if key else ""),
        {"key": key},
    )


# --- the merged record's disagreements ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class DisputedDecision:
    """A merged decision with fields on which the sources differ: the rule that chose each
    field (``chosen_by``), every source's value of each disputed field (``disputed``), and
    the values chosen (``chosen``), each a JSON object."""

    key: str
    subject: str
    document: str | None
    line: int | None
    chosen_by: str
    disputed: str
    chosen: str


@dataclass(frozen=True, slots=True)
class DisputedVote:
    """A member's merged vote on which the sources differ."""

    key: str
    member: str
    vote: str | None
    chosen_by: str | None
    disputed: str


def merged_has_choices(conn: sqlite3.Connection) -> bool:
    """Whether the merged tables say how each value was chosen (a store of version 17 on)."""
    return has(conn, "council_decisions") and any(
        row[1] == "disputed" for row in conn.execute("PRAGMA table_info(council_decisions)")
    )


# The merged rows the audit reports: those of every source whose statements disagree.
_DISPUTED: Final = "scope = 'all' AND disputed <> '{}'"


def statement_places(
    conn: sqlite3.Connection, keys: Collection[str]
) -> dict[tuple[str, str], tuple[str, int]]:
    """Where each source first states each decision of ``keys`` (those the merged record
    holds disputed, as :func:`disputed_decisions` and :func:`disputed_votes` read them):
    (key, source) -> (path, line)."""
    places: dict[tuple[str, str], tuple[str, int]] = {}
    # Only the disputed (a few hundred decisions of thousands), their keys given rather than
    # asked of the merged tables again (that scans every merged vote); and as a list of
    # values, which each part of the view tries before it works out a row's other columns
    # (a question it would try on every row made whole). As many at once as the store takes.
    wanted = sorted(keys)
    most = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    for start in range(0, len(wanted), most):
        some = wanted[start : start + most]
        for key, source, path, line in conn.execute(
            "SELECT decision_key, source, path, line FROM decision_attestations"
            f" WHERE decision_key IN ({', '.join('?' * len(some))})",
            some,
        ):
            places.setdefault((key, source), (path, line or 1))
    return places


def disputed_decisions(conn: sqlite3.Connection) -> list[DisputedDecision]:
    return _read(
        conn,
        DisputedDecision,
        "SELECT key, coalesce(symbol, draft, key) AS subject, document, line, chosen_by,"
        " disputed, json_object('record', record, 'date', date, 'tally',"
        " CASE WHEN votes_for IS NULL THEN NULL"
        " ELSE votes_for || '-' || votes_against || '-' || votes_abstaining END,"
        " 'adopted', adopted, 'chapter_vii', chapter_vii, 'agenda', agenda,"
        " 'vetoed_by', vetoed_by) AS chosen FROM council_decisions"
        f" WHERE {_DISPUTED} ORDER BY key",
        {},
    )


def disputed_votes(conn: sqlite3.Connection) -> list[DisputedVote]:
    return _read(
        conn,
        DisputedVote,
        "SELECT key, member, vote, chosen_by, disputed FROM council_votes"
        f" WHERE {_DISPUTED} ORDER BY key, member",
        {},
    )


# --- the texts of decisions ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeldTwice:
    """A decision whose text more than one file holds: each file's path and line."""

    symbol: str
    places: list[tuple[str, int]]


def texts_held_twice(conn: sqlite3.Connection) -> list[HeldTwice]:
    held: dict[str, HeldTwice] = {}
    for key, symbol, path, line in conn.execute(
        "SELECT t.symbol_key, t.symbol, f.path, t.line FROM decision_texts AS t"
        " JOIN official_files AS f ON f.id = t.file_id"
        " WHERE t.symbol_key IN (SELECT symbol_key FROM decision_texts"
        "  GROUP BY symbol_key HAVING count(*) > 1)"
        " ORDER BY t.symbol_key, t.id"
    ):
        held.setdefault(key, HeldTwice(symbol, [])).places.append((path, line))
    return list(held.values())


def sections_by_document(conn: sqlite3.Connection) -> dict[str, list[int]]:
    """The stored sections of each loaded file, in order: path -> section ids."""
    by_document: defaultdict[str, list[int]] = defaultdict(list)
    for section_id, path in conn.execute(
        "SELECT s.id, d.path FROM sections AS s JOIN documents AS d ON d.id = s.document_id"
        " ORDER BY s.id"
    ):
        by_document[path].append(section_id)
    return dict(by_document)
