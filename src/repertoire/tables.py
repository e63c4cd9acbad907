"""A parsed document as flat tables, for Arrow and pandas.

    document = repertoire.parse_file("section.txt")
    decisions = document.to_arrow("decisions")     # a pyarrow.Table
    votes = document.to_pandas("votes")            # a pandas.DataFrame (pandas installed)

Each table is one row per thing (meeting, decision, member's vote, footnote,
finding) with the columns of :data:`TABLES`; lists stay lists, dates are
dates, and counts and flags keep their types. The column names are those of
the store's tables (docs/store.md) where the two hold the same fact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from repertoire.records import Document

Row = dict[str, Any]


def _section_label(number: str, title: str) -> str:
    return f"{number}. {title}" if number else title


def meetings(document: Document) -> Iterator[Row]:
    for section in document.sections:
        for meeting in section.meetings:
            yield {
                "section": _section_label(section.number, section.title),
                "record": meeting.record,
                "date": meeting.date,
                "date_text": meeting.date_text,
                "kind": meeting.kind,
                "sub_items": [d.title for d in meeting.sub_items],
                "other_documents": [d.document or d.title for d in meeting.other_documents],
                "rule_37": list(meeting.rule_37),
                "rule_39": list(meeting.rule_39),
                "council_members_spoke": [s.name for s in meeting.speakers.council_members],
                "invitees_spoke": list(meeting.speakers.invitees),
                "decisions": len(meeting.decisions),
                "line": meeting.span.line,
            }


def decisions(document: Document) -> Iterator[Row]:
    for section in document.sections:
        for meeting in section.meetings:
            for decision in meeting.decisions:
                tally = decision.vote
                yield {
                    "record": meeting.record,
                    "date": meeting.date,
                    "kind": decision.kind,
                    "symbol": decision.symbol,
                    "draft": decision.draft,
                    "adopted": decision.adopted,
                    "chapter_vii": decision.chapter_vii,
                    "procedural": decision.procedural,
                    "votes_for": tally.in_favour if tally else None,
                    "votes_against": tally.against if tally else None,
                    "votes_abstaining": tally.abstaining if tally else None,
                    "in_favour": list(decision.in_favour),
                    "against": list(decision.against),
                    "abstaining": list(decision.abstaining),
                    "vetoed_by": list(decision.vetoed_by),
                    "votes_inferred": decision.votes_inferred,
                    "failure": decision.failure,
                    "submitters": list(decision.submitters),
                    "line": decision.span.line,
                }


def votes(document: Document) -> Iterator[Row]:
    for vote in document.votes:
        yield {
            "record": vote.meeting.record,
            "date": vote.meeting.date,
            "decision": vote.decision.symbol or vote.decision.draft,
            "member": vote.member,
            "vote": vote.vote,
            "veto": vote.veto,
            "inferred": vote.decision.votes_inferred,
        }


def footnotes(document: Document) -> Iterator[Row]:
    for section in document.sections:
        for footnote in section.footnotes:
            yield {
                "section": _section_label(section.number, section.title),
                "number": footnote.number,
                "text": footnote.text,
                "citations": [c.symbol for c in footnote.citations],
                "ibid_of": footnote.ibid_of,
                "sentence": footnote.sentence,
                "line": footnote.span.line,
            }


def findings(document: Document) -> Iterator[Row]:
    for finding in document.all_findings():
        yield {"source": document.source, **finding.to_dict()}


# Each table: its rows, and its columns as (name, Arrow type name).
_STRING, _INT, _BOOL, _DATE, _LIST = "string", "int64", "bool", "date32", "list<string>"
TABLES: dict[str, tuple[Callable[[Document], Iterator[Row]], list[tuple[str, str]]]] = {
    "meetings": (
        meetings,
        [
            ("section", _STRING),
            ("record", _STRING),
            ("date", _DATE),
            ("date_text", _STRING),
            ("kind", _STRING),
            ("sub_items", _LIST),
            ("other_documents", _LIST),
            ("rule_37", _LIST),
            ("rule_39", _LIST),
            ("council_members_spoke", _LIST),
            ("invitees_spoke", _LIST),
            ("decisions", _INT),
            ("line", _INT),
        ],
    ),
    "decisions": (
        decisions,
        [
            ("record", _STRING),
            ("date", _DATE),
            ("kind", _STRING),
            ("symbol", _STRING),
            ("draft", _STRING),
            ("adopted", _BOOL),
            ("chapter_vii", _BOOL),
            ("procedural", _BOOL),
            ("votes_for", _INT),
            ("votes_against", _INT),
            ("votes_abstaining", _INT),
            ("in_favour", _LIST),
            ("against", _LIST),
            ("abstaining", _LIST),
            ("vetoed_by", _LIST),
            ("votes_inferred", _BOOL),
            ("failure", _STRING),
            ("submitters", _LIST),
            ("line", _INT),
        ],
    ),
    "votes": (
        votes,
        [
            ("record", _STRING),
            ("date", _DATE),
            ("decision", _STRING),
            ("member", _STRING),
            ("vote", _STRING),
            ("veto", _BOOL),
            ("inferred", _BOOL),
        ],
    ),
    "footnotes": (
        footnotes,
        [
            ("section", _STRING),
            ("number", _INT),
            ("text", _STRING),
            ("citations", _LIST),
            ("ibid_of", _INT),
            ("sentence", _STRING),
            ("line", _INT),
        ],
    ),
    "findings": (
        findings,
        [
            ("source", _STRING),
            ("code", _STRING),
            ("severity", _STRING),
            ("message", _STRING),
            ("line", _INT),
            ("column", _INT),
            ("footnote", _INT),
        ],
    ),
}


def rows(document: Document, table: str) -> list[Row]:
    """The rows of one of :data:`TABLES` as plain dicts."""
    return list(_table(table)[0](document))


def _table(table: str) -> tuple[Callable[[Document], Iterator[Row]], list[tuple[str, str]]]:
    try:
        return TABLES[table]
    except KeyError:
        raise ValueError(f"no table {table!r}; the tables are: {', '.join(TABLES)}") from None


def to_arrow(document: Document, table: str) -> pyarrow.Table:
    """One of :data:`TABLES` as a ``pyarrow.Table`` with typed columns."""
    import pyarrow as pa  # a large import, made only when a table is asked for

    build, columns = _table(table)
    types = {
        _STRING: pa.string(),
        _INT: pa.int64(),
        _BOOL: pa.bool_(),
        _DATE: pa.date32(),
        _LIST: pa.list_(pa.string()),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in columns])
    return pa.Table.from_pylist(list(build(document)), schema=schema)


def to_pandas(document: Document, table: str) -> pandas.DataFrame:
    """One of :data:`TABLES` as a ``pandas.DataFrame`` (pandas is not a dependency)."""
    try:
        import pandas  # noqa: F401  (only to say clearly that it is missing)
    except ImportError as exc:
        raise ImportError(
            "to_pandas needs pandas, which repertoire does not install: "
            "pip install 'repertoire[pandas]' "
            "(or use to_arrow, which needs nothing more)"
        ) from exc
    return to_arrow(document, table).to_pandas()
