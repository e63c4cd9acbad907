"""Audit the stored record: findings about every source, and where sources disagree.

Three kinds of findings, each naming the subject (a symbol or meeting record) and its
sources (source kind, file, line, value):

- what the readers found in the files (broken input, links whose text names another
  document, a table title naming the wrong year);
- what the Council's rules say about each decision as each source states it
  (:mod:`repertoire.rules.official`), and about resolution numbers (consecutive: a number
  listed at two meetings, or never, within what a source covers);
- reconciliation: for each decision stated by two or more sources, each field on which
  two sources disagree, with which one a third source supports; and each field of the
  merged record the statements disagree on, with the value the evidence chose and the rule
  that chose it, or that the evidence is tied (:func:`evidence_findings`).

Why one module: every kind of finding shares :class:`AuditFinding`, :class:`Source` and
one order, and a decision's page asks for its statements in the same form the
reconciliation compares.
"""

from __future__ import annotations

import difflib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Final

from repertoire.official.common import written_counts
from repertoire.official.records import AuditFinding, Source
from repertoire.read import symbols
from repertoire.records import Vote
from repertoire.reference import states
from repertoire.rules.official import Stated, judge
from repertoire.store import audit as stored
from repertoire.store.judge import judge as judge_sentences
from repertoire.store.records import document_from_db
from repertoire.store.texts import has_texts

SEVERITIES = {"error": 0, "warning": 1, "info": 2}


class UnknownCode(ValueError):
    """A finding code asked for that no finding has."""


def chosen(
    findings: list[AuditFinding], *, subject: str | None = None, code: str | None = None
) -> list[AuditFinding]:
    """The findings about ``subject`` (a symbol or meeting record as a user types it,
    :func:`repertoire.read.symbols.typed`) with ``code``; a code no finding has, near one
    that some have, is an error that names it."""
    if code:
        codes = sorted({f.code for f in findings})
        if code not in codes:
            near = difflib.get_close_matches(code, codes, n=1, cutoff=0.6)
            if near:
                raise UnknownCode(f"no finding has the code {code!r}; did you mean {near[0]!r}?")
        findings = [f for f in findings if f.code == code]
    if subject and subject.strip():
        key = symbols.key(symbols.typed(subject))
        findings = [f for f in findings if f.subject and symbols.key(f.subject) == key]
    return findings


@dataclass(slots=True, init=False)
class Statement:
    """A decision as one source states it, with where it was read (``members``: each
    member's Y, N or A as the source lists it)."""

    key: str
    source: str
    path: str
    line: int
    stated: Stated
    draft: str | None
    chapter_vii: bool | None
    members: dict[str, str]  # State -> Y/N/A
    # A member the source names in two lists (its own conflict): every vote it lists.
    twice: dict[str, list[str]]

    # Written out: compiled, the class's own __init__ is a native constructor, where the
    # dataclass's is Python code.
    def __init__(
        self,
        key: str,
        source: str,
        path: str,
        line: int,
        stated: Stated,
        draft: str | None = None,
        chapter_vii: bool | None = None,
        members: dict[str, str] | None = None,
        twice: dict[str, list[str]] | None = None,
    ) -> None:
        self.key = key
        self.source = source
        self.path = path
        self.line = line
        self.stated = stated
        self.draft = draft
        self.chapter_vii = chapter_vii
        self.members = {} if members is None else members
        self.twice = {} if twice is None else twice


def audit(conn: sqlite3.Connection) -> list[AuditFinding]:
    """Every finding about the stored record, errors first."""
    findings: list[AuditFinding] = []
    findings.extend(_reader_findings(conn))
    rows = _official_rows(conn) + _repertoire_rows(conn) + _veto_rows(conn)
    by_key = _by_key(rows)
    name_each(by_key)
    for row in rows:
        if row.source.endswith("vetoes") or row.source == "vetoes-csv":
            continue
        _judge(row, findings)
    findings.extend(_numbers(rows))
    findings.extend(_reconcile(by_key))
    findings.extend(evidence_findings(conn))
    findings.extend(_texts(conn))
    findings.sort(key=lambda f: (SEVERITIES.get(f.severity, 3), f.code, f.subject or ""))
    return findings


