"""What the explorer shows of the Council's official record beside the Repertoire.

A decision's page puts each source's values side by side, marking where they agree;
the disagreements page lists what ``repertoire audit`` finds when it reconciles the
sources; a State's page shows its voting record and its vetoes over every source, as the
store's questions give them.
Every function takes an open (read-only) connection, or the audit's findings, and
returns plain data for a template; nothing here writes or judges: the values compared
and the findings are the audit's (:mod:`repertoire.official.audit`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from repertoire.official import audit
from repertoire.read import symbols
from repertoire.reference import states
from repertoire.store import queries
from repertoire.store.columns import query_rows
from repertoire.store.council import ALL, document
from repertoire.store.migrations import StoreError
from repertoire.store.queries import symbol_lookup
from repertoire.store.sources import RANK
from repertoire.web import urls
from repertoire.web.paging import PAGE, paging

# How each field reconciliation compares is named on the page.
FIELD_LABELS = {
    "date": "Date",
    "record": "Meeting record",
    "draft": "Draft",
    "tally": "Tally (for-against-abstaining)",
    "outcome": "Outcome",
    "vetoed_by": "Vetoed by",
    "chapter_vii": "Chapter VII",
}


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


# -- a decision, source by source ------------------------------------------------------------


def decision(
    conn: sqlite3.Connection, symbol: str, findings: list[audit.AuditFinding]
) -> dict[str, Any] | None:
    """Each source's statement of the decision ``symbol`` (a resolution, statement or
    draft), its values side by side with whether they agree, the value the merged record
    chose for each and the rule that chose it, and the audit's findings."""
    key = symbol_lookup(symbol)
    rows = sorted(_statements(conn, key), key=lambda r: RANK.get(r.source, len(RANK)))
    if not rows:
        return None
    merged = query_rows(
        conn,
        "SELECT * FROM council_decisions WHERE scope = ? AND key = ?",
        (ALL, key),
    )
    head = merged[0] if merged else None
    fields = _fields(rows, head)
    votes = _votes(conn, key, rows)
    label = next((r.stated.symbol for r in rows if r.stated.symbol), symbol)
    subjects = {label, key, *(r.stated.symbol for r in rows if r.stated.symbol)}
    compared = [f for f in fields if f["compared"]]
    votes_compared = [v for v in votes if v["compared"]]
    about = [f for f in findings if f.subject in subjects]
    in_doubt = any(f["in_doubt"] for f in fields) or any(v["in_doubt"] for v in votes)
    # The merged record's meeting, even where it is undecided (None) and a source names one.
    record = head["record"] if head else rows[0].stated.record
    return {
        "label": label,
        "key": key,
        "undocs": symbols.url(label),
        "kind": rows[0].stated.kind,
        "record": record,
        "record_url": urls.meeting_or_document(record) if record else None,
        "sources": [
            {
                "source": r.source,
                "document": document(r.path),
                "path": r.path,
                "line": r.line,
            }
            for r in rows
        ],
        # Two statements of one source (a draft listed at two meetings) are one source.
        "source_count": len({r.source for r in rows}),
        "merged": head is not None,
        "fields": fields,
        "compared": len(compared),
        "agreeing": sum(1 for f in compared if f["agree"]),
        "single": [f["label"] for f in fields if not f["compared"]],
        "votes": votes,
        "votes_compared": len(votes_compared),
        "votes_agreeing": sum(1 for v in votes_compared if v["agree"]),
        "votes_twice": [v["member"] for v in votes if v["twice"]],
        "votes_listed": any(v["listed"] for v in votes),
        "findings": about,
        "settled": not about and not in_doubt,
    }


