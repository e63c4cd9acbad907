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

Why one module of this length: it is the store's whole list of questions, one function a
command, each a query and its documented columns; they share how rows are typed and
limited, and the command line, the explorer and the docs name them from here.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from typing import Any

from repertoire.read.pipeline import sentence_at
from repertoire.read.symbols import find as find_symbols
from repertoire.reference import states
from repertoire.store import across
from repertoire.store.columns import limited, query_rows, split_names, year_range
from repertoire.store.migrations import StoreError
from repertoire.store.names import known, resolve
from repertoire.store.rows import symbol_key
from repertoire.store.sources import REPERTOIRE, SOURCES, has_official
from repertoire.store.texts import search as search_texts

Rows = list[dict[str, Any]]

SNIPPET_OPEN = "«"
SNIPPET_CLOSE = "»"

_RESOLUTION = re.compile(r"^(?:S/RES/|res(?:olution)?\.?\s*)?(\d{1,4})\s*\((\d{4})\)$", re.I)
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
        "adopted",
        "chapter_vii",
        "procedural",
        "votes_for",
        "votes_against",
        "votes_abstaining",
        "vetoed_by",
        "sources",
    ],
    "member_votes": ["member", "member_vote", "inferred"],
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
    "alignment": ["member_a", "member_b", "votes", "alike", "share"],
    "alignment_by_year": ["year", "member_a", "member_b", "votes", "alike", "share"],
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
_JSON_LISTS = frozenset({"sub_items", "vetoed_by", "sources"})
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


def _only(source: str | None) -> bool:
    """Whether a question asked of ``source`` is for the Repertoire's tables alone."""
    return source in (None, REPERTOIRE)


def meetings(
    conn: sqlite3.Connection,
    year: int | None = None,
    item: str | None = None,
    limit: int | None = None,
    source: str | None = None,
    since: int | None = None,
    until: int | None = None,
) -> Rows:
    """Meetings in date order; ``item`` matches the section's item or a sub-item's title
    (or, in an official file, a topic or a decision's agenda item)."""
    source = source_name(source)
    if across.across_sources(conn, source):
        keys = None
        if item and item.strip():
            params: dict[str, Any] = {}
            found = f"SELECT m.id FROM meetings AS m WHERE {_item_filter(conn, item, params)}"
            ids = [row[0] for row in conn.execute(found, params)]
            keys = across.meeting_keys(conn, item, ids)
        return _converted(across.meetings(conn, year, keys, limit, source, since, until))
    where: list[str] = []
    params = {}
    where.extend(year_range("m.year", year, since, until, params))
    if item and item.strip():
        where.append(_item_filter(conn, item, params))
    sql = f"""
        SELECT m.record, m.url, m.date, m.year, m.kind, s.number AS section, s.title AS item,
               (SELECT json_group_array(title) FROM (
                  SELECT title FROM agenda_items AS a
                  WHERE a.meeting_id = m.id AND a.role = 'sub_item' ORDER BY a.ordinal
                )) AS sub_items,
               (SELECT count(*) FROM decisions AS d WHERE d.meeting_id = m.id) AS decisions,
               (SELECT count(*) FROM participants AS p
                 WHERE p.meeting_id = m.id AND p.spoke = 1) AS speakers,
               doc.name AS document, m.line, '["{REPERTOIRE}"]' AS sources
        FROM meetings AS m
        JOIN sections AS s ON s.id = m.section_id
        JOIN documents AS doc ON doc.id = m.document_id
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY m.date, m.record_key, m.id"""
    return _rows(conn, limited(sql, params, limit), params)


# Past this many sub-items matching, walking the meetings in date order and
# testing each is quicker than gathering every match and sorting it.
ITEM_CAP = 5000


def _item_filter(conn: sqlite3.Connection, item: str, params: dict[str, Any]) -> str:
    """The WHERE clause for ``meetings --item``, chosen by how many sub-items match.

    The section's title (the agenda item) matches as a substring; a sub-item's
    title matches when it has every word of ``item`` (through its word index).
    """
    params["item"] = f"%{item.strip()}%"
    params["item_words"] = fts_query(item)
    section = "m.section_id IN (SELECT id FROM sections WHERE title LIKE :item)"
    found = conn.execute(
        "SELECT DISTINCT a.meeting_id FROM agenda_items_fts AS f "
        "JOIN agenda_items AS a ON a.id = f.rowid WHERE agenda_items_fts MATCH :words LIMIT :cap",
        {"words": params["item_words"], "cap": ITEM_CAP + 1},
    ).fetchall()
    if len(found) <= ITEM_CAP:
        params["item_ids"] = json.dumps([row[0] for row in found])
        return f"({section} OR m.id IN (SELECT value FROM json_each(:item_ids)))"
    return (
        f"({section} OR m.id IN (SELECT a.meeting_id FROM agenda_items_fts AS f "
        "JOIN agenda_items AS a ON a.id = f.rowid WHERE agenda_items_fts MATCH :item_words))"
    )