def _texts(conn: sqlite3.Connection) -> list[AuditFinding]:
    """Texts held twice, and each loaded section's sentences judged against the texts."""
    if not stored.has(conn, "decision_texts") or not has_texts(conn):
        return []
    found = [
        AuditFinding(
            "warning",
            "text-twice",
            f"the text of {held.symbol} is held in {len(held.places)} files; the first "
            "imported is the one citations are judged against",
            held.symbol,
            [Source("akn4un-text", path, line) for path, line in held.places],
        )
        for held in stored.texts_held_twice(conn)
    ]
    for path, sections in stored.sections_by_document(conn).items():
        judgement = judge_sentences(document_from_db(conn, sections), conn)
        # Said where some text could be checked: a store of drafts alone says nothing of
        # the resolutions that sections cite.
        if judgement.checked:
            found.append(
                AuditFinding(
                    "info",
                    "text-checked",
                    judgement.summary(),
                    None,
                    [Source("repertoire", path, 1)],
                )
            )
        found.extend(
            AuditFinding(
                f.severity,
                f.code,
                f.message,
                None,
                [Source("repertoire", path, f.line, None, f.column)],
            )
            for f in judgement.findings
        )
    return found


def _reader_findings(conn: sqlite3.Connection) -> list[AuditFinding]:
    return [
        AuditFinding(
            severity=x.severity,
            code=x.code,
            message=x.message,
            subject=x.subject,
            sources=[Source(x.kind or "", x.path, x.line)],
        )
        for x in stored.reader_findings(conn)
    ]


def _vote(f: int | None, a: int | None, b: int | None) -> Vote | None:
    return Vote(f, a or 0, b or 0) if f is not None else None


def _official_rows(conn: sqlite3.Connection, key: str | None = None) -> list[Statement]:
    lists = stored.official_vote_lists(conn, key)
    rows = []
    for (
        decision_id, source, kind, symbol, symbol_key, record, date, draft, draft_key, adopted,
        votes_for, votes_against, votes_abstaining, chapter_vii, vetoed_by, outcome_text, path,
        line,
    ) in stored.official_decisions(conn, key):  # fmt: skip
        key = draft_key if kind == "draft_resolution" and draft_key else symbol_key
        if not key:
            continue
        named = lists.get(decision_id, _NO_LISTS)
        vote = _vote(votes_for, votes_against, votes_abstaining)
        stated = Stated(
            kind=kind,
            symbol=symbol,
            record=record,
            date=date,
            adopted=_bool(adopted),
            vote=vote,
            in_favour=named.get("Y"),
            against=named.get("N"),
            abstaining=named.get("A"),
            not_participating=named.get("absent"),
            vetoed_by=[n for n in vetoed_by.split("; ") if n] if vetoed_by else None,
            outcome_text=outcome_text,
            line=line,
            # The rules set the written counts against the counts only: read where there
            # are counts (most outcomes written without them say so in words).
            written_vote=_written_vote(outcome_text) if vote is not None else None,
        )
        members, twice = _each_vote(named)
        rows.append(
            Statement(
                key=key,
                source=source,
                path=path,
                line=line,
                stated=stated,
                draft=draft,
                chapter_vii=_bool(chapter_vii),
                members=members,
                twice=twice,
            )
        )
    return rows


# A decision no list names (its own empty lists made by Stated).
_NO_LISTS: Final[dict[str, list[str]]] = {}


