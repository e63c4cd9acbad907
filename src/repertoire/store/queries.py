"""Questions asked of the store, as library functions returning plain rows.

Each function takes an open connection (see :func:`repertoire.store.open_db`)
and returns a list of dicts whose keys are fixed and documented in
docs/store.md; the CLI prints them as a table, TSV, CSV or JSON. A field
that holds several values is a list, as in the record's JSON; a flag is a
bool. Every document symbol in a row comes with its link (``url`` or
``<field>_url``).

Every question answers from every source the store holds (the Repertoire and
the official files imported beside it) unless ``source`` names one (see
:data:`repertoire.store.sources.SOURCES`). A meeting or decision stated by
several sources is one row whose ``sources`` lists them (see
:mod:`repertoire.store.council`); rows that are single statements (citations,
passages found, findings) say their ``source``.

Each question is one SQL text over the relations of :mod:`repertoire.store.across`
(meetings, decisions, member votes), whichever tables hold them; its filters are keyword
arguments; :data:`QUESTIONS` lists them (function, filters, fields, a line of help), and
the commands, the explorer's canned queries (:func:`canned`) and the docs are made from it.

Why one module of this length: it is the store's whole list of questions, one function a
command, each a query and its documented columns; they share how rows are typed and
limited, and the command line, the explorer and the docs name them from here.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from repertoire.read.sentences import sentence_at
from repertoire.read.symbols import find as find_symbols
from repertoire.read.symbols import key as symbol_key
from repertoire.read.symbols import typed as typed_symbol
from repertoire.reference import states
from repertoire.store import across
from repertoire.store.columns import limited, query_rows, split_names, year_range
from repertoire.store.migrations import StoreError
from repertoire.store.names import known, resolve
from repertoire.store.sources import REPERTOIRE, SOURCES, has_official
from repertoire.store.text_rows import TEXT_KIND
from repertoire.store.texts import search as search_texts

Rows = list[dict[str, Any]]

SNIPPET_OPEN = "«"
SNIPPET_CLOSE = "»"

# The fields of each query's rows, in order: the stable JSON and CSV form (docs/store.md).
COLUMNS: dict[str, list[str]] = {
    "meetings": [
        "record",
        "url",
        "date",
        "year",
        "kind",
        "section",
        "item",
        "sub_items",
        "decisions",
        "speakers",
        "document",
        "line",
        "sources",
    ],
    "votes": [
        "record",
        "record_url",
        "date",
        "year",
        "kind",
        "symbol",
        "url",
        "draft",
        "draft_url",
        "item",
        "adopted",
        "chapter_vii",
        "procedural",
        "votes_for",
        "votes_against",
        "votes_abstaining",
        "vetoed_by",
        "sources",
    ],
    "member_votes": ["member", "member_vote", "inferred", "basis"],
    "speakers": [
        "record",
        "url",
        "date",
        "item",
        "name",
        "state",
        "basis",
        "spoke",
        "on_behalf_of",
    ],
    "positions": [
        "delegation",
        "name",
        "through",
        "on_behalf_of",
        "record",
        "url",
        "date",
        "footnote",
        "sentence",
        "section",
        "item",
        "document",
        "line",
    ],
    "cites": [
        "symbol",
        "url",
        "pinpoint",
        "place",
        "footnote",
        "paragraph",
        "section",
        "item",
        "document",
        "line",
        "col",
        "context",
        "source",
    ],
    "search": [
        "kind",
        "number",
        "section",
        "item",
        "document",
        "line",
        "rank",
        "snippet",
        "source",
    ],
    "alignment": ["member_a", "member_b", "votes", "alike", "share", "unknown"],
    "alignment_by_year": ["year", "member_a", "member_b", "votes", "alike", "share", "unknown"],
    "findings": [
        "document",
        "path",
        "line",
        "col",
        "severity",
        "code",
        "message",
        "footnote",
        "section",
        "source",
    ],
}

_BOOLEANS = frozenset(
    {"adopted", "chapter_vii", "procedural", "spoke", "inferred", "veto", "vetoed"}
)


# Fields holding several values: built by json_group_array, or stored joined by "; ".
_JSON_LISTS = frozenset({"sub_items", "decisions", "vetoed_by", "sources"})
_JOINED_LISTS = frozenset({"on_behalf_of"})


def _rows(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> Rows:
    """The rows of ``sql``: flags as booleans, lists as lists."""
    return _converted(query_rows(conn, sql, params))


def _converted(rows: list[dict[str, Any]]) -> Rows:
    """Rows with their flags as booleans and their lists as lists."""
    for row in rows:
        for key in _BOOLEANS.intersection(row):
            if row[key] is not None:
                row[key] = bool(row[key])
        for key in _JSON_LISTS.intersection(row):
            row[key] = json.loads(row[key]) if row[key] else []
        for key in _JOINED_LISTS.intersection(row):
            row[key] = split_names(row[key])
    return rows


def member_name(conn: sqlite3.Connection, name: str) -> str:
    """The stored spelling of a member typed by the user; an unknown name is an error."""
    resolved = resolve(conn, name)
    if known(name) or resolved != name.strip():
        return resolved
    for sql in (
        "SELECT 1 FROM votes WHERE member = ? LIMIT 1",
        "SELECT 1 FROM official_votes WHERE member = ? LIMIT 1",
        "SELECT 1 FROM participants WHERE state = ? LIMIT 1",
        "SELECT 1 FROM positions WHERE delegation = ? LIMIT 1",
        "SELECT 1 FROM states WHERE name = ? LIMIT 1",
    ):
        if conn.execute(sql, (resolved,)).fetchone():
            return resolved
    hint = states.suggest(name)
    advice = f"; did you mean {hint!r}?" if hint else ""
    raise StoreError(f"unknown member {name!r}: not a State name or alias the store knows{advice}")


def source_name(text: str | None) -> str | None:
    """The source a user named (``None`` for every source); a typo gets "did you mean"."""
    if text is None or not text.strip():
        return None
    name = text.strip().lower()
    if name in SOURCES:
        return name
    # A part of one name ("unxml", "csv"), else the nearest spelling.
    near = [source for source in SOURCES if name in source]
    if len(near) != 1:
        near = difflib.get_close_matches(name, SOURCES, n=1, cutoff=0.5)
    hint = f"did you mean {near[0]!r}? " if near else ""
    raise StoreError(f"unknown source {text!r}: {hint}(sources: {', '.join(SOURCES)})")


def _stating(source: str | None) -> str | None:
    """:func:`source_name` for a question of the Council's record (meetings, decisions,
    votes, speakers, citations), which the texts of decisions state none of: naming them
    is an error that says where they are asked, not an empty answer."""
    name = source_name(source)
    if name == TEXT_KIND:
        raise StoreError(
            f"the texts of decisions ({TEXT_KIND}) state no meeting, decision or vote: "
            f"`repertoire search --source {TEXT_KIND}` searches them and `repertoire cite` "
            "prints their paragraphs"
        )
    return name


def _only(source: str | None) -> bool:
    """Whether a question asked of ``source`` is for the Repertoire's tables alone."""
    return source in (None, REPERTOIRE)