def votes(
    conn: sqlite3.Connection,
    member: str | None = None,
    vetoes: bool = False,
    failed: bool = False,
    year: int | None = None,
    limit: int | None = None,
    source: str | None = None,
    since: int | None = None,
    until: int | None = None,
) -> Rows:
    """Decisions taken by vote, with the tally; with ``member``, that member's vote on each.

    ``vetoes``: drafts a permanent member's negative vote defeated; ``failed``: decisions
    not adopted; ``year``, ``since`` and ``until`` choose the years (bounds included).
    """
    source = source_name(source)
    if across.across_sources(conn, source):
        return _converted(
            across.votes(
                conn,
                member_name(conn, member) if member else None,
                vetoes,
                failed,
                year,
                limit,
                source,
                since,
                until,
            )
        )
    where: list[str] = []
    params: dict[str, Any] = {}
    if member:
        # Driven from the member's votes, whose index is in date order.
        params["member"] = member_name(conn, member)
        member_columns = ", v.member, v.vote AS member_vote, v.inferred"
        tables = (
            "votes AS v JOIN decisions AS d ON d.id = v.decision_id "
            "JOIN meetings AS m ON m.id = d.meeting_id"
        )
        where.append("v.member = :member")
        order = "v.date, v.decision_id"
    else:
        member_columns = ""
        tables = "decisions AS d JOIN meetings AS m ON m.id = d.meeting_id"
        where.append(
            "(d.votes_for IS NOT NULL"
            " OR EXISTS (SELECT 1 FROM votes AS x WHERE x.decision_id = d.id))"
        )
        order = "d.date, d.id"
    if vetoes:
        where.append("d.vetoed = 1")
    if failed:
        where.append("d.adopted = 0")
    where.extend(year_range("d.year", year, since, until, params))
    sql = f"""
        SELECT m.record, m.url AS record_url, d.date, d.year, d.kind, d.symbol, d.url,
               d.draft, d.draft_url, d.adopted, d.chapter_vii, d.procedural,
               d.votes_for, d.votes_against, d.votes_abstaining,
               (SELECT json_group_array(member) FROM votes AS w
                 WHERE w.decision_id = d.id AND w.veto = 1) AS vetoed_by,
               '["{REPERTOIRE}"]' AS sources
               {member_columns}
        FROM {tables}
        WHERE {" AND ".join(where)}
        ORDER BY {order}"""
    return _rows(conn, limited(sql, params, limit), params)


def speakers(
    conn: sqlite3.Connection,
    meeting: str | None = None,
    member: str | None = None,
    everyone: bool = False,
    limit: int | None = None,
    source: str | None = None,
) -> Rows:
    """Who spoke (``everyone``: who was invited or spoke), by meeting and in table order.

    Only the Repertoire lists speakers: asked of another source, the answer is empty.
    """
    if not _only(source_name(source)):
        return []
    where: list[str] = [] if everyone else ["p.spoke = 1"]
    params: dict[str, Any] = {}
    if meeting:
        where.append("m.record_key = :record")
        params["record"] = symbol_key(meeting)
    if member:
        where.append("p.state = :member")
        params["member"] = member_name(conn, member)
    sql = f"""
        SELECT m.record, m.url, p.date, s.title AS item, p.name, p.state, p.basis, p.spoke,
               p.on_behalf_of
        FROM participants AS p
        JOIN meetings AS m ON m.id = p.meeting_id
        JOIN sections AS s ON s.id = p.section_id
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY p.date, p.id"""
    return _rows(conn, limited(sql, params, limit), params)


def positions(conn: sqlite3.Connection, member: str, limit: int | None = None) -> Rows:
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
    """The lookup key of a symbol typed by the user; ``1234 (2001)`` means the resolution."""
    text = symbol.strip()
    if match := _RESOLUTION.match(text):
        text = f"S/RES/{int(match.group(1))} ({match.group(2)})"
    return symbol_key(text)


def cites(
    conn: sqlite3.Connection, symbol: str, limit: int | None = None, source: str | None = None
) -> Rows:
    """Every footnote and paragraph that cites ``symbol``, with its pinpoint, then every
    row of an official file that names it (``place`` ``meeting``, ``decision`` or ``veto``).

    ``context`` is the footnote's text, or the sentence of the paragraph in
    which the citation stands; for an official row, its topics or outcome as written.
    """
    if not symbol.strip():
        raise StoreError("give a document symbol, e.g. S/PV.1234 or 1234 (2001)")
    source = source_name(source)
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
    if source is None:  # the texts of decisions are no source of the Council's record
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


def alignment(
    conn: sqlite3.Connection,
    year: int | None = None,
    member: str | None = None,
    limit: int | None = None,
    source: str | None = None,
    since: int | None = None,
    until: int | None = None,
    by_year: bool = False,
) -> Rows:
    """For each pair of members, the share of recorded votes (Y/N/A) both cast that were alike.

    Over every source, one vote per member and decision (see
    :mod:`repertoire.store.council`), or over ``source`` alone; ``by_year``: a row
    per year and pair (fields ``alignment_by_year``), years in order.
    """
    return across.alignment(
        conn,
        year,
        member_name(conn, member) if member else None,
        limit,
        source_name(source),
        since,
        until,
        by_year,
    )