def _each_vote(named: dict[str, list[str]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each member's one vote as the lists name it, and apart, every vote of a member the
    source names in two lists (its own conflict: no one vote, but compared)."""
    members: dict[str, str] = {}
    others: dict[str, list[str]] | None = None  # a member's votes after its first, if any
    for code, names in named.items():
        for name in names:
            member = states.short_name(name)
            first = members.get(member)
            if first is None:
                members[member] = code
            elif first != code:
                if others is None:
                    others = {}
                more = others.get(member)
                if more is None:
                    others[member] = [code]
                elif code not in more:
                    more.append(code)
    if others is None:
        return members, {}
    # In the order the members were first named, as the single votes are.
    twice = {m: sorted([v, *others[m]], key=_in_order) for m, v in members.items() if m in others}
    for member in twice:
        del members[member]
    return members, twice


# The lists in the order the Council announces them.
_LIST_ORDER = ["Y", "N", "A", "absent"]


def _in_order(code: str) -> int:
    return _LIST_ORDER.index(code) if code in _LIST_ORDER else len(_LIST_ORDER)


def _written_vote(outcome: str) -> Vote | None:
    """The counts an outcome written in words gives, if it gives them."""
    # Only the counts: a tally in words (unanimously, without a vote) gives none. Read
    # afresh each time: outcomes name their own meeting or symbol, so hardly two are alike.
    return written_counts(outcome) if outcome else None


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _repertoire_rows(conn: sqlite3.Connection, key: str | None = None) -> list[Statement]:
    """Decisions read from Repertoire sections (judged when they were loaded)."""
    votes = stored.repertoire_votes(conn, key)
    rows = []
    for d in stored.repertoire_decisions(conn, key):
        key_symbol = d.draft if d.kind == "draft_resolution" else d.symbol
        if not key_symbol:
            continue
        member_votes = votes.get(d.id, {})
        vetoed_by = [m for m, v in member_votes.items() if v == "N"] if d.vetoed else []
        stated = Stated(
            kind=d.kind,
            symbol=d.symbol,
            record=d.record,
            date=d.date,
            adopted=_bool(d.adopted),
            vote=_vote(d.votes_for, d.votes_against, d.votes_abstaining),
            vetoed_by=vetoed_by,
            line=d.line or 1,
        )
        rows.append(
            Statement(
                key=symbols.key(key_symbol),
                source="repertoire",
                path=d.path,
                line=d.line or 1,
                stated=stated,
                draft=d.draft,
                chapter_vii=_bool(d.chapter_vii),
                members=member_votes,
            )
        )
    return rows


def _veto_rows(conn: sqlite3.Connection, key: str | None = None) -> list[Statement]:
    rows = []
    for v in stored.official_vetoes(conn, key):
        if not v.draft_key:
            continue
        first = v.records.split("; ")[0] if v.records else None
        stated = Stated(
            kind="draft_resolution",
            symbol=v.draft,
            record=first,
            date=v.date,
            adopted=False,
            vote=None,
            vetoed_by=[m for m in v.members.split("; ") if m],
            line=v.line,
        )
        rows.append(
            Statement(
                key=v.draft_key,
                source=v.source,
                path=v.path,
                line=v.line,
                stated=stated,
                draft=v.draft,
            )
        )
    return rows


def statements(conn: sqlite3.Connection, key: str) -> list[Statement]:
    """Every source's statement of the decision whose key is ``key`` (see the attestation
    views), in the form reconciliation compares."""
    found = _official_rows(conn, key) + _repertoire_rows(conn, key) + _veto_rows(conn, key)
    return [row for row in found if row.key == key]


def compared(rows: list[Statement]) -> list[tuple[str, list[Any], bool]]:
    """For each field reconciliation compares: each statement's value (``None`` where it
    states none), and whether the values stated agree."""
    out = []
    for name in FIELDS:
        values = [_value(row, name) for row in rows]
        stated = {v for v in values if v is not None}
        out.append((name, values, len(stated) <= 1))
    return out


# The merged record's name of each field compared, where it chooses one (the draft it
# takes as the statements give it).
MERGED = {
    "date": "date",
    "record": "record",
    "tally": "tally",
    "outcome": "adopted",
    "vetoed_by": "vetoed_by",
    "chapter_vii": "chapter_vii",
}


def merged_values(row: dict[str, Any]) -> dict[str, Any]:
    """The value the merged record (a ``council_decisions`` row) chose for each field
    compared, in the form :func:`compared` gives the statements' values, so that each can
    be set against it (``None`` where it chose none)."""
    kind = row.get("kind")
    tally = (
        f"{row['votes_for']}-{row.get('votes_against') or 0}-{row.get('votes_abstaining') or 0}"
        if row.get("votes_for") is not None
        else None
    )
    try:
        vetoed = json.loads(row.get("vetoed_by") or "[]")
    except ValueError:
        vetoed = []
    adopted, chapter_vii = row.get("adopted"), row.get("chapter_vii")
    return {
        "date": row.get("date"),
        "record": row["record"].split(" (")[0].upper() if row.get("record") else None,
        "tally": tally,
        "outcome": None if adopted is None else ("adopted" if adopted else "not adopted"),
        "vetoed_by": ", ".join(sorted(states.canonical(n) or n for n in vetoed))
        if kind == "draft_resolution" and vetoed
        else None,
        "chapter_vii": None if chapter_vii is None else bool(chapter_vii),
    }


def _judge(row: Statement, findings: list[AuditFinding]) -> None:
    def emit(severity: str, code: str, message: str) -> None:
        findings.append(
            AuditFinding(
                severity, code, message, row.stated.label or row.stated.symbol or row.key,
                [Source(row.source, row.path, row.line)],
            )
        )  # fmt: skip

    if row.source == "repertoire":
        return  # judged by the same rules when the section was loaded
    judge(row.stated, emit)


# --- resolution numbers ------------------------------------------------------------------


def _number(symbol: str | None) -> int | None:
    if not symbol or not symbol.upper().startswith("S/RES/"):
        return None
    digits = symbol[6:].split("(")[0].strip()
    return int(digits) if digits.isdigit() else None


def _numbers(rows: list[Statement]) -> list[AuditFinding]:
    """Per source: a number listed at two meetings, and numbers never listed within its range."""
    found: list[AuditFinding] = []
    by_source: dict[str, dict[int, list[Statement]]] = {}
    for row in rows:
        number = _number(row.stated.symbol) if row.stated.kind == "resolution" else None
        if number is not None and row.source != "repertoire":
            numbers = by_source.get(row.source)
            if numbers is None:
                numbers = by_source[row.source] = {}
            _add(numbers, number, row)
    for source, numbers in by_source.items():
        for number, listed in sorted(numbers.items()):
            if len(listed) > 1:
                where = ", ".join(
                    f"{r.stated.record or 'no meeting'} ({r.stated.date})" for r in listed
                )
                found.append(
                    AuditFinding(
                        "warning", "resolution-twice",
                        f"resolution {number} is listed {len(listed)} times in {source}: {where}",
                        listed[0].stated.symbol,
                        [Source(r.source, r.path, r.line, r.stated.record) for r in listed],
                    )
                )  # fmt: skip
        low, high = min(numbers), max(numbers)
        for number in range(low, high + 1):
            if number not in numbers:
                before = numbers.get(number - 1) or numbers[low]
                found.append(
                    AuditFinding(
                        "warning", "resolution-missing",
                        f"resolution {number} is listed nowhere in {source}, which lists "
                        f"{low} to {high}",
                        f"S/RES/{number}",
                        [Source(source, before[0].path, before[0].line)],
                    )
                )  # fmt: skip
    return found


# --- reconciliation ----------------------------------------------------------------------

# Each field reconciliation compares, with the code of a disagreement about it.
FIELDS = {
    "date": "reconcile-date",
    "record": "reconcile-record",
    "draft": "reconcile-draft",
    "tally": "reconcile-tally",
    "outcome": "reconcile-outcome",
    "vetoed_by": "reconcile-vetoed-by",
    "chapter_vii": "reconcile-chapter-vii",
}


def _value(row: Statement, name: str) -> Any:
    stated = row.stated
    if name == "date":
        return stated.date
    if name == "record":
        return stated.record.split(" (")[0].upper() if stated.record else None
    if name == "draft":
        return symbols.key(row.draft) if row.draft and stated.kind == "resolution" else None
    if name == "tally":
        v = stated.vote
        return f"{v.in_favour}-{v.against}-{v.abstaining}" if v else None
    if name == "outcome":
        return None if stated.adopted is None else ("adopted" if stated.adopted else "not adopted")
    if name == "vetoed_by":
        if stated.kind != "draft_resolution" or not stated.vetoed_by:
            return None
        return ", ".join(sorted(states.canonical(n) or n for n in stated.vetoed_by))
    if name == "chapter_vii":
        return row.chapter_vii
    return None


def _add(groups: dict[Any, list[Statement]], key: Any, row: Statement) -> None:
    # A plain dict: a default factory is called through Python for every group.
    group = groups.get(key)
    if group is None:
        groups[key] = [row]
    else:
        group.append(row)


def _by_key(rows: list[Statement]) -> dict[str, list[Statement]]:
    """The statements of each decision, in their order: what reconciliation compares, and
    where one source's several statements are named apart."""
    groups: dict[str, list[Statement]] = {}
    for row in rows:
        _add(groups, row.key, row)
    return groups


