"""The rows of the merged tables: each fact's chosen values, as ``council_*`` columns.

:mod:`repertoire.store.council` decides each fact with :mod:`repertoire.rules.evidence`;
this module only spells the choice as a row: the values chosen, ``chosen_by`` (each field's
rule, a JSON object), ``disputed`` (each field the statements disagree on, with every value
and its sources) and ``sources`` (in the display order of
:data:`~repertoire.store.sources.SOURCES`, which chooses nothing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import PurePath
from typing import Any, Final

from repertoire.read import symbols
from repertoire.reference import states
from repertoire.rules import evidence
from repertoire.store.sources import RANK, REPERTOIRE

# A decision's statement as ``decision_attestations`` gives it (plain tuples, each column
# at its place below), with the listing evidence compares.
DecisionStatement = tuple[Any, ...]
DECISION_STATEMENT: Final = (
    "key", "source", "row_id", "kind", "symbol", "draft", "record", "record_key", "date",
    "year", "adopted", "chapter_vii", "procedural", "votes_for", "votes_against",
    "votes_abstaining", "vetoed", "vetoed_by", "voted", "agenda", "path", "line", "unanimous",
    "also",
)  # fmt: skip
D_KEY: Final = 0
D_SOURCE: Final = 1
D_ROW_ID: Final = 2
D_KIND: Final = 3
D_SYMBOL: Final = 4
D_DRAFT: Final = 5
D_RECORD: Final = 6
D_DATE: Final = 8
D_ADOPTED: Final = 10
D_CHAPTER_VII: Final = 11
D_PROCEDURAL: Final = 12
D_VOTES_FOR: Final = 13
D_VOTES_AGAINST: Final = 14
D_VOTES_ABSTAINING: Final = 15
D_VETOED: Final = 16
D_VETOED_BY: Final = 17
D_VOTED: Final = 18
D_AGENDA: Final = 19
D_PATH: Final = 20
D_LINE: Final = 21
D_UNANIMOUS: Final = 22
D_ALSO: Final = 23
# A meeting's statement as ``meeting_attestations`` gives it (a merge reads tens of
# thousands: plain tuples, each column at its place below).
MeetingStatement = tuple[Any, ...]
MEETING_STATEMENT: Final = (
    "key", "source", "row_id", "record", "date", "year", "kind", "item", "topics", "path",
    "line", "decision_row",
)  # fmt: skip
M_KEY: Final = 0
M_SOURCE: Final = 1
M_ROW_ID: Final = 2
M_RECORD: Final = 3
M_DATE: Final = 4
M_YEAR: Final = 5
M_KIND: Final = 6
M_ITEM: Final = 7
M_TOPICS: Final = 8
M_PATH: Final = 9
M_LINE: Final = 10
M_DECISION_ROW: Final = 11
Statement = tuple[DecisionStatement, evidence.Listing]


def members(text: str | None) -> list[str]:
    """Names joined by "; " as a list of States' short names, each once."""
    if not text:
        return []
    names = (name.strip() for name in text.split(";"))
    return list(dict.fromkeys(states.canonical(n) or n for n in names if n))


@lru_cache(maxsize=4096)
def document(path: str | None) -> str | None:
    return PurePath(path).name if path else None


def url(symbol: str | None) -> str | None:
    return symbols.url(symbol) if symbol else None


def json_list(values: Iterable[Any]) -> str:
    return _json_list(tuple(values))


