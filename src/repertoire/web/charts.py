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
from repertoire.store.sources import has_official

Spec = dict[str, Any]

_VOTES = {"Y": "In favour", "N": "Against", "A": "Abstaining"}
_RANK = {"Y": 1, "N": 2, "A": 3}
_VOTE_COLOURS = ["#2f7d4f", "#b3261e", "#c7a23a"]
# Two sizes of each chart: for a wide screen, and for a phone (picked by the page's <picture>).
WIDTHS = {"wide": 560, "narrow": 240}
# Text in the charts, in pixels; drawn at its size when the chart is not scaled down.
_FONT = 12
_TITLE_FONT = 14
# The width a member's name may take beside a phone's chart (longer ones end in "…", whole
# in the tooltip): with every State that ever sat, the longest would shrink the chart's
# text below legible.
_NARROW_NAMES = 120


def _members_axis(size: str) -> Any:
    """The axis of members' names, at ``size``."""
    return alt.Axis(labelLimit=_NARROW_NAMES) if size == "narrow" else alt.Axis()


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
    """How each member voted, all recorded decisions together, over every source (each
    member's vote on a decision once, as the merged record has it)."""
    table = "council_votes WHERE scope = 'all' AND" if has_official(conn) else "votes WHERE"
    rows = query_rows(
        conn,
        f"SELECT member, vote, count(*) AS votes FROM {table} vote IN ('Y', 'N', 'A') "
        "GROUP BY member, vote ORDER BY member",
    )
    data = [{**r, "outcome": _VOTES[r["vote"]], "rank": _RANK[r["vote"]]} for r in rows]
    chart = (
        alt.Chart(alt.Data(values=data), title="Votes by member and outcome")
        .mark_bar()
        .encode(
            y=alt.Y("member:N", title=None, sort="ascending", axis=_members_axis(size)),
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
    # Over every source, each meeting once (the merged record's), else the Repertoire's.
    merged = has_official(conn)
    table = "council_meetings WHERE scope = 'all' AND" if merged else "meetings WHERE"
    rows = query_rows(
        conn,
        "SELECT substr(date, 1, 7) || '-01' AS month, coalesce(kind, 'unknown') AS kind, "
        f"count(DISTINCT {'key' if merged else 'record_key'}) AS meetings FROM {table}"
        " date IS NOT NULL GROUP BY month, kind ORDER BY month",
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
    merged = has_official(conn)
    table = "council_decisions WHERE scope = 'all' AND" if merged else "decisions WHERE"
    years = conn.execute(f"SELECT DISTINCT year FROM {table} year IS NOT NULL")
    seated = [sitting(year=year) for (year,) in years]
    return sorted({name for council in seated if council for name in council.permanent})


def vetoes_by_member(conn: sqlite3.Connection, size: str = "wide") -> Spec:
    """Vetoes cast by each permanent member (members with none shown at zero)."""
    # Over every source, each vetoed draft once with every member that vetoed it (the
    # counts of `repertoire votes --vetoed-by`), else the Repertoire's votes.
    sql = (
        "SELECT j.value AS member, count(*) AS vetoes"
        " FROM council_decisions AS d, json_each(d.vetoed_by) AS j"
        " WHERE d.scope = 'all' AND d.voted = 1 AND d.vetoed = 1 GROUP BY 1"
        if has_official(conn)
        else "SELECT member, count(*) AS vetoes FROM votes WHERE veto = 1 GROUP BY member"
    )
    counts = {r["member"]: r["vetoes"] for r in query_rows(conn, sql)}
    names = sorted(set(_permanent_members(conn)) | set(counts))
    data = [{"member": name, "vetoes": counts.get(name, 0)} for name in names]
    chart = (
        alt.Chart(alt.Data(values=data), title="Vetoes by permanent member")
        .mark_bar(color="#b3261e")
        .encode(
            y=alt.Y("member:N", title=None, sort="ascending", axis=_members_axis(size)),
            x=alt.X(
                "vetoes:Q", title="Vetoes", axis=_count_axis(alt, max(counts.values(), default=0))
            ),
            tooltip=["member:N", "vetoes:Q"],
        )
    )
    return _configured(chart, size)


# -- over every source, 1946 on -------------------------------------------------------------

# What a meeting decided, for the chart of meetings per year: the first that applies.
_DECIDED = (
    ("a draft vetoed", "d.vetoed = 1"),
    ("a resolution", "d.kind = 'resolution'"),
    ("a presidential statement", "d.kind = 'presidential_statement'"),
    ("another decision", "1"),
)


def _decided_case(decisions: str, match: str) -> str:
    """SQL naming what a meeting decided, from the decisions ``match`` ties to it."""
    cases = " ".join(
        f"WHEN EXISTS (SELECT 1 FROM {decisions} AS d WHERE {match} AND {test}) THEN '{label}'"
        for label, test in _DECIDED
    )
    return f"CASE {cases} ELSE 'no decision' END"


def _legend(size: str) -> Any:
    """A legend of long labels: in two columns below a phone-sized chart."""
    return alt.Legend(columns=2, labelLimit=140) if size == "narrow" else alt.Legend()


def meetings_per_year(conn: sqlite3.Connection, size: str = "wide") -> Spec:
    """Meetings held each year over every source, by what each decided."""
    if has_official(conn):
        kind = _decided_case("council_decisions", "d.scope = m.scope AND d.record_key = m.key")
        sql = (
            f"SELECT m.year, {kind} AS kind, count(*) AS meetings FROM council_meetings AS m"
            " WHERE m.scope = 'all' AND m.year IS NOT NULL GROUP BY 1, 2 ORDER BY 1"
        )
    else:
        kind = _decided_case("decisions", "d.meeting_id = m.id")
        sql = (
            f"SELECT m.year, {kind} AS kind, count(DISTINCT m.record_key) AS meetings"
            " FROM meetings AS m WHERE m.year IS NOT NULL GROUP BY 1, 2 ORDER BY 1"
        )
    rows = query_rows(conn, sql)
    order = [label for label, _ in _DECIDED] + ["no decision"]
    chart = (
        alt.Chart(alt.Data(values=rows), title="Meetings per year by what they decided")
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelOverlap=True, labelAngle=-90)),
            y=alt.Y(
                "sum(meetings):Q",
                title="Meetings",
                axis=_count_axis(alt, _largest(rows, "year", "meetings")),
            ),
            color=alt.Color("kind:N", title="Decided", sort=order, legend=_legend(size)),
            order=alt.Order("kind:N"),
            tooltip=["year:O", "kind:N", "meetings:Q"],
        )
    )
    return _configured(chart, size)