def _reconcile(by_key: dict[str, list[Statement]]) -> list[AuditFinding]:
    found: list[AuditFinding] = []
    for key, group in by_key.items():
        if len(group) < 2:
            continue
        sources = [r.source for r in group]
        # Two statements from one source (drafts put orally, cited by their meeting's
        # record) cannot be paired with another source's: left alone.
        distinct = len(set(sources))
        if distinct < 2 or distinct != len(sources):
            continue
        for name, code in FIELDS.items():
            values = [(r, _value(r, name)) for r in group]
            found.extend(_disagreements(key, name, code, values))
        found.extend(_member_votes(key, group))
    return found


def _disagreements(
    key: str, name: str, code: str, values: list[tuple[Statement, Any]]
) -> list[AuditFinding]:
    stated = [(r, v) for r, v in values if v is not None]
    if len({v for _, v in stated}) < 2:
        return []
    out = []
    seen: set[tuple[Any, Any]] = set()
    for i, (a, va) in enumerate(stated):
        for b, vb in stated[i + 1 :]:
            if va == vb or a.source == b.source or (va, vb) in seen:
                continue
            seen.add((va, vb))
            third = [(r, v) for r, v in stated if r is not a and r is not b]
            supports = _support(third, va, vb, a, b)
            out.append(
                AuditFinding(
                    "warning", code,
                    f"{a.stated.symbol or key}: {name.replace('_', ' ')} {va!r} in {a.source} "
                    f"but {vb!r} in {b.source}{supports}",
                    a.stated.symbol or key,
                    [Source(a.source, a.path, a.line, va), Source(b.source, b.path, b.line, vb)],
                )
            )  # fmt: skip
    return out


