"""The texts of decisions in the store: import, cite by pinpoint, search."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from repertoire.cli import main
from repertoire.store import StoreError, open_db, queries
from repertoire.store.official import import_official
from repertoire.store.texts import cite
from tests.test_official_texts import ANNEX, BODY, PREAMBLE, STATEMENT, resolution


@pytest.fixture
def folder(tmp_path):
    texts = tmp_path / "texts"
    (texts / "2099" / "English").mkdir(parents=True)
    (texts / "2099" / "French").mkdir()
    (texts / "PRST" / "2099").mkdir(parents=True)
    full = resolution(BODY, preamble=PREAMBLE).replace(
        b"</mainBody>", b"</mainBody>" + ANNEX.encode()
    )
    (texts / "2099" / "English" / "S_RES_1234 (2099)-E.xml").write_bytes(full)
    (texts / "2099" / "French" / "S_RES_1234_F.xml").write_bytes(resolution(BODY, language="fra"))
    (texts / "PRST" / "2099" / "S_PRST_2099_9.xml").write_bytes(STATEMENT)
    (texts / "PRST" / "2099" / "test.txt").write_text("test\n")
    return texts


def test_a_folder_is_imported_and_paragraphs_cited(folder, tmp_path) -> None:
    db = tmp_path / "t.db"
    report = import_official([folder], db)
    assert report.summary() == {"imported": 2, "skipped": 2}
    (french,) = [f for f in report.files if f.path.endswith("_F.xml")]
    assert "French" in french.message
    with open_db(db) as conn:
        assert [r["paragraph"] for r in cite(conn, "S/RES/1234 (2099)", "2")] == ["para. 2"]
        (sub,) = cite(conn, "S/RES/1234(2099)", "para. 2 (b) (i)")
        assert sub["text"] == "by logistics;" and sub["eid"] == "para_3_b_i"
        assert [r["paragraph"] for r in cite(conn, "S/RES/1234 (2099)", "annex, para. 2")] == [
            "annex, para. 2"
        ]
        (second,) = cite(conn, "S/RES/1234 (2099)", "second preambular paragraph")
        assert second["text"].startswith("Acting under Chapter VII")
        (restraint,) = cite(conn, "S/PRST/2099/9", "second paragraph")
        assert "restraint" in restraint["text"]
        with pytest.raises(LookupError, match=r"no para\. 7"):
            cite(conn, "S/RES/1234 (2099)", "7")
        with pytest.raises(LookupError, match="no text"):
            cite(conn, "S/RES/9999 (2099)", "1")
        with pytest.raises(ValueError):
            cite(conn, "S/RES/1234 (2099)", "sect. II")


def test_import_again_writes_nothing_and_a_changed_file_replaces_its_rows(folder, tmp_path) -> None:
    db = tmp_path / "t.db"
    import_official([folder], db)
    assert import_official([folder], db).summary() == {"unchanged": 2, "skipped": 2}
    path = folder / "PRST" / "2099" / "S_PRST_2099_9.xml"
    path.write_bytes(STATEMENT.replace(b"calls for restraint", b"calls for calm"))
    assert import_official([folder], db).summary() == {"unchanged": 1, "replaced": 1, "skipped": 2}
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute("SELECT count(*) FROM decision_texts").fetchone()
        (old,) = conn.execute(
            "SELECT count(*) FROM decision_paragraphs_fts"
            " WHERE decision_paragraphs_fts MATCH 'restraint'"
        ).fetchone()
    assert (count, old) == (2, 0)


def test_search_finds_the_texts_of_decisions(folder, tmp_path) -> None:
    db = tmp_path / "t.db"
    import_official([folder], db)
    with open_db(db) as conn:
        rows = queries.search(conn, "protect civilian")
    assert [(r["kind"], r["number"]) for r in rows][:1] == [
        ("text", "S/RES/1234 (2099), para. 2 (a)")
    ]


def test_the_texts_are_a_source_to_search_and_to_no_other_question(folder, tmp_path) -> None:
    db = tmp_path / "t.db"
    import_official([folder], db)
    with open_db(db) as conn:
        every = queries.search(conn, "protect civilian")
        alone = queries.search(conn, "protect civilian", source="akn4un-text")
        assert alone and alone == [r for r in every if r["source"] == "akn4un-text"]
        for ask in (queries.votes, queries.meetings, queries.alignment):
            with pytest.raises(StoreError, match="state no meeting, decision or vote"):
                ask(conn, source="akn4un-text")
    done = CliRunner().invoke(main, ["votes", "--source", "akn4un-text", "--db", str(db)])
    assert done.exit_code == 1 and "repertoire search --source akn4un-text" in done.output


def test_cli_cite(folder, tmp_path) -> None:
    db = tmp_path / "t.db"
    import_official([folder], db)
    runner = CliRunner()
    done = runner.invoke(main, ["cite", "S/RES/1234 (2099)", "--para", "1", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[0].startswith("S/RES/1234 (2099), para. 1 (")
    assert "Decides to extend the mandate" in done.output
    short = runner.invoke(main, ["cite", "1234 (2099)", "--para", "1", "--db", str(db)])
    assert short.exit_code == 0 and short.output == done.output
    missing = runner.invoke(main, ["cite", "S/RES/1234 (2099)", "--para", "9", "--db", str(db)])
    assert missing.exit_code == 1 and "has no para. 9" in missing.output


def test_a_broken_file_loses_nothing_else_of_the_batch(folder, tmp_path) -> None:
    full = (folder / "PRST" / "2099" / "S_PRST_2099_9.xml").read_bytes()
    (folder / "cut.xml").write_bytes(full[: len(full) // 2])
    (folder / "empty-body.xml").write_bytes(full[:200])
    db = tmp_path / "t.db"
    report = import_official([folder], db)
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in report.files}
    assert by_name["cut.xml"].status == "imported" and by_name["cut.xml"].warnings == 1
    assert by_name["empty-body.xml"].errors >= 1
    assert by_name["S_RES_1234 (2099)-E.xml"].counts["paragraphs"] > 5
    with sqlite3.connect(db) as conn:
        found = conn.execute(
            "SELECT f.path, x.code, x.message FROM official_findings AS x"
            " JOIN official_files AS f ON f.id = x.file_id WHERE x.code = 'official-xml'"
        ).fetchall()
    assert {path.rsplit("/", 1)[-1] for path, _, _ in found} == {"cut.xml", "empty-body.xml"}
    assert any("recovered" in message for _, _, message in found)


def test_the_search_index_holds_every_paragraph_of_a_first_import_and_of_later_ones(
    folder, tmp_path
) -> None:
    # The first import into a store rebuilds the index from the table; later ones add to it.
    db = tmp_path / "t.db"
    import_official([folder / "PRST"], db)
    import_official([folder], db)
    with sqlite3.connect(db) as conn:
        (paragraphs,) = conn.execute("SELECT count(*) FROM decision_paragraphs").fetchone()
        (indexed,) = conn.execute("SELECT count(*) FROM decision_paragraphs_fts_docsize").fetchone()
        found = conn.execute(
            "SELECT t.symbol FROM decision_paragraphs_fts AS f"
            " JOIN decision_paragraphs AS p ON p.id = f.rowid"
            " JOIN decision_texts AS t ON t.id = p.text_id"
            " WHERE decision_paragraphs_fts MATCH 'restraint OR civilians' GROUP BY t.symbol"
        ).fetchall()
    assert paragraphs > 0 and indexed == paragraphs
    assert sorted(s for (s,) in found) == ["S/PRST/2099/9", "S/RES/1234 (2099)"]


def test_a_file_reached_through_a_link_is_stored_under_its_real_path(folder, tmp_path) -> None:
    link = tmp_path / "linked"
    link.symlink_to(folder / "PRST", target_is_directory=True)
    db = tmp_path / "t.db"
    import_official([link / "2099" / ".." / "2099" / "S_PRST_2099_9.xml", link], db)
    with sqlite3.connect(db) as conn:
        paths = [p for (p,) in conn.execute("SELECT path FROM official_files ORDER BY path")]
    assert paths == ["texts/PRST/2099/S_PRST_2099_9.xml"]
