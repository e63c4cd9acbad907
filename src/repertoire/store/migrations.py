"""Open a store database and bring its schema up to date.

``connect`` is the one way in for writing: it sets the connection up the same
way every time (foreign keys on, write-ahead log, a busy timeout so that two
writers wait for each other instead of failing) and applies any migration the
file has not had yet. ``connect_readonly`` is the way in for reading: it
never writes, so a store on read-only media reads.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from repertoire.read import symbols
from repertoire.store.schema import LATEST, MERGED_TABLES_SINCE, MIGRATIONS, Migration
from repertoire.store.sources import has_official

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A problem with the store the user can act on; the CLI prints it without a traceback."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        # Set when loading stopped part-way: what was loaded before (a LoadReport). Made
        # here, not as a class default, which a compiled exception class does not give.
        self.report: object | None = None


class UnreadableFile(StoreError):
    """A file given to load that cannot be read."""


def add_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the store's queries use, on ``conn``: ``symbol_key(text)``, the
    one normaliser of symbols (:func:`repertoire.read.symbols.key`), so SQL and Python
    make the same keys."""
    conn.create_function(symbols.SQL_KEY, 1, symbols.sql_key, deterministic=True)


def _configure(conn: sqlite3.Connection) -> None:
    add_functions(conn)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL lets readers go on while one writer commits; NORMAL sync is safe with WAL.
    mode = write_ahead_log(conn)
    if mode.lower() not in ("wal", "memory"):
        raise StoreError(f"cannot switch the database to write-ahead logging (mode {mode})")
    conn.execute("PRAGMA synchronous = NORMAL")
    # A larger page cache than the 2 MB default keeps the upper levels of every index in memory.
    conn.execute("PRAGMA cache_size = -65536")


