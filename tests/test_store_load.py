"""Loading documents into the store: idempotence, replacement, atomicity, concurrency."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from repertoire import samples
from repertoire.records import (
    Citation,
    Decision,
    Document,
    DocumentRef,
    Finding,
    Footnote,
    Meeting,
    Paragraph,
    Position,
    Section,
    Span,
    Speaker,
    Speakers,
    Vote,
)
from repertoire.store import StoreError, UnreadableFile, connect, load, store_document

# The package exports the function `load`, which hides the module of the same name.
load_module = importlib.import_module("repertoire.store.load")
write = importlib.import_module("repertoire.store.write")

DATA_TABLES = (
    "sections",
    "paragraphs",
    "footnotes",
    "citations",
    "table_notes",
    "meetings",
    "agenda_items",
    "participants",
    "meeting_notes",
    "decisions",
    "submitters",
    "votes",
    "positions",
    "findings",
)


def counts(db: Path) -> dict[str, int]:
    conn = connect(db)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", *DATA_TABLES, "alignment_counts")
        }
    finally:
        conn.close()


def renumbered(text: str, number: int = 12, shift: int = 1000) -> str:
    """A second section made from the sample: new section number, meeting records and symbols."""
    text = re.sub(r"^11\. ", f"{number}. ", text, count=1, flags=re.M)
    text = re.sub(r"S/PV\.(\d+)", lambda m: f"S/PV.{int(m.group(1)) + shift}", text)
    return re.sub(r"S/2023/(\d+)", lambda m: f"S/2023/{int(m.group(1)) + shift}", text)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "mali-2023.txt"
    path.write_bytes(samples.path().read_bytes())
    return path


def hand_built() -> Document:
    """A small document with every kind of record, independent of the parser."""
    span = Span(3, 1, 10, 40)
    decision = Decision(
        kind="draft_resolution",
        symbol="S/2023/900",
        draft="S/2023/900",
        adopted=False,
        vote=Vote(12, 1, 1),
        # Ghana is absent: on no list although the lists account for all 14 votes cast.
        in_favour=[
            "Albania",
            "Brazil",
            "Ecuador",
            "France",
            "Gabon",
            "Japan",
            "Malta",
            "Mozambique",
            "Switzerland",
            "United Arab Emirates",
            "United Kingdom",
            "United States of America",
        ],
        against=["Russia"],
        abstaining=["China"],
        vetoed_by=["Russian Federation"],
        submitters=["France", "United Arab Emirates"],
        text="Draft resolution (S/2023/900) not adopted 12-1-1",
        span=Span(20, 5, 300, 340),
    )
    unknown_lists = Decision(
        kind="draft_resolution",
        symbol="S/2023/901",
        draft="S/2023/901",
        adopted=False,
        vote=Vote(10, 2, 3),
        in_favour=["Albania"],  # incomplete: no one may be counted absent
        text="Draft resolution (S/2023/901) not adopted 10-2-3",
    )
    meeting = Meeting(
        record="S/PV.9999",
        date=dt.date(2023, 3, 1),
        sub_items=[DocumentRef("Report of the Secretary-General", "S/2023/100", span)],
        other_documents=[DocumentRef("Draft resolution", "S/2023/900", span)],
        rule_37=["Mali"],
        rule_39=["Special Representative"],
        speakers=Speakers(
            council_members=[Speaker("Ghana", ["Gabon", "Mozambique"]), Speaker("China")],
            invitees=["Mali"],
        ),
        notes=["a"],
        decisions=[decision, unknown_lists],
        span=Span(20, 1, 290, 400),
    )
    footnote = Footnote(
        number=7,
        text="See S/PV.9999, Ghana (also on behalf of Gabon and Mozambique) and China.",
        citations=[Citation("S/PV.9999", None, Span(10, 5, 200, 209))],
        positions=[
            Position(
                "S/PV.9999",
                [Speaker("Ghana", ["Gabon", "Mozambique"]), Speaker("China")],
                Span(10, 5, 200, 260),
            )
        ],
        sentence="Several members welcomed the report.",
        span=Span(10, 1, 196, 270),
    )
    section = Section(
        number="5",
        title="The situation in the hand-built example",
        year=2023,
        paragraphs=[
            Paragraph(
                "Several members welcomed the report on unicorns.",
                footnotes=[7],
                citations=["S/RES/2690 (2023)"],
                span=Span(5, 1, 50, 100),
            )
        ],
        footnotes=[footnote],
        meetings=[meeting],
        table_notes={"a": "Ghana spoke on behalf of Gabon and Mozambique."},
        findings=[Finding("footnote-undefined", "warning", "footnote 8 is never defined", 6, 3, 8)],
        span=Span(1, 1, 0, 30),
        note_spans={"a": Span(30, 1, 500, 540)},
    )
    return Document("hand-built.txt", [section], text="x" * 600)


def test_sample_loads_with_provenance(db: Path, sample: Path) -> None:
    report = load([sample], db)
    assert [d.status for d in report.documents] == ["added"]
    found = counts(db)
    assert found["documents"] == 1
    assert found["sections"] == 1
    assert found["meetings"] == 6
    assert found["decisions"] == 3
    assert found["footnotes"] == 33
    conn = connect(db)
    row = conn.execute("SELECT path, sha256, size FROM documents").fetchone()
    # Relative to the database's folder: a published store holds no absolute path.
    assert row[0] == os.path.relpath(sample.resolve(), db.resolve().parent)
    assert len(row[1]) == 64 and row[2] == sample.stat().st_size
    # Every meeting and footnote points back at its place in the text.
    for table in ("meetings", "footnotes", "table_notes"):
        missing = conn.execute(
            f"SELECT count(*) FROM {table} WHERE line IS NULL OR start_offset IS NULL "
            "OR end_offset <= start_offset OR document_id IS NULL OR section_id IS NULL"
        ).fetchone()[0]
        assert missing == 0, table
    first = conn.execute("SELECT line, col FROM meetings WHERE record = 'S/PV.9251'").fetchone()
    assert first == (122, 1)


def test_loading_twice_leaves_one_copy(db: Path, sample: Path) -> None:
    load([sample], db)
    before = counts(db)
    again = load([sample], db)
    assert [d.status for d in again.documents] == ["unchanged"]
    assert not again.changed
    assert counts(db) == before


def test_changed_file_replaces_its_rows(db: Path, sample: Path) -> None:
    first = load([sample], db)
    before = counts(db)
    # Drop the last meeting (S/PV.9408 and its two decisions) from the table.
    text = sample.read_text(encoding="utf-8")
    text = re.sub(r"^S/PV\.9408 .*\n(?:\t.*\n)?", "", text, flags=re.M)
    sample.write_text(text, encoding="utf-8")
    second = load([sample], db)
    assert second.documents[0].status == "replaced"
    assert second.documents[0].sha256 != first.documents[0].sha256
    after = counts(db)
    assert after["documents"] == 1
    assert after["meetings"] == before["meetings"] - 1
    assert after["decisions"] == before["decisions"] - 2
    conn = connect(db)
    gone = "SELECT count(*) FROM meetings WHERE record = 'S/PV.9408'"
    assert conn.execute(gone).fetchone()[0] == 0


def test_two_section_file_loads_as_two_sections(db: Path, tmp_path: Path) -> None:
    text = samples.path().read_text(encoding="utf-8")
    path = tmp_path / "two.txt"
    path.write_text(text + "\n\n" + renumbered(text), encoding="utf-8")
    report = load([path], db)
    assert report.documents[0].counts["sections"] == 2
    conn = connect(db)
    assert [r[0] for r in conn.execute("SELECT number FROM sections ORDER BY ordinal")] == [
        "11",
        "12",
    ]
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 12
    per_section = conn.execute(
        "SELECT s.number, count(*) FROM meetings m JOIN sections s ON s.id = m.section_id "
        "GROUP BY s.number ORDER BY s.number"
    ).fetchall()
    assert per_section == [("11", 6), ("12", 6)]


def test_failure_mid_document_leaves_database_as_before(
    db: Path, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load([sample], db)
    before = counts(db)
    other = tmp_path / "other.txt"
    other.write_text(renumbered(sample.read_text(encoding="utf-8")), encoding="utf-8")

    def boom(conn: sqlite3.Connection, rows: object) -> None:
        # Every row of the document (the newest) is written by now; only the commit is missing.
        written = (
            "SELECT count(*) FROM meetings WHERE document_id = (SELECT max(id) FROM documents)"
        )
        assert conn.execute(written).fetchone()[0] == 6
        raise RuntimeError("injected failure")

    monkeypatch.setattr(write, "add_alignment", boom)
    with pytest.raises(RuntimeError, match="injected"):
        load([other], db)
    assert counts(db) == before
    # The same holds for a replacement: the old copy survives a failed new one.
    sample.write_text(sample.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", "utf-8")
    with pytest.raises(RuntimeError, match="injected"):
        load([sample], db)
    assert counts(db) == before
    monkeypatch.undo()
    assert load([sample], db).documents[0].status == "replaced"


def test_constraint_failure_rolls_back(db: Path) -> None:
    conn = connect(db)
    # SQLite refuses the decision's row, after the document's and its section's are written
    # (a record of the wrong types would fail earlier, in compiled code, before SQLite).
    conn.execute(
        "CREATE TEMP TRIGGER refused BEFORE INSERT ON decisions"
        " BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="refused"):
        store_document(conn, hand_built(), Path("broken.txt"), b"broken")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sections").fetchone()[0] == 0
    assert not conn.in_transaction


def test_errors_are_stored_unless_strict(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"11. The situation in Mali\n\nSome text \xff\xfe with bad bytes.\n")
    report = load([bad], db)
    assert report.documents[0].status == "added"
    assert report.documents[0].errors >= 1
    conn = connect(db)
    codes = [r[0] for r in conn.execute("SELECT code FROM findings WHERE severity = 'error'")]
    assert "invalid-utf8" in codes
    assert conn.execute("SELECT errors FROM documents").fetchone()[0] >= 1

    strict_db = tmp_path / "strict.db"
    report = load([bad], strict_db, strict=True)
    assert report.documents[0].status == "rejected"
    assert report.documents[0].findings
    assert counts(strict_db)["documents"] == 0


def test_unreadable_path_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="no such file"):
        load([samples.path(), tmp_path / "missing.txt"], db)
    assert not db.exists()  # every path is checked before anything is loaded
    with pytest.raises(UnreadableFile, match="no text files"):
        load([tmp_path], db)  # a folder with no text file in it


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database, just text " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a usable repertoire database"):
        load([samples.path()], path)


def test_progress_is_reported(db: Path, sample: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(renumbered(sample.read_text(encoding="utf-8")), encoding="utf-8")
    seen: list[tuple[int, int, str]] = []
    load([sample, other], db, progress=lambda done, total, p: seen.append((done, total, p.name)))
    assert seen == [(1, 2, "mali-2023.txt"), (2, 2, "other.txt")]


def test_files_parsed_in_worker_processes(db: Path, tmp_path: Path) -> None:
    text = samples.path().read_text(encoding="utf-8")
    paths = []
    for index in range(load_module.PARALLEL_AFTER):
        path = tmp_path / f"part-{index}.txt"
        path.write_text(renumbered(text, 30 + index, 1000 * (index + 1)), encoding="utf-8")
        paths.append(path)
    report = load(paths, db, workers=2)
    assert [d.path for d in report.documents] == [str(p) for p in paths]
    assert {d.status for d in report.documents} == {"added"}
    conn = connect(db)
    numbers = conn.execute(
        "SELECT s.number FROM sections s JOIN documents d ON d.id = s.document_id ORDER BY d.id"
    ).fetchall()
    assert [n[0] for n in numbers] == [str(30 + i) for i in range(len(paths))]
    assert load(paths, db, workers=2).summary()["unchanged"] == len(paths)


def test_hand_built_document(db: Path) -> None:
    conn = connect(db)
    result = store_document(conn, hand_built(), Path("hand-built.txt"), b"hand-built")
    assert result.status == "added"
    votes = dict(
        conn.execute(
            "SELECT member, vote FROM votes JOIN decisions d ON d.id = votes.decision_id "
            "WHERE d.symbol = 'S/2023/900'"
        ).fetchall()
    )
    # Aliases are stored under the canonical name; a sitting member on no list is absent.
    assert votes["Russian Federation"] == "N"
    assert votes["United States"] == "Y"
    assert votes["Ghana"] == "absent"
    assert len(votes) == 15
    veto = conn.execute("SELECT member FROM votes WHERE veto = 1").fetchall()
    assert veto == [("Russian Federation",)]
    assert conn.execute("SELECT inferred FROM votes WHERE member = 'Ghana'").fetchone()[0] == 1
    # With incomplete lists nobody is counted absent.
    partial = conn.execute(
        "SELECT vote, count(*) FROM votes JOIN decisions d ON d.id = votes.decision_id "
        "WHERE d.symbol = 'S/2023/901' GROUP BY vote"
    ).fetchall()
    assert partial == [("Y", 1)]
    positions = conn.execute(
        "SELECT delegation, through, on_behalf_of, sentence, meeting_id IS NOT NULL "
        "FROM positions ORDER BY id"
    ).fetchall()
    assert positions == [
        ("Ghana", None, "Gabon; Mozambique", "Several members welcomed the report.", 1),
        ("Gabon", "Ghana", None, "Several members welcomed the report.", 1),
        ("Mozambique", "Ghana", None, "Several members welcomed the report.", 1),
        ("China", None, None, "Several members welcomed the report.", 1),
    ]
    participants = conn.execute(
        "SELECT name, basis, spoke, on_behalf_of FROM participants ORDER BY ordinal"
    ).fetchall()
    assert participants == [
        ("Mali", "rule_37", 1, None),
        ("Special Representative", "rule_39", 0, None),
        ("Ghana", "member", 1, "Gabon; Mozambique"),
        ("China", "member", 1, None),
    ]
    roles = conn.execute("SELECT role, symbol, url FROM agenda_items ORDER BY id").fetchall()
    assert roles == [
        ("sub_item", "S/2023/100", "https://undocs.org/en/S/2023/100"),
        ("other_document", "S/2023/900", "https://undocs.org/en/S/2023/900"),
    ]
    note = conn.execute(
        "SELECT n.letter FROM meeting_notes m JOIN table_notes n ON n.id = m.table_note_id"
    ).fetchall()
    assert note == [("a",)]
    assert conn.execute("SELECT submitters.state FROM submitters").fetchall() == [
        ("France",),
        ("United Arab Emirates",),
    ]
    footnote_paragraph = conn.execute("SELECT paragraph_id FROM footnotes").fetchone()[0]
    assert footnote_paragraph == conn.execute("SELECT id FROM paragraphs").fetchone()[0]
    finding = conn.execute("SELECT code, footnote, line, col, section_id FROM findings").fetchone()
    assert finding == ("footnote-undefined", 8, 6, 3, 1)


def test_unanimous_tally_names_every_member(db: Path, sample: Path) -> None:
    load([sample], db)
    conn = connect(db)
    rows = conn.execute(
        "SELECT vote, inferred, count(*) FROM votes JOIN decisions d ON d.id = votes.decision_id "
        "WHERE d.symbol = 'S/RES/2690 (2023)' GROUP BY vote, inferred"
    ).fetchall()
    assert rows == [("Y", 1, 15)]
    vetoed = conn.execute("SELECT symbol FROM decisions WHERE vetoed = 1").fetchall()
    assert vetoed == [("S/2023/638",)]


def direct_alignment(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute(
        "SELECT d.year, a.member, b.member, count(*), sum(a.vote = b.vote) FROM votes a "
        "JOIN votes b ON a.decision_id = b.decision_id AND a.member < b.member "
        "JOIN decisions d ON d.id = a.decision_id "
        "WHERE a.vote <> 'absent' AND b.vote <> 'absent' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    ).fetchall()


def test_alignment_counts_follow_loads_and_replacements(
    db: Path, sample: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(renumbered(sample.read_text(encoding="utf-8")), encoding="utf-8")
    load([sample, other], db)
    conn = connect(db)
    stored = "SELECT * FROM alignment_counts ORDER BY 1, 2, 3"
    assert conn.execute(stored).fetchall() == direct_alignment(conn)
    assert conn.execute("SELECT max(together) FROM alignment_counts").fetchone()[0] == 6
    # Replace one file with a version that lost its vetoed draft: counts drop accordingly.
    text = other.read_text(encoding="utf-8")
    text = re.sub(r"^S/PV\.10408 .*\n(?:\t.*\n)?", "", text, flags=re.M)
    other.write_text(text, encoding="utf-8")
    assert load([other], db).documents[0].status == "replaced"
    assert conn.execute(stored).fetchall() == direct_alignment(conn)
    assert conn.execute("SELECT max(together) FROM alignment_counts").fetchone()[0] == 4


def test_full_text_index_follows_replacement(db: Path, sample: Path) -> None:
    load([sample], db)
    conn = connect(db)
    match = "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"
    assert conn.execute(match, ("unicorns",)).fetchone()[0] == 0
    sample.write_text(
        sample.read_text(encoding="utf-8").replace("Association Protection Sahel", "unicorns"),
        encoding="utf-8",
    )
    load([sample], db)
    assert conn.execute(match, ("unicorns",)).fetchone()[0] == 1
    assert conn.execute(match, ('"Association Protection Sahel"',)).fetchone()[0] == 0
    assert conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")


def test_reference_tables_are_filled(db: Path, sample: Path) -> None:
    pytest.importorskip("repertoire.reference.states")
    pytest.importorskip("repertoire.reference.council")
    load([sample], db)
    conn = connect(db)
    assert conn.execute("SELECT count(*) FROM states").fetchone()[0] > 150
    assert conn.execute("SELECT name FROM state_aliases WHERE alias = 'russia'").fetchone() == (
        "Russian Federation",
    )
    members_2023 = conn.execute(
        "SELECT count(DISTINCT state) FROM council_terms "
        "WHERE start_date <= '2023-07-01' AND (end_date IS NULL OR end_date >= '2023-07-01')"
    ).fetchone()[0]
    assert members_2023 == 15
    iso = conn.execute("SELECT DISTINCT iso3 FROM votes WHERE member = 'Russian Federation'")
    assert iso.fetchall() == [("RUS",)]


def test_connection_settings(db: Path) -> None:
    conn = connect(db)
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


WORKER = textwrap.dedent(
    """
    import sys
    from repertoire.store import load
    report = load(sys.argv[2:], sys.argv[1])
    print(",".join(d.status for d in report.documents))
    """
)


def test_two_loads_at_once_both_succeed(db: Path, tmp_path: Path) -> None:
    text = samples.path().read_text(encoding="utf-8")
    groups: list[list[str]] = [[], []]
    for index in range(12):
        path = tmp_path / f"copy-{index}.txt"
        path.write_text(renumbered(text, 20 + index, 1000 * (index + 1)), encoding="utf-8")
        groups[index % 2].append(str(path))
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db), *group],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for group in groups
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert out.strip() == ",".join(["added"] * 6)
    found = counts(db)
    assert found["documents"] == 12
    assert found["meetings"] == 72
    conn = connect(db)
    assert conn.execute("SELECT * FROM alignment_counts ORDER BY 1, 2, 3").fetchall() == (
        direct_alignment(conn)
    )


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = connect(db)
    try:
        dumped = {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in (*DATA_TABLES, "footnote_refs", "alignment_counts")
        }
        dumped["documents"] = conn.execute(
            "SELECT id, path, sha256, size, errors, warnings, rows_version FROM documents"
        ).fetchall()
        return dumped
    finally:
        conn.close()


def test_rows_are_the_same_whoever_parses_them(tmp_path: Path) -> None:
    text = samples.path().read_text(encoding="utf-8")
    paths = []
    for index in range(3 + load_module.PARALLEL_AFTER):
        path = tmp_path / f"part-{index}.txt"
        path.write_text(renumbered(text, 40 + index, 1000 * (index + 1)), encoding="utf-8")
        paths.append(path)
    # The second load of "there" has enough files to go to parser processes.
    load(paths[:3], tmp_path / "here.db", workers=0)
    load(paths[3:], tmp_path / "here.db", workers=0)
    load(paths[:3], tmp_path / "there.db", workers=0)
    load(paths[3:], tmp_path / "there.db", workers=2)
    here, there = _dump(tmp_path / "here.db"), _dump(tmp_path / "there.db")
    assert here == there
    # Ids run on from the rows already there, and every reference points into its document.
    conn = connect(tmp_path / "there.db")
    assert [r[0] for r in conn.execute("SELECT id FROM sections ORDER BY id")] == list(
        range(1, len(paths) + 1)
    )
    for child, column, parent in (
        ("paragraphs", "section_id", "sections"),
        ("footnote_refs", "footnote_id", "footnotes"),
        ("citations", "footnote_id", "footnotes"),
        ("positions", "meeting_id", "meetings"),
        ("votes", "decision_id", "decisions"),
        ("meeting_notes", "table_note_id", "table_notes"),
    ):
        stray = conn.execute(
            f"SELECT count(*) FROM {child} c JOIN {parent} p ON p.id = c.{column} "
            "WHERE p.document_id <> c.document_id"
        ).fetchone()[0]
        missing = conn.execute(
            f"SELECT count(*) FROM {child} c LEFT JOIN {parent} p ON p.id = c.{column} "
            f"WHERE c.{column} IS NOT NULL AND p.id IS NULL"
        ).fetchone()[0]
        assert (stray, missing) == (0, 0), (child, column)


def test_an_unreadable_file_fails_at_its_turn(tmp_path: Path) -> None:
    text = samples.path().read_text(encoding="utf-8")
    paths = []
    for index in range(load_module.PARALLEL_AFTER + 2):
        path = tmp_path / f"part-{index}.txt"
        path.write_text(renumbered(text, 40 + index, 1000 * (index + 1)), encoding="utf-8")
        paths.append(path)
    paths[5] = tmp_path  # a directory: it cannot be read, wherever it is parsed
    made = []
    with contextlib.ExitStack() as stack:
        prepared = load_module._prepared(paths, 1, stack)
        with pytest.raises(UnreadableFile, match="directory"):
            for item in prepared:
                made.append(item.source)
    assert made == [str(p) for p in paths[:5]]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_rests_during_a_load_and_is_left_as_found(
    db: Path, sample: Path, tmp_path: Path, enabled: bool
) -> None:
    other = tmp_path / "other.md"
    other.write_text(renumbered(sample.read_text(encoding="utf-8")), encoding="utf-8")
    during: list[bool] = []
    (gc.enable if enabled else gc.disable)()
    try:
        load([sample, other], db, progress=lambda *_: during.append(gc.isenabled()))
        assert during == [False, False]
        assert gc.isenabled() is enabled
        with pytest.raises(UnreadableFile):
            load([tmp_path / "missing.md"], db)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
