"""The explorer over several sources: a decision's values side by side, the disagreements
between sources, a State's record and vetoes over every source, charts over the years."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datasette")

from repertoire import samples
from repertoire.store import load
from repertoire.store.official import import_official
from repertoire.web import make_datasette, official
from tests.test_official_akn import DRAFT
from tests.test_official_library import VETOES, page
from tests.test_official_unxml import LINE, lines
from tests.test_official_vetoes_csv import CSV
from tests.test_store_sources import MALI


def get(datasette: Any, path: str) -> Any:
    return asyncio.run(datasette.client.get(path))


def write_official_files(folder: Path) -> Path:
    """Small official files of every kind, some stating the sample's decisions."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2099.jsonl").write_bytes(lines(LINE))
    # The sample's resolution, with one member's vote and the date stated otherwise.
    other = {**MALI, "adoption_date": "29 June 2023"}
    other["MS_in_favour"] = [n for n in MALI["MS_in_favour"] if n != "GHANA"]
    other["MS_abstaining"] = ["GHANA"]
    (folder / "2023.jsonl").write_bytes(lines(other))
    (folder / "scact2099.html").write_bytes(page())
    (folder / "draft.xml").write_bytes(DRAFT)
    (folder / "vetoes.html").write_bytes(VETOES)
    (folder / "vetoes.csv").write_bytes(CSV)
    return folder


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("explorer")
    db = work / "store.db"
    load([samples.path()], db)
    import_official([write_official_files(work / "official")], db)
    return make_datasette(db)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_decisions_page_puts_each_sources_values_side_by_side(ds: Any) -> None:
    response = get(ds, "/-/decision/S/RES/2690%20(2023)")
    assert response.status_code == 200
    html = response.text
    # Two sources, in their order, each with where it was read.
    heads = re.findall(r'<span class="rp-source">([^<]+)</span>', html)
    assert heads[:2] == ["repertoire", "unxml-resolutions"]
    assert "mali-2023.txt:126" in html and "2023.jsonl:1" in html
    date = re.search(r'<tr class="rp-differs" data-field="date">(.*?)</tr>', html, re.S)
    assert date is not None and "2023-06-30" in date[1] and "2023-06-29" in date[1]
    assert 'class="id rp-odd">2023-06-29' in date[1] and "≠ differ" in date[1]
    # A field one source states is not said to agree with anything.
    tally = re.search(r'<tr class="" data-field="tally">(.*?)</tr>', html, re.S)
    assert tally is not None and "one source" in tally[1] and "✓ agree" not in tally[1]
    record = re.search(r'<tr class="" data-field="record">(.*?)</tr>', html, re.S)
    assert record is not None and "✓ agree" in record[1]
    ghana = re.search(r'<tr class="rp-differs" data-member="Ghana">(.*?)</tr>', html, re.S)
    assert ghana is not None and "vote-Y" in ghana[1] and "vote-A" in ghana[1]
    assert re.search(r'<tr class="" data-member="France">', html)
    # The audit's findings about this decision are on its page.
    assert "reconcile-date" in html and "reconcile-member-vote" in html


def test_an_unknown_decision_is_a_404_that_says_so(ds: Any) -> None:
    response = get(ds, "/-/decision/S/2099/999")
    assert response.status_code == 404 and "No source in the store states" in response.text


def test_the_disagreements_page_lists_the_audits_reconciliation(ds: Any) -> None:
    html = get(ds, "/-/disagreements").text
    assert 'href="/-/decision/S/RES/2690%20(2023)"' in html
    assert re.search(r"reconcile-date \(\d+\)", html)
    only = get(ds, "/-/disagreements?code=reconcile-member-vote").text
    rows = re.findall(r'<tr data-code="([^"]+)">', only)
    assert rows and set(rows) == {"reconcile-member-vote"}
    assert "Ghana" in _text(only)
    # The merged record's choices are there too: S/2099/12's vetoing members are undecided.
    chosen = get(ds, "/-/disagreements?code=evidence-vetoed-by").text
    assert 'href="/-/decision/S/2099/12"' in chosen and "undecided" in chosen


