"""A store on read-only media: every reading command reads it and writes nothing.

The read-only folder is made with chmod. Run as root, chmod stops nothing, so the commands
then run without root's capabilities (``setpriv``), which makes the folder as read-only for
them as for anyone: a command that tried to write (migrate, switch to write-ahead logging,
make a ``-wal`` file) would fail there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.store import LATEST, StoreError, connect, load, open_db, queries

CLI = [sys.executable, "-c", "from repertoire.cli import main; main()"]
READING = [
    ["meetings", "--year", "2023"],
    ["votes", "--member", "France"],
    ["speakers", "--meeting", "S/PV.9251"],
    ["positions", "--member", "Brazil"],
    ["cites", "S/PV.9251"],
    ["search", "sanctions"],
    ["alignment", "--year", "2023"],
    ["render", "--format", "markdown"],
]


def _unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("run as root without setpriv: chmod cannot make a folder read-only")
    return [setpriv, "--bounding-set", "-all", "--inh-caps", "-all", "--"]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def readonly_store(tmp_path: Path):
    folder = tmp_path / "published"
    folder.mkdir()
    db = folder / "store.db"
    load([samples.path()], db)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert sorted(p.name for p in folder.iterdir()) == ["store.db"]
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH)
    try:
        yield db
    finally:
        folder.chmod(stat.S_IRWXU)
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_unprivileged(), *CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_the_folder_is_really_read_only(readonly_store: Path, tmp_path: Path) -> None:
    script = f"open({str(readonly_store.parent / 'x')!r}, 'w')"
    tried = subprocess.run([*_unprivileged(), sys.executable, "-c", script], capture_output=True)
    assert tried.returncode != 0 and b"Permission denied" in tried.stderr


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_reading_commands_read_a_read_only_store(
    readonly_store: Path, tmp_path: Path, command: list[str]
) -> None:
    before = _digest(readonly_store.parent)
    result = _run(*command, "--db", str(readonly_store), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "Traceback" not in result.stderr
    assert _digest(readonly_store.parent) == before  # no -wal, no -shm, not a byte changed


def test_export_reads_a_read_only_store(readonly_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run("export", "--db", str(readonly_store), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len((out / "meetings.csv").read_text().splitlines()) == 1 + 6


def test_serve_serves_a_read_only_store(readonly_store: Path, tmp_path: Path) -> None:
    before = _digest(readonly_store.parent)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [*_unprivileged(), *CLI, "serve", "--db", str(readonly_store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                url = f"http://127.0.0.1:{port}/-/section/1"
                with urllib.request.urlopen(url, timeout=30) as response:
                    assert response.status == 200
                    assert "The situation in Mali" in response.read().decode()
                    break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert _digest(readonly_store.parent) == before


def test_reading_never_switches_the_journal_or_migrates(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    load([samples.path()], db)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    before = _digest(tmp_path)
    for command in READING:
        result = CliRunner().invoke(main, [*command, "--db", str(db)])
        assert result.exit_code == 0, result.output
    assert _digest(tmp_path) == before
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def _with_version(db: Path, version: int) -> None:
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("DELETE FROM schema_version WHERE version > ?", (version,))
        conn.execute(
            "INSERT OR IGNORE INTO schema_version VALUES (?, 'from elsewhere', '2100-01-01')",
            (version,),
        )


def test_a_newer_or_older_store_is_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    load([samples.path()], db)
    _with_version(db, LATEST + 1)
    with pytest.raises(StoreError, match="newer than this program"), open_db(db):
        pass
    result = CliRunner().invoke(main, ["meetings", "--db", str(db)])
    assert result.exit_code == 1 and "upgrade repertoire" in result.output
    # A store really made by the program before this one: its schema stops a migration short.
    older = tmp_path / "older"
    older.mkdir()
    old_db = older / "store.db"
    connect(old_db, migrate_to=LATEST - 1).close()
    before = _digest(older)["store.db"]
    result = CliRunner().invoke(main, ["meetings", "--db", str(old_db)])
    assert result.exit_code == 1 and "older than this program" in result.output
    assert _digest(older)["store.db"] == before  # not migrated by a reading command
    load([samples.path()], old_db)  # a writing command brings it up to date
    with open_db(old_db) as conn:
        assert queries.meetings(conn)