def vetoes_per_decade(conn: sqlite3.Connection, size: str = "wide") -> Spec:
    """Vetoes cast by each permanent member, per decade, over every source."""
    if has_official(conn):
        sql = (
            "SELECT (d.year / 10) * 10 AS decade, j.value AS member, count(*) AS vetoes"
            " FROM council_decisions AS d, json_each(d.vetoed_by) AS j"
            " WHERE d.scope = 'all' AND d.vetoed = 1 AND d.year IS NOT NULL"
            " GROUP BY 1, 2 ORDER BY 1, 2"
        )
    else:
        sql = (
            "SELECT (d.year / 10) * 10 AS decade, v.member, count(*) AS vetoes"
            " FROM votes AS v JOIN decisions AS d ON d.id = v.decision_id"
            " WHERE v.veto = 1 AND d.year IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
        )
    rows = [{**r, "decade": f"{r['decade']}s"} for r in query_rows(conn, sql)]
    chart = (
        alt.Chart(alt.Data(values=rows), title="Vetoes per permanent member by decade")
        .mark_bar()
        .encode(
            x=alt.X("decade:O", title="Decade", axis=alt.Axis(labelAngle=-45)),
            y=alt.Y(
                "sum(vetoes):Q",
                title="Vetoes",
                axis=_count_axis(alt, _largest(rows, "decade", "vetoes")),
            ),
            color=alt.Color("member:N", title="Member", legend=_legend(size)),
            tooltip=["decade:O", "member:N", "vetoes:Q"],
        )
    )
    return _configured(chart, size)


def agreement_by_year(conn: sqlite3.Connection, size: str = "wide") -> Spec:
    """Each permanent member's agreement with the rest of the Council, year by year: the
    share of recorded votes it cast alike with each other member, over every source."""
    if has_official(conn):
        table, scope = "council_alignment", "scope = 'all' AND "
    else:
        table, scope = "alignment_counts", ""
    pairs = query_rows(
        conn,
        f"SELECT year, member_a, member_b, together, alike FROM {table} WHERE {scope}1",
    )
    totals: dict[tuple[int, str], list[int]] = {}
    for pair in pairs:
        seated = sitting(year=pair["year"])
        for member in (pair["member_a"], pair["member_b"]):
            if seated is not None and seated.is_permanent(member):
                total = totals.setdefault((pair["year"], member), [0, 0])
                total[0] += pair["together"]
                total[1] += pair["alike"]
    rows = [
        {"year": year, "member": member, "share": round(alike / together, 4)}
        for (year, member), (together, alike) in sorted(totals.items())
        if together
    ]
    chart = (
        alt.Chart(alt.Data(values=rows), title="Agreement with the Council by year")
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="Year", axis=alt.Axis(labelOverlap=True, labelAngle=-90)),
            y=alt.Y(
                "share:Q",
                title="Votes alike with other members",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False),
            ),
            color=alt.Color("member:N", title="Permanent member", legend=_legend(size)),
            tooltip=["year:O", "member:N", alt.Tooltip("share:Q", format=".1%")],
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
        Chart(
            "meetings-per-year",
            "Meetings per year by what they decided",
            "Every meeting any source lists, once, by year (1946 on), coloured by what it "
            "decided: a draft vetoed, a resolution, a presidential statement, another decision "
            "or none.",
            meetings_per_year,
        ),
        Chart(
            "vetoes-per-decade",
            "Vetoes per permanent member by decade",
            "Every vetoed draft any source lists, once, by decade and vetoing member.",
            vetoes_per_decade,
        ),
        Chart(
            "agreement-by-year",
            "Agreement with the Council by year",
            "For each permanent member, the share of its recorded votes cast alike with each "
            "other member's, year by year, each vote counted once over every source.",
            agreement_by_year,
        ),
    )
}


def svg(spec: Spec) -> str:
    """The chart drawn as SVG by vl-convert (no network, no browser)."""
    return vl_convert.vegalite_to_svg(spec)