def _years(
    column: str, year: int | None, since: int | None, until: int | None, params: dict[str, Any]
) -> list[str]:
    """:func:`year_range`, refusing a range that holds no year rather than answering nothing."""
    low = max(y for y in (since, year, -1) if y is not None)
    high = min(y for y in (until, year, 10_000) if y is not None)
    if low > high:
        asked = ", ".join(
            f"{name} {value}"
            for name, value in (("year", year), ("since", since), ("until", until))
            if value is not None
        )
        raise StoreError(f"no year is in the range asked for ({asked})")
    return year_range(column, year, since, until, params)


def _word_set(text: str) -> list[str]:
    # Accents aside, as the full-text indexes see words ("Cote" is "Côte").
    plain = unicodedata.normalize("NFKD", text.casefold())
    return re.findall(r"\w+", "".join(c for c in plain if not unicodedata.combining(c)))


def _words(text: str | None, words: str) -> bool:
    """Whether ``text`` has every word of ``words`` as a whole word (case and accents aside)."""
    have = set(_word_set(text or ""))
    return all(word in have for word in _word_set(words))


def _item_words(conn: sqlite3.Connection | None, item: str, params: dict[str, Any]) -> None:
    """Put in ``params`` what an agenda item filter asks (``:item``; ``:item_like``, the
    substring test that narrows, quickly in SQLite, the rows the word test reads;
    ``:item_words``, the words for a full-text index) and give the connection the word test
    (``repertoire_words``): "Mali" is a word of "The situation in Mali", not of "Somalia"."""
    words = _word_set(item)
    if not words:
        raise StoreError(f"give some words of the agenda item, not {item!r}")
    if conn is None:
        raise StoreError("an agenda item cannot be asked of a kept query")
    conn.create_function("repertoire_words", 2, _words, deterministic=True)
    params["item"] = item
    params["item_like"] = "%" + max(words, key=len) + "%"
    params["item_words"] = fts_query(item)


def _paged(sql: str, params: dict[str, Any], limit: int | None, offset: int) -> str:
    """``sql`` with at most ``limit`` rows (``None`` or 0: all), from row ``offset`` on."""
    if offset > 0:
        params["offset"] = offset
        params["limit"] = limit if limit and limit > 0 else -1
        return sql + " LIMIT :limit OFFSET :offset"
    return limited(sql, params, limit)


def _meetings_sql(
    conn: sqlite3.Connection,
    scope: str,
    *,
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
    item: str | None = None,
) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"scope": scope}
    where = _years("m.year", year, since, until, params)
    if item and item.strip():
        _item_words(conn, item, params)
        where.append(f"m.id IN ({across.meetings_on_item(scope)})")
    sql = f"""
        SELECT m.record, m.url, m.date, m.year, m.kind, m.section, m.item, m.sub_items,
               m.decisions, m.speakers, m.document, m.line, m.sources
        FROM ({across.meetings(scope)}) AS m
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY m.date, m.key, m.sort"""
    return sql, params