def _support(
    third: list[tuple[Statement, Any]], va: Any, vb: Any, a: Statement, b: Statement
) -> str:
    """Which of the two a third source agrees with, if any."""
    notes = []
    for row, value in third:
        if row.source in (a.source, b.source):
            continue
        if value == va:
            notes.append(f"{row.source} agrees with {a.source}")
        elif value == vb:
            notes.append(f"{row.source} agrees with {b.source}")
    return f" ({'; '.join(dict.fromkeys(notes))})" if notes else ""


def listed(row: Statement, member: str) -> tuple[str, ...]:
    """Every vote ``row`` lists ``member`` with: one, two where it names the member in two
    lists, none where it names it in none."""
    if member in row.twice:
        return tuple(row.twice[member])
    return (row.members[member],) if member in row.members else ()


def shown_votes(votes: tuple[str, ...]) -> str:
    """A member's votes as one source lists them: "Y", or "in two lists: Y and A"."""
    if len(votes) > 1:
        return "in two lists: " + " and ".join(votes)
    return votes[0] if votes else ""


def compared_votes(rows: list[Statement]) -> list[tuple[str, list[tuple[str, ...]], bool]]:
    """For each member any statement names: each statement's votes for it (see
    :func:`listed`), and whether they agree: not where one source lists it in two lists
    (that source's own conflict), nor where sources list different votes."""
    members = sorted({m for row in rows for m in (*row.members, *row.twice)})
    out = []
    for member in members:
        values = [listed(row, member) for row in rows]
        stated = {v for v in values if v}
        out.append((member, values, len(stated) <= 1 and all(len(v) <= 1 for v in stated)))
    return out


def _member_votes(key: str, group: list[Statement]) -> list[AuditFinding]:
    with_lists = [r for r in group if r.members or r.twice]
    out = []
    for i, a in enumerate(with_lists):
        for b in with_lists[i + 1 :]:
            if a.source == b.source:
                continue
            named = ({*a.members, *a.twice}) & ({*b.members, *b.twice})
            for member in sorted(named):
                va, vb = listed(a, member), listed(b, member)
                # A source naming the member in two lists disagrees with any other that
                # does not name it in the same two.
                if va == vb:
                    continue
                sa, sb = _as_text(va), _as_text(vb)
                out.append(
                    AuditFinding(
                        "warning", "reconcile-member-vote",
                        f"{a.stated.symbol or key}: {member} voted {sa} in {a.source} but "
                        f"{sb} in {b.source}",
                        a.stated.symbol or key,
                        [
                            Source(a.source, a.path, a.line, sa),
                            Source(b.source, b.path, b.line, sb),
                        ],
                    )
                )  # fmt: skip
    return out


def _as_text(votes: tuple[str, ...]) -> str:
    # One vote as the findings have always said it; two as the list names them.
    return votes[0] if len(votes) == 1 else f"{' and '.join(votes)} (in two lists)"


