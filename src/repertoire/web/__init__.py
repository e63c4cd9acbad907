"""The explorer: the store's database served read-only by Datasette, with domain pages.

    from repertoire.web import make_datasette
    ds = make_datasette("repertoire.db")
    response = await ds.client.get("/-/section/1")

The database is opened read-only (SQLite never writes to it; a loader may, and
each page sees the store before or after its commits), only Datasette's
read-only SQL is allowed, and SQL functions that reach outside the data are
denied; the package's ``metadata.json`` gives
titles, descriptions, facets and canned queries; :mod:`repertoire.web.plugin`
adds the section, meeting, State and chart pages.
"""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

import rich
import uvicorn
from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from repertoire.store import queries
from repertoire.store.migrations import StoreError, connect_readonly
from repertoire.web import plugin, urls
from repertoire.web.views import DATABASE, PLUGIN

PACKAGE = resources.files("repertoire.web")


class ServeError(Exception):
    """A problem the user can act on (no database, not a store database)."""


# The canned queries that ask a question of the store: its name, filters, those asked.
CANNED: dict[str, tuple[str, dict[str, Any], tuple[str, ...]]] = {
    "vetoes": ("votes", {"vetoes": True}, ()),
    "failed_drafts": ("votes", {"failed": True}, ()),
    "decisions_of_year": ("votes", {}, ("year",)),
    "alignment": ("alignment", {}, ("member",)),
    "who_spoke": ("speakers", {}, ("meeting",)),
}


def metadata() -> dict[str, Any]:
    """The package's Datasette metadata (titles, descriptions, facets, canned queries).

    The canned queries of :data:`CANNED` are the store's questions written as SQL
    (:func:`repertoire.store.queries.canned`): the same rows as the command line gives.
    """
    data = json.loads(PACKAGE.joinpath("metadata.json").read_text(encoding="utf-8"))
    # The description links to the explorer's pages: their addresses come from urls.
    data["description_html"] = (
        data["description_html"]
        .replace("{explorer}", urls.home())
        .replace("{charts}", urls.charts())
    )
    data.setdefault("plugins", {})[PLUGIN] = {"database": DATABASE}
    kept = data["databases"][DATABASE]["queries"]
    for name, (question, filters, asked) in CANNED.items():
        kept[name]["sql"] = queries.canned(question, asked, **filters)
        # Long, being made for any store: the rows come first, the SQL one click away.
        kept[name]["hide_sql"] = True
    return data


def _register_plugin() -> None:
    """The plugin, when the package's ``datasette`` entry point has not registered it.

    An installed package is found through its entry point; a source tree run from
    its folder, or a test, has none, and registers it as Datasette's testing
    guide shows (``pm.register``), once per process.
    """
    if not pm.is_registered(plugin):
        pm.register(plugin, name=PLUGIN)


def check_database(db_path: str | Path) -> Path:
    """The path of a readable store database, or a :class:`ServeError` saying what is wrong."""
    path = Path(db_path)
    try:
        conn = connect_readonly(path)
    except StoreError as exc:
        raise ServeError(str(exc)) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as exc:
        raise ServeError(f"cannot read {path} as a SQLite database: {exc}") from exc
    finally:
        conn.close()
    missing = {"sections", "meetings", "decisions", "votes"} - tables
    if missing:
        raise ServeError(
            f"{path} is not a store database (no {', '.join(sorted(missing))} table); "
            f"create one with `repertoire load FILE --db {path}`"
        )
    return path


# SQL functions no visitor may call: fts3_tokenizer() hands out a pointer into the
# server's memory (and, given one, would call it); the others reach the file system.
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer", "load_extension", "readfile", "writefile", "edit"})


def authorize(action: int, first: str | None, second: str | None, *_: object) -> int:
    """SQLite's authorizer for the server's connections (visitors' SQL goes through them)."""
    if action == sqlite3.SQLITE_FUNCTION and (second or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and first == "pragma_database_list" and second == "file":
        return sqlite3.SQLITE_IGNORE  # the server's folders are nobody's business: NULL
    return sqlite3.SQLITE_OK


def _store_database(datasette: Any, path: Path) -> Any:
    """The store as Datasette reads it, through read-only connections of our own.

    Not immutable: SQLite's locks and write-ahead log let a loader write
    meanwhile, and each read sees the store before or after a commit, never
    part of one. Visitors see the file's name (``/-/databases.json``), not
    the server's folders.
    """

    class Store(Database):
        def __init__(self) -> None:
            super().__init__(datasette, path=path.name, is_mutable=True)
            self.file = path.resolve()
            # Ours to close: the connections this store opened.
            self.opened: list[sqlite3.Connection] = []

        def connect(self, write: bool = False) -> sqlite3.Connection:
            if write:
                raise AssertionError("the explorer never writes to the store")
            conn = connect_readonly(self.file, check_same_thread=False)
            conn.set_authorizer(authorize)
            self.opened.append(conn)
            return conn

        def close(self) -> None:
            for conn in self.opened:
                conn.close()
            self.opened.clear()

        @property
        def size(self) -> int:
            return self.file.stat().st_size

        @property
        def mtime_ns(self) -> int:
            return self.file.stat().st_mtime_ns

    return Store()


def make_datasette(db_path: str | Path) -> Any:
    """A Datasette serving ``db_path`` read-only as the database ``repertoire``."""
    path = check_database(db_path)
    _register_plugin()
    datasette = Datasette(
        [],
        metadata=metadata(),
        template_dir=str(PACKAGE.joinpath("templates")),
        static_mounts=[("repertoire-static", str(PACKAGE.joinpath("static")))],
        settings={
            "allow_download": False,
            "allow_csv_stream": True,
            "default_page_size": 50,
            # A facet lists its first values (a link shows the rest), so that rows stay in view.
            "default_facet_size": 8,
            "sql_time_limit_ms": 2000,
            # Suggesting facets runs a grouping query per column at every table page, which
            # on the large tables is most of the page's time; the metadata names the facets
            # worth having.
            "suggest_facets": False,
        },
    )
    datasette.add_database(_store_database(datasette, path), name=DATABASE)
    if "_memory" in datasette.databases:
        # Datasette adds an empty in-memory database when it starts with no files.
        datasette.remove_database("_memory")
    return datasette


def serve(datasette: Any, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the explorer (a :func:`make_datasette`) until interrupted."""
    # Datasette prints the traceback of every error page, a plain 404's too, on rich's
    # console; a server's console keeps only those of real failures, which Datasette
    # prints apart (to standard error).
    rich.get_console().quiet = True
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