def meetings(
    conn: sqlite3.Connection,
    *,
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
    item: str | None = None,
    source: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Rows:
    """Meetings in date order; ``item``: those whose agenda item (a section's title, an
    official file's topic) or a sub-item has every word of it."""
    scope = across.scope_of(conn, _stating(source))
    sql, params = _meetings_sql(conn, scope, year=year, since=since, until=until, item=item)
    return _rows(conn, _paged(sql, params, limit, offset), params)


def decision_key(conn: sqlite3.Connection, symbol: str, scope: str) -> str:
    """The key of the decision ``symbol`` (as written or normalised; a resolution's number
    and year will do) in ``scope``; one the store does not hold is an error."""
    key = symbol_lookup(symbol)
    params = {"key": key, "scope": scope}
    found = conn.execute(
        f"SELECT key FROM ({across.decisions(scope)}) WHERE key = :key"
        " OR symbol_key(symbol) = :key OR symbol_key(draft) = :key"
        " LIMIT 1",
        params,
    ).fetchone()
    if found is None:
        hint = _near_decision(conn, key, scope)
        advice = f"; did you mean {hint!r}?" if hint else ""
        raise StoreError(f"no decision {symbol.strip()!r} in the store{advice}")
    return str(found[0])


def _near_decision(conn: sqlite3.Connection, key: str, scope: str) -> str | None:
    """The symbol of the stored decision whose key is nearest ``key`` (a resolution's number
    without its year, a slip of a digit), among those of the same series."""
    series = key[: max(key.rfind("/"), 0) + 1]
    if not series:
        return None
    rows = conn.execute(
        f"SELECT key, coalesce(symbol, draft) FROM ({across.decisions(scope)})"
        " WHERE key >= :series AND key < :series || char(1114111)",
        {"series": series, "scope": scope},
    ).fetchall()
    written = dict(rows)
    # A resolution's number alone: the resolution of that number, whatever its year.
    near = [k for k in written if k.startswith(key + "(")]
    near = near or difflib.get_close_matches(key, list(written), n=1, cutoff=0.8)
    return str(written[near[0]]) if near and written[near[0]] else None


def _votes_sql(
    conn: sqlite3.Connection | None,
    scope: str,
    *,
    member: str | None = None,
    vetoed_by: str | None = None,
    decision: str | None = None,
    vetoes: bool = False,
    failed: bool = False,
    item: str | None = None,
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
) -> tuple[str, dict[str, Any]]:
    """The SQL of :func:`votes` over ``scope``, names and symbols already as stored."""
    params: dict[str, Any] = {"scope": scope}
    where = ["d.voted = 1", *_years("d.year", year, since, until, params)]
    if vetoes:
        where.append("d.vetoed = 1")
    if failed:
        where.append("d.adopted = 0")
    if vetoed_by:
        params["vetoed_by"] = vetoed_by
        where.append("EXISTS (SELECT 1 FROM json_each(d.vetoed_by) WHERE value = :vetoed_by)")
    if item and item.strip():
        _item_words(conn, item, params)
        where.append("(d.agenda LIKE :item_like AND repertoire_words(d.agenda, :item))")
    columns = ", ".join("d.agenda AS item" if c == "item" else f"d.{c}" for c in COLUMNS["votes"])
    if member or decision:
        columns += ", v.member, v.vote AS member_vote, v.inferred, v.basis"
        # A decision asked for shows even where no source names its members' votes; a
        # member's vote on it only where the member has one (it sat and a vote is known).
        join = "LEFT JOIN" if decision and not member else "JOIN"
        kept = across.votes(scope, conn, member=bool(member), decision=bool(decision))
        tables = f"({across.decisions(scope)}) AS d {join} ({kept}) AS v"
        tables += " ON v.id = d.id"
        if member:
            params["member"] = member
            tables += " AND v.member = :member"
        if decision:
            params["decision"] = decision
            where.append("d.key = :decision")
        order = "d.date, d.sort, v.member"
    else:
        tables = f"({across.decisions(scope)}) AS d"
        order = "d.date, d.sort"
    sql = f"SELECT {columns} FROM {tables} WHERE {' AND '.join(where)} ORDER BY {order}"
    return sql, params


def votes(
    conn: sqlite3.Connection,
    *,
    member: str | None = None,
    vetoed_by: str | None = None,
    decision: str | None = None,
    vetoes: bool = False,
    failed: bool = False,
    item: str | None = None,
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
    source: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Rows:
    """Decisions taken by vote, with the tally, in date order.

    ``member``: that member's vote on each; ``decision``: every member's vote on that one;
    ``vetoed_by``: drafts that member vetoed (whether or not a source names the members'
    votes); ``vetoes``: drafts a permanent member's negative vote defeated; ``failed``:
    decisions not adopted; ``item``: decisions whose agenda item has every word of it;
    ``year``, ``since`` and ``until`` choose the years (bounds included).
    """
    scope = across.scope_of(conn, _stating(source))
    sql, params = _votes_sql(
        conn,
        scope,
        member=member_name(conn, member) if member else None,
        vetoed_by=member_name(conn, vetoed_by) if vetoed_by else None,
        decision=decision_key(conn, decision, scope) if decision else None,
        vetoes=vetoes,
        failed=failed,
        item=item,
        year=year,
        since=since,
        until=until,
    )
    return _rows(conn, _paged(sql, params, limit, offset), params)


_COUNTED: dict[str, Callable[..., tuple[str, dict[str, Any]]]] = {
    "meetings": _meetings_sql,
    "votes": _votes_sql,
}


def _built(
    conn: sqlite3.Connection, question: str, filters: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    build = _COUNTED[question]
    filters = dict(filters)
    scope = across.scope_of(conn, source_name(filters.pop("source", None)))
    for name in ("member", "vetoed_by"):
        if filters.get(name):
            filters[name] = member_name(conn, filters[name])
    if filters.get("decision"):
        filters["decision"] = decision_key(conn, filters["decision"], scope)
    return build(conn, scope, **filters)


def count(conn: sqlite3.Connection, question: str, **filters: Any) -> int:
    """How many rows ``question`` (``meetings`` or ``votes``) gives with ``filters``: the
    same rows, counted, for a page that shows one page of them."""
    sql, params = _built(conn, question, filters)
    return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def years(conn: sqlite3.Connection, question: str, **filters: Any) -> tuple[int, int] | None:
    """The first and last year of the rows ``question`` gives with ``filters`` (None: no row
    has a year)."""
    sql, params = _built(conn, question, filters)
    low, high = conn.execute(f"SELECT min(year), max(year) FROM ({sql})", params).fetchone()
    return None if low is None else (int(low), int(high))


# The long table of member votes: one row per member and decision, over every source.
MEMBER_VOTE_COLUMNS = (
    "symbol", "draft", "date", "year", "meeting", "item", "outcome", "chapter_vii", "member",
    "vote", "inferred", "basis", "sources",
)  # fmt: skip


def member_votes_sql(conn: sqlite3.Connection) -> tuple[str, dict[str, Any]]:
    """Every member's vote on every decision the store records, over every source it holds
    (the rows of ``votes --decision``, for every decision at once), in date order.

    ``symbol`` is the decision's as written (the draft's, for a draft not adopted);
    ``outcome`` is ``adopted``, ``vetoed``, ``not adopted`` or empty when no source says;
    ``chapter_vii`` and ``inferred`` are true when a source says so, false otherwise.
    """
    scope = across.scope_of(conn, None)
    sql = f"""
        SELECT coalesce(d.symbol, d.draft) AS symbol, d.draft, d.date, d.year,
               d.record AS meeting, d.agenda AS item,
               CASE WHEN d.adopted = 1 THEN 'adopted' WHEN d.vetoed = 1 THEN 'vetoed'
                    WHEN d.adopted = 0 THEN 'not adopted' END AS outcome,
               coalesce(d.chapter_vii, 0) AS chapter_vii, v.member, v.vote,
               coalesce(v.inferred, 0) AS inferred, v.basis, v.sources
        FROM ({across.decisions(scope)}) AS d JOIN ({across.votes(scope, conn)}) AS v
          ON v.id = d.id
        ORDER BY d.date, d.sort, v.member"""
    return sql, {"scope": scope}


def votes_by_year(conn: sqlite3.Connection, *, source: str | None = None) -> Rows:
    """Per year, how many decisions were taken by vote and how many drafts vetoed: the
    counts of ``votes --year`` and ``votes --vetoes --year``, every year at once."""
    scope = across.scope_of(conn, _stating(source))
    sql = (
        "SELECT year, count(*) AS decisions, sum(vetoed = 1) AS vetoes"
        f" FROM ({across.decisions(scope)}) WHERE voted = 1 AND year IS NOT NULL"
        " GROUP BY year ORDER BY year"
    )
    return query_rows(conn, sql, {"scope": scope})


def voters(conn: sqlite3.Connection, *, source: str | None = None) -> list[str]:
    """Every member some source gives a vote of, or a veto by, in name order."""
    scope = across.scope_of(conn, _stating(source))
    sql = (
        f"SELECT member FROM ({across.votes(scope, conn)})"
        " UNION SELECT j.value FROM"
        f" ({across.decisions(scope)}) AS d, json_each(d.vetoed_by) AS j"
        " ORDER BY 1"
    )
    return [row[0] for row in conn.execute(sql, {"scope": scope})]


def speakers(
    conn: sqlite3.Connection,
    *,
    meeting: str | None = None,
    member: str | None = None,
    everyone: bool = False,
    limit: int | None = None,
    source: str | None = None,
) -> Rows:
    """Who spoke (``everyone``: who was invited or spoke), by meeting and in table order.

    Only the Repertoire lists speakers: asked of another source, the answer is empty.
    """
    if not _only(_stating(source)):
        return []
    sql, params = _speakers_sql(
        meeting=symbol_key(meeting) if meeting else None,
        member=member_name(conn, member) if member else None,
        everyone=everyone,
    )
    return _rows(conn, limited(sql, params, limit), params)


def _speakers_sql(
    *,
    meeting: str | None = None,
    member: str | None = None,
    everyone: bool = False,
    record_sql: str = ":record",
) -> tuple[str, dict[str, Any]]:
    """The SQL of :func:`speakers`: ``meeting`` a record's key, ``member`` a stored name."""
    where: list[str] = [] if everyone else ["p.spoke = 1"]
    params: dict[str, Any] = {}
    if meeting:
        where.append(f"m.record_key = {record_sql}")
        params["record"] = meeting
    if member:
        where.append("p.state = :member")
        params["member"] = member
    sql = f"""
        SELECT m.record, m.url, p.date, s.title AS item, p.name, p.state, p.basis, p.spoke,
               p.on_behalf_of
        FROM participants AS p
        JOIN meetings AS m ON m.id = p.meeting_id
        JOIN sections AS s ON s.id = p.section_id
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY p.date, p.id"""
    return sql, params


def positions(conn: sqlite3.Connection, member: str, *, limit: int | None = None) -> Rows:
    """Sentences a footnote attributes to ``member``, with the meeting where it spoke."""
    params: dict[str, Any] = {"member": member_name(conn, member)}
    sql = """
        SELECT p.delegation, p.name, p.through, p.on_behalf_of,
               p.meeting_record AS record, p.meeting_url AS url, p.date,
               f.number AS footnote, p.sentence, s.number AS section, s.title AS item,
               doc.name AS document, p.line
        FROM positions AS p
        JOIN footnotes AS f ON f.id = p.footnote_id
        JOIN sections AS s ON s.id = p.section_id
        JOIN documents AS doc ON doc.id = p.document_id
        WHERE p.delegation = :member
        ORDER BY p.date, p.id"""
    return _rows(conn, limited(sql, params, limit), params)


def symbol_lookup(symbol: str) -> str:
    """The lookup key of a symbol typed by the user (:func:`repertoire.read.symbols.typed`:
    ``1234 (2001)`` means the resolution)."""
    return symbol_key(typed_symbol(symbol))


def cites(
    conn: sqlite3.Connection, symbol: str, *, limit: int | None = None, source: str | None = None
) -> Rows:
    """Every footnote and paragraph that cites ``symbol``, with its pinpoint, then every
    row of an official file that names it (``place`` ``meeting``, ``decision`` or ``veto``).

    ``context`` is the footnote's text, or the sentence of the paragraph in
    which the citation stands; for an official row, its topics or outcome as written.
    """
    if not symbol.strip():
        raise StoreError("give a document symbol, e.g. S/PV.1234 or 1234 (2001)")
    source = _stating(source)
    params: dict[str, Any] = {"key": symbol_lookup(symbol)}
    rows = _repertoire_cites(conn, params, limit) if _only(source) else []
    if source != REPERTOIRE and not (limit and 0 < limit <= len(rows)):
        left = limit - len(rows) if limit and limit > 0 else None
        rows.extend(across.named_in(conn, params["key"], source, left))
    return rows


def _repertoire_cites(conn: sqlite3.Connection, params: dict[str, Any], limit: int | None) -> Rows:
    sql = f"""
        SELECT c.symbol, c.url, c.pinpoint,
               CASE WHEN c.footnote_id IS NOT NULL THEN 'footnote' ELSE 'paragraph' END AS place,
               f.number AS footnote, p.ordinal AS paragraph,
               s.number AS section, s.title AS item, doc.name AS document, c.line, c.col,
               coalesce(f.text, p.text) AS context, '{REPERTOIRE}' AS source
        FROM citations AS c
        JOIN sections AS s ON s.id = c.section_id
        JOIN documents AS doc ON doc.id = c.document_id
        LEFT JOIN footnotes AS f ON f.id = c.footnote_id
        LEFT JOIN paragraphs AS p ON p.id = c.paragraph_id
        WHERE c.symbol_key = :key
        ORDER BY c.id"""
    rows = _rows(conn, limited(sql, params, limit), params)
    for row in rows:
        if row["place"] == "paragraph":
            row["context"] = citing_sentence(row["context"], params["key"])
    return rows


SENTENCE_REACH = 2000
_RESOLUTION_KEY = re.compile(r"^S/RES/(\d+)\((\d{4})\)$")


def citing_sentence(text: str, key: str) -> str:
    """The sentence of ``text`` where the symbol whose lookup key is ``key`` is first cited."""
    position = _cited_at(text, key)
    if position is None:
        return text
    # Sentences are looked for near the citation only; none is this long.
    start = max(0, position - SENTENCE_REACH)
    return sentence_at(text[start : position + SENTENCE_REACH], position - start)


def _cited_at(text: str, key: str) -> int | None:
    """Where ``text`` first cites the symbol ``key``: a quick look for how it is usually
    written ("S/2099/12", "1234 (2099)"), else the reader's own search for symbols."""
    if match := _RESOLUTION_KEY.match(key):
        number, year = match.groups()
        written = re.search(rf"(?<!\d){number}\s*\({year}\)", text)
    else:
        written = re.search(r"\s*".join(map(re.escape, key)), text, re.IGNORECASE)
    if written:
        return written.start()
    for found in find_symbols(text):
        if symbol_key(found.symbol) == key:
            return found.start
    return None


# Words too common to narrow a search; left out of an unquoted query that has
# other words, as matching them means reading a list of every passage.
STOPWORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to"}
)


def fts_query(words: str) -> str:
    """User words as an FTS5 query: every word or "quoted phrase" must occur.

    Each term is quoted so that punctuation (``counter-terrorism``,
    ``S/PV.1234``) is never read as query syntax; a word ending in ``*``
    stands for every word it begins (``sanction*``). Unquoted stop words
    ("of", "the"...) are dropped when other words remain. The indexes stem
    words (Porter), so ``sanction`` finds "sanctions" and "sanctioned" too.
    """
    found = [(a, b) for a, b in re.findall(r'"([^"]*)"|(\S+)', words)]
    terms = [(phrase, word) for phrase, word in found if (phrase or word).strip("* ")]
    narrowing = [
        (phrase, word) for phrase, word in terms if phrase or word.casefold() not in STOPWORDS
    ]
    chosen = narrowing or terms
    if not chosen:
        raise StoreError("give some words to search for")
    return " ".join(_fts_term(phrase, word) for phrase, word in chosen)


def _fts_term(phrase: str, word: str) -> str:
    if phrase:
        return '"' + phrase.replace('"', '""') + '"'
    prefix = word.endswith("*")
    word = word.rstrip("*")
    return '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")


_SEARCH = {
    "paragraph": ("paragraphs", "t.ordinal"),
    "footnote": ("footnotes", "t.number"),
    "table_note": ("table_notes", "t.letter"),
}


def _terms(words: str) -> list[str]:
    return [t for t in re.findall(r"\w+", words) if t]


# Words of context FTS5's snippet() gives around the words matched.
SNIPPET_WORDS = 24


def snippet(text: str, words: str, width: int = 90) -> str:
    """A stretch of ``text`` around the first of ``words`` found as written, marked « ».

    For text that the search indexes did not match (search itself takes its
    snippets from FTS5, which knows the stems and prefixes it matched).
    """
    terms = _terms(words)
    if not terms:
        return text[: 2 * width]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, terms)) + r")\b", re.IGNORECASE)
    first = pattern.search(text)
    centre = first.start() if first else 0
    start = max(0, centre - width)
    end = min(len(text), centre + width)
    # Cut at spaces so no word is split.
    if start > 0 and (space := text.find(" ", start, centre)) != -1:
        start = space + 1
    if end < len(text) and (space := text.rfind(" ", centre, end)) != -1:
        end = space
    marked = pattern.sub(lambda m: SNIPPET_OPEN + m.group(0) + SNIPPET_CLOSE, text[start:end])
    return ("…" if start > 0 else "") + marked + ("…" if end < len(text) else "")


