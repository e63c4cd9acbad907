"""Audit the stored record: findings about every source, and where sources disagree.

Three kinds of findings, each naming the subject (a symbol or meeting record) and its
sources (source kind, file, line, value):

- what the readers found in the files (broken input, links whose text names another
  document, a table title naming the wrong year);
- what the Council's rules say about each decision as each source states it
  (:mod:`repertoire.rules.official`), and about resolution numbers (consecutive: a number
  listed at two meetings, or never, within what a source covers);
- reconciliation: for each decision stated by two or more sources, each field on which
  two sources disagree, with which one a third source supports.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from repertoire.records import Vote
from repertoire.reference import states
from repertoire.rules.official import Stated, judge
from repertoire.store.judge import judge as judge_sentences
from repertoire.store.records import document_from_db
from repertoire.store.texts import has_texts

SEVERITIES = {"error": 0, "warning": 1, "info": 2}


@dataclass(slots=True)
class Source:
    source: str
    path: str
    line: int
    value: Any = None
    column: int = 1


@dataclass(slots=True)
class AuditFinding:
    severity: str
    code: str
    message: str
    subject: str | None
    sources: list[Source] = field(default_factory=list)

    def format(self) -> str:
        first = self.sources[0] if self.sources else Source("", "<store>", 0)
        subject = f" [{self.subject}]" if self.subject else ""
        return (
            f"{first.path}:{first.line}:{first.column}: {self.severity}[{self.code}] "
            f"{self.message}{subject}"
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Statement:
    """A decision as one source states it, with where it was read (``members``: each
    member's Y, N or A as the source lists it)."""

    key: str
    source: str
    path: str
    line: int
    stated: Stated
    draft: str | None = None
    chapter_vii: bool | None = None
    members: dict[str, str] = field(default_factory=dict)  # State -> Y/N/A


def audit(conn: sqlite3.Connection) -> list[AuditFinding]:
    """Every finding about the stored record, errors first."""
    findings: list[AuditFinding] = []
    findings.extend(_reader_findings(conn))
    rows = _official_rows(conn) + _repertoire_rows(conn) + _veto_rows(conn)
    for row in rows:
        if row.source.endswith("vetoes") or row.source == "vetoes-csv":
            continue
        _judge(row, findings)
    findings.extend(_numbers(rows))
    findings.extend(_reconcile(rows))
    findings.extend(_texts(conn))
    findings.sort(key=lambda f: (SEVERITIES.get(f.severity, 3), f.code, f.subject or ""))
    return findings


def _texts(conn: sqlite3.Connection) -> list[AuditFinding]:
    """Texts held twice, and each loaded section's sentences judged against the texts."""
    if not _has(conn, "decision_texts") or not has_texts(conn):
        return []
    found = [
        AuditFinding(
            "warning",
            "text-twice",
            f"the text of {symbol} is held in {count} files; the first imported is the one "
            "citations are judged against",
            symbol,
            [
                Source("akn4un-text", path, line)
                for path, line in zip(paths.split("\n"), map(int, lines.split("\n")), strict=False)
            ],
        )
        for symbol, count, paths, lines in conn.execute(
            "SELECT min(t.symbol), count(*), group_concat(f.path, char(10)),"
            " group_concat(t.line, char(10)) FROM decision_texts AS t"
            " JOIN official_files AS f ON f.id = t.file_id"
            " GROUP BY t.symbol_key HAVING count(*) > 1"
        )
    ]
    by_document: defaultdict[str, list[int]] = defaultdict(list)
    for section_id, path in conn.execute(
        "SELECT s.id, d.path FROM sections AS s JOIN documents AS d ON d.id = s.document_id"
        " ORDER BY s.id"
    ):
        by_document[path].append(section_id)
    for path, sections in by_document.items():
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


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')", (table,)
        ).fetchone()
    )


def _reader_findings(conn: sqlite3.Connection) -> list[AuditFinding]:
    if not _has(conn, "official_findings"):
        return []
    return [
        AuditFinding(sev, code, msg, subject, [Source(kind or "", path, line)])
        for sev, code, msg, subject, path, line, kind in conn.execute(
            "SELECT x.severity, x.code, x.message, x.subject, f.path, x.line, f.kind"
            " FROM official_findings x JOIN official_files f ON f.id = x.file_id"
        )
    ]


