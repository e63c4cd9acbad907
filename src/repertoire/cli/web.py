"""Commands that show the data: ``render`` (a section back in the Repertoire's form) and
``serve`` (the explorer)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from repertoire.cli.read import read_path
from repertoire.records import Document
from repertoire.render import FORMATS, render
from repertoire.store.migrations import StoreError, connect_readonly
from repertoire.store.records import document_from_db, section_rows


def _from_file(path: str, number: str | None) -> Document:
    document = read_path(path)
    if not document.sections:
        messages = "; ".join(f.message for f in document.findings) or "no sections found"
        raise click.ClickException(f"nothing to render in {path}: {messages}")
    if number is None:
        return document
    wanted = number.strip().rstrip(".")
    chosen = [s for s in document.sections if s.number == wanted]
    if not chosen:
        found = ", ".join(s.number or "(untitled)" for s in document.sections)
        raise click.ClickException(f"no section {wanted} in {path}; it has: {found}")
    return Document(document.source, chosen, document.findings, document.text)


def _from_db(db: str, number: str | None) -> Document:
    path = Path(db)
    try:
        # Read-only: rendering never changes the store.
        conn = connect_readonly(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        try:
            conn.execute("BEGIN")  # one state of the store, should a loader commit meanwhile
            rows = section_rows(conn, number)
            if not rows and number:
                present = "; ".join(
                    f"{row.number or '(untitled)'} ({row.title}, {row.document})"
                    for row in section_rows(conn)
                )
                raise click.ClickException(
                    f"no section {number} in {path}; it has: {present or 'no sections'}"
                )
            if not rows:
                raise click.ClickException(f"no sections in {path}")
            return document_from_db(conn, [row.id for row in rows])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise click.ClickException(f"cannot read {path} as a store database: {exc}") from exc


@click.command("render")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--db", type=click.Path(dir_okay=False), help="Render from a store database.")
@click.option("--section", "number", metavar="N", help="Only section N (its number, e.g. 11).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="markdown",
    show_default=True,
    help="Markdown that reads back into the same records, or a printable HTML page.",
)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write to a file.")
def render_command(
    file: str | None, db: str | None, number: str | None, fmt: str, out: str | None
) -> None:
    """Write a section (FILE, or the store at --db) back in the Repertoire's form.

    Heading, narrative with numbered footnote markers, footnotes, the meetings
    table with its seven columns and the lettered notes; every document symbol
    links to the UN document system.

    Example: repertoire render section.txt --format html --out section.html
    """
    if (file is None) == (db is None):
        raise click.UsageError("give either FILE or --db PATH")
    document = _from_file(file, number) if file is not None else _from_db(db or "", number)
    text = render(document, fmt)  # type: ignore[arg-type]
    if out is None:
        click.echo(text, nl=False)
    else:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from exc
        click.echo(f"wrote {out}", err=True)


@click.command("serve")
@click.option(
    "--db",
    default="repertoire.db",
    show_default=True,
    envvar="REPERTOIRE_DB",
    type=click.Path(dir_okay=False),
    help="Store database to serve (read-only); also REPERTOIRE_DB.",
)
@click.option(
    "--port",
    default=8001,
    show_default=True,
    envvar="REPERTOIRE_PORT",
    type=click.IntRange(0, 65535),
    help="Port to listen on (also REPERTOIRE_PORT).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 for every interface).",
)
def serve_command(db: str, port: int, host: str) -> None:
    """Explore the store in a browser: sections, meetings with vote grids, States, charts.

    The database is served read-only by Datasette; nothing is fetched from
    the network.

    Example: repertoire serve --db repertoire.db --port 8001
    """
    # Imported on use, not at the top: the explorer is the optional web extra (a clear
    # message when it is missing), and Datasette and Altair take over a second to import,
    # which every other command would otherwise pay.
    try:
        from repertoire.web import ServeError, make_datasette, serve, urls
    except ImportError as exc:
        raise click.ClickException(
            f"the explorer needs the web extra ({exc.name or 'a package'} is not installed): "
            "pip install 'repertoire[web]'"
        ) from None

    try:
        datasette = make_datasette(db)
    except ServeError as exc:
        raise click.ClickException(str(exc)) from exc
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {db} read-only at http://{shown}:{port}{urls.home()}", err=False)
    click.echo("Press Ctrl+C to stop.")
    serve(datasette, host, port)


COMMANDS = [render_command, serve_command]