# Ranking costs about a microsecond or two per matching passage; past this many
# matches of one kind, only the passages loaded last are ranked (window=None: all).
SEARCH_WINDOW = 2000


class SearchRows(list[dict[str, Any]]):
    """Search results; ``windowed`` says whether some matches were left unranked."""

    windowed: bool = False


_OFFICIAL_SEARCH = {
    "meeting": ("official_meetings", "t.record", "t.topics"),
    "decision": ("official_decisions", "coalesce(t.symbol, t.draft, t.record)", "t.agenda"),
}


def search(
    conn: sqlite3.Connection,
    words: str,
    *,
    limit: int | None = 20,
    window: int | None = SEARCH_WINDOW,
    source: str | None = None,
) -> SearchRows:
    """Paragraphs, footnotes and table notes matching ``words``, best first, with a snippet;
    the topics, agenda items, titles and outcomes of official meetings and decisions; and
    the paragraphs of decisions' texts (kind ``text``, with every source only).

    Matches are ranked by FTS5's bm25. When more than ``window`` passages of
    one kind match, the ``window`` loaded last are ranked and the result's
    ``windowed`` is true; ``window=None`` ranks every match.
    """
    query = fts_query(words)
    source = source_name(source)
    found = SearchRows()
    for kind, (table, label) in _SEARCH.items() if _only(source) else ():
        fts = f"{table}_fts"
        params: dict[str, Any] = {"query": query, "window": window}
        # The (window + 1)-th newest match, if there is one: rank only what is above it.
        floor = (
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH :query "
            "ORDER BY rowid DESC LIMIT 1 OFFSET :window"
        )
        hits = (
            f"SELECT rowid AS id, bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH :query "
            "AND rowid > :floor ORDER BY score"
        )
        sql = f"""
            WITH hits AS ({limited(hits, params, limit)})
            SELECT '{kind}' AS kind, CAST({label} AS TEXT) AS number, s.number AS section,
                   s.title AS item, doc.name AS document, t.line,
                   round(hits.score, 3) AS rank, hits.id AS snippet, '{REPERTOIRE}' AS source
            FROM hits
            JOIN {table} AS t ON t.id = hits.id
            JOIN sections AS s ON s.id = t.section_id
            JOIN documents AS doc ON doc.id = t.document_id
            ORDER BY hits.score"""
        try:
            below = conn.execute(floor, params).fetchone() if window else None
            params["floor"] = below[0] if below else 0
            found.windowed = found.windowed or below is not None
            rows = _rows(conn, sql, params)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {words!r}: {exc}") from exc
        # Only for the rows kept, each by its rowid: snippet() needs the match at hand.
        marked = (
            f"SELECT snippet({fts}, 0, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', "
            f"{SNIPPET_WORDS}) FROM {fts} WHERE {fts} MATCH :query AND rowid = :id"
        )
        for row in rows:
            one = conn.execute(marked, {"query": query, "id": row["snippet"]}).fetchone()
            row["snippet"] = one[0] if one else ""
        found.extend(rows)
    if source != REPERTOIRE and has_official(conn):
        found.extend(_search_official(conn, query, words, limit, source))
    # The texts of decisions are no source of the Council's record: searched with every
    # source, or alone.
    if source in (None, TEXT_KIND):
        try:
            found.extend(
                search_texts(conn, query, limit, (SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_WORDS))
            )
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {words!r}: {exc}") from exc
    # bm25 is lower for better matches; the indexes are merged on it.
    found.sort(key=lambda r: (r["rank"], r["document"], r["section"], r["kind"]))
    if limit:
        del found[limit:]
    return found