def _vote(f: int | None, a: int | None, b: int | None) -> Vote | None:
    return Vote(f, a or 0, b or 0) if f is not None else None


# Only the statements of one decision (``key``), for a page about it; None: every one.
_ONE_OFFICIAL = " WHERE d.symbol_key = :key OR d.draft_key = :key"
_ONE_REPERTOIRE = (
    " WHERE upper(replace(d.symbol, ' ', '')) = :key OR upper(replace(d.draft, ' ', '')) = :key"
)


def _official_rows(conn: sqlite3.Connection, key: str | None = None) -> list[Statement]:
    if not _has(conn, "official_decisions"):
        return []
    one = _ONE_OFFICIAL if key else ""
    lists: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for decision_id, vote, written in conn.execute(
        "SELECT decision_id, vote, written FROM official_votes"
        + (f" WHERE decision_id IN (SELECT d.id FROM official_decisions AS d{one})" if key else "")
        + " ORDER BY decision_id, vote, ordinal",
        {"key": key},
    ):
        lists[decision_id][vote].append(written)
    rows = []
    for (
        decision_id, source, kind, symbol, symbol_key, record, date, draft, draft_key,
        adopted, tally_text, vf, va, vb, chapter, vetoed_by, outcome, path, line,
    ) in conn.execute(
        "SELECT d.id, d.source, d.kind, d.symbol, d.symbol_key, d.record, d.date, d.draft,"
        " d.draft_key, d.adopted, d.tally_text, d.votes_for, d.votes_against,"
        " d.votes_abstaining, d.chapter_vii, d.vetoed_by, d.outcome_text, f.path, d.line"
        f" FROM official_decisions d JOIN official_files f ON f.id = d.file_id{one} ORDER BY d.id",
        {"key": key},
    ):  # fmt: skip
        key = draft_key if kind == "draft_resolution" and draft_key else symbol_key
        if not key:
            continue
        named = lists.get(decision_id, {})
        stated = Stated(
            kind, symbol, record, date, None if adopted is None else bool(adopted),
            _vote(vf, va, vb), named.get("Y", []), named.get("N", []), named.get("A", []),
            named.get("absent", []), [n for n in vetoed_by.split("; ") if n], tally_text,
            outcome, line,
        )  # fmt: skip
        members: dict[str, str] = {}
        twice: set[str] = set()
        for code, names in named.items():
            for name in names:
                member = states.canonical(name) or name
                if member in members:
                    twice.add(member)  # in two lists: the rules report it; no vote to compare
                members[member] = code
        members = {m: v for m, v in members.items() if m not in twice}
        rows.append(Statement(key, source, path, line, stated, draft, _bool(chapter), members))
    return rows


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _repertoire_rows(conn: sqlite3.Connection, key: str | None = None) -> list[Statement]:
    """Decisions read from Repertoire sections (judged when they were loaded)."""
    if not _has(conn, "decisions"):
        return []
    one = _ONE_REPERTOIRE if key else ""
    votes: dict[int, dict[str, str]] = defaultdict(dict)
    for decision_id, member, vote in conn.execute(
        "SELECT decision_id, member, vote FROM votes"
        + (f" WHERE decision_id IN (SELECT d.id FROM decisions AS d{one})" if key else ""),
        {"key": key},
    ):
        votes[decision_id][member] = vote
    rows = []
    for (
        decision_id, kind, symbol, draft, date, adopted, vf, va, vb, vetoed, chapter,
        record, path, line,
    ) in conn.execute(
        "SELECT d.id, d.kind, d.symbol, d.draft, d.date, d.adopted, d.votes_for,"
        " d.votes_against, d.votes_abstaining, d.vetoed, d.chapter_vii, m.record, doc.path,"
        " d.line FROM decisions d JOIN meetings m ON m.id = d.meeting_id"
        " JOIN sections s ON s.id = d.section_id JOIN documents doc ON doc.id = s.document_id"
        + one,
        {"key": key},
    ):  # fmt: skip
        kind = "draft_resolution" if kind == "draft_resolution" else kind
        key_symbol = draft if kind == "draft_resolution" else symbol
        if not key_symbol:
            continue
        member_votes = votes.get(decision_id, {})
        vetoed_by = [m for m, v in member_votes.items() if v == "N"] if vetoed else []
        stated = Stated(
            kind, symbol, record, date, None if adopted is None else bool(adopted),
            _vote(vf, va, vb), vetoed_by=vetoed_by, line=line or 1,
        )  # fmt: skip
        rows.append(
            Statement(
                _key(key_symbol), "repertoire", path, line or 1, stated, draft,
                _bool(chapter), member_votes,
            )
        )  # fmt: skip
    return rows


