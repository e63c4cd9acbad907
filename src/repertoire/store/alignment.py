"""Derived tables: the agreement counts of members' votes, per year and pair.

Kept in step with the votes as documents come and go: the writer adds a
document's counts when it writes its rows and takes them away before it
removes them.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter

from repertoire.store.columns import COLUMNS
from repertoire.store.rows import Rows

_PAIRS = """
SELECT d.year AS year, a.member AS member_a, b.member AS member_b,
       count(*) AS together, sum(a.vote = b.vote) AS alike
FROM votes AS a
JOIN votes AS b ON b.decision_id = a.decision_id AND a.member < b.member
JOIN decisions AS d ON d.id = a.decision_id
WHERE a.vote <> 'absent' AND b.vote <> 'absent' AND d.year IS NOT NULL {where}
GROUP BY d.year, a.member, b.member
"""


_UPSERT_PAIRS = (
    "INSERT INTO alignment_counts (year, member_a, member_b, together, alike) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (year, member_a, member_b) DO UPDATE SET "
    "together = together + excluded.together, alike = alike + excluded.alike"
)


def _pair_counts(rows: Rows) -> list[tuple[int, str, str, int, int]]:
    """Agreement counts of the votes in ``rows``, per year and pair of members.

    The pairs of each decision are counted by ``Counter.update`` over
    ``itertools.combinations`` (both in C): all pairs of members who voted,
    and the pairs within each group that voted alike.
    """
    vote_at = COLUMNS["votes"].index("vote")
    member_at = COLUMNS["votes"].index("member")
    decision_at = COLUMNS["votes"].index("decision_id")
    year_at = COLUMNS["decisions"].index("year")
    years = {row[0]: row[year_at] for row in rows.tables["decisions"]}
    cast: dict[int, list[tuple[str, str]]] = {}
    for row in rows.tables["votes"]:
        if row[vote_at] != "absent":
            cast.setdefault(row[decision_at], []).append((row[member_at], row[vote_at]))
    together: dict[int, Counter[tuple[str, str]]] = {}
    alike: dict[int, Counter[tuple[str, str]]] = {}
    for decision, votes in cast.items():
        year = years.get(decision)
        if year is None:
            continue
        votes.sort()  # members in order, so that every pair comes as (a, b) with a < b
        # A year's counters made once, not once per decision (a Counter is made in Python).
        counted = together.get(year)
        if counted is None:
            counted = together[year] = Counter()
            alike[year] = Counter()
        counted.update(itertools.combinations([member for member, _ in votes], 2))
        groups: dict[str, list[str]] = {}
        for member, vote in votes:
            groups.setdefault(vote, []).append(member)
        same = alike[year]
        for group in groups.values():
            if len(group) > 1:  # a member alone pairs with no one
                same.update(itertools.combinations(group, 2))
    # In key order, as the table stores them: each upsert lands next to the one before.
    # A pair that never voted alike is missing from its year's counter: 0, with no call of
    # the counter's own __missing__.
    return sorted(
        (year, first, second, count, alike[year].get((first, second), 0))
        for year, pairs in together.items()
        for (first, second), count in pairs.items()
    )


def count_pairs(rows: Rows) -> Rows:
    """Work out (once) the agreement counts of the votes in ``rows``; returns ``rows``."""
    if rows.pairs is None:
        rows.pairs = _pair_counts(rows)
    return rows


def add_alignment(conn: sqlite3.Connection, rows: Rows) -> None:
    """Add the agreement counts of one document's votes, made from its ``rows`` in memory,
    which is quicker than a self-join of the votes just written."""
    conn.executemany(_UPSERT_PAIRS, count_pairs(rows).pairs or [])


def remove_alignment(conn: sqlite3.Connection, document_id: int) -> None:
    """Take one document's votes out of the agreement counts (before its rows go)."""
    conn.execute(
        "UPDATE alignment_counts SET together = alignment_counts.together - p.together, "
        "alike = alignment_counts.alike - p.alike FROM ("
        + _PAIRS.format(where="AND a.document_id = :doc")
        + ") AS p WHERE alignment_counts.year = p.year "
        "AND alignment_counts.member_a = p.member_a AND alignment_counts.member_b = p.member_b",
        {"doc": document_id},
    )
    conn.execute("DELETE FROM alignment_counts WHERE together <= 0")
