"""Search finds a word's inflections and prefixes, and shows the words around the match;
``cites`` shows the sentence that cites."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from repertoire import samples
from repertoire.store import connect, load, migrate, queries
from repertoire.store.schema import FTS_SOURCES, STEMMED


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    db = tmp_path_factory.mktemp("search") / "store.db"
    load([samples.path()], db)
    connection = connect(db)
    yield connection
    connection.close()


def _paragraphs(rows: list[dict]) -> set[str]:
    return {r["number"] for r in rows if r["kind"] == "paragraph"}


def test_a_stem_finds_its_inflections(conn: sqlite3.Connection) -> None:
    plural = queries.search(conn, "sanctions", limit=None)
    assert _paragraphs(plural)
    assert _paragraphs(queries.search(conn, "sanction", limit=None)) == _paragraphs(plural)
    # "terminated" is written; "terminate", "terminating" and "termination" find it.
    for word in ("terminate", "terminating", "termination"):
        assert queries.search(conn, word), word


def test_a_prefix_finds_every_word_it_begins(conn: sqlite3.Connection) -> None:
    assert _paragraphs(queries.search(conn, "sanction*", limit=None)) == _paragraphs(
        queries.search(conn, "sanctions", limit=None)
    )
    assert queries.search(conn, "sanct*")
    assert queries.fts_query("sanction*") == '"sanction"*'
    assert queries.fts_query('"sanctions regime" mand*') == '"sanctions regime" "mand"*'


def test_snippets_are_around_the_match_with_the_matched_words_marked(
    conn: sqlite3.Connection,
) -> None:
    rows = queries.search(conn, "sanction", limit=None)
    for row in rows:
        marked = row["snippet"]
        assert "«sanctions»" in marked, marked
        # A stretch of words, not the whole paragraph.
        assert len(marked.split()) <= queries.SNIPPET_WORDS + 2
    # The match stands inside its snippet even when it is far into a long paragraph.
    last = max(rows, key=lambda r: int(r["number"]))
    assert last["snippet"].startswith("…")


def test_cites_shows_the_sentence_with_the_citation(conn: sqlite3.Connection) -> None:
    rows = [r for r in queries.cites(conn, "2690 (2023)") if r["place"] == "paragraph"]
    assert rows
    for row in rows:
        assert "2690 (2023)" in row["context"]
        assert row["context"].count(". ") <= 1  # one sentence, not the paragraph
    first = rows[0]["context"]
    assert first.startswith("After the adoption of resolution 2690 (2023) on 30 June")
    assert first.endswith(
        "briefed the Council on the drawdown and withdrawal of the Mission in August."
    )


def test_migration_rebuilds_the_indexes_from_the_stored_text(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    load([samples.path()], db)
    # Back to version 11: indexes without stems, filled from the text, no view, no hash index.
    conn = connect(db, migrate_to=None)
    conn.execute("DROP VIEW member_votes")
    conn.execute("DROP INDEX documents_sha256")
    for table, column in FTS_SOURCES.items():
        conn.execute(f"DROP TABLE {table}_fts")
        conn.execute(
            f"CREATE VIRTUAL TABLE {table}_fts USING fts5({column}, content='{table}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
    conn.execute("DELETE FROM schema_version WHERE version > 11")
    assert queries.search(conn, "sanction") == []  # what version 11 found
    assert migrate(conn, 13) == [12, 13]  # the views of version 14 were left in place
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'paragraphs_fts'").fetchone()
    assert STEMMED in sql[0]
    assert _paragraphs(queries.search(conn, "sanction", limit=None)) == _paragraphs(
        queries.search(conn, "sanctions", limit=None)
    )
    conn.close()