def test_disagreements_are_paged() -> None:
    from repertoire.official.audit import AuditFinding, Source

    findings = [
        AuditFinding("warning", "reconcile-date", f"m{n}", f"S/2099/{n}", [Source("a", "p", n)])
        for n in range(official.PAGE + 5)
    ]
    first = official.disagreements(findings)
    second = official.disagreements(findings, page=2)
    assert len(first["rows"]) == official.PAGE and len(second["rows"]) == 5
    assert (
        second["paging"].pages == 2 and official.disagreements(findings, page=9)["paging"].page == 1
    )


def test_a_states_page_shows_its_record_and_vetoes_over_every_source(ds: Any) -> None:
    html = get(ds, "/-/state/Russian%20Federation").text
    record = html[html.index('id="record"') : html.index('id="vetoes"')]
    vetoes = html[html.index('id="vetoes"') :]
    assert 'href="/-/decision/S/2023/638"' in record and "veto-row" in record
    assert "unxml-resolutions" in record  # a vote only the official files list
    assert "S/2099/431" in vetoes
    # AKN4UN and the Library name different vetoing members for S/2099/12, and nothing
    # settles it: it is no one's veto until a source does.
    assert 'href="/-/decision/S/2099/12"' not in vetoes
    ussr = get(ds, "/-/state/USSR").text
    assert "S/PV.23" in ussr[ussr.index('id="vetoes"') :]


def test_state_pages_are_paged(ds: Any) -> None:
    html = get(ds, "/-/state/France?votes_page=7&vetoes_page=x").text
    assert 'id="record"' in html  # a page out of range shows the first


def test_charts_over_every_source(ds: Any) -> None:
    html = get(ds, "/-/charts").text
    for name in ("meetings-per-year", "vetoes-per-decade", "agreement-by-year"):
        assert f'id="{name}"' in html
        response = get(ds, f"/-/charts/{name}.svg?size=narrow")
        assert response.status_code == 200 and response.text.startswith("<svg")
    spec = get(ds, "/-/charts/vetoes-per-decade.json").json()
    values = {(v["decade"], v["member"]): v["vetoes"] for v in spec["data"]["values"]}
    assert values[("1940s", "Union of Soviet Socialist Republics")] == 1
    assert values[("2020s", "Russian Federation")] == 1
    meetings = get(ds, "/-/charts/meetings-per-year.json").json()
    years = {v["year"] for v in meetings["data"]["values"]}
    assert {2023, 2099} <= years


def test_the_sections_charts_count_over_every_source_as_the_questions_do(
    tmp_path: Path,
) -> None:
    from repertoire.store import open_db, queries

    db = tmp_path / "store.db"
    load([samples.path()], db)
    import_official([write_official_files(tmp_path / "official")], db)
    ds = make_datasette(db)
    vetoes = get(ds, "/-/charts/vetoes.json").json()["data"]["values"]
    by_member = get(ds, "/-/charts/votes-by-member.json").json()["data"]["values"]
    months = get(ds, "/-/charts/meetings-per-month.json").json()["data"]["values"]
    with open_db(db) as conn:
        for row in vetoes:
            assert row["vetoes"] == queries.count(conn, "votes", vetoed_by=row["member"])
        recorded = [r for r in queries.votes(conn, member="France") if r["member_vote"] in "YNA"]
        meetings = [r for r in queries.meetings(conn) if r["date"]]
    # The official files' vetoes count too, not the section's alone.
    assert sum(row["vetoes"] for row in vetoes) > 1
    assert sum(r["votes"] for r in by_member if r["member"] == "France") == len(recorded)
    assert sum(r["meetings"] for r in months) == len(meetings)


def test_the_menu_links_the_disagreements(ds: Any) -> None:
    assert 'href="/-/disagreements"' in get(ds, "/-/repertoire").text