def write_ahead_log(conn: sqlite3.Connection) -> str:
    """Switch to WAL, retrying: the switch does not wait on the busy timeout.

    Two processes opening a new file at once both try to switch it; the one
    that loses gets "database is locked" at once, and on retry finds it done.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
            if mode.lower() == "wal":
                return mode
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def rollback_journal(conn: sqlite3.Connection) -> bool:
    """Switch the store to a rollback journal for one large transaction, when no other
    connection has it open (none can switch it then); True if switched.

    In write-ahead-log mode a transaction's pages are written twice, to the log and then
    back into the database (when the last connection closes, if not before); with a
    rollback journal a page new to the file is written once, and only the few pages it
    had are journaled. Readers that open the store meanwhile wait for the commit (up to the
    busy timeout) rather than read it as it was: what the loader uses for the first load
    into a store that holds no document (:class:`repertoire.store.write.Writer`).
    ``synchronous=FULL`` meanwhile: NORMAL is safe with a write-ahead log only.
    """
    try:
        mode = conn.execute("PRAGMA main.journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError:  # another connection has the store open
        return False
    if str(mode).lower() != "delete":
        return False
    conn.execute("PRAGMA main.synchronous = FULL")
    return True


def log_again(conn: sqlite3.Connection) -> None:
    """Back to the write-ahead log after :func:`rollback_journal`, once the transaction is
    over. Should a reader hold the store past the busy timeout, it stays as it is: every
    connection that writes switches it (``connect``)."""
    conn.execute("PRAGMA main.synchronous = NORMAL")
    with suppress(sqlite3.OperationalError):
        write_ahead_log(conn)


def _create(path: Path) -> str:
    """How to make a store at ``path``: the Repertoire's files are loaded, the UN's imported."""
    return (
        f"create one with `repertoire load FILE --db {path}` (Repertoire sections) "
        f"or `repertoire import FILE --db {path}` (the UN's official files)"
    )


def connect(
    db_path: str | Path, *, create: bool = True, migrate_to: int | None = LATEST
) -> sqlite3.Connection:
    """Open ``db_path`` (created when missing if ``create``) and migrate it.

    ``migrate_to=None`` leaves the schema as it is (used by tests that build
    an older database on purpose).
    """
    path = Path(db_path)
    if not create and not path.exists():
        raise StoreError(f"no database at {path}; {_create(path)}")
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    if not path.parent.is_dir():
        raise StoreError(f"cannot make the database {path}: there is no folder {path.parent}")
    try:
        # Autocommit: transactions are opened explicitly so their extent is visible.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    try:
        _configure(conn)
        if migrate_to is not None:
            migrate(conn, migrate_to)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a usable repertoire database: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def connect_readonly(db_path: str | Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """Open an existing store database for reading only: nothing is ever written to it.

    No migration, no switch to write-ahead logging, ``query_only`` on: a store
    on read-only media (a shared drive, a published dataset) reads, and a
    loader writing meanwhile is seen at its commits, never half-way. A
    database in write-ahead-log mode on media where even the log's index
    cannot be made (no ``-shm`` file and no right to create one) has no
    writer to coordinate with, and is opened immutable. Raises
    :class:`StoreError` for a missing, empty or foreign file, and for a
    schema this program cannot read (newer, or older and not yet migrated).
    """
    path = Path(db_path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    if not path.exists():
        raise StoreError(f"no database at {path}; {_create(path)}")
    if path.stat().st_size == 0:
        raise StoreError(f"{path} is an empty file, not a store database; {_create(path)}")
    uri = path.resolve().as_uri()
    try:
        try:
            conn, found = _readonly(f"{uri}?mode=ro", check_same_thread)
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc) and "unable to open" not in str(exc):
                raise
            # Read-only media with a write-ahead-log database: no one can write to it.
            conn, found = _readonly(f"{uri}?immutable=1", check_same_thread)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a usable repertoire database: {exc}") from exc
    if found != LATEST:
        conn.close()
        if found > LATEST:
            raise StoreError(
                f"the database has schema version {found}, newer than this program "
                f"understands ({LATEST}); upgrade repertoire"
            )
        if found == 0:
            raise StoreError(
                f"{path} is not a store database (it has no schema version); {_create(path)}"
            )
        raise StoreError(
            f"{path} has schema version {found}, older than this program's ({LATEST}), and "
            f"reading never changes a database: bring it up to date by loading into it once "
            f"(`repertoire load FILE --db {path}`), where it can be written"
        )
    return conn


def _readonly(uri: str, check_same_thread: bool) -> tuple[sqlite3.Connection, int]:
    """A read-only connection and the schema version read through it."""
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=check_same_thread,
    )
    try:
        add_functions(conn)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = 1")
        conn.execute("PRAGMA cache_size = -65536")
        return conn, version(conn)
    except BaseException:
        conn.close()
        raise


def version(conn: sqlite3.Connection) -> int:
    """The schema version of the database; 0 for an empty file."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    # executescript would commit the open transaction; run statement by statement.
    for statement in _statements(migration.sql):
        conn.execute(statement)
    if migration.after is not None:
        migration.after(conn)
    conn.execute(
        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
        (migration.version, migration.description, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def _fill_merged(conn: sqlite3.Connection) -> None:
    """Fill the tables merging every source's statements, when a migration left them empty.

    They are a cache of the statements, remade whole by today's code after every load and
    import; a migration only makes them (empty). They are filled in the transaction of the
    last migration of the run, with the schema as it then is, so a store that crosses
    several versions fills them once, and two processes migrating at once fill them once.
    """
    if version(conn) < MERGED_TABLES_SINCE or not has_official(conn):
        return
    merged = "SELECT 1 FROM council_meetings UNION ALL SELECT 1 FROM council_decisions LIMIT 1"
    if conn.execute(merged).fetchone() is None:
        # Imported here: opening a store to read it needs none of the merging rules.
        from repertoire.store.council import refresh

        refresh(conn)


def _statements(sql: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> list[int]:
    """Apply every migration up to ``target`` not yet applied; return the versions applied.

    Each migration runs in its own immediate transaction, and the version is
    read again once the write lock is held, so two processes opening a new
    database at the same moment apply each migration once.
    """
    if version(conn) > LATEST:
        raise StoreError(
            f"the database has schema version {version(conn)}, newer than this program "
            f"understands ({LATEST}); upgrade repertoire"
        )
    applied: list[int] = []
    last = min(target, MIGRATIONS[-1].version)
    for migration in MIGRATIONS:
        if migration.version > target:
            break
        if version(conn) >= migration.version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            if version(conn) >= migration.version:
                conn.execute("COMMIT")
                continue
            _apply(conn, migration)
            if migration.version == last:
                _fill_merged(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