def _search_official(
    conn: sqlite3.Connection, query: str, words: str, limit: int | None, source: str | None
) -> Rows:
    found: Rows = []
    for kind, (table, label, item) in _OFFICIAL_SEARCH.items():
        fts = f"{table}_fts"
        params: dict[str, Any] = {"query": query, "source": source}
        sql = f"""
            SELECT '{kind}' AS kind, {label} AS number, NULL AS section,
                   {item} AS item, f.path AS document, t.line,
                   round(bm25({fts}), 3) AS rank,
                   snippet({fts}, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…',
                           {SNIPPET_WORDS}) AS snippet,
                   t.source
            FROM {fts}
            JOIN {table} AS t ON t.id = {fts}.rowid
            JOIN official_files AS f ON f.id = t.file_id
            WHERE {fts} MATCH :query {"AND t.source = :source" if source else ""}
            ORDER BY rank"""
        try:
            rows = _rows(conn, limited(sql, params, limit), params)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {words!r}: {exc}") from exc
        for row in rows:
            row["document"] = across.document(row["document"])
            row["item"] = (row["item"] or "").split("\n")[0] or None
        found.extend(rows)
    return found


def findings(
    conn: sqlite3.Connection,
    *,
    document: str | None = None,
    severity: str | None = None,
    code: str | None = None,
    limit: int | None = None,
    source: str | None = None,
) -> Rows:
    """Stored findings in file and source order; ``document`` matches a file's name or path.

    The readers' findings about the official files follow the Repertoire's (the
    Council's rules on official rows, and the disagreements between sources, are
    ``repertoire audit``'s).
    """
    source = source_name(source)
    where: list[str] = []
    params: dict[str, Any] = {"source": source}
    if document:
        where.append("(name = :document OR path = :document OR path LIKE :tail)")
        params["document"] = document
        params["tail"] = "%/" + document.lstrip("./")
    if severity:
        where.append("severity = :severity")
        params["severity"] = severity
    if code:
        where.append("code = :code")
        params["code"] = code
    if source:
        where.append("source = :source")
    parts = [
        f"""
        SELECT doc.name, doc.path, x.line, x.col, x.severity, x.code, x.message, x.footnote,
               s.number AS section, '{REPERTOIRE}' AS source, 0 AS part, doc.id AS file, x.id
        FROM findings AS x
        JOIN documents AS doc ON doc.id = x.document_id
        LEFT JOIN sections AS s ON s.id = x.section_id"""
    ]
    if has_official(conn):
        parts.append(
            """
        SELECT f.path, f.path, x.line, x.col, x.severity, x.code, x.message, NULL, NULL,
               f.kind, 1, f.id, x.id
        FROM official_findings AS x
        JOIN official_files AS f ON f.id = x.file_id"""
        )
    sql = f"""
        SELECT name AS document, path, line, col, severity, code, message, footnote, section,
               source
        FROM ({" UNION ALL ".join(parts)})
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY part, name, file, line, col, id"""
    rows = _rows(conn, limited(sql, params, limit), params)
    for row in rows:
        if row["source"] != REPERTOIRE:
            row["document"] = across.document(row["path"])
    return rows