# --- naming each of several listings ------------------------------------------------------


def name_each(by_key: dict[str, list[Statement]]) -> None:
    """Give a label to each of several statements one source makes under one symbol at one
    meeting (drafts the Library names by their meeting's record), so that each finding
    names its own: "S/PV.1234 (2 of 3 listed at S/PV.1234)". ``by_key``: each symbol's
    statements, in order (see :func:`_by_key`)."""
    groups: dict[tuple[str, str, str, str | None], list[Statement]] = {}
    for statements_of in by_key.values():
        # Most symbols have one statement: only those with several are looked into.
        if len(statements_of) > 1:
            for row in statements_of:
                _add(groups, (row.key, row.source, row.path, row.stated.record), row)
    for (_key, _source, _path, record), group in groups.items():
        if len(group) < 2:
            continue
        for number, row in enumerate(group, start=1):
            symbol = row.stated.symbol or row.key
            where = f" listed at {record}" if record else ""
            row.stated.label = f"{symbol} ({number} of {len(group)}{where})"


# --- the merged record's choices ----------------------------------------------------------

# Fields whose wording differs from source to source: their disagreements are for
# information (the words of an agenda item), the others warnings where undecided.
_WORDED = frozenset({"agenda", "item"})

# The code of a disagreement over each field of the merged record, spelled out.
_EVIDENCE_CODES = {
    "record": "evidence-record",
    "date": "evidence-date",
    "symbol": "evidence-symbol",
    "tally": "evidence-tally",
    "adopted": "evidence-adopted",
    "chapter_vii": "evidence-chapter-vii",
    "agenda": "evidence-agenda",
    "vetoed_by": "evidence-vetoed-by",
}


def evidence_findings(conn: sqlite3.Connection) -> list[AuditFinding]:
    """Each field of the merged record on which the statements disagree (or the one
    statement its own record contradicts), with the value chosen and the rule that chose it,
    or that it is undecided; every source's value cited (see
    :mod:`repertoire.rules.evidence`)."""
    if not stored.merged_has_choices(conn):
        return []
    decisions = stored.disputed_decisions(conn)
    votes = stored.disputed_votes(conn)
    where = stored.statement_places(conn, {d.key for d in decisions} | {v.key for v in votes})
    found: list[AuditFinding] = []
    for d in decisions:
        rules = json.loads(d.chosen_by)
        chosen = json.loads(d.chosen)
        fallback = (d.document or "<store>", d.line or 1)
        disputed = json.loads(d.disputed)
        for name, code in _EVIDENCE_CODES.items():
            if (stated := disputed.get(name)) is None:
                continue
            found.append(
                _evidence_finding(
                    code, d.subject, name, rules.get(name), chosen.get(name), stated,
                    {s: where.get((d.key, s), fallback) for v in stated.values() for s in v},
                )
            )  # fmt: skip
    for v in votes:
        stated = json.loads(v.disputed)
        found.append(
            _evidence_finding(
                "evidence-member-vote", v.key, f"vote of {v.member}", v.chosen_by, v.vote, stated,
                {s: where.get((v.key, s), ("<store>", 1)) for x in stated.values() for s in x},
            )
        )  # fmt: skip
    return found


def _evidence_finding(
    code: str,
    subject: str,
    name: str,
    rule: str | None,
    value: Any,
    stated: dict[str, list[str]],
    places: dict[str, tuple[str, int]],
) -> AuditFinding:
    cited = []
    for text, sources in stated.items():
        for source in sources:
            path, line = places[source]
            cited.append(Source(source, path, line, text))
    each = "; ".join(f"{text!r} in {', '.join(sources)}" for text, sources in stated.items())
    field = name.replace("_", " ")
    if rule == "undecided":
        message = f"{subject}: {field} undecided between {each}: the evidence is tied"
        severity = "warning"
    elif len(stated) == 1:
        message = (
            f"{subject}: {field} {each} alone, in doubt: its own record or the rest of the "
            "record disagrees"
        )
        severity = "warning"
    else:
        shown = json.loads(value) if name == "vetoed_by" and isinstance(value, str) else value
        message = f"{subject}: {field} {shown!r} chosen by {rule}, of {each}"
        severity = "info"
    if name in _WORDED:
        severity = "info"
    return AuditFinding(severity, code, message, subject, cited)