def _veto_rows(conn: sqlite3.Connection, key: str | None = None) -> list[Statement]:
    if not _has(conn, "official_vetoes"):
        return []
    rows = []
    for source, date, draft_key, draft, records, members, path, line in conn.execute(
        "SELECT v.source, v.date, v.draft_key, v.draft, v.records, v.members, f.path, v.line"
        " FROM official_vetoes v JOIN official_files f ON f.id = v.file_id"
        + (" WHERE v.draft_key = :key" if key else ""),
        {"key": key},
    ):
        if not draft_key:
            continue
        first = records.split("; ")[0] if records else None
        stated = Stated(
            "draft_resolution", draft, first, date, False, None,
            vetoed_by=[m for m in members.split("; ") if m], line=line,
        )  # fmt: skip
        rows.append(Statement(draft_key, source, path, line, stated, draft))
    return rows


def _key(symbol: str) -> str:
    return "".join(symbol.split()).upper()


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


def _judge(row: Statement, findings: list[AuditFinding]) -> None:
    def emit(severity: str, code: str, message: str) -> None:
        findings.append(
            AuditFinding(
                severity, code, message, row.stated.symbol or row.key,
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
    by_source: dict[str, dict[int, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        number = _number(row.stated.symbol) if row.stated.kind == "resolution" else None
        if number is not None and row.source != "repertoire":
            by_source[row.source][number].append(row)
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

FIELDS = ("date", "record", "draft", "tally", "outcome", "vetoed_by", "chapter_vii")


def _value(row: Statement, name: str) -> Any:
    stated = row.stated
    if name == "date":
        return stated.date
    if name == "record":
        return stated.record.split(" (")[0].upper() if stated.record else None
    if name == "draft":
        return _key(row.draft) if row.draft and stated.kind == "resolution" else None
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


def _reconcile(rows: list[Statement]) -> list[AuditFinding]:
    groups: dict[str, list[Statement]] = defaultdict(list)
    for row in rows:
        groups[row.key].append(row)
    found: list[AuditFinding] = []
    for key, group in groups.items():
        sources = [r.source for r in group]
        # Two statements from one source (drafts put orally, cited by their meeting's
        # record) cannot be paired with another source's: left alone.
        if len(set(sources)) < 2 or len(set(sources)) != len(sources):
            continue
        for name in FIELDS:
            found.extend(_disagreements(key, name, [(r, _value(r, name)) for r in group]))
        found.extend(_member_votes(key, group))
    return found


def _disagreements(key: str, name: str, values: list[tuple[Statement, Any]]) -> list[AuditFinding]:
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
                    "warning", f"reconcile-{name.replace('_', '-')}",
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


def _member_votes(key: str, group: list[Statement]) -> list[AuditFinding]:
    with_lists = [r for r in group if r.members]
    out = []
    for i, a in enumerate(with_lists):
        for b in with_lists[i + 1 :]:
            if a.source == b.source:
                continue
            for member in sorted(set(a.members) & set(b.members)):
                if a.members[member] != b.members[member]:
                    out.append(
                        AuditFinding(
                            "warning", "reconcile-member-vote",
                            f"{a.stated.symbol or key}: {member} voted "
                            f"{a.members[member]} in {a.source} but {b.members[member]} "
                            f"in {b.source}",
                            a.stated.symbol or key,
                            [
                                Source(a.source, a.path, a.line, a.members[member]),
                                Source(b.source, b.path, b.line, b.members[member]),
                            ],
                        )
                    )  # fmt: skip
    return out