def _fields(rows: list[audit.Statement], head: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each field some statement gives: every source's value, whether they agree, and the
    value the merged record chose with its rule; a value other than the chosen one (every
    value, where the evidence is tied) is marked."""
    chosen = audit.merged_values(head) if head else {}
    rules = _json(head["chosen_by"]) if head else {}
    disputed = _json(head["disputed"]) if head else {}
    fields = []
    for name, values, agree in audit.compared(rows):
        stated = [v for v in values if v is not None]
        if not stated:
            continue
        merged_name = audit.MERGED.get(name)
        rule = rules.get(merged_name) if merged_name else None
        value = chosen.get(name)
        undecided = rule == "undecided"
        fields.append(
            {
                "name": name,
                "label": FIELD_LABELS.get(name, name),
                "agree": agree,
                # Two statements of one source are not two sources.
                "compared": len(
                    {r.source for r, v in zip(rows, values, strict=True) if v is not None}
                )
                > 1,
                "chosen": _shown(value) if rule and not undecided else "",
                "rule": rule or "",
                "in_doubt": not agree
                or undecided
                or rule == "doubted"
                or bool(merged_name and merged_name in disputed),
                "cells": [
                    {
                        "value": _shown(v),
                        "stated": v is not None,
                        "differs": v is not None
                        and (v != value if rule and not undecided else undecided or not agree),
                    }
                    for v in values
                ],
            }
        )
    return fields


def _votes(conn: sqlite3.Connection, key: str, rows: list[audit.Statement]) -> list[dict[str, Any]]:
    """Each member's vote as each source lists it (a member in two lists of one source is
    that source's conflict, never an agreement), beside the vote the merged record gives
    it, the rule that chose it and, where worked out, its basis."""
    merged = {
        r["member"]: r
        for r in query_rows(
            conn,
            "SELECT member, vote, inferred, chosen_by, basis, disputed FROM council_votes"
            " WHERE scope = ? AND key = ? ORDER BY member",
            (ALL, key),
        )
    }
    votes = []
    seen: set[str] = set()
    for member, values, agree in audit.compared_votes(rows):
        name = states.short_name(member)
        seen.add(name)
        sources = {r.source for r, v in zip(rows, values, strict=True) if v}
        votes.append(_vote(member, values, agree, merged.get(name), len(sources)))
    # Members no source lists, whose vote the merged record works out.
    votes.extend(
        _vote(member, [() for _ in rows], True, row, 0)
        for member, row in merged.items()
        if member not in seen
    )
    return votes


def _vote(
    member: str,
    values: list[tuple[str, ...]],
    agree: bool,
    merged: dict[str, Any] | None,
    sources: int,
) -> dict[str, Any]:
    chosen = merged["vote"] if merged else None
    rule = (merged["chosen_by"] or "") if merged else ""
    decided = bool(chosen) and rule != "undecided"
    stated = [v for v in values if v]
    return {
        "member": member,
        "url": urls.state(member),
        "agree": agree,
        "compared": sources > 1 or any(len(v) > 1 for v in stated),
        "listed": bool(stated),
        "twice": any(len(v) > 1 for v in stated),
        "chosen": chosen if decided else "",
        "rule": rule,
        "basis": (merged["basis"] or "") if merged and merged["inferred"] else "",
        "in_doubt": not agree or rule == "undecided" or bool(merged and _json(merged["disputed"])),
        "cells": [
            {
                "value": audit.shown_votes(v),
                "vote": v[0] if len(v) == 1 else "",
                # Without a merged row (nothing chose) every value of a conflict is marked.
                "differs": bool(v) and (v != (chosen,) if decided else not agree or bool(merged)),
            }
            for v in values
        ],
    }


def _json(text: str | None) -> dict[str, Any]:
    try:
        found = json.loads(text or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


# -- the disagreements the audit finds ------------------------------------------------------


def disagreements(
    findings: list[audit.AuditFinding], code: str | None = None, page: int = 1
) -> dict[str, Any]:
    """The audit's reconciliation findings, and its findings about the merged record's
    choices (``code``: only that one), a page of them."""
    found = [f for f in findings if f.code.startswith(_DISAGREEING)]
    codes: dict[str, int] = {}
    for finding in found:
        codes[finding.code] = codes.get(finding.code, 0) + 1
    if code:
        found = [f for f in found if f.code == code]
    paged = paging(len(found), page)
    rows = [
        {
            "subject": f.subject,
            "url": urls.decision(f.subject) if f.subject else None,
            "code": f.code,
            "field": FIELD_LABELS.get(_field(f.code).replace("-", "_"))
            or _field(f.code).replace("-", " "),
            "message": f.message,
            "sources": [
                {
                    "source": s.source,
                    "document": document(s.path),
                    "line": s.line,
                    "value": _shown(s.value),
                }
                for s in f.sources
            ],
        }
        for f in found[paged.offset : paged.offset + PAGE]
    ]
    return {"rows": rows, "codes": sorted(codes.items()), "code": code, "paging": paged}


_DISAGREEING = ("reconcile-", "evidence-")


def _field(code: str) -> str:
    for prefix in _DISAGREEING:
        code = code.removeprefix(prefix)
    return code


# -- a State's record over every source ------------------------------------------------------


def state_record(
    conn: sqlite3.Connection, name: str, votes_page: int = 1, vetoes_page: int = 1
) -> dict[str, Any]:
    """``name``'s votes and vetoes over every source the store holds, a page of each: the
    rows and counts of ``repertoire votes --member`` and ``--vetoed-by``."""
    try:
        total = queries.count(conn, "votes", member=name)
        vetoed = queries.count(conn, "votes", vetoed_by=name)
    except StoreError:  # a name that no source gives a vote of
        total = vetoed = 0
    votes_paging = paging(total, votes_page)
    vetoes_paging = paging(vetoed, vetoes_page)
    votes = (
        queries.votes(conn, member=name, limit=PAGE, offset=votes_paging.offset) if total else []
    )
    for vote in votes:
        _links(vote)
        vote["vote"] = vote["member_vote"]
        vote["veto"] = vote["member"] in vote["vetoed_by"]
    vetoes = (
        queries.votes(conn, vetoed_by=name, limit=PAGE, offset=vetoes_paging.offset)
        if vetoed
        else []
    )
    for veto in vetoes:
        _links(veto)
        veto["others"] = [m for m in veto["vetoed_by"] if states.canonical(m) != name]
    return {
        "votes": votes,
        "votes_paging": votes_paging,
        "years": queries.years(conn, "votes", member=name) if total else None,
        "vetoes": vetoes,
        "vetoes_paging": vetoes_paging,
    }


# The keys of the statements whose symbol as written the merged record set aside for
# another (a link's text naming another year than its address): their other value.
_WRITTEN_OTHERWISE = (
    "SELECT DISTINCT decision_key FROM decision_attestations"
    " WHERE also LIKE '%\"symbol\"%' AND symbol_key(json_extract(also, '$.symbol')) = ?"
)


def _statements(conn: sqlite3.Connection, key: str) -> list[audit.Statement]:
    """Every source's statement of the decision ``key``: those keyed by it, else those
    keyed by the symbol as written that the merged record chose ``key`` over."""
    rows = audit.statements(conn, key)
    if not rows:
        for (written,) in conn.execute(_WRITTEN_OTHERWISE, (key,)):
            rows.extend(audit.statements(conn, written))
    return rows


def stated(conn: sqlite3.Connection, symbol: str) -> bool:
    """Whether any source states the decision ``symbol`` (it has a page of its own)."""
    return bool(_statements(conn, symbol_lookup(symbol)))


def _links(row: dict[str, Any]) -> None:
    row["label"] = row["symbol"] or row["draft"] or row["kind"] or ""
    row["label_url"] = urls.decision(row["label"]) if row["symbol"] or row["draft"] else None
    row["meeting_url"] = urls.meeting_or_document(row["record"]) if row["record"] else None
