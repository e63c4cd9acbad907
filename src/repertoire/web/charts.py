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
# Two sizes of each chart: for a wide screen, and for a phone (picked by the page's <picture>).
WIDTHS = {"wide": 560, "narrow": 240}
# Text in the charts, in pixels; drawn at its size when the chart is not scaled down.
_FONT = 12
_TITLE_FONT = 14


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


def _configured(chart: Any, size: str) -> Spec:
    """The chart at ``size`` with legible text; on a phone the legend goes below."""
    chart = (
        chart.properties(width=WIDTHS[size])
        .configure_axis(labelFontSize=_FONT, titleFontSize=_FONT)
        .configure_legend(
            labelFontSize=_FONT,
            titleFontSize=_FONT,
            orient="bottom" if size == "narrow" else "right",
            direction="horizontal" if size == "narrow" else "vertical",
        )
        .configure_title(fontSize=_TITLE_FONT)
    )
    return chart.to_dict()


def votes_by_member(conn: sqlite3.Connection, size: str = "wide") -> Spec:
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
    )
    return _configured(chart, size)


def meetings_per_month(conn: sqlite3.Connection, size: str = "wide") -> Spec:
    """Meetings held each month, by the kind of meeting, on a continuous time axis.

    Months without meetings keep their place on the axis (an empty stretch),
    so that the gaps between meetings show.
    """
    rows = query_rows(
        conn,
        "SELECT substr(date, 1, 7) || '-01' AS month, coalesce(kind, 'unknown') AS kind, "
        "count(DISTINCT record_key) AS meetings FROM meetings WHERE date IS NOT NULL "
        "GROUP BY month, kind ORDER BY month",
    )
    chart = (
        alt.Chart(alt.Data(values=rows), title="Meetings per month by kind")
        .mark_bar()
        .encode(
            x=alt.X(
                "yearmonth(month):T",
                title="Month",
                axis=alt.Axis(format="%b %Y", labelAngle=-45, labelOverlap=True),
            ),
            y=alt.Y(
                "sum(meetings):Q",
                title="Meetings",
                axis=_count_axis(alt, _largest(rows, "month", "meetings")),
            ),
            color=alt.Color("kind:N", title="Kind"),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month", format="%B %Y"),
                "kind:N",
                "meetings:Q",
            ],
        )
    )
    return _configured(chart, size)


def _permanent_members(conn: sqlite3.Connection) -> list[str]:
    """Permanent members in the years the store's decisions cover."""
    years = conn.execute("SELECT DISTINCT year FROM decisions WHERE year IS NOT NULL")
    seated = [sitting(year=year) for (year,) in years]
    return sorted({name for council in seated if council for name in council.permanent})


def vetoes_by_member(conn: sqlite3.Connection, size: str = "wide") -> Spec:
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
            y=alt.Y("member:N", title=None, sort="ascending"),
            x=alt.X(
                "vetoes:Q", title="Vetoes", axis=_count_axis(alt, max(counts.values(), default=0))
            ),
            tooltip=["member:N", "vetoes:Q"],
        )
    )
    return _configured(chart, size)


@dataclass(frozen=True, slots=True)
class Chart:
    name: str
    title: str
    description: str
    build: Callable[[sqlite3.Connection, str], Spec]


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