def _alignment_sql(
    scope: str,
    *,
    member: str | None = None,
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
    by_year: bool = False,
    member_sql: str = ":member",
) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"scope": scope}
    where = _years("year", year, since, until, params)
    first, second = "member_a", "member_b"
    if member:
        params["member"] = member
        where.append(f"{member_sql} IN (member_a, member_b)")
        # The member asked for comes first in every pair.
        first = member_sql
        second = f"CASE WHEN member_a = {member_sql} THEN member_b ELSE member_a END"
    if by_year:
        columns, group, order = "year, ", "1, 2, 3", "1, share DESC, votes DESC, 2, 3"
    else:
        columns, group, order = "", "1, 2", "share DESC, votes DESC, 1, 2"
    sql = f"""
        SELECT {columns}{first} AS member_a, {second} AS member_b, sum(together) AS votes,
               sum(alike) AS alike, round(CAST(sum(alike) AS REAL) / sum(together), 4) AS share,
               sum(unknown) AS unknown
        FROM ({across.alignment(scope)})
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY {group}
        ORDER BY {order}"""
    return sql, params


def alignment(
    conn: sqlite3.Connection,
    *,
    member: str | None = None,
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
    by_year: bool = False,
    source: str | None = None,
    limit: int | None = None,
) -> Rows:
    """For each pair of members, the share of recorded votes (Y/N/A) both cast that were alike.

    Over every source, one vote per member and decision (see
    :mod:`repertoire.store.council`), or over ``source`` alone; ``member``: that member's
    pairs, the member first; ``by_year``: a row per year and pair (fields
    ``alignment_by_year``), years in order.
    """
    scope = across.scope_of(conn, _stating(source))
    sql, params = _alignment_sql(
        scope,
        member=member_name(conn, member) if member else None,
        year=year,
        since=since,
        until=until,
        by_year=by_year,
    )
    return query_rows(conn, limited(sql, params, limit), params)