@lru_cache(maxsize=4096)
def _json_list(values: tuple[Any, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def key_of(symbol: str) -> str:
    return "".join(symbol.split()).upper()


MEETING_ROW = (
    "key", "record", "url", "date", "year", "kind", "section", "item", "sub_items",
    "decisions", "speakers", "document", "line", "sources", "chosen_by", "disputed",
)  # fmt: skip
DECISIONS_AT = MEETING_ROW.index("decisions")
DECISION_ROW = (
    "key", "record", "record_key", "record_url", "date", "year", "kind", "symbol", "url", "draft",
    "draft_url", "adopted", "chapter_vii", "procedural", "votes_for", "votes_against",
    "votes_abstaining", "vetoed_by", "voted", "vetoed", "agenda", "document", "line", "sources",
    "chosen_by", "disputed",
)  # fmt: skip
# A vote row's columns but the member's: members casting one vote share them, and are
# written together (see :func:`vote_groups`).
VOTE_ROW = (
    "key", "date", "year", "vote", "inferred", "sources", "chosen_by", "basis", "disputed",
)  # fmt: skip


def _ranked(sources: Iterable[str]) -> list[str]:
    """Sources each once, in the order of :data:`~repertoire.store.sources.SOURCES` (a
    display order only: it chooses nothing)."""
    return sorted(dict.fromkeys(sources), key=lambda s: RANK.get(s, len(RANK)))


def _json(value: dict[str, Any]) -> str:
    if not value:
        return "{}"
    if all(type(v) is str for v in value.values()):
        # Each field's rule: a few hundred distinct objects among thousands of rows.
        return _json_words(tuple(sorted(value.items())))
    return _json_text(
        tuple(sorted((k, json.dumps(v, ensure_ascii=False)) for k, v in value.items()))
    )


@lru_cache(maxsize=4096)
def _json_words(items: tuple[tuple[str, str], ...]) -> str:
    return _json_text(tuple((k, json.dumps(v, ensure_ascii=False)) for k, v in items))


@lru_cache(maxsize=4096)
def _json_text(items: tuple[tuple[str, str], ...]) -> str:
    return "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in items) + "}"


def meeting_values(
    key: str,
    group: list[MeetingStatement],
    repertoire: dict[int, tuple[str, str, int]],
    decided: dict[str, set[str]],
) -> tuple[Any, ...]:
    own = next((s for s in group if s[M_SOURCE] == REPERTOIRE), None)
    section, sub_items, speakers = repertoire.get(own[M_ROW_ID], (None, None, None)) if own else (
        None, None, None,
    )  # fmt: skip
    if len(group) == 1:  # one statement: each of its values, as it states it
        return _one_meeting(key, group[0], section, sub_items, speakers, decided)
    choices = {
        name: (evidence.wording if name == "item" else evidence.choose)(
            evidence.Claim(s[M_SOURCE], s[at], where=f"{s[M_PATH]}:{s[M_LINE]}") for s in group
        )
        for name, at in (("date", M_DATE), ("kind", M_KIND), ("item", M_ITEM))
    }
    date = choices["date"].value
    witness = _meeting_witness(group, date)
    topics = [t for t in (witness[M_TOPICS] or "").split("\n") if t]
    return (
        key, evidence.spelling(s[M_RECORD] for s in group), url(witness[M_RECORD]), date,
        _year(date, [s[M_DATE] for s in group]), choices["kind"].value, section,
        choices["item"].value, sub_items if sub_items is not None else json_list(topics[1:]),
        len(decided.get(key, ())), speakers, document(witness[M_PATH]), witness[M_LINE],
        _sources(tuple([s[M_SOURCE] for s in group])),
        _json({n: c.rule for n, c in choices.items() if c.rule}),
        _json({n: c.values() for n, c in choices.items() if c.disputed}),
    )  # fmt: skip


def _one_meeting(
    key: str,
    row: MeetingStatement,
    section: str | None,
    sub_items: str | None,
    speakers: int | None,
    decided: dict[str, set[str]],
) -> tuple[Any, ...]:
    if sub_items is None:
        # The topics after the first (one topic, most meetings: none).
        topics = row[M_TOPICS]
        sub_items = json_list([t for t in topics.split("\n") if t][1:]) if topics else "[]"
    date, kind, item = row[M_DATE], row[M_KIND], row[M_ITEM]
    return (
        key, row[M_RECORD], url(row[M_RECORD]), date, int(date[:4]) if date else None,
        kind, section, item, sub_items, len(decided.get(key, ())), speakers,
        document(row[M_PATH]), row[M_LINE], _sources((row[M_SOURCE],)),
        _stated(date is not None, kind is not None, item is not None), "{}",
    )  # fmt: skip


@lru_cache(maxsize=8)
def _stated(date: bool, kind: bool, item: bool) -> str:
    """``chosen_by`` of a meeting one statement gives: each value it states, single."""
    return _single(tuple(n for n, on in (("date", date), ("kind", kind), ("item", item)) if on))


@lru_cache(maxsize=64)
def _single(names: tuple[str, ...]) -> str:
    return _json(dict.fromkeys(names, evidence.SINGLE))


def _year(date: str | None, dates: Iterable[str | None]) -> int | None:
    """The year of the chosen day, or the year every stated day shares."""
    if date:
        return int(date[:4])
    years = {d[:4] for d in dates if d}
    return int(years.pop()) if len(years) == 1 else None


def _witness(
    group: list[DecisionStatement], record: str | None, date: str | None
) -> DecisionStatement:
    """The statement that gives most of the chosen values (where to read it), the earliest
    in its file where several do."""
    if len(group) == 1:
        return group[0]
    return max(
        group,
        key=lambda s: (
            (1 if record is not None and s[D_RECORD] == record else 0)
            + (1 if date is not None and s[D_DATE] == date else 0),
            -(s[D_LINE] or 0),
            str(s[D_PATH]),
        ),
    )


def _meeting_witness(group: list[MeetingStatement], date: str | None) -> MeetingStatement:
    """The statement of a meeting that gives the day chosen (where to read it), the
    earliest in its file where several do."""
    return max(
        group,
        key=lambda s: (
            1 if date is not None and s[M_DATE] == date else 0,
            -(s[M_LINE] or 0),
            str(s[M_PATH]),
        ),
    )


def decision_values(key: str, group: list[Statement], verdict: evidence.Decided) -> tuple[Any, ...]:
    rows = [row for row, _listing in group]
    fields = verdict.fields
    record, date = fields["record"].value, fields["date"].value
    tally = fields["tally"].value
    vetoed_by = fields["vetoed_by"].value or ()
    if len(rows) == 1:
        # One statement (most decisions): its own spellings and flag, as ``spelling`` and
        # ``choose`` give them for one.
        witness = only = rows[0]
        draft, symbol = only[D_DRAFT] or None, only[D_SYMBOL] or None
        kind = only[D_KIND] or None
        procedural = only[D_PROCEDURAL]
        year = int(date[:4]) if date else None  # the day chosen is the one it states
        vetoed = only[D_VETOED] or 0
        sources = _sources((only[D_SOURCE],))
    else:
        witness = _witness(rows, record, date)
        draft = evidence.spelling(r[D_DRAFT] for r in rows)
        symbol = evidence.spelling(r[D_SYMBOL] for r in rows)
        kind = evidence.spelling(r[D_KIND] for r in rows)
        procedural = evidence.choose(
            evidence.Claim(r[D_SOURCE], r[D_PROCEDURAL]) for r in rows
        ).value
        year = _year(date, [r[D_DATE] for r in rows])
        vetoed = max(r[D_VETOED] or 0 for r in rows)
        sources = _sources(tuple([r[D_SOURCE] for r in rows]))
    return (
        key, record, key_of(record) if record else None, url(record), date,
        year, kind,
        symbol, url(symbol), draft, url(draft),
        _flag(fields["adopted"].value), _flag(fields["chapter_vii"].value), _flag(procedural),
        *(tally if tally else (None, None, None)),
        json_list(vetoed_by),
        # Put to the vote, or vetoed, as any source says (disagreements are the audit's).
        int(verdict.voted), vetoed,
        verdict.value("agenda"), document(witness[D_PATH]), witness[D_LINE], sources,
        _rules(tuple([(name, c.rule) for name, c in fields.items()])), _disputed(verdict),
    )  # fmt: skip


def _disputed(verdict: evidence.Decided) -> str:
    """``disputed`` of a decision: ``{}`` where no field has two claims or a doubted one
    (most decisions, told so without asking each field)."""
    for choice in verdict.fields.values():
        if len(choice.claims) > 1 or choice.rule == evidence.DOUBTED:
            return _json(verdict.disputed)
    return "{}"


@lru_cache(maxsize=4096)
def _rules(rules: tuple[tuple[str, str | None], ...]) -> str:
    """``chosen_by`` of a decision: the rule of each field stated (a few hundred distinct
    objects among thousands of decisions)."""
    return _json({name: rule for name, rule in rules if rule is not None})


def _flag(value: Any) -> int | None:
    return None if value is None else int(bool(value))


def vote_groups(
    votes: dict[str, evidence.Member], stating: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    """The ``council_votes`` columns of one decision's votes but its key, day and year, each
    vote that several members share (one value, as :func:`repertoire.rules.evidence.decide`
    makes a vote inferred alike or read from one list) spelled once: the columns of
    :data:`VOTE_ROW` after ``year``, then its members as a JSON array, in the order met.
    ``stating``: the sources that state the decision, on which a vote worked out stands."""
    spelled: dict[int, tuple[tuple[Any, ...], list[str]]] = {}
    for member, vote in votes.items():
        own = spelled.get(id(vote))
        if own is None:
            own = spelled[id(vote)] = (_vote_columns(vote, stating), [])
        own[1].append(member)
    # Members casting one vote: the same few lists again and again (each spelled once).
    return [(*columns, json_list(cast)) for columns, cast in spelled.values()]


def _vote_columns(vote: evidence.Member, stating: tuple[str, ...]) -> tuple[Any, ...]:
    choice = vote.choice
    claims = choice.claims
    # A vote worked out from the decision stands on the sources that state the decision.
    sources = tuple([c.source for c in claims]) if claims else stating
    return (
        vote.vote, int(vote.inferred), _sources(sources), choice.rule or "inferred", vote.basis,
        _json(choice.values()) if choice.disputed else "{}",
    )  # fmt: skip


@lru_cache(maxsize=256)
def _sources(sources: tuple[str, ...]) -> str:
    """The ``sources`` column: each source once, in display order (few distinct lists)."""
    return json_list(_ranked(sources))
