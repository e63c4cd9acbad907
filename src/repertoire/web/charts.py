"""The explorer's charts: Vega-Lite specifications drawn to SVG on the server.

Each chart is built with Altair from one query of the store and drawn by
vl-convert, which carries its own copy of Vega: no browser script, no
network. The data are embedded in the specification, so a chart's JSON can
be opened in any Vega-Lite editor as it is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert

from repertoire.rules.council import sitting
from repertoire.store.columns import query_rows

Spec = dict[str, Any]

_VOTES = {"Y": "In favour", "N": "Against", "A": "Abstaining"}
_RANK = {"Y": 1, "N": 2, "A": 3}
_VOTE_COLOURS = ["#2f7d4f", "#b3261e", "#c7a23a"]
_WIDTH = 560


def _count_axis(alt: Any, largest: int) -> Any:
    # Counts are whole numbers: small ones get a tick each, none gets ticks in between.
    if largest <= 12:
        return alt.Axis(values=list(range(largest + 1)), format="d")
    return alt.Axis(tickMinStep=1, format="d")


def _largest(rows: list[dict[str, Any]], key: str, by: str) -> int:
    """The largest total of ``by`` over rows sharing ``key`` (the height of a stacked bar)."""
    totals: dict[Any, int] = {}
    for row in rows:
        totals[row[key]] = totals.get(row[key], 0) + int(row[by])
    return max(totals.values(), default=0)


def votes_by_member(conn: sqlite3.Connection) -> Spec:
    """How each member voted, all recorded decisions together."""
    rows = query_rows(
        conn,
        "SELECT member, vote, count(*) AS votes FROM votes WHERE vote IN ('Y', 'N', 'A') "
        "GROUP BY member, vote ORDER BY member",
    )
    data = [{**r, "outcome": _VOTES[r["vote"]], "rank": _RANK[r["vote"]]} for r in rows]
    chart = (
        alt.Chart(alt.Data(values=data), title="Votes by member and outcome")
        .mark_bar()
        .encode(
            y=alt.Y("member:N", title=None, sort="ascending"),
            x=alt.X(
                "sum(votes):Q",
                title="Votes",
                axis=_count_axis(alt, _largest(rows, "member", "votes")),
            ),
            color=alt.Color(
                "outcome:N",
                title="Vote",
                scale=alt.Scale(domain=list(_VOTES.values()), range=_VOTE_COLOURS),
            ),
            order=alt.Order("rank:Q"),
            tooltip=["member:N", "outcome:N", "votes:Q"],
        )
        .properties(width=_WIDTH)
    )
    return chart.to_dict()


def meetings_per_month(conn: sqlite3.Connection) -> Spec:
    """Meetings held each month, by the kind of meeting."""
    rows = query_rows(
        conn,
        "SELECT substr(date, 1, 7) AS month, coalesce(kind, 'unknown') AS kind, "
        "count(DISTINCT record_key) AS meetings FROM meetings WHERE date IS NOT NULL "
        "GROUP BY month, kind ORDER BY month",
    )
    chart = (
        alt.Chart(alt.Data(values=rows), title="Meetings per month by kind")
        .mark_bar()
        .encode(
            x=alt.X("month:O", title="Month"),
            y=alt.Y(
                "sum(meetings):Q",
                title="Meetings",
                axis=_count_axis(alt, _largest(rows, "month", "meetings")),
            ),
            color=alt.Color("kind:N", title="Kind"),
            tooltip=["month:O", "kind:N", "meetings:Q"],
        )
        .properties(width=_WIDTH)
    )
    return chart.to_dict()


def _permanent_members(conn: sqlite3.Connection) -> list[str]:
    """Permanent members in the years the store's decisions cover."""
    years = conn.execute("SELECT DISTINCT year FROM decisions WHERE year IS NOT NULL")
    seated = [sitting(year=year) for (year,) in years]
    return sorted({name for council in seated if council for name in council.permanent})


def vetoes_by_member(conn: sqlite3.Connection) -> Spec:
    """Vetoes cast by each permanent member (members with none shown at zero)."""
    counts = {
        r["member"]: r["vetoes"]
        for r in query_rows(
            conn, "SELECT member, count(*) AS vetoes FROM votes WHERE veto = 1 GROUP BY member"
        )
    }
    names = sorted(set(_permanent_members(conn)) | set(counts))
    data = [{"member": name, "vetoes": counts.get(name, 0)} for name in names]
    chart = (
        alt.Chart(alt.Data(values=data), title="Vetoes by permanent member")
        .mark_bar(color="#b3261e")
        .encode(
            x=alt.X("member:N", title=None, sort="ascending", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "vetoes:Q", title="Vetoes", axis=_count_axis(alt, max(counts.values(), default=0))
            ),
            tooltip=["member:N", "vetoes:Q"],
        )
        .properties(width=_WIDTH)
    )
    return chart.to_dict()


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    title: str
    description: str
    build: Callable[[sqlite3.Connection], Spec]


CHARTS: dict[str, Chart] = {
    chart.name: chart
    for chart in (
        Chart(
            "votes-by-member",
            "Votes by member and outcome",
            "Every recorded vote of each member: in favour, against, abstaining.",
            votes_by_member,
        ),
        Chart(
            "meetings-per-month",
            "Meetings per month by kind",
            "Meetings held each month, coloured by their kind (briefing, adoption, debate…).",
            meetings_per_month,
        ),
        Chart(
            "vetoes",
            "Vetoes by permanent member",
            "Negative votes of permanent members that defeated a draft which had the votes.",
            vetoes_by_member,
        ),
    )
}


def svg(spec: Spec) -> str:
    """The chart drawn as SVG by vl-convert (no network, no browser)."""
    return vl_convert.vegalite_to_svg(spec)
