"""The explorer's pages ask one query per list, not one per row of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("datasette")

from repertoire import samples
from repertoire.store import load
from repertoire.store.migrations import connect_readonly
from repertoire.web import pages


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    folder = tmp_path_factory.mktemp("queries")
    # The sample under two names: two documents, so that the home page lists two sections.
    copies = [folder / "first.txt", folder / "second.txt"]
    for copy in copies:
        # Unlike texts: the loader stores a text once, under its first name.
        copy.write_text(samples.path().read_text(encoding="utf-8") + "\n" * len(copy.stem))
    path = folder / "store.db"
    load(copies, path)
    connection = connect_readonly(path)
    yield connection
    connection.close()


def _asked(conn: sqlite3.Connection, page: Any, *args: Any) -> tuple[int, Any]:
    """How many statements ``page(conn, *args)`` runs, and what it gives."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        made = page(conn, *args)
    finally:
        conn.set_trace_callback(None)
    return len(statements), made


def test_the_home_page_asks_as_much_for_one_section_as_for_all(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    many, every = _asked(conn, pages.home)
    assert len(every["sections"]) > 1
    monkeypatch.setattr(pages, "PAGE_ROWS", 1)
    one, first = _asked(conn, pages.home)
    assert len(first["sections"]) == 1 and first["sections"][0] == every["sections"][0]
    assert many == one


def _meetings_by_decisions(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT m.record, count(*) FROM meetings m JOIN decisions d ON d.meeting_id = m.id "
        "GROUP BY m.record_key ORDER BY count(*), m.record"
    ).fetchall()
    return [rows[0][0], rows[-1][0]] if rows and rows[-1][1] > rows[0][1] else []


def test_a_meeting_page_asks_as_much_for_many_decisions_as_for_one(
    conn: sqlite3.Connection,
) -> None:
    # Each meeting is stored twice (once per document): as many copies, other decisions.
    fewest, most = _meetings_by_decisions(conn)
    asked = {}
    for record in (fewest, most):
        count, found = _asked(conn, pages.meeting, record)
        assert found and found[0]["decisions"]
        asked[record] = count
    assert asked[fewest] == asked[most]
