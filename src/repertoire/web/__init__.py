"""The explorer: the store's database served read-only by Datasette, with domain pages.

    from repertoire.web import make_datasette
    ds = make_datasette("repertoire.db")
    response = await ds.client.get("/-/section/1")

The database is opened immutable (SQLite never writes to it) and only
Datasette's read-only SQL is allowed; the package's ``metadata.json`` gives
titles, descriptions, facets and canned queries; :mod:`repertoire.web.plugin`
adds the section, meeting, State and chart pages.
"""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

import uvicorn
from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from repertoire.web import plugin
from repertoire.web.views import DATABASE, PLUGIN

PACKAGE = resources.files("repertoire.web")


class ServeError(Exception):
    """A problem the user can act on (no database, not a store database)."""


def metadata() -> dict[str, Any]:
    """The package's Datasette metadata (titles, descriptions, facets, canned queries)."""
    data = json.loads(PACKAGE.joinpath("metadata.json").read_text(encoding="utf-8"))
    data.setdefault("plugins", {})[PLUGIN] = {"database": DATABASE}
    return data


def _register_plugin() -> None:
    if not pm.is_registered(plugin):
        pm.register(plugin, name=PLUGIN)
    # Datasette 0.65 prints a 404's traceback with rich outside an except block, which
    # rich refuses (ValueError), turning every plain 404 into a server error.
    default_handler = pm.get_plugin("datasette.handle_exception")
    if default_handler is not None:
        default_handler.rich = None


def check_database(db_path: str | Path) -> Path:
    """The path of a readable store database, or a :class:`ServeError` saying what is wrong."""
    path = Path(db_path)
    if not path.is_file():
        raise ServeError(
            f"no database at {path}; create one with `repertoire load FILE --db {path}`"
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise ServeError(f"cannot read {path} as a SQLite database: {exc}") from exc
    missing = {"sections", "meetings", "decisions", "votes"} - tables
    if missing:
        raise ServeError(
            f"{path} is not a store database (no {', '.join(sorted(missing))} table); "
            f"create one with `repertoire load FILE --db {path}`"
        )
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        # Immutable mode reads only the main file; a write still in the log would be missed.
        raise ServeError(
            f"{path} has writes not yet checkpointed ({wal.name}); wait for the loader to finish"
        )
    return path


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
        },
    )
    # Immutable: SQLite opens the file read-only and never takes a write lock on it.
    datasette.add_database(
        Database(datasette, path=str(path.resolve()), is_mutable=False), name=DATABASE
    )
    if "_memory" in datasette.databases:
        # Datasette adds an empty in-memory database when it starts with no files.
        datasette.remove_database("_memory")
    return datasette


def serve(datasette: Any, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve the explorer (a :func:`make_datasette`) until interrupted."""
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