# -- the questions, for every front end -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Option:
    """A filter of a question: its keyword, its kind (``text``, ``year``, ``flag``, or a
    choice among ``choices``), what it does, and how the command line spells it."""

    name: str
    kind: str
    help: str
    metavar: str = ""
    flag: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()

    @property
    def spelled(self) -> str:
        return self.flag or "--" + self.name.replace("_", "-")


@dataclass(frozen=True, slots=True)
class Question:
    """One question of the store: the function that answers it, the filters it takes, the
    fields of its rows (a key of :data:`COLUMNS`), its one-line description, and how many
    rows a page of it (a table on a terminal) holds (0: all)."""

    name: str
    ask: Callable[..., Rows]
    doc: str
    columns: str
    page: int
    options: tuple[Option, ...] = ()
    argument: Option | None = None


def _years_options(what: str) -> tuple[Option, ...]:
    return (
        Option("year", "year", f"Only {what} of this year.", "YEAR"),
        Option("since", "year", "Only from this year on.", "YEAR"),
        Option("until", "year", "Only up to this year.", "YEAR"),
    )


_MEMBER = "(a State's name; aliases work)"

QUESTIONS: dict[str, Question] = {
    question.name: question
    for question in (
        Question(
            "meetings",
            meetings,
            "Meetings in date order, each once with the sources that list it.",
            "meetings",
            100,
            (
                *_years_options("meetings"),
                Option(
                    "item",
                    "text",
                    "Only meetings whose agenda item or a sub-item has every word of TEXT.",
                    "TEXT",
                ),
            ),
        ),
        Question(
            "votes",
            votes,
            "Decisions taken by vote, with the tally, vetoes and the sources stating them.",
            "votes",
            100,
            (
                Option("member", "text", f"How this member voted {_MEMBER}.", "NAME"),
                Option(
                    "decision",
                    "text",
                    "Every member's vote on this decision (its symbol; '1234 (2099)' is the "
                    "resolution).",
                    "SYMBOL",
                ),
                Option("vetoed_by", "text", f"Only drafts this member vetoed {_MEMBER}.", "NAME"),
                Option("vetoes", "flag", "Only decisions vetoed by a permanent member."),
                Option("failed", "flag", "Only drafts that were not adopted."),
                Option(
                    "item",
                    "text",
                    "Only decisions whose agenda item has every word of TEXT.",
                    "TEXT",
                ),
                *_years_options("decisions"),
            ),
        ),
        Question(
            "speakers",
            speakers,
            "Who spoke at meetings, with the basis of their participation.",
            "speakers",
            100,
            (
                Option("meeting", "text", "Only this meeting (e.g. S/PV.1234).", "SYMBOL"),
                Option("member", "text", f"Only this State {_MEMBER}.", "NAME"),
                Option("everyone", "flag", "Also invitees who did not speak.", flag="--all"),
            ),
        ),
        Question(
            "positions",
            positions,
            "The sentences that footnotes attribute to a delegation, with the meeting.",
            "positions",
            100,
            (Option("member", "text", f"The delegation {_MEMBER}.", "NAME", required=True),),
        ),
        Question(
            "cites",
            cites,
            "Every footnote and paragraph citing a document, with pinpoints, and every row "
            "of an official file that names it.",
            "cites",
            100,
            argument=Option("symbol", "text", "A UN document symbol."),
        ),
        Question(
            "search",
            search,
            "Full-text search of paragraphs, footnotes and table notes, best matches first; and "
            "of the topics, agenda items, titles and outcomes of official meetings and "
            "decisions.",
            "search",
            20,
            argument=Option("words", "text", "Words that must all occur."),
        ),
        Question(
            "alignment",
            alignment,
            "For each pair of members, the share of recorded votes they cast alike.",
            "alignment",
            0,
            (
                *_years_options("votes"),
                Option("by_year", "flag", "One row per year and pair, years in order."),
                Option("member", "text", "Only pairs including this member.", "NAME"),
            ),
        ),
        Question(
            "findings",
            findings,
            "The findings stored with the loaded and imported files: what is wrong with their "
            "text.",
            "findings",
            0,
            (
                Option("document", "text", "Only this file (its name or path).", "FILE"),
                Option(
                    "severity",
                    "choice",
                    "Only this severity.",
                    choices=("error", "warning", "info"),
                ),
                Option("code", "text", "Only findings with this code.", "CODE"),
            ),
        ),
    )
}

