"""What the explorer keeps rather than works out at every page: the audit's findings, stored
at each load or import; the charts' data, per state of the store; no facet suggestions."""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datasette")

from datasette.database import Database

from repertoire import samples, web
from repertoire.official.audit import audit
from repertoire.store import connect, load
from repertoire.store.official import import_official
from repertoire.web import charts, make_datasette, pages, views
from tests.test_explorer_sources import write_official_files

audited = importlib.import_module("repertoire.store.audited")


def get(datasette: Any, path: str) -> Any:
    return asyncio.run(datasette.client.get(path))


def _renumbered(number: int) -> str:
    text = samples.path().read_text(encoding="utf-8")
    text = re.sub(r"^11\. ", f"{number}. ", text, count=1, flags=re.M)
    return re.sub(r"S/PV\.(\d+)", lambda m: f"S/PV.{int(m.group(1)) + 1000 * number}", text)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    load([samples.path()], path)
    import_official([write_official_files(tmp_path / "official")], path)
    return path


def _generation(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT generation FROM audit_state").fetchone()[0])
    finally:
        conn.close()


def test_the_findings_kept_are_the_audits(db: Path) -> None:
    conn = connect(db)
    try:
        kept = audited.stored(conn)
        assert kept is not None and any(f.code.startswith("reconcile-") for f in kept)
        assert [f.to_dict() for f in kept] == [f.to_dict() for f in audit(conn)]
    finally:
        conn.close()


def test_the_findings_are_worked_out_again_only_when_the_store_changes(
    db: Path, tmp_path: Path
) -> None:
    # Two refreshes: the load (nothing official yet) and the import.
    assert _generation(db) == 2
    load([samples.path()], db)
    import_official([tmp_path / "official"], db)
    assert _generation(db) == 2  # nothing changed: the findings kept stand
    other = tmp_path / "other.txt"
    other.write_text(_renumbered(12), encoding="utf-8")
    load([other], db)
    assert _generation(db) == 3


def test_findings_kept_for_another_state_of_the_store_are_not_used(db: Path) -> None:
    conn = connect(db)
    try:
        # As after a load that stopped before its audit: the store holds more than the
        # findings were worked out from.
        conn.execute("UPDATE audit_state SET made_from = '[]'")
        assert audited.stored(conn) is None
        assert [f.to_dict() for f in audited.findings(conn)] == [f.to_dict() for f in audit(conn)]
        assert audited.refresh(conn) and audited.stored(conn) is not None
        assert not audited.refresh(conn)
    finally:
        conn.close()


def test_pages_read_the_findings_kept(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_audit(conn: Any) -> Any:
        raise AssertionError("the page audited the store")

    monkeypatch.setattr(audited, "_audit", no_audit)
    ds = make_datasette(db)
    page = get(ds, "/-/disagreements")
    assert page.status_code == 200 and "reconcile-date" in page.text
    decision = get(ds, "/-/decision/S/RES/2690%20(2023)")
    assert decision.status_code == 200 and "reconcile-member-vote" in decision.text


def test_chart_data_is_made_once_per_state_of_the_store(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, chart = next(iter(charts.CHARTS.items()))
    calls: list[str] = []

    def counted(conn: sqlite3.Connection, size: str) -> Any:
        calls.append(size)
        return chart.build(conn, size)

    monkeypatch.setitem(charts.CHARTS, name, dataclasses.replace(chart, build=counted))
    ds = make_datasette(db)
    first = get(ds, f"/-/charts/{name}.json").json()
    assert get(ds, f"/-/charts/{name}.json").json() == first
    assert get(ds, f"/-/charts/{name}.svg").status_code == 200
    assert calls == ["wide"]
    other = tmp_path / "other.txt"
    other.write_text(_renumbered(13), encoding="utf-8")
    load([other], db)
    get(ds, f"/-/charts/{name}.json")
    assert calls == ["wide", "wide"]  # made again from the store as it is now


def test_no_facet_suggestions(db: Path) -> None:
    ds = make_datasette(db)
    data = get(ds, "/repertoire/meetings.json?_extra=suggested_facets").json()
    assert data["suggested_facets"] == []
    html = get(ds, "/repertoire/meetings").text
    assert "Suggested facets" not in html
    assert 'class="facet-info facet-repertoire-meetings-year"' in html  # the metadata's


def test_a_page_is_made_once_per_address_and_state_of_the_store(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = pages.home

    def counted(conn: sqlite3.Connection, page: int = 1) -> Any:
        made.append(page)
        return real(conn, page)

    monkeypatch.setattr(pages, "home", counted)
    ds = make_datasette(db)
    first = get(ds, "/-/repertoire")
    assert get(ds, "/-/repertoire").text == first.text
    assert first.headers["content-type"].startswith("text/html")
    get(ds, "/-/repertoire?page=2")
    assert made == [1, 2]
    other = tmp_path / "other.txt"
    other.write_text(_renumbered(14), encoding="utf-8")
    load([other], db)
    again = get(ds, "/-/repertoire")
    assert made == [1, 2, 1] and "14. The situation in Mali" in again.text
    assert "14. The situation in Mali" not in first.text


def test_pages_kept_are_bounded_in_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "PAGES_KEPT_BYTES", 25)
    kept = views.Kept()
    for name in "abc":
        kept.put(name, 1, name * 10, 10)
    assert list(kept.pages) == ["b", "c"] and kept.size == 20
    assert kept.get("b", 1) is not None and kept.get("b", 2) is None  # another state
    kept.put("d", 1, "d" * 10, 10)
    assert list(kept.pages) == ["b", "d"]  # the least recently served went first


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The SQL Datasette runs for its pages, as it runs it."""
    ran: list[str] = []
    real = Database.execute

    async def execute(self: Database, sql: str, *args: Any, **kwargs: Any) -> Any:
        ran.append(sql)
        return await real(self, sql, *args, **kwargs)

    monkeypatch.setattr(Database, "execute", execute)
    return ran


def test_a_table_page_is_made_once_per_address_and_state_of_the_store(
    db: Path, tmp_path: Path, queries: list[str]
) -> None:
    ds = make_datasette(db)
    first = get(ds, "/repertoire/sections?_sort=id")
    assert first.status_code == 200 and queries
    queries.clear()
    again = get(ds, "/repertoire/sections?_sort=id")
    assert again.text == first.text and again.headers == first.headers
    assert queries == []
    assert get(ds, "/repertoire/sections.json?_sort=id&_shape=array").json()[0]["id"] == 1
    assert queries  # another address: made
    other = tmp_path / "other.txt"
    other.write_text(_renumbered(15), encoding="utf-8")
    load([other], db)
    queries.clear()
    now = get(ds, "/repertoire/sections?_sort=id")
    assert queries and "The situation in Mali" in now.text
    titles = get(ds, "/repertoire/sections.json?_sort=id&_shape=array").json()
    assert [row["number"] for row in titles] == ["11", "15"]  # the rows the store holds now


def test_a_visitors_own_sql_is_run_every_time(db: Path) -> None:
    ds = make_datasette(db)
    path = "/repertoire.json?sql=select+random()+as+r&_shape=array"
    drawn = {get(ds, path).json()[0]["r"] for _ in range(3)}
    assert len(drawn) == 3


def test_a_page_is_kept_for_its_host_and_who_asks(db: Path, queries: list[str]) -> None:
    ds = make_datasette(db)
    path = "/repertoire/meetings.json?_size=1"
    first = asyncio.run(ds.client.get(path, headers={"host": "one.example"}))
    queries.clear()
    other = asyncio.run(ds.client.get(path, headers={"host": "two.example"}))
    assert queries and "two.example" in other.headers["link"]
    assert "one.example" in first.headers["link"]
    queries.clear()
    asyncio.run(ds.client.get(path, cookies={"ds_actor": "someone"}))
    assert queries


def test_a_page_whose_facets_ran_out_of_time_is_made_again(
    db: Path, queries: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ds = make_datasette(db)
    # A microsecond (0 would mean no limit of its own): every facet runs out of time.
    monkeypatch.setitem(ds._settings, "facet_time_limit_ms", 0.001)
    first = get(ds, "/repertoire/meetings")
    assert first.status_code == 200 and "facets-timed-out" in first.text
    queries.clear()
    get(ds, "/repertoire/meetings")
    assert queries  # made again
    monkeypatch.setitem(ds._settings, "facet_time_limit_ms", 10_000)
    assert "facets-timed-out" not in get(ds, "/repertoire/meetings").text
    queries.clear()
    get(ds, "/repertoire/meetings")
    assert queries == []


def test_a_canned_query_with_a_magic_parameter_is_run_every_time(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = web.metadata()
    made["databases"]["repertoire"]["queries"]["drawn"] = {"sql": "select :_random_chars_8 as r"}
    monkeypatch.setattr(web, "metadata", lambda: made)
    ds = make_datasette(db)
    drawn = {get(ds, "/repertoire/drawn.json?_shape=array").json()[0]["r"] for _ in range(3)}
    assert len(drawn) == 3
    assert get(ds, "/repertoire/who_spoke?meeting=S/PV.9408").status_code == 200


def test_a_page_asked_for_while_it_is_made_is_made_once(db: Path, queries: list[str]) -> None:
    ds = make_datasette(db)
    path = "/repertoire/meetings?_sort=record"

    async def together() -> list[Any]:
        return list(await asyncio.gather(*(ds.client.get(path) for _ in range(4))))

    answers = asyncio.run(together())
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1
    assert sum(sql.startswith("select count(*) from meetings") for sql in queries) == 1


def test_a_page_not_to_be_kept_is_made_for_each_asker_waiting(db: Path, queries: list[str]) -> None:
    ds = make_datasette(db)
    path = "/repertoire/no_such_table"

    async def together() -> list[Any]:
        return list(await asyncio.gather(*(ds.client.get(path) for _ in range(3))))

    assert {a.status_code for a in asyncio.run(together())} == {404}
