"""The explorer served in-process through Datasette's test client (no browser, no socket)."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

pytest.importorskip("datasette")

from repertoire import samples
from repertoire.cli import main
from repertoire.store import load
from repertoire.web import ServeError, make_datasette

HOSTILE = """\
5. The <script>alert("item")</script> question

In 2023, the Council held one meeting.¹

¹ See [S/PV.9999](#), <img src=x onerror=alert(1)> and Ruritania.

Meetings: The <script>alert("item")</script> question, 2023

<i>Meeting record and date</i>\t<i>Sub-item</i>\t<i>Other documents</i>\t<i>Rule 37 \
invitations</i>\t<i>Rule 39 and other invitations</i>\t<i>Speakers</i>\t<i>Decision and vote \
(for-against-abstaining)</i>
S/PV.9999 3 March\tLetter <b>bold</b> &lt;script&gt;x&lt;/script&gt; (S/2023/1)\t\t\
Ruritania\tSpecial <Envoy>\tall invitees ^a\t

^a <script>alert("note")</script> spoke.
"""


def get(datasette: Any, path: str) -> Any:
    return asyncio.run(datasette.client.get(path))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store.db"
    load([samples.path()], path)
    return path


@pytest.fixture(scope="module")
def ds(db: Path) -> Any:
    return make_datasette(db)


def test_home_lists_sections_meetings_states_and_charts(ds: Any) -> None:
    response = get(ds, "/-/repertoire")
    assert response.status_code == 200
    html = response.text
    assert 'href="/-/section/1"' in html and "11. The situation in Mali" in html
    assert 'href="/-/meeting/S/PV.9408"' in html
    assert 'href="/-/state/Russian%20Federation"' in html
    assert 'href="/-/charts#vetoes"' in html


def test_section_page_renders_the_section_with_findings(ds: Any) -> None:
    html = get(ds, "/-/section/1").text
    assert '<article class="rp-section rp-with-findings">' in html
    assert "<h1>11. The situation in Mali</h1>" in html
    # Footnote markers link to footnotes and back; symbols to the UN document system.
    assert '<a href="#fn-416">416</a>' in html and 'id="fn-416"' in html
    assert 'href="https://undocs.org/en/S/2023/638"' in html
    # Meeting records link to the meeting pages, and the rows say which decided something.
    assert re.search(r'data-record="S/PV.9408" data-decisions="2"', html)
    assert 'class="rp-meeting-link" href="/-/meeting/S/PV.9408"' in html
    assert "position-separator" in html and "footnote-undefined" in html
    footnote = html[html.index('id="fn-433"') :]
    assert "position-separator" in footnote[: footnote.index("</div>")]


def test_section_as_markdown(ds: Any) -> None:
    from repertoire.read.pipeline import parse
    from repertoire.render import render

    response = get(ds, "/-/section/1.md")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert response.text == render(parse(samples.text()), "markdown")


def test_meeting_page_has_participants_and_a_vote_grid_with_the_veto(ds: Any) -> None:
    html = get(ds, "/-/meeting/S/PV.9408").text
    assert "<h1>S/PV.9408</h1>" in html and "2023-08-30" in html
    assert "Draft resolution submitted by France and the United Arab Emirates" in html
    assert "vetoed by Russian Federation" in html
    grid = html[
        html.index('<table class="vote-grid">') : html.index("</table>", html.index("vote-grid"))
    ]
    rows = dict(re.findall(r'data-member="([^"]+)">(.*?)</tr>', grid, flags=re.S))
    assert len(rows) == 15
    russia = rows["Russian Federation"]
    assert 'class="vote vote-N veto"' in russia and "<strong>veto</strong>" in russia
    assert 'class="vote vote-A"' in rows["China"]
    assert grid.count('class="seat"') == 5  # the permanent members
    assert grid.count(' veto"') == 1
    # Everyone who spoke, by basis, with on-behalf-of delegations.
    assert "Council members who spoke" in html
    assert 'Mozambique</a> <span class="muted">(also on behalf of' in html


def test_meeting_page_of_a_briefing_lists_invitees(ds: Any) -> None:
    html = get(ds, "/-/meeting/S/PV.9251").text
    assert "Rule 37 invitations" in html and ">Mali</a>" in html
    assert "civil society actor and President of Association Protection Sahel" in html
    assert "vote-grid" not in html


def test_state_page(ds: Any) -> None:
    html = get(ds, "/-/state/Russian%20Federation").text
    assert "<h1>Russian Federation</h1>" in html
    assert "Terms on the Council" in html and "permanent" in html
    assert 'class="vote vote-N veto"' in html
    assert "S/2023/638" in html
    assert "Positions attributed to Russian Federation" in html
    assert "Some Council members acknowledged the counter-terrorism" in html
    assert 'href="/-/meeting/S/PV.9251"' in html
    never = get(ds, "/-/state/Mali").text
    assert "Never a member of the Council" not in never  # Mali sat in 2000-2001
    assert "Mali" in never and "rule_37" in never


def test_unknown_pages_are_404(ds: Any) -> None:
    for path in ("/-/meeting/S/PV.1", "/-/state/Nowhere", "/-/section/99", "/-/charts/pie.svg"):
        assert get(ds, path).status_code == 404, path


def test_charts_are_svg_drawn_on_the_server(ds: Any) -> None:
    page = get(ds, "/-/charts").text
    names = ("votes-by-member", "meetings-per-month", "vetoes", "meetings-per-year",
             "vetoes-per-decade", "agreement-by-year")  # fmt: skip
    assert page.count('<img src="/-/charts/') == len(names)
    for name in names:
        response = get(ds, f"/-/charts/{name}.svg")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert response.text.lstrip().startswith("<svg")
        assert "<script" not in response.text
        spec = get(ds, f"/-/charts/{name}.json").json()
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    vetoes = get(ds, "/-/charts/vetoes.json").json()
    values = {row["member"]: row["vetoes"] for row in vetoes["data"]["values"]}
    assert values["Russian Federation"] == 1 and values["China"] == 0


def test_no_page_loads_anything_from_elsewhere(ds: Any) -> None:
    for path in ("/-/repertoire", "/-/section/1", "/-/meeting/S/PV.9408", "/-/charts"):
        html = get(ds, path).text
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            if re.match(r"https?://", url):
                # Outside links are only to documents and to Datasette's home, never assets.
                assert url.startswith(("https://undocs.org/", "https://datasette.io")), url
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="https?://', html)


def test_metadata_titles_facets_and_canned_queries(ds: Any) -> None:
    info = get(ds, "/-/metadata.json").json()
    assert info["title"] == "Repertoire of the Practice of the Security Council"
    tables = info["databases"]["repertoire"]["tables"]
    assert tables["votes"]["columns"]["veto"]
    table = get(ds, "/repertoire/meetings").text
    assert "Meetings of the Council" in table
    assert get(ds, "/repertoire/decisions.json?_facet=vetoed").status_code == 200
    vetoes = get(ds, "/repertoire/vetoes.json?_shape=array").json()
    # The questions of the command line, as SQL: lists as JSON arrays, as the store keeps them.
    assert [(v["record"], v["vetoed_by"]) for v in vetoes] == [
        ("S/PV.9408", '["Russian Federation"]')
    ]
    failed = get(ds, "/repertoire/failed_drafts.json?_shape=array").json()
    assert {f["draft"]: f["adopted"] for f in failed} == {"S/2023/638": 0, "S/2023/639": 0}
    year = get(ds, "/repertoire/decisions_of_year.json?_shape=array&year=2023").json()
    assert [d["symbol"] for d in year] == ["S/RES/2690 (2023)", "S/2023/638", "S/2023/639"]
    spoke = get(ds, "/repertoire/who_spoke.json?_shape=array&record=S/PV.9408").json()
    assert len(spoke) == 11 and {"Mozambique", "Russian Federation"} <= {s["name"] for s in spoke}
    aligned = get(ds, "/repertoire/alignment.json?_shape=array&member=France").json()
    assert aligned and all(row["member_b"] != "France" for row in aligned)


def test_database_is_read_only(ds: Any, db: Path) -> None:
    # Not immutable (a loader may write meanwhile and pages show it), but never written by it.
    assert ds.get_database("repertoire").is_mutable is True
    before = get(ds, "/repertoire.json?sql=select+count(*)+as+n+from+findings&_shape=array").json()
    for sql in (
        "INSERT INTO findings (document_id, code, severity, message) VALUES (1, 'x', 'info', 'x')",
        "DELETE FROM votes",
        "PRAGMA journal_mode = DELETE",
    ):
        response = get(ds, "/repertoire.json?" + _query(sql))
        assert response.status_code == 400, sql
        assert response.json()["ok"] is False
    after = get(ds, "/repertoire.json?sql=select+count(*)+as+n+from+findings&_shape=array").json()
    assert before == after
    post = asyncio.run(ds.client.post("/repertoire/findings/-/insert", json={"row": {"code": "x"}}))
    assert post.status_code in (403, 404, 405)
    # Below the API too: SQLite itself refuses to write through the server's connection.
    database = ds.get_database("repertoire")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(database.execute_fn(lambda conn: conn.execute("DELETE FROM votes")))
    with pytest.raises(AssertionError):
        asyncio.run(database.execute_write("DELETE FROM votes"))


def _query(sql: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"sql": sql})


def test_source_text_is_escaped_everywhere(tmp_path: Path) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "hostile.db"
    load([source], db)
    datasette = make_datasette(db)
    for path in ("/-/repertoire", "/-/section/1", "/-/meeting/S/PV.9999", "/-/state/Ruritania"):
        response = get(datasette, path)
        assert response.status_code == 200, path
        html = response.text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        assert "<Envoy>" not in html, path
    section = get(datasette, "/-/section/1").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in section
    assert "&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;" in section


def test_serve_command_refuses_what_it_cannot_serve(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no database" in missing.output
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    wrong = runner.invoke(main, ["serve", "--db", str(other)])
    assert wrong.exit_code == 1 and "not a store database" in wrong.output
    with pytest.raises(ServeError):
        make_datasette(other)
    assert "Example:" in runner.invoke(main, ["serve", "--help"]).output


def test_alignment_query_agrees_with_the_command(ds: Any, db: Path) -> None:
    from repertoire.store import open_db, queries

    by_alias = get(ds, "/repertoire/alignment.json?_shape=array&member=Russia").json()
    assert by_alias and {row["member_a"] for row in by_alias} == {"Russian Federation"}
    with open_db(db) as conn:
        command = queries.alignment(conn, member="Russia")
    assert {row["member_b"]: row["share"] for row in by_alias} == {
        (row["member_b"] if row["member_a"] == "Russian Federation" else row["member_a"]): row[
            "share"
        ]
        for row in command
    }
    assert all(0 <= row["share"] <= 1 for row in by_alias)


def test_tables_label_their_foreign_keys(ds: Any) -> None:
    votes = get(ds, "/repertoire/votes").text
    assert '<a href="/repertoire/decisions/1">S/RES/2690 (2023)</a>' in votes
    decisions = get(ds, "/repertoire/decisions").text
    assert re.search(r'<a href="/repertoire/meetings/\d+">S/PV.9365</a>', decisions)


def test_records_link_to_meeting_pages_in_tables_and_queries(ds: Any) -> None:
    vetoes = get(ds, "/repertoire/vetoes").text
    assert '<td class="col-record"><a href="/-/meeting/S/PV.9408">S/PV.9408</a></td>' in vetoes
    meetings = get(ds, "/repertoire/meetings").text
    assert '<a href="/-/meeting/S/PV.9251">S/PV.9251</a>' in meetings


def test_unknown_state_is_a_helpful_404(ds: Any) -> None:
    response = get(ds, "/-/state/Rusia")
    assert response.status_code == 404
    assert "Did you mean" in response.text
    assert '<a href="/-/state/Russian%20Federation">Russian Federation</a>' in response.text
    nothing = get(ds, "/-/state/Nowhere")
    assert nothing.status_code == 404 and "Did you mean" not in nothing.text


def test_narrative_links_to_meeting_pages_and_missing_footnotes_link_nowhere(ds: Any) -> None:
    html = get(ds, "/-/section/1").text
    footnotes = html[html.index('class="rp-footnotes"') :]
    # A record cited in a footnote goes to the meeting's page here, as in the table.
    assert 'See <a class="rp-meeting-link" href="/-/meeting/S/PV.9251">S/PV.9251</a>' in footnotes
    # A record the store has no meeting for still goes to the document system.
    assert 'href="https://undocs.org/en/S/PV.9342"' in html
    # Footnote 443 is cited but never defined: its marker is not a link to nowhere.
    assert 'href="#fn-443"' not in html and 'id="fn-443"' not in html
    assert 'class="rp-fn rp-fn-missing"' in html
    for anchor in re.findall(r'href="#([^"]+)"', html):
        assert f'id="{anchor}"' in html, anchor


def test_monthly_chart_has_a_continuous_time_axis(ds: Any) -> None:
    spec = get(ds, "/-/charts/meetings-per-month.json").json()
    assert spec["encoding"]["x"]["type"] == "temporal"
    assert spec["encoding"]["x"]["timeUnit"] == "yearmonth"
    svg = get(ds, "/-/charts/meetings-per-month.svg").text
    # February and March 2023 had no meeting; the axis still has them.
    assert "Feb 2023" in svg and "Mar 2023" in svg


def test_charts_come_in_a_narrow_size_with_legible_text(ds: Any) -> None:
    page = get(ds, "/-/charts").text
    names = ("votes-by-member", "meetings-per-month", "vetoes", "meetings-per-year",
             "vetoes-per-decade", "agreement-by-year")  # fmt: skip
    assert page.count('media="(max-width: 40rem)"') == len(names)
    for name in names:
        wide = get(ds, f"/-/charts/{name}.json").json()
        narrow = get(ds, f"/-/charts/{name}.json?size=narrow").json()
        assert narrow["width"] < wide["width"]
        svg = get(ds, f"/-/charts/{name}.svg?size=narrow").text
        sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)', svg)]
        assert sizes and min(sizes) >= 12, name