# How the explorer's canned queries name the member a visitor types (aliases work).
_TYPED_MEMBER = (
    "coalesce((SELECT name FROM state_aliases WHERE alias = trim(:member)), trim(:member))"
)


# And the meeting record a visitor types (case and spaces aside).
_TYPED_RECORD = "symbol_key(:record)"


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return str(int(value) if isinstance(value, bool) else value)
    return "'" + str(value).replace("'", "''") + "'"


def canned(question: str, asked: Sequence[str] = (), **filters: Any) -> str:
    """The SQL of ``question`` with ``filters``, as a query kept and run by the explorer:
    over every source when the store holds an official file, else over the Repertoire.
    The filters ``asked`` (``member``, aliases work; ``year``; ``meeting``, a record) are
    the visitor's to give, as ``:member``, ``:year`` and ``:record``."""
    if "year" in asked:
        filters["year"] = 0  # a stand-in, asked of the visitor below
    if question == "votes":
        sql, params = _votes_sql(None, across.AUTO, **filters)
    elif question == "speakers":
        if "meeting" in asked:
            filters["meeting"] = ":record"
        sql, params = _speakers_sql(record_sql=_TYPED_RECORD, **filters)
        asked = [*asked, "record"]
    elif question == "alignment":
        if "member" in asked:
            filters["member"] = ":member"
        sql, params = _alignment_sql(across.AUTO, member_sql=_TYPED_MEMBER, **filters)
    else:
        raise ValueError(f"no kept form of {question!r}")
    for name in asked:
        params.pop(name, None)
    # Every other value written in: the explorer asks the visitor for each parameter left.
    return re.sub(
        r":(\w+)", lambda m: _literal(params[m[1]]) if m[1] in params else m[0], sql
    ).strip()
